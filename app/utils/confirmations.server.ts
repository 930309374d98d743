import { unlink } from "node:fs/promises";
import path from "node:path";
import { hasPermission, type Permission, type Role } from "~/domain/permissions";
import { t } from "~/i18n";
import { queueAlertMatching } from "./alerts.server";
import { generateSessionToken, hashToken, isGeneratedToken } from "./auth.server";
import { db, type Tx } from "./db.server";
import { env } from "./env.server";
import { bumpIssuesVersion, findPublicIssue } from "./issues.server";
import { queueEmail } from "./mail.server";
import { queueNewIssueMail } from "./notifications.server";
import { createPasswordResetToken } from "./password-reset.server";

/**
 * Reporting or supporting without an account. The person gives an email address and gets a
 * link (a random token, only its SHA-256 stored, like sessions) that works for 48 hours and once.
 * Until the link is used an issue stays `unconfirmed` (no public page, map, list, feed or API
 * shows it) and a support is only a PendingConfirmation row. Confirming attaches the item to
 * the account with that address, or to a new account without a password: the mail proved the
 * address, and the person can choose a password later. Unconfirmed issues are removed after
 * 7 days by the `purge_unconfirmed` job.
 */
export const CONFIRMATION_TTL_MS = 48 * 60 * 60 * 1000;
export const UNCONFIRMED_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export type ConfirmationKind = "report" | "support";

export function confirmationPath(token: string) {
  return `/bevestigen/${token}`;
}

function mailText(kind: ConfirmationKind, title: string, url: string) {
  const report = kind === "report";
  return [
    t("confirm.mail.greeting"),
    "",
    t(report ? "confirm.mail.introReport" : "confirm.mail.introSupport", { title }),
    "",
    t(report ? "confirm.mail.actionReport" : "confirm.mail.actionSupport"),
    url,
    "",
    t("confirm.mail.validity"),
    "",
    t(report ? "confirm.mail.notYouReport" : "confirm.mail.notYouSupport"),
    "",
    t("confirm.mail.signature"),
  ].join("\n");
}

/**
 * Stores a new link and queues its mail in the caller's transaction. The mail is the same
 * whether or not the address has an account, so nothing reveals that.
 */
export async function createPendingConfirmation(
  tx: Tx,
  item: { kind: ConfirmationKind; email: string; issueId: number; issueTitle: string },
  now = new Date(),
) {
  const token = generateSessionToken();
  await tx.pendingConfirmation.create({
    data: {
      tokenHash: hashToken(token),
      email: item.email,
      kind: item.kind,
      issueId: item.issueId,
      expiresAt: new Date(now.getTime() + CONFIRMATION_TTL_MS),
      createdAt: now,
    },
  });
  await queueEmail(
    tx,
    {
      to: item.email,
      subject: t(item.kind === "report" ? "confirm.mail.subjectReport" : "confirm.mail.subjectSupport", {
        title: item.issueTitle,
      }),
      text: mailText(item.kind, item.issueTitle, `${env().PUBLIC_URL}${confirmationPath(token)}`),
    },
    now,
  );
  return token;
}

/** Support a public issue by email: nothing counts until the link is used. */
export async function requestSupportConfirmation(issueId: number, email: string, now = new Date()) {
  const issue = await findPublicIssue(issueId, { id: true, title: true });
  if (!issue) return false;
  await db.$transaction((tx) =>
    createPendingConfirmation(tx, { kind: "support", email, issueId, issueTitle: issue.title }, now),
  );
  return true;
}

export type ConfirmationState =
  | { state: "invalid" }
  | { state: "pending" | "confirmed"; kind: ConfirmationKind; issueId: number; issueTitle: string }
  | { state: "expired"; kind: ConfirmationKind; issueId: number; canResend: boolean };

async function findConfirmation(token: string | undefined) {
  if (!isGeneratedToken(token)) return null;
  return db.pendingConfirmation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      kind: true,
      email: true,
      expiresAt: true,
      confirmedAt: true,
      issue: { select: { id: true, title: true, visibility: true } },
    },
  });
}

/** What a link is, without using it up (a GET must not confirm: mail scanners open links). */
export async function confirmationState(token: string | undefined, now = new Date()): Promise<ConfirmationState> {
  const row = await findConfirmation(token);
  if (!row) return { state: "invalid" };
  const kind = row.kind as ConfirmationKind;
  const base = { kind, issueId: row.issue.id, issueTitle: row.issue.title };
  if (row.confirmedAt) return { state: "confirmed", ...base };
  if (row.expiresAt <= now) {
    return {
      state: "expired",
      kind,
      issueId: row.issue.id,
      canResend: kind === "report" && row.issue.visibility === "unconfirmed",
    };
  }
  // A support for an issue that was hidden in the meantime can no longer be confirmed.
  if (kind === "support" && row.issue.visibility !== "public") return { state: "invalid" };
  return { state: "pending", ...base };
}

export type ConfirmResult =
  | { status: "invalid" | "expired" | "already" }
  | {
      status: "confirmed";
      kind: ConfirmationKind;
      issueId: number;
      /** A one-hour link to choose a password, for an account that has none yet. */
      setPasswordToken: string | null;
    };

/**
 * Uses a link: publishes the report (or counts the support) and attaches it to the account with
 * this address, creating a passwordless one when there is none. Only one request can claim a
 * link, so a double click publishes once.
 */
export async function confirmByToken(token: string | undefined, now = new Date()): Promise<ConfirmResult> {
  const row = await findConfirmation(token);
  if (!row) return { status: "invalid" };
  if (row.confirmedAt) return { status: "already" };
  if (row.expiresAt <= now) return { status: "expired" };
  const kind = row.kind as ConfirmationKind;
  const issueId = row.issue.id;

  return db.$transaction(async (tx) => {
    const claimed = await tx.pendingConfirmation.updateMany({
      where: { id: row.id, confirmedAt: null, expiresAt: { gt: now } },
      data: { confirmedAt: now },
    });
    if (claimed.count === 0) return { status: "already" } as const;
    const issue = await tx.issue.findUnique({ where: { id: issueId }, select: { visibility: true } });
    const expected = kind === "report" ? "unconfirmed" : "public";
    if (!issue || issue.visibility !== expected) {
      // Hidden by a moderator (support) or already public (report): the link is used up.
      return { status: kind === "report" && issue?.visibility === "public" ? "already" : "invalid" } as const;
    }

    const user = await accountFor(tx, row.email, now, kind === "report" ? "issue:report" : "issue:support");
    if (kind === "report") {
      await tx.issue.update({
        where: { id: issueId },
        data: {
          visibility: "public",
          // The account now holds the address; the issue needs no copy of it. Without an
          // account to attach to, the address stays as the (never public) contact field.
          ...(user ? { reporterId: user.id, reporterEmail: null } : {}),
          // The issue appears now: its age, feeds and response times count from here.
          createdAt: now,
          supports: { create: { userId: user?.id ?? null, createdAt: now } },
          ...(user ? { follows: { create: { userId: user.id, createdAt: now } } } : {}),
        },
      });
      await tx.issueEvent.updateMany({
        where: { issueId, type: "created" },
        data: { actorId: user?.id ?? null, createdAt: now },
      });
      await tx.photo.updateMany({ where: { issueId }, data: { createdAt: now } });
      await bumpIssuesVersion(tx);
      await queueNewIssueMail(tx, issueId);
      await queueAlertMatching(tx, issueId);
    } else if (user) {
      // One support per person: confirming twice (two links) or as the reporter counts once.
      await tx.support.upsert({
        where: { userId_issueId: { userId: user.id, issueId } },
        create: { userId: user.id, issueId, createdAt: now },
        update: {},
      });
    } else {
      // No account to attach to: count the address once per issue.
      const earlier = await tx.pendingConfirmation.count({
        where: { email: row.email, issueId, kind: "support", confirmedAt: { not: null }, id: { not: row.id } },
      });
      if (earlier === 0) await tx.support.create({ data: { userId: null, issueId, createdAt: now } });
    }
    await tx.issue.update({
      where: { id: issueId },
      data: { supportCount: await tx.support.count({ where: { issueId } }) },
    });
    const setPasswordToken = !user || user.hasPassword ? null : await createPasswordResetToken(tx, user.id, now);
    return { status: "confirmed", kind, issueId, setPasswordToken } as const;
  });
}

/**
 * The account with this address, or a new resident account without a password. Null when the
 * item must not go to the existing account: one with a password whose address was never
 * proven (anyone can register someone else's address; attaching would hand them this person's
 * report), or one whose roles do not allow the action (e.g. a partner-only account).
 */
async function accountFor(tx: Tx, email: string, now: Date, permission: Permission) {
  const existing = await tx.user.findUnique({
    where: { email },
    select: {
      id: true,
      passwordHash: true,
      emailVerifiedAt: true,
      anonymisedAt: true,
      roles: { select: { role: true } },
    },
  });
  if (existing) {
    if (existing.anonymisedAt) return null;
    if (existing.passwordHash && !existing.emailVerifiedAt) return null;
    if (!hasPermission({ roles: existing.roles.map((r) => r.role as Role) }, permission)) return null;
    if (!existing.emailVerifiedAt) await tx.user.update({ where: { id: existing.id }, data: { emailVerifiedAt: now } });
    return { id: existing.id, hasPassword: Boolean(existing.passwordHash) };
  }
  const created = await tx.user.create({
    data: { name: "", email, emailVerifiedAt: now, roles: { create: { role: "resident" } } },
    select: { id: true },
  });
  return { id: created.id, hasPassword: false };
}

export const RESENDS_PER_ISSUE = 3;

/**
 * A new link for an unconfirmed report whose link expired (the report itself stays for 7 days).
 * It goes to the address the report was made with, never to one given now.
 */
export async function resendReportConfirmation(token: string | undefined, now = new Date()) {
  const row = await findConfirmation(token);
  if (!row || row.kind !== "report" || row.issue.visibility !== "unconfirmed") return false;
  const issue = await db.issue.findUniqueOrThrow({ where: { id: row.issue.id }, select: { reporterEmail: true } });
  if (!issue.reporterEmail) return false;
  const email = issue.reporterEmail;
  await db.$transaction((tx) =>
    createPendingConfirmation(tx, { kind: "report", email, issueId: row.issue.id, issueTitle: row.issue.title }, now),
  );
  return true;
}

/**
 * The `purge_unconfirmed` job: removes reports nobody confirmed within 7 days (with their photo
 * files) and links that can no longer be used. Confirmed report links are kept until they
 * expire, so a second click says "al bevestigd"; unconfirmed report links go with their issue.
 */
export async function purgeUnconfirmed(_payload: unknown, context: { now: Date }) {
  const cutoff = new Date(context.now.getTime() - UNCONFIRMED_RETENTION_MS);
  const { photos, issueCount, links } = await db.$transaction(async (tx) => {
    // Read and delete in one transaction: an issue confirmed in between is neither deleted nor
    // robbed of its photo files below.
    const issues = await tx.issue.findMany({
      where: { visibility: "unconfirmed", createdAt: { lt: cutoff } },
      select: { id: true, photos: { select: { fileName: true } } },
    });
    if (issues.length) {
      // Photos, events and links go with the issue (cascade).
      await tx.issue.deleteMany({ where: { id: { in: issues.map((issue) => issue.id) }, visibility: "unconfirmed" } });
      await bumpIssuesVersion(tx);
    }
    const removed = await tx.pendingConfirmation.deleteMany({
      where: {
        expiresAt: { lte: context.now },
        OR: [{ kind: "support" }, { confirmedAt: { not: null } }],
      },
    });
    return { photos: issues.flatMap((issue) => issue.photos), issueCount: issues.length, links: removed.count };
  });
  // After the commit: a file without a row is harmless, a row without its file is not.
  for (const { fileName } of photos) {
    await unlink(path.join(env().UPLOAD_DIR, path.basename(fileName))).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
  return { issues: issueCount, links };
}
