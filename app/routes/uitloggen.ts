import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { t } from "~/i18n";
import { clearSessionCookie, invalidateSession } from "~/utils/auth.server";
import { toastHeader } from "~/utils/toast.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  await invalidateSession(request);
  const headers = new Headers();
  headers.append("Set-Cookie", clearSessionCookie());
  headers.append("Set-Cookie", await toastHeader({ kind: "info", message: t("common.flash.loggedOut") }));
  return redirect("/", { headers });
}
