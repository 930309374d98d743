import { CLOSED_STATUSES } from "~/domain/issue-status";
import { monthsBefore } from "~/domain/retention";
import { t } from "~/i18n";
import { audit } from "./audit.server";
import { containsIgnoringCase, db, type Tx } from "./db.server";
import { getSettings } from "./settings.server";

/**
 * The AVG rights of a person with an account (app/routes/account.*) and the retention of
 * reporters' identity on closed issues (a recurring job). See docs/decisions/008-privacy.md.
 */

export const EXPORT_FORMAT = "buurt-bestuurt-export/1";
export const DELETED_ACCOUNT_NAME = "Verwijderd account";

/** An address that can never receive mail (.invalid is reserved) and keeps User.email unique. */
export const deletedAccountEmail = (userId: string) => `deleted-${userId}@invalid`;

/**
 * Rows that mention an email address in free text (rate-limit keys, job payloads): SQLite's
 * LIKE ignores case for ASCII, so the exact match is checked again here.
 */
/** Rate-limit counters keyed by an email address (see the hitRateLimit calls in the routes). */
const EMAIL_RATE_LIMIT_PREFIXES = ["login:email:", "reset:email:", "alerts:email:", "report:email:", "support:email:"];

/**
 * Everything stored about one person, for "Mijn gegevens downloaden". Each part selects its
 * fields explicitly: nothing about other people (who else supported or commented), and no
 * secrets (password hash, session and reset tokens are stored as hashes and left out). Audit
 * entries and partner work (triage, internal notes) are listed without their snapshots and
 * texts, which describe other people and issues rather than this person.
 */
export async function exportUserData(userId: string, now = new Date()) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      emailVerifiedAt: true,
      passwordHash: true,
      emailOptOutAt: true,
      steeringNamePublicAt: true,
      createdAt: true,
      updatedAt: true,
      buurt: { select: { code: true, name: true } },
    },
  });
  const email = user.email.toLowerCase();
  // Rows found by address only (no user id) belong to this person once the address is verified.
  const verified = user.emailVerifiedAt !== null;
  const ownIssueIds = await reportedIssueIds(db, userId, email, verified);

  const [
    roles,
    memberships,
    issues,
    supports,
    comments,
    follows,
    notifications,
    alertSubscriptions,
    flagsRaised,
    sessions,
    passwordResets,
    auditEntries,
    issueEvents,
    issueRevisions,
    triageDecisions,
    internalNotes,
    pendingConfirmations,
    mails,
  ] = await Promise.all([
    db.userRole.findMany({ where: { userId }, select: { role: true, createdAt: true }, orderBy: { role: "asc" } }),
    db.membership.findMany({
      where: { userId },
      select: { role: true, createdAt: true, organisation: { select: { id: true, name: true } } },
    }),
    db.issue.findMany({
      where: { id: { in: ownIssueIds } },
      orderBy: { id: "asc" },
      select: {
        id: true,
        title: true,
        description: true,
        status: true,
        visibility: true,
        closeReason: true,
        theme: { select: { code: true, name: true } },
        buurt: { select: { code: true, name: true } },
        lat: true,
        lng: true,
        locationApproximate: true,
        placeDescription: true,
        reporterName: true,
        reporterEmail: true,
        reporterPhone: true,
        supportCount: true,
        commentCount: true,
        createdAt: true,
        updatedAt: true,
        closedAt: true,
        photos: { select: { fileName: true, mimeType: true, visibility: true, createdAt: true } },
      },
    }),
    db.support.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, issue: { select: { id: true, title: true } } },
    }),
    db.comment.findMany({
      where: { authorId: userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        issueId: true,
        body: true,
        visibility: true,
        moderationReason: true,
        deletedAt: true,
        createdAt: true,
        updatedAt: true,
      },
    }),
    db.follow.findMany({
      where: { userId },
      select: { issueId: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
    db.notification.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { issueId: true, type: true, title: true, body: true, readAt: true, createdAt: true },
    }),
    db.alertSubscription.findMany({
      where: verified ? { OR: [{ userId }, { email }] } : { userId },
      orderBy: { createdAt: "asc" },
      select: {
        email: true,
        kind: true,
        buurtCode: true,
        theme: { select: { code: true, name: true } },
        lat: true,
        lng: true,
        radiusMeters: true,
        frequency: true,
        confirmedAt: true,
        lastDigestAt: true,
        createdAt: true,
      },
    }),
    db.flag.findMany({
      where: { reporterId: userId },
      orderBy: { createdAt: "asc" },
      select: {
        targetType: true,
        issueId: true,
        commentId: true,
        photoId: true,
        reason: true,
        note: true,
        createdAt: true,
        resolvedAt: true,
        resolution: true,
      },
    }),
    db.session.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, expiresAt: true },
    }),
    db.passwordResetToken.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, expiresAt: true, usedAt: true },
    }),
    db.auditEntry.findMany({
      where: { actorId: userId },
      orderBy: { createdAt: "asc" },
      select: { action: true, issueId: true, createdAt: true },
    }),
    db.issueEvent.findMany({
      where: { actorId: userId },
      orderBy: { createdAt: "asc" },
      select: { issueId: true, type: true, fromStatus: true, toStatus: true, publicMessage: true, createdAt: true },
    }),
    db.issueRevision.findMany({
      where: { editedById: userId },
      orderBy: { createdAt: "asc" },
      select: { issueId: true, editorRole: true, reason: true, createdAt: true },
    }),
    db.triageDecision.findMany({
      where: { actorId: userId },
      orderBy: { createdAt: "asc" },
      select: { issueId: true, publicMessage: true, createdAt: true },
    }),
    db.internalNote.findMany({
      where: { authorId: userId },
      orderBy: { createdAt: "asc" },
      select: { issueId: true, createdAt: true },
    }),
    db.pendingConfirmation.findMany({
      where: verified ? { email } : { id: { in: [] } },
      orderBy: { createdAt: "asc" },
      select: { kind: true, issueId: true, createdAt: true, expiresAt: true, confirmedAt: true },
    }),
    db.outboxMail.findMany({
      where: verified ? { to: email } : { id: { in: [] } },
      orderBy: { createdAt: "asc" },
      select: { to: true, subject: true, text: true, createdAt: true, sentAt: true },
    }),
  ]);

  return {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    explanation: t("privacy.export.explanation"),
    account: {
      id: user.id,
      name: user.name,
      email: user.email,
      emailVerifiedAt: user.emailVerifiedAt,
      hasPassword: user.passwordHash !== null,
      buurt: user.buurt,
      emailOptOutAt: user.emailOptOutAt,
      steeringNamePublicAt: user.steeringNamePublicAt,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    },
    roles,
    memberships: memberships.map((m) => ({ organisation: m.organisation, role: m.role, createdAt: m.createdAt })),
    issues,
    supports: supports.map((s) => ({ issueId: s.issue.id, issueTitle: s.issue.title, createdAt: s.createdAt })),
    comments,
    follows,
    notifications,
    alertSubscriptions,
    flagsRaised,
    sessions,
    passwordResets,
    auditEntries,
    issueEvents,
    issueRevisions,
    triageDecisions,
    internalNotes,
    pendingConfirmations,
    mails,
  };
}

export type UserExport = Awaited<ReturnType<typeof exportUserData>>;

/**
 * Issues this person reported: with their account, or (once the address is verified) without
 * one, by the same email address.
 */
async function reportedIssueIds(client: Tx, userId: string, email: string, byEmail: boolean) {
  const rows = await client.issue.findMany({
    where: byEmail ? { OR: [{ reporterId: userId }, { reporterEmail: containsIgnoringCase(email) }] } : { reporterId: userId },
    select: { id: true, reporterId: true, reporterEmail: true },
  });
  return rows
    .filter((row) => row.reporterId === userId || row.reporterEmail?.toLowerCase() === email)
    .map((row) => row.id);
}

/**
 * Deletes an account. The User row stays, anonymised, so references from the neighbourhood's
 * shared history (status changes, triage, audit trail) stay valid but point at "Verwijderd
 * account". Issues, comments and supports stay for the neighbourhood without the person;
 * everything that only concerns the person is deleted. Sessions go too: logged out everywhere.
 */
export async function deleteAccount(userId: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { email: true, emailVerifiedAt: true, anonymisedAt: true },
    });
    if (user.anonymisedAt) return { alreadyDeleted: true as const };
    const email = user.email.toLowerCase();
    // Rows found by address only are this person's once the address is verified; before that,
    // someone could have registered with another person's address.
    const verified = user.emailVerifiedAt !== null;

    const issueIds = await reportedIssueIds(tx, userId, email, verified);
    const issues = await tx.issue.updateMany({
      where: { id: { in: issueIds } },
      data: {
        reporterId: null,
        reporterName: null,
        reporterEmail: null,
        reporterPhone: null,
        reporterAnonymisedAt: now,
      },
    });
    // NULLs never collide in the unique (userId, issueId) index, so every support keeps counting.
    const supports = await tx.support.updateMany({ where: { userId }, data: { userId: null } });
    const comments = await tx.comment.updateMany({ where: { authorId: userId }, data: { authorId: null } });
    await tx.flag.updateMany({ where: { reporterId: userId }, data: { reporterId: null } });
    // Partner work stays with the organisation, not with a person who has left.
    await tx.issue.updateMany({ where: { ownerUserId: userId }, data: { ownerUserId: null } });

    await tx.session.deleteMany({ where: { userId } });
    await tx.follow.deleteMany({ where: { userId } });
    await tx.notification.deleteMany({ where: { userId } });
    await tx.passwordResetToken.deleteMany({ where: { userId } });
    await tx.alertSubscription.deleteMany({ where: verified ? { OR: [{ userId }, { email }] } : { userId } });
    if (verified) await tx.pendingConfirmation.deleteMany({ where: { email } });
    await tx.membership.deleteMany({ where: { userId } });
    await tx.userRole.deleteMany({ where: { userId } });

    // Mail to the person (sent or waiting) and counters keyed by their address: these hold the
    // account's own address whether verified or not.
    // Exact matches only: "n@gmail.com" must never touch mail or counters of "jan@gmail.com".
    await tx.outboxMail.deleteMany({ where: { to: email } });
    await tx.job.deleteMany({
      where: {
        type: "send_email",
        payload: containsIgnoringCase(`"to":${JSON.stringify(email)}`),
        // A job a worker is running right now is left alone; it finishes within minutes.
        OR: [{ lockedAt: null }, { completedAt: { not: null } }, { failedAt: { not: null } }],
      },
    });
    await tx.rateLimit.deleteMany({
      where: { key: { in: EMAIL_RATE_LIMIT_PREFIXES.map((prefix) => `${prefix}${email}`) } },
    });

    await tx.user.update({
      where: { id: userId },
      data: {
        name: DELETED_ACCOUNT_NAME,
        email: deletedAccountEmail(userId),
        passwordHash: null,
        emailVerifiedAt: null,
        buurtCode: null,
        emailOptOutAt: null,
        steeringNamePublicAt: null,
        anonymisedAt: now,
      },
    });
    await audit(tx, {
      issueId: null,
      actorId: userId,
      action: "account_deleted",
      after: { issues: issues.count, supports: supports.count, comments: comments.count },
      at: now,
    });
    return { alreadyDeleted: false as const, issues: issues.count, supports: supports.count, comments: comments.count };
  });
}

/**
 * The `retention` job: on issues closed (opgelost or gesloten zonder oplossing) longer ago than
 * the setting (default 12 months), the reporter's identity is removed: the link to their
 * account and the contact details from other systems. The issue itself stays public.
 */
export async function anonymiseClosedIssueReporters(_payload: unknown, context: { now: Date }) {
  const { reporterRetentionMonths } = await getSettings();
  const cutoff = monthsBefore(context.now, reporterRetentionMonths);
  return db.$transaction(async (tx) => {
    const due = await tx.issue.findMany({
      where: {
        status: { in: [...CLOSED_STATUSES] },
        closedAt: { lt: cutoff },
        reporterAnonymisedAt: null,
        OR: [
          { reporterId: { not: null } },
          { reporterName: { not: null } },
          { reporterEmail: { not: null } },
          { reporterPhone: { not: null } },
        ],
      },
      select: { id: true, reporterId: true },
    });
    const ids = due.map((issue) => issue.id);
    if (ids.length === 0) return { anonymised: 0, cutoff: cutoff.toISOString() };
    // The support and follow a report made automatically would still point at the reporter:
    // the support keeps counting without a name, the follow of a long-closed issue goes.
    for (const { id, reporterId } of due) {
      if (!reporterId) continue;
      await tx.support.updateMany({ where: { issueId: id, userId: reporterId }, data: { userId: null } });
      await tx.follow.deleteMany({ where: { issueId: id, userId: reporterId } });
    }
    await tx.issue.updateMany({
      where: { id: { in: ids } },
      data: {
        reporterId: null,
        reporterName: null,
        reporterEmail: null,
        reporterPhone: null,
        reporterAnonymisedAt: context.now,
      },
    });
    // The confirmation of a report made without an account holds the reporter's address.
    await tx.pendingConfirmation.deleteMany({ where: { issueId: { in: ids }, kind: "report" } });
    await audit(tx, {
      issueId: null,
      actorId: null,
      action: "reporters_anonymised",
      after: { issueIds: ids, months: reporterRetentionMonths },
      at: context.now,
    });
    return { anonymised: ids.length, cutoff: cutoff.toISOString() };
  });
}
