import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { t } from "~/i18n";
import { alertUnsubscribeState, readAlertUnsubscribeToken, unsubscribeAlerts } from "~/utils/alerts.server";

/**
 * One-click unsubscribe from an e-mailattentie (List-Unsubscribe, RFC 8058). GET only asks
 * (mail scanners and link previews open links); POST does it. The signed token is the
 * authority, so the POST needs no login and no CSRF token: mail clients post
 * `List-Unsubscribe=One-Click` themselves. Repeating it is harmless.
 */
export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const title = !data?.valid
    ? t("alerts.unsubscribe.invalidTitle")
    : data.scope === "alle"
      ? t("alerts.unsubscribe.titleAll")
      : t("alerts.unsubscribe.title");
  return [{ title: `${title} | ${t("common.appName")}` }, { name: "robots", content: "noindex" }];
};

export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer" });

export async function loader({ params }: LoaderFunctionArgs) {
  const state = await alertUnsubscribeState(params.token);
  if (!state) return data({ valid: false as const }, { status: 404 });
  return { valid: true as const, scope: state.scope, active: state.active, description: state.description };
}

export async function action({ params }: ActionFunctionArgs) {
  const scope = readAlertUnsubscribeToken(params.token);
  if (!scope) return data({ done: false as const }, { status: 404 });
  await unsubscribeAlerts(scope);
  return { done: true as const };
}

export default function AlertUnsubscribePage() {
  const state = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();

  if (!state.valid) {
    return (
      <Page title={t("alerts.unsubscribe.invalidTitle")}>
        <p className="mt-4 text-lg">{t("alerts.unsubscribe.invalid")}</p>
      </Page>
    );
  }
  const all = state.scope === "alle";
  const title = all ? t("alerts.unsubscribe.titleAll") : t("alerts.unsubscribe.title");
  if (result?.done) {
    return (
      <Page title={title}>
        <p role="status" className="mt-4 text-lg font-semibold">
          {all ? t("alerts.unsubscribe.doneAll") : t("alerts.unsubscribe.done")}
        </p>
      </Page>
    );
  }
  if (!state.active) {
    return (
      <Page title={title}>
        <p className="mt-4 text-lg">{t("alerts.unsubscribe.gone")}</p>
      </Page>
    );
  }
  return (
    <Page title={title}>
      <p className="mt-4 text-lg">{all ? t("alerts.unsubscribe.questionAll") : t("alerts.unsubscribe.question")}</p>
      {state.description && !all ? <p className="card mt-4 p-4 font-semibold">{state.description}</p> : null}
      <Form method="post" className="mt-6">
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {all ? t("alerts.unsubscribe.submitAll") : t("alerts.unsubscribe.submit")}
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
      <p className="mt-8 flex flex-wrap gap-4">
        <Link to="/attenties">{t("alerts.unsubscribe.newAlert")}</Link>
        <Link to="/">{t("mail.unsubscribe.backHome")}</Link>
      </p>
    </div>
  );
}
