import { createHash } from "node:crypto";
import { data } from "@remix-run/node";
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import {
  FLAG_RATE_LIMIT,
  targetKey,
  type FlagReason,
  type FlagTarget,
  type FlagTargetType,
  type IssueTextInput,
} from "~/domain/moderation";
import { canModerate, canSeeHiddenContent, type Actor } from "~/domain/permissions";
import { t } from "~/i18n";
import { audit } from "./audit.server";
import { db, type Tx } from "./db.server";
import { env } from "./env.server";
import { firstName } from "./format";
import { bumpIssuesVersion, findPublicIssue } from "./issues.server";
import { queueEmail, unsubscribeUrl } from "./mail.server";
import { enqueueJob } from "./jobs.server";
import { hitRateLimit } from "./rate-limit.server";
import { recountComments } from "./sql.server";

/**
 * An issue for its own page: public ones, and hidden ones (the page shows a placeholder to the
 * public and the content to moderators and partners). Unconfirmed issues are not found.
 */
export function findIssueForPage<S extends Prisma.IssueSelect>(id: number, select: S) {
  return db.issue.findFirst({ where: { id, visibility: { in: ["public", "hidden"] } }, select });
}

/**
 * What the public gets for a hidden issue: 410 Gone (search engines drop the page) with only
 * the moderator's reason and date; the issue page's error boundary shows the placeholder.
 */
export function hiddenIssueResponse(issue: { id: number; moderationReason: string | null; moderatedAt: Date | null }) {
  return data(
    {
      hiddenIssue: {
        id: issue.id,
        reason: issue.moderationReason,
        moderatedAt: issue.moderatedAt?.toISOString() ?? null,
      },
    },
    { status: 410, headers: { "X-Robots-Tag": "noindex" } },
  );
}

/* ---------------------------------------------------------------------------------------------
 * Flagging ("Ongepast melden")
 * ------------------------------------------------------------------------------------------- */

/**
 * Anonymous flaggers are told apart by their address, stored only as a hash. The server secret
 * is mixed in so the hash cannot be turned back into an address by trying all of them.
 */
export function flaggerKey(address: string) {
  return createHash("sha256").update(`flag:${env().SESSION_SECRET}:${address}`).digest("hex");
}

/** What the flag page says about its target; null when it is not (or no longer) public. */
export async function findFlagTarget(target: FlagTarget) {
  const issue = await findPublicIssue(target.issueId, { id: true, title: true });
  if (!issue) return null;
  if (target.type === "comment") {
    const comment = await db.comment.findFirst({
      where: { id: target.commentId, issueId: issue.id, visibility: "public", deletedAt: null },
      select: { id: true },
    });
    return comment ? { issue } : null;
  }
  if (target.type === "photo") {
    const photo = await db.photo.findFirst({
      where: { id: target.photoId, issueId: issue.id, visibility: "public" },
      select: { id: true },
    });
    return photo ? { issue } : null;
  }
  return { issue };
}

export type FlagResult = "created" | "duplicate" | "rate_limited";

/**
 * Stores a flag. One open flag per target per person (account) or address (without account):
 * flagging again is answered kindly but adds nothing. Counted against a rate limit per person
 * or address. The caller has checked that the target is public (findFlagTarget).
 */
export async function createFlag(input: {
  target: FlagTarget;
  reason: FlagReason;
  note: string | undefined;
  userId: string | null;
  address: string;
  now?: Date;
}): Promise<FlagResult> {
  const { target } = input;
  const reporterKey = input.userId ? null : flaggerKey(input.address);
  const who = input.userId ? { reporterId: input.userId } : { reporterKey };
  const targetWhere = {
    targetType: target.type,
    issueId: target.issueId,
    commentId: target.type === "comment" ? target.commentId : null,
    photoId: target.type === "photo" ? target.photoId : null,
  };
  const open = await db.flag.findFirst({ where: { ...targetWhere, ...who, resolvedAt: null }, select: { id: true } });
  if (open) return "duplicate";
  const limit = await hitRateLimit(
    input.userId ? `flag:user:${input.userId}` : `flag:address:${reporterKey}`,
    FLAG_RATE_LIMIT.limit,
    FLAG_RATE_LIMIT.windowMs,
    input.now,
  );
  if (!limit.allowed) return "rate_limited";
  await db.$transaction(async (tx) => {
    const flag = await tx.flag.create({
      data: {
        ...targetWhere,
        reason: input.reason,
        note: input.note || null,
        reporterId: input.userId,
        reporterKey,
        createdAt: input.now ?? new Date(),
      },
      select: { id: true },
    });
    // Only the first open flag on a piece of content calls the moderators in; later ones join
    // the same group in the queue.
    const open = await tx.flag.count({ where: { ...targetWhere, resolvedAt: null } });
    if (open === 1) {
      await enqueueJob(tx, "notify_moderators", { flagId: flag.id } satisfies z.infer<typeof moderatorNoticeSchema>);
    }
  });
  return "created";
}

/* ---------------------------------------------------------------------------------------------
 * Telling the moderators
 * ------------------------------------------------------------------------------------------- */

const moderatorNoticeSchema = z.object({ flagId: z.string().min(1) });

/** At most one "new flag" mail per moderator in this window: the queue shows the rest. */
export const MODERATOR_NOTICE_WINDOW_MS = 30 * 60 * 1000;

type NoticeRecipient = { id: string; name: string; email: string };

/**
 * Who hears about new flags: the moderators; when there are none, the administrators (they can
 * moderate too). Anonymised accounts and people who opted out of mail are left out.
 */
async function moderatorRecipients(): Promise<NoticeRecipient[]> {
  for (const role of ["moderator", "admin"] as const) {
    const users = await db.user.findMany({
      where: { roles: { some: { role } }, anonymisedAt: null },
      select: { id: true, name: true, email: true, emailOptOutAt: true },
      orderBy: { createdAt: "asc" },
    });
    if (users.length > 0) return users.filter((user) => !user.emailOptOutAt);
  }
  return [];
}

function moderatorNoticeText(
  recipient: NoticeRecipient,
  notice: { targetType: FlagTargetType; issueTitle: string; reason: FlagReason; openCount: number },
) {
  const name = firstName(recipient.name);
  return [
    name ? t("mail.moderatorNotice.greeting", { name }) : t("mail.notification.greetingNoName"),
    "",
    t(`mail.moderatorNotice.intro.${notice.targetType}`, { title: notice.issueTitle }),
    t("mail.moderatorNotice.reason", { reason: t(`moderation.flag.reasons.${notice.reason}`) }),
    "",
    notice.openCount === 1
      ? t("mail.moderatorNotice.openOne")
      : t("mail.moderatorNotice.openMany", { count: notice.openCount }),
    t("mail.moderatorNotice.view"),
    `${env().PUBLIC_URL}/moderatie`,
    "",
    t("mail.notification.signature"),
    "",
    "--",
    t("mail.moderatorNotice.why"),
    "",
    t("mail.notification.unsubscribeAll"),
    unsubscribeUrl({ userId: recipient.id, issueId: null }),
  ].join("\n");
}

/**
 * The `notify_moderators` job: a mail to each moderator about new flagged content, unless that
 * moderator already had such a mail within MODERATOR_NOTICE_WINDOW_MS (a wave of flags gives
 * one mail, which counts what is waiting). Nothing is sent when the flag was handled before the
 * job ran. Mail ids derive from this job's id, so running the job twice queues each mail once;
 * the throttle's window is claimed in the same transaction as the mail.
 */
export async function notifyModerators(payload: unknown, context: { jobId: string; now: Date }) {
  const { flagId } = moderatorNoticeSchema.parse(payload);
  const flag = await db.flag.findUnique({
    where: { id: flagId },
    select: { targetType: true, reason: true, resolvedAt: true, issue: { select: { title: true } } },
  });
  if (!flag || flag.resolvedAt) return { recipients: 0 };
  const [recipients, openGroups] = await Promise.all([
    moderatorRecipients(),
    db.flag.groupBy({ by: ["targetType", "issueId", "commentId", "photoId"], where: { resolvedAt: null } }),
  ]);
  const notice = {
    targetType: flag.targetType as FlagTargetType,
    issueTitle: flag.issue.title,
    reason: flag.reason as FlagReason,
    openCount: openGroups.length,
  };
  let sent = 0;
  for (const recipient of recipients) {
    const queued = await db.$transaction(async (tx) => {
      const id = `${context.jobId}.${recipient.id}`;
      if (await tx.job.findUnique({ where: { id }, select: { id: true } })) return false;
      // One mail per window: the first attempt in a window is allowed, the rest are counted.
      const throttle = await hitRateLimit(
        `moderator-notice:${recipient.id}`,
        1,
        MODERATOR_NOTICE_WINDOW_MS,
        context.now,
        tx,
      );
      if (!throttle.allowed) return false;
      await queueEmail(
        tx,
        {
          to: recipient.email,
          subject: t("mail.moderatorNotice.subject"),
          text: moderatorNoticeText(recipient, notice),
          unsubscribeUrl: unsubscribeUrl({ userId: recipient.id, issueId: null }),
        },
        context.now,
        { id },
      );
      return true;
    });
    if (queued) sent += 1;
  }
  return { recipients: sent };
}

/* ---------------------------------------------------------------------------------------------
 * The moderation queue
 * ------------------------------------------------------------------------------------------- */

const QUEUE_FLAG_LIMIT = 500;
const HIDDEN_LIST_LIMIT = 50;

export type QueueContent =
  | { kind: "issue"; title: string; description: string }
  | { kind: "comment"; body: string | null; author: string | null }
  | { kind: "photo"; fileName: string; width: number; height: number };

export type QueueGroup = {
  key: string;
  targetType: FlagTargetType;
  targetId: string;
  issueId: number;
  issueTitle: string;
  content: QueueContent;
  count: number;
  firstAt: Date;
  reasons: { reason: FlagReason; count: number }[];
  notes: string[];
};

/** Open flags, grouped per target, the most flagged first, then the oldest. */
export async function openFlagGroups(): Promise<QueueGroup[]> {
  const flags = await db.flag.findMany({
    where: { resolvedAt: null },
    orderBy: { createdAt: "asc" },
    take: QUEUE_FLAG_LIMIT,
    select: {
      targetType: true,
      reason: true,
      note: true,
      createdAt: true,
      issue: { select: { id: true, title: true, description: true } },
      comment: { select: { id: true, body: true, deletedAt: true, author: { select: { name: true } } } },
      photo: { select: { id: true, fileName: true, width: true, height: true } },
    },
  });
  const groups = new Map<string, QueueGroup>();
  for (const flag of flags) {
    const target = queueTarget(flag);
    if (!target) continue;
    const key = targetKey(target);
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        ...target,
        issueId: flag.issue.id,
        issueTitle: flag.issue.title,
        count: 0,
        firstAt: flag.createdAt,
        reasons: [],
        notes: [],
      };
      groups.set(key, group);
    }
    group.count += 1;
    const reason = flag.reason as FlagReason;
    const counted = group.reasons.find((r) => r.reason === reason);
    if (counted) counted.count += 1;
    else group.reasons.push({ reason, count: 1 });
    if (flag.note) group.notes.push(flag.note);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.firstAt.getTime() - b.firstAt.getTime());
}

function queueTarget(flag: {
  targetType: string;
  issue: { id: number; title: string; description: string };
  comment: { id: string; body: string; deletedAt: Date | null; author: { name: string } | null } | null;
  photo: { id: string; fileName: string; width: number; height: number } | null;
}): { targetType: FlagTargetType; targetId: string; content: QueueContent } | null {
  if (flag.targetType === "comment" && flag.comment) {
    const { comment } = flag;
    return {
      targetType: "comment",
      targetId: comment.id,
      content: {
        kind: "comment",
        body: comment.deletedAt ? null : comment.body,
        author: comment.author ? comment.author.name : null,
      },
    };
  }
  if (flag.targetType === "photo" && flag.photo) {
    const { photo } = flag;
    return {
      targetType: "photo",
      targetId: photo.id,
      content: { kind: "photo", fileName: photo.fileName, width: photo.width, height: photo.height },
    };
  }
  if (flag.targetType === "issue") {
    return {
      targetType: "issue",
      targetId: String(flag.issue.id),
      content: { kind: "issue", title: flag.issue.title, description: flag.issue.description },
    };
  }
  return null;
}

export type HiddenItem = {
  key: string;
  targetType: FlagTargetType;
  targetId: string;
  issueId: number;
  issueTitle: string;
  content: QueueContent;
  reason: string | null;
  moderatedAt: Date | null;
};

/** The most recently hidden issues, comments and photos, for "Weer tonen". */
export async function recentlyHidden(): Promise<HiddenItem[]> {
  const take = HIDDEN_LIST_LIMIT;
  const [issues, comments, photos] = await Promise.all([
    db.issue.findMany({
      where: { visibility: "hidden" },
      orderBy: { moderatedAt: "desc" },
      take,
      select: { id: true, title: true, description: true, moderationReason: true, moderatedAt: true },
    }),
    db.comment.findMany({
      where: { visibility: "hidden" },
      orderBy: { moderatedAt: "desc" },
      take,
      select: {
        id: true,
        body: true,
        deletedAt: true,
        moderationReason: true,
        moderatedAt: true,
        author: { select: { name: true } },
        issue: { select: { id: true, title: true } },
      },
    }),
    db.photo.findMany({
      where: { visibility: "hidden" },
      orderBy: { moderatedAt: "desc" },
      take,
      select: {
        id: true,
        fileName: true,
        width: true,
        height: true,
        moderationReason: true,
        moderatedAt: true,
        issue: { select: { id: true, title: true } },
      },
    }),
  ]);
  const items: HiddenItem[] = [
    ...issues.map((issue) => ({
      key: targetKey({ targetType: "issue", targetId: String(issue.id) }),
      targetType: "issue" as const,
      targetId: String(issue.id),
      issueId: issue.id,
      issueTitle: issue.title,
      content: { kind: "issue" as const, title: issue.title, description: issue.description },
      reason: issue.moderationReason,
      moderatedAt: issue.moderatedAt,
    })),
    ...comments.map((comment) => ({
      key: targetKey({ targetType: "comment", targetId: comment.id }),
      targetType: "comment" as const,
      targetId: comment.id,
      issueId: comment.issue.id,
      issueTitle: comment.issue.title,
      content: {
        kind: "comment" as const,
        body: comment.deletedAt ? null : comment.body,
        author: comment.author?.name ?? null,
      },
      reason: comment.moderationReason,
      moderatedAt: comment.moderatedAt,
    })),
    ...photos.map((photo) => ({
      key: targetKey({ targetType: "photo", targetId: photo.id }),
      targetType: "photo" as const,
      targetId: photo.id,
      issueId: photo.issue.id,
      issueTitle: photo.issue.title,
      content: { kind: "photo" as const, fileName: photo.fileName, width: photo.width, height: photo.height },
      reason: photo.moderationReason,
      moderatedAt: photo.moderatedAt,
    })),
  ];
  const time = (date: Date | null) => date?.getTime() ?? 0;
  return items.sort((a, b) => time(b.moderatedAt) - time(a.moderatedAt)).slice(0, HIDDEN_LIST_LIMIT);
}

/* ---------------------------------------------------------------------------------------------
 * Hide, unhide, dismiss
 * ------------------------------------------------------------------------------------------- */

export class ModerationForbiddenError extends Error {}

type Target = { targetType: FlagTargetType; targetId: string };

/** The open flags of exactly this target (an issue's own flags, not those of its comments). */
function openFlagsOf(target: Target, issueId: number) {
  return {
    resolvedAt: null,
    targetType: target.targetType,
    issueId,
    ...(target.targetType === "comment" ? { commentId: target.targetId } : {}),
    ...(target.targetType === "photo" ? { photoId: target.targetId } : {}),
  };
}

function issueNumber(targetId: string) {
  const id = Number(targetId);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The current state of a target, or null when it does not exist. */
async function loadTarget(tx: Tx, target: Target) {
  if (target.targetType === "issue") {
    const id = issueNumber(target.targetId);
    const issue = id
      ? await tx.issue.findUnique({
          where: { id },
          select: { id: true, title: true, visibility: true, reporterId: true, reporterEmail: true },
        })
      : null;
    return issue && { issueId: issue.id, visibility: issue.visibility, issue, comment: null };
  }
  if (target.targetType === "comment") {
    const comment = await tx.comment.findUnique({
      where: { id: target.targetId },
      select: {
        visibility: true,
        authorId: true,
        issue: { select: { id: true, title: true, visibility: true, reporterId: true, reporterEmail: true } },
      },
    });
    return comment && { issueId: comment.issue.id, visibility: comment.visibility, issue: comment.issue, comment };
  }
  const photo = await tx.photo.findUnique({
    where: { id: target.targetId },
    select: {
      visibility: true,
      issue: { select: { id: true, title: true, visibility: true, reporterId: true, reporterEmail: true } },
    },
  });
  return photo && { issueId: photo.issue.id, visibility: photo.visibility, issue: photo.issue, comment: null };
}

export type ModerationOutcome = "done" | "gone";

/** Writes a moderation decision onto the issue, comment or photo itself. */
async function setVisibility(
  tx: Tx,
  target: Target,
  issueId: number,
  moderation: { visibility: "hidden" | "public"; moderationReason: string | null; moderatedAt: Date },
  actorId: string,
) {
  if (target.targetType === "issue") {
    await tx.issue.update({ where: { id: issueId }, data: { ...moderation, moderatedById: actorId } });
    // The map, lists and feeds change with it.
    await bumpIssuesVersion(tx);
  } else if (target.targetType === "comment") {
    await tx.comment.update({ where: { id: target.targetId }, data: moderation });
  } else {
    await tx.photo.update({ where: { id: target.targetId }, data: moderation });
  }
}

/**
 * Hides an issue, comment or photo with a reason shown to the public, resolves its open flags
 * as "hidden", writes the audit trail and tells the author why (in-app and by mail), all in one
 * transaction. "gone": the target does not exist or is not public (any more).
 */
export async function hideContent(
  actor: Actor,
  target: Target,
  reason: string,
  now = new Date(),
): Promise<ModerationOutcome> {
  if (!canModerate(actor)) throw new ModerationForbiddenError();
  const result = await db.$transaction(async (tx) => {
    const found = await loadTarget(tx, target);
    if (!found || found.visibility !== "public" || found.issue.visibility === "unconfirmed") return null;
    await setVisibility(
      tx,
      target,
      found.issueId,
      { visibility: "hidden", moderationReason: reason, moderatedAt: now },
      actor.id,
    );
    await tx.flag.updateMany({
      where: openFlagsOf(target, found.issueId),
      data: { resolvedAt: now, resolvedById: actor.id, resolution: "hidden" },
    });
    await audit(tx, {
      issueId: found.issueId,
      actorId: actor.id,
      action: "moderation_hidden",
      before: { target: target.targetType, id: target.targetId, visibility: "public" },
      after: { target: target.targetType, id: target.targetId, visibility: "hidden", reason },
      at: now,
    });
    const authorId = found.comment ? found.comment.authorId : found.issue.reporterId;
    // Contact-only reporters (Open311, no account) hear by mail; comments always have an account.
    const contactEmail = found.comment ? null : found.issue.reporterEmail;
    await notifyAuthor(tx, {
      authorId,
      contactEmail,
      targetType: target.targetType,
      issue: found.issue,
      reason,
      actorId: actor.id,
      now,
    });
    return found;
  });
  if (!result) return "gone";
  if (target.targetType === "comment") await recountComments(result.issueId);
  return "done";
}

/** Makes hidden content public again (a moderator's mistake, or a successful objection). */
export async function unhideContent(actor: Actor, target: Target, now = new Date()): Promise<ModerationOutcome> {
  if (!canModerate(actor)) throw new ModerationForbiddenError();
  const result = await db.$transaction(async (tx) => {
    const found = await loadTarget(tx, target);
    if (!found || found.visibility !== "hidden") return null;
    await setVisibility(
      tx,
      target,
      found.issueId,
      { visibility: "public", moderationReason: null, moderatedAt: now },
      actor.id,
    );
    await audit(tx, {
      issueId: found.issueId,
      actorId: actor.id,
      action: "moderation_unhidden",
      before: { target: target.targetType, id: target.targetId, visibility: "hidden" },
      after: { target: target.targetType, id: target.targetId, visibility: "public" },
      at: now,
    });
    return found;
  });
  if (!result) return "gone";
  if (target.targetType === "comment") await recountComments(result.issueId);
  return "done";
}

/** Nothing wrong: the open flags of the target are closed as "dismissed"; the content stays. */
export async function dismissFlags(actor: Actor, target: Target, now = new Date()): Promise<ModerationOutcome> {
  if (!canModerate(actor)) throw new ModerationForbiddenError();
  return db.$transaction(async (tx) => {
    const found = await loadTarget(tx, target);
    if (!found) return "gone";
    const { count } = await tx.flag.updateMany({
      where: openFlagsOf(target, found.issueId),
      data: { resolvedAt: now, resolvedById: actor.id, resolution: "dismissed" },
    });
    if (count === 0) return "gone";
    await audit(tx, {
      issueId: found.issueId,
      actorId: actor.id,
      action: "moderation_dismissed",
      after: { target: target.targetType, id: target.targetId, flags: count },
      at: now,
    });
    return "done";
  });
}

/**
 * Tells the author of hidden content why: an in-app notification for an account (unless it was
 * anonymised) and a mail through the job queue (unless they opted out of mail); a reporter
 * without an account (Open311 contact email) gets the mail only. Moderators hiding their own
 * content are not told about it.
 */
async function notifyAuthor(
  tx: Tx,
  input: {
    authorId: string | null;
    contactEmail: string | null;
    targetType: FlagTargetType;
    issue: { id: number; title: string };
    reason: string;
    actorId: string;
    now: Date;
  },
) {
  const title = t(`moderation.notification.${input.targetType}Title`);
  const author = input.authorId
    ? await tx.user.findUnique({
        where: { id: input.authorId },
        select: { id: true, name: true, email: true, anonymisedAt: true, emailOptOutAt: true },
      })
    : null;
  if (author && (author.anonymisedAt || author.id === input.actorId)) return;
  if (author) {
    await tx.notification.create({
      data: {
        userId: author.id,
        issueId: input.issue.id,
        type: "moderated",
        title,
        body: t("moderation.notification.body", { reason: input.reason }),
        createdAt: input.now,
      },
    });
  }
  const to = author ? (author.emailOptOutAt ? null : author.email) : input.contactEmail;
  if (!to) return;
  const name = author ? firstName(author.name) : null;
  const text = [
    name ? t("moderation.notification.mailGreeting", { name }) : t("moderation.notification.mailGreetingNoName"),
    "",
    t(
      input.targetType === "issue"
        ? "moderation.notification.mailIssue"
        : input.targetType === "comment"
          ? "moderation.notification.mailComment"
          : "moderation.notification.mailPhoto",
      { title: input.issue.title },
    ),
    "",
    t("moderation.notification.mailReason", { reason: input.reason }),
    "",
    t("moderation.notification.mailView"),
    `${env().PUBLIC_URL}/meldingen/${input.issue.id}`,
    "",
    t("moderation.notification.mailSignature"),
  ];
  if (author) {
    text.push("", "--", t("mail.notification.unsubscribeAll"), unsubscribeUrl({ userId: author.id, issueId: null }));
  }
  await queueEmail(
    tx,
    {
      to,
      subject: `${title}: ${input.issue.title}`,
      text: text.join("\n"),
      ...(author ? { unsubscribeUrl: unsubscribeUrl({ userId: author.id, issueId: null }) } : {}),
    },
    input.now,
  );
}

/* ---------------------------------------------------------------------------------------------
 * Editing the text of an issue
 * ------------------------------------------------------------------------------------------- */

/** An issue whose text may be edited: public or hidden, never an unconfirmed one. */
export function findEditableIssue(id: number) {
  return db.issue.findFirst({
    where: { id, visibility: { in: ["public", "hidden"] } },
    select: { id: true, title: true, description: true, reporterId: true, createdAt: true, visibility: true },
  });
}

/**
 * Saves a new title and description; the old text goes into IssueRevision (with the editor's
 * role and, for moderators, the reason), and the change into the audit trail.
 */
export async function editIssueText(
  actor: Pick<Actor, "id">,
  issue: { id: number; title: string; description: string },
  role: "reporter" | "moderator",
  input: IssueTextInput,
  now = new Date(),
) {
  await db.$transaction(async (tx) => {
    await tx.issueRevision.create({
      data: {
        issueId: issue.id,
        title: issue.title,
        description: issue.description,
        editedById: actor.id,
        editorRole: role,
        reason: role === "moderator" ? (input.reason ?? null) : null,
        createdAt: now,
      },
    });
    await tx.issue.update({ where: { id: issue.id }, data: { title: input.title, description: input.description } });
    await audit(tx, {
      issueId: issue.id,
      actorId: actor.id,
      action: "issue_text_edited",
      before: { title: issue.title, description: issue.description },
      after: { title: input.title, description: input.description, role, reason: input.reason ?? null },
      at: now,
    });
    // Titles appear on the map and in lists.
    await bumpIssuesVersion(tx);
  });
}

/**
 * What the issue page shows about moderation: when a moderator last edited the text (public),
 * and for moderators and partners the earlier versions.
 */
export async function issueEditHistory(issueId: number, viewer: Actor | null) {
  const showRevisions = canSeeHiddenContent(viewer);
  const [lastModeratorEdit, revisions] = await Promise.all([
    db.issueRevision.findFirst({
      where: { issueId, editorRole: "moderator" },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    }),
    showRevisions
      ? db.issueRevision.findMany({
          where: { issueId },
          orderBy: { createdAt: "desc" },
          select: {
            id: true,
            title: true,
            description: true,
            editorRole: true,
            reason: true,
            createdAt: true,
            editedBy: { select: { name: true } },
          },
        })
      : [],
  ]);
  return {
    editedByModeratorAt: lastModeratorEdit?.createdAt ?? null,
    revisions: revisions.map((revision) => ({
      id: revision.id,
      title: revision.title,
      description: revision.description,
      editorRole: revision.editorRole,
      reason: revision.reason,
      createdAt: revision.createdAt,
      editor: revision.editedBy?.name ?? null,
    })),
  };
}
