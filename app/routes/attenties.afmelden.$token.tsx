import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { NarrowPage } from "~/components/narrow-page";
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
      <NarrowPage links={ALERT_LINKS} title={t("alerts.unsubscribe.invalidTitle")}>
        <p className="mt-4 text-lg">{t("alerts.unsubscribe.invalid")}</p>
      </NarrowPage>
    );
  }
  const all = state.scope === "alle";
  const title = all ? t("alerts.unsubscribe.titleAll") : t("alerts.unsubscribe.title");
  if (result?.done) {
    return (
      <NarrowPage links={ALERT_LINKS} title={title}>
        <p role="status" className="mt-4 text-lg font-semibold">
          {all ? t("alerts.unsubscribe.doneAll") : t("alerts.unsubscribe.done")}
        </p>
      </NarrowPage>
    );
  }
  if (!state.active) {
    return (
      <NarrowPage links={ALERT_LINKS} title={title}>
        <p className="mt-4 text-lg">{t("alerts.unsubscribe.gone")}</p>
      </NarrowPage>
    );
  }
  return (
    <NarrowPage links={ALERT_LINKS} title={title}>
      <p className="mt-4 text-lg">{all ? t("alerts.unsubscribe.questionAll") : t("alerts.unsubscribe.question")}</p>
      {state.description && !all ? <p className="card mt-4 p-4 font-semibold">{state.description}</p> : null}
      <Form method="post" className="mt-6">
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {all ? t("alerts.unsubscribe.submitAll") : t("alerts.unsubscribe.submit")}
        </button>
      </Form>
    </NarrowPage>
  );
}

const ALERT_LINKS = [{ to: "/attenties", label: t("alerts.unsubscribe.newAlert") }];
