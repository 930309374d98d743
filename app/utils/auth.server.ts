import { hash, verify } from "@node-rs/argon2";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { redirect } from "@remix-run/node";
import { hasPermission, type Permission, type Role } from "~/domain/permissions";
import { db } from "./db.server";
import { env } from "./env.server";
import { sessionUserRows, type SessionUserRow } from "./sql.server";
import { toastHeader, type Toast } from "./toast.server";

/**
 * Sessions after Lucia's own recipe (the lucia package is deprecated): a random token in an
 * HttpOnly cookie, only its SHA-256 in the database, 30-day expiry extended when less than
 * 15 days remain.
 */
export const SESSION_COOKIE = "bb_session";
const DAY = 24 * 60 * 60 * 1000;
const SESSION_DAYS = 30;

/** SHA-256 (hex) of a token: what is stored for session and password-reset tokens. */
export function hashToken(token: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function generateSessionToken() {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** Could this be a token from generateSessionToken (20 bytes, base32)? Checked before any lookup. */
export function isGeneratedToken(token: string | undefined): token is string {
  return token !== undefined && /^[a-z2-7]{32}$/.test(token);
}

export async function createSession(userId: string) {
  const token = generateSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_DAYS * DAY);
  await db.session.create({ data: { id: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

/** Logs the user in on this device (a new session) and redirects with a confirmation. */
export async function redirectWithNewSession(userId: string, to: string, toast: Toast) {
  const session = await createSession(userId);
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(session.token, session.expiresAt));
  headers.append("Set-Cookie", await toastHeader(toast));
  return redirect(to, { headers });
}

export function sessionCookie(token: string, expiresAt: Date) {
  const parts = [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (env().secureCookies) parts.push("Secure");
  return parts.join("; ");
}

export function clearSessionCookie() {
  const parts = [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (env().secureCookies) parts.push("Secure");
  return parts.join("; ");
}

function readToken(request: Request) {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return rest.join("=") || null;
  }
  return null;
}

export type SessionUser = {
  id: string;
  name: string;
  email: string;
  buurtCode: string | null;
  roles: Role[];
  memberships: { organisationId: string; organisationName: string; role: string }[];
};

/** Validates the session token; extends the session when it is past half its life. */
export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const token = readToken(request);
  if (!token) return null;
  const id = hashToken(token);
  const rows = await sessionUserRows(id);
  if (rows.length === 0) return null;
  const now = Date.now();
  const expiresAt = new Date(rows[0].expiresAt).getTime();
  if (expiresAt <= now) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  if (expiresAt - now < (SESSION_DAYS / 2) * DAY) {
    // The cookie keeps its original expiry; the next login or a later response renews it.
    await db.session.update({ where: { id }, data: { expiresAt: new Date(now + SESSION_DAYS * DAY) } });
  }
  return sessionUserFromRows(rows);
}

/** Folds the role x membership rows of sessionUserRows into one SessionUser. */
export function sessionUserFromRows(rows: SessionUserRow[]): SessionUser {
  const roles = new Set<Role>();
  const memberships = new Map<string, SessionUser["memberships"][number]>();
  for (const row of rows) {
    if (row.role) roles.add(row.role as Role);
    if (row.organisationId && !memberships.has(row.organisationId)) {
      memberships.set(row.organisationId, {
        organisationId: row.organisationId,
        organisationName: row.organisationName ?? "",
        role: row.membershipRole ?? "member",
      });
    }
  }
  const [first] = rows;
  return {
    id: first.id,
    name: first.name,
    email: first.email,
    buurtCode: first.buurtCode,
    roles: [...roles],
    memberships: [...memberships.values()],
  };
}

export async function invalidateSession(request: Request) {
  const token = readToken(request);
  if (token) await db.session.deleteMany({ where: { id: hashToken(token) } });
}

export async function invalidateAllSessions(userId: string) {
  await db.session.deleteMany({ where: { userId } });
}

/** Only same-site paths: never redirect to another host after login. */
export function safeRedirectTo(value: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  return value;
}

export async function requireUser(request: Request) {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = `${url.pathname}${url.search}`;
    throw redirect(`/inloggen?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  return user;
}

export async function requirePermission(request: Request, permission: Permission) {
  const user = await requireUser(request);
  if (!hasPermission(user, permission)) {
    throw new Response("Geen toegang", { status: 403 });
  }
  return user;
}

export function hashPassword(password: string) {
  return hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 });
}

// A fixed hash to verify against when the email is unknown, so both paths take as long.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string) {
  if (!passwordHash) {
    dummyHash ??= hashPassword("not-a-real-password-0000");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
