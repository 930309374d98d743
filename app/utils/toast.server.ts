import { randomUUID } from "node:crypto";
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { env } from "./env.server";

/** One-time confirmation messages ("toasts") carried across a redirect in a signed cookie. */
export type Toast = { message: string; kind: "success" | "info" };
type StoredToast = Toast & { id: string };

type ToastData = { toast: StoredToast };
let storage: ReturnType<typeof createCookieSessionStorage<ToastData, ToastData>> | undefined;
function toastStorage() {
  storage ??= createCookieSessionStorage<ToastData, ToastData>({
    cookie: {
      name: "bb_toast",
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: env().secureCookies,
      secrets: [env().SESSION_SECRET],
    },
  });
  return storage;
}

export async function toastHeader(toast: Toast) {
  const session = await toastStorage().getSession();
  session.flash("toast", { ...toast, id: randomUUID() });
  return toastStorage().commitSession(session);
}

export async function redirectWithToast(url: string, toast: Toast, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await toastHeader(toast));
  return redirect(url, { ...init, headers });
}

/** Reads and clears the toast; send the returned header with the response. */
export async function readToast(request: Request) {
  const session = await toastStorage().getSession(request.headers.get("Cookie"));
  const toast = session.get("toast") ?? null;
  return { toast, header: toast ? await toastStorage().destroySession(session) : null };
}
