import { expect } from "vitest";
import { db } from "~/utils/db.server";
import { createUser, sessionCookieFor } from "./db-utils";

/**
 * Calling Remix loaders and actions directly in integration tests, the way the server does:
 * a Request with the session cookie and form body; a thrown Response counts as the answer.
 */
export type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

export type Reply = {
  data: {
    intent?: string;
    result?: Reply["data"];
    error?: Record<string, string[] | null>;
    initialValue?: Record<string, unknown>;
  };
  init: ResponseInit | null;
};

export async function run(
  handler: Handler,
  path: string,
  options: { cookie?: string; form?: URLSearchParams | Record<string, string>; params?: Record<string, string> } = {},
) {
  const request = new Request(`http://localhost${path}`, {
    method: options.form ? "POST" : "GET",
    body: options.form ? new URLSearchParams(options.form) : undefined,
    headers: options.cookie ? { Cookie: options.cookie } : {},
  });
  try {
    return await handler({ request, params: options.params ?? {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** The HTTP status of a loader/action answer (a Response, a `data()` value or plain data). */
export const status = (result: unknown) =>
  result instanceof Response ? result.status : ((result as { init?: ResponseInit | null } | null)?.init?.status ?? 200);

/** Field errors of a conform reply (also when wrapped as `{ intent, result }`). */
export function errorsOf(result: unknown) {
  const reply = (result as Reply).data;
  return (reply.result ?? reply).error ?? {};
}

/** Where a redirect goes. */
export function locationOf(result: unknown) {
  expect(result).toBeInstanceOf(Response);
  return (result as Response).headers.get("Location");
}

let sequence = 0;
export const unique = (text: string) => `${text} ${++sequence}-${Math.random().toString(36).slice(2, 7)}`;

export async function createOrganisation(name = unique("Organisatie")) {
  return db.organisation.create({ data: { name, type: "welzijn" }, select: { id: true, name: true } });
}

/** A user with a membership (member, or coordinator) in each organisation given, with a session cookie. */
export async function partner(organisationIds: string | string[], role: "member" | "coordinator" = "member") {
  const user = await createUser();
  for (const organisationId of [organisationIds].flat()) {
    await db.membership.create({ data: { userId: user.id, organisationId, role } });
  }
  return { ...user, cookie: await sessionCookieFor(user.id) };
}

/** A user with only global roles (resident by default), with a session cookie. */
export async function person(roles: Parameters<typeof createUser>[0] = {}) {
  const user = await createUser(roles);
  return { ...user, cookie: await sessionCookieFor(user.id) };
}
