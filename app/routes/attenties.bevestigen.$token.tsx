import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { frequencyLabel } from "~/domain/alerts";
import { t } from "~/i18n";
import { confirmAlertSubscription, pendingConfirmation } from "~/utils/alerts.server";

/**
 * The link in the confirmation mail. GET only shows what would be switched on: mail scanners
 * and link previews open links, and must not confirm a subscription nobody asked for (that is
 * what double opt-in guards against). The button POSTs; the token is the authority.
 */
export const meta: MetaFunction = () => [
  { title: `${t("alerts.confirm.title")} | ${t("common.appName")}` },
  { name: "robots", content: "noindex" },
];

export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer" });

export async function loader({ params }: LoaderFunctionArgs) {
  const pending = await pendingConfirmation(params.token);
  if (!pending) return data({ valid: false as const }, { status: 404 });
  return { valid: true as const, description: pending.description, frequency: frequencyLabel(pending.frequency) };
}

export async function action({ params }: ActionFunctionArgs) {
  const result = await confirmAlertSubscription(params.token);
  if (result.status === "invalid") return data(result, { status: 404 });
  return result;
}

export default function ConfirmAlertPage() {
  const state = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();

  if (result && result.status !== "invalid") {
    return (
      <Page title={t("alerts.confirm.doneTitle")}>
        <p role="status" className="mt-4 text-lg font-semibold">
          {result.description}.
        </p>
        <p className="mt-3">
          {result.status === "duplicate" ? t("alerts.confirm.duplicate") : t("alerts.confirm.done")}
        </p>
      </Page>
    );
  }
  if (!state.valid || result?.status === "invalid") {
    return (
      <Page title={t("alerts.confirm.invalidTitle")}>
        <p className="mt-4 text-lg">{t("alerts.confirm.invalid")}</p>
        <p className="mt-4">
          <Link to="/attenties">{t("alerts.confirm.again")}</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t("alerts.confirm.title")}>
      <p className="mt-4 text-lg">{t("alerts.confirm.question")}</p>
      <p className="card mt-4 p-4 font-semibold">
        {state.description} ({state.frequency})
      </p>
      <Form method="post" className="mt-6">
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("alerts.confirm.submit")}
        </button>
      </Form>
    </Page>
  );
}

function Page({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-xl px-4 py-8">
      <h1 className="text-3xl font-bold">{title}</h1>
      {children}
      <p className="mt-8">
        <Link to="/">{t("mail.unsubscribe.backHome")}</Link>
      </p>
    </div>
  );
}
