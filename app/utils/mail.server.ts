import { createHmac, timingSafeEqual } from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import { isAdmin } from "~/domain/permissions";
import type { SessionUser } from "./auth.server";
import { db, type Tx } from "./db.server";
import { env, type Env } from "./env.server";
import { enqueueJob } from "./jobs.server";

/**
 * Outgoing mail. Nothing is sent inside a request: `queueEmail` writes a `send_email` job in the
 * caller's transaction and the job worker sends it, so a slow or broken mail server never
 * slows a page down or loses a mail (the job is retried with backoff). Every mail is also
 * recorded in OutboxMail; without SMTP_URL that record is all there is (see /dev/outbox).
 */
export type EmailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** One-click unsubscribe link (RFC 8058); notification mail always has one. */
  unsubscribeUrl?: string;
};

const emailMessageSchema = z.object({
  to: z.string().min(3),
  subject: z.string().min(1),
  text: z.string(),
  html: z.string().optional(),
  unsubscribeUrl: z.url().optional(),
});

export async function queueEmail(
  tx: Tx,
  message: EmailMessage,
  runAt: Date = new Date(),
  options: { id?: string } = {},
) {
  await enqueueJob(tx, "send_email", emailMessageSchema.parse(message), runAt, options);
}

let transport: { url: string; transporter: Transporter } | undefined;

/**
 * Connection options of the SMTP transport. nodemailer reads them from the URL's query (an
 * options object next to a URL is ignored), so they are added to SMTP_URL where it does not
 * set them itself.
 * - Short timeouts: a hanging mail server must fail the job (and retry) well within the
 *   worker's 5-minute lock, or another worker would take the job over and send it twice.
 * - Pooled: mails one after another (a digest, a round of notifications) go over a kept
 *   connection instead of a new one each. Mail servers make every new client wait before their
 *   greeting (anti-spam: 100 ms in the tests' smtp-server, seconds behind Postfix's
 *   postscreen), which cost more than sending the mail. The pool replaces a connection the
 *   server closed while idle; a send that fails leaves the job to retry.
 */
const SMTP_OPTIONS = {
  pool: "true",
  maxConnections: "2",
  // A mail whose connection closed mid-send fails the job (which retries it) instead of being
  // sent again by the pool, without limit and outside the job's lock.
  maxRequeues: "0",
  connectionTimeout: "10000",
  greetingTimeout: "10000",
  socketTimeout: "30000",
};

/** SMTP_URL with SMTP_OPTIONS added, except those it sets itself. */
export function smtpTransportUrl(url: string) {
  const parsed = new URL(url);
  for (const [name, value] of Object.entries(SMTP_OPTIONS)) {
    if (!parsed.searchParams.has(name)) parsed.searchParams.set(name, value);
  }
  return parsed.toString();
}

function smtpTransport(url: string, from: string) {
  if (transport?.url !== url) {
    closeMailTransport();
    transport = { url, transporter: nodemailer.createTransport(smtpTransportUrl(url), { from }) };
  }
  return transport.transporter;
}

/** Closes the pooled SMTP connections (when the job worker stops, or the SMTP URL changes). */
export function closeMailTransport() {
  transport?.transporter.close();
  transport = undefined;
}

/**
 * The `send_email` job handler. The OutboxMail row takes the job's id, so a retry after a
 * half-finished attempt updates the same row, and a mail that was sent before the job could be
 * marked done is not sent again.
 */
export async function sendQueuedEmail(payload: unknown, context: { jobId: string; now: Date }) {
  const message = emailMessageSchema.parse(payload);
  const { SMTP_URL, MAIL_FROM } = env();
  const existing = await db.outboxMail.findUnique({ where: { id: context.jobId }, select: { sentAt: true } });
  if (existing?.sentAt) return;
  const record = {
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html ?? null,
    transport: SMTP_URL ? "smtp" : "local",
  };
  await db.outboxMail.upsert({
    where: { id: context.jobId },
    create: { id: context.jobId, ...record, createdAt: context.now },
    update: record,
  });
  if (!SMTP_URL) return;

  await smtpTransport(SMTP_URL, MAIL_FROM).sendMail({
    from: MAIL_FROM,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers: {
      // Tells mail servers and out-of-office replies that no person sent this.
      "Auto-Submitted": "auto-generated",
      ...(message.unsubscribeUrl
        ? {
            "List-Unsubscribe": `<${message.unsubscribeUrl}>`,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          }
        : {}),
    },
  });
  await db.outboxMail.update({ where: { id: context.jobId }, data: { sentAt: new Date() } });
}

/* ---------------------------------------------------------------------------------------------
 * Unsubscribe links. The token is the user id, the scope (one issue or all mail) and an HMAC of
 * both with SESSION_SECRET, so links need no database row and cannot be made up for someone
 * else. They do not expire: an old mail's unsubscribe link must keep working.
 * ------------------------------------------------------------------------------------------- */

/**
 * A link token "<id>.<scope>.<HMAC of purpose, id and scope>": proves we made it for this id and
 * scope, without a database row. Used for unsubscribe links here and for area alerts.
 */
export function signedScopeToken(purpose: string, id: string, scope: string) {
  return `${id}.${scope}.${scopeSignature(purpose, id, scope)}`;
}

function scopeSignature(purpose: string, id: string, scope: string) {
  return createHmac("sha256", env().SESSION_SECRET).update(`${purpose}:${id}:${scope}`).digest("base64url");
}

/** The id and scope of a token made by signedScopeToken, or null; `scopes` is a regex alternation. */
export function readSignedScopeToken(purpose: string, token: string | undefined, scopes: string) {
  if (!token || token.length > 200) return null;
  const match = new RegExp(`^([A-Za-z0-9_-]{1,64})\\.(${scopes})\\.([A-Za-z0-9_-]{43})$`).exec(token);
  if (!match) return null;
  const [, id, scope, signature] = match;
  const expected = Buffer.from(scopeSignature(purpose, id, scope));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { id, scope };
}

export type UnsubscribeScope = { userId: string; issueId: number | null };

export function unsubscribeToken({ userId, issueId }: UnsubscribeScope) {
  return signedScopeToken("unsubscribe", userId, issueId === null ? "all" : String(issueId));
}

export function unsubscribeUrl(scope: UnsubscribeScope) {
  return `${env().PUBLIC_URL}/afmelden/${unsubscribeToken(scope)}`;
}

/** The scope a token stands for, or null when it was not made by us (or was cut off). */
export function readUnsubscribeToken(token: string | undefined): UnsubscribeScope | null {
  const read = readSignedScopeToken("unsubscribe", token, "all|[1-9]\\d{0,15}");
  if (!read) return null;
  const issueId = read.scope === "all" ? null : Number(read.scope);
  if (issueId !== null && !Number.isSafeInteger(issueId)) return null;
  return { userId: read.id, issueId };
}

/**
 * Who may see /dev/outbox. Mail with password-reset links is listed there, so in production
 * only administrators; in development everyone. With SMTP_URL set there is no outbox page.
 */
export function outboxAccess(
  user: Pick<SessionUser, "id" | "roles" | "memberships"> | null,
  config: Pick<Env, "NODE_ENV" | "SMTP_URL"> = env(),
): "allowed" | "not_found" | "login" | "forbidden" {
  if (config.SMTP_URL) return "not_found";
  if (config.NODE_ENV !== "production") return "allowed";
  if (!user) return "login";
  return isAdmin(user) ? "allowed" : "forbidden";
}
