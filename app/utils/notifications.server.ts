import { z } from "zod";
import { isIssueStatus } from "~/domain/issue-status";
import { t, type MessageKey } from "~/i18n";
import { db, type Tx } from "./db.server";
import { env } from "./env.server";
import { firstName } from "./format";
import { enqueueJob } from "./jobs.server";
import { queueEmail, unsubscribeUrl } from "./mail.server";

/**
 * What happened to an issue that its reporter and followers should hear about. Queued in the
 * caller's transaction; the job handler (job-handlers.server.ts) fans it out to in-app
 * notifications and emails, leaving out the person who made the change.
 */
export type IssueUpdate = {
  issueId: number;
  kind: "triaged" | "status_changed" | "public_update" | "owner_changed" | "merged" | "decision";
  /** The public message shown to residents (never an internal note). */
  message: string;
  toStatus?: string | null;
  actorId?: string | null;
};

export async function queueIssueNotifications(tx: Tx, update: IssueUpdate) {
  await enqueueJob(tx, "notify_issue_update", update);
}

const issueUpdateSchema = z.object({
  issueId: z.number().int().positive(),
  kind: z.enum(["triaged", "status_changed", "public_update", "owner_changed", "merged", "decision"]),
  message: z.string(),
  toStatus: z.string().nullish(),
  actorId: z.string().nullish(),
});

type Role = "reporter" | "follower";

/** "Status gewijzigd: In behandeling", "Je melding is beoordeeld", ... */
export function notificationTitle(update: Pick<IssueUpdate, "kind" | "toStatus">, role: Role) {
  if (update.kind === "status_changed") {
    if (!isIssueStatus(update.toStatus)) return t(`notifications.kind.status_changed_unknown.${role}`);
    return t(`notifications.kind.status_changed.${role}`, { status: t(`common.status.${update.toStatus}`) });
  }
  return t(`notifications.kind.${update.kind}.${role}` satisfies MessageKey);
}

type Recipient = {
  id: string;
  name: string;
  email: string;
  emailOptOutAt: Date | null;
  role: Role;
};

function notificationMailText(recipient: Recipient, issue: { id: number; title: string }, title: string, message: string) {
  const { PUBLIC_URL } = env();
  const name = firstName(recipient.name);
  const lines = [
    name ? t("mail.notification.greeting", { name }) : t("mail.notification.greetingNoName"),
    "",
    `${title}.`,
    t("mail.notification.issue", { title: issue.title }),
    "",
  ];
  if (message.trim()) lines.push(t("mail.notification.message"), message.trim(), "");
  lines.push(t("mail.notification.view"), `${PUBLIC_URL}/meldingen/${issue.id}`, "", t("mail.notification.signature"));
  lines.push("", "--");
  if (recipient.role === "reporter") {
    lines.push(t("mail.notification.whyReporter"));
  } else {
    lines.push(
      t("mail.notification.whyFollower"),
      "",
      t("mail.notification.unfollow"),
      unsubscribeUrl({ userId: recipient.id, issueId: issue.id }),
    );
  }
  lines.push(
    "",
    t("mail.notification.unsubscribeAll"),
    unsubscribeUrl({ userId: recipient.id, issueId: null }),
    "",
    t("mail.notification.inbox"),
    `${PUBLIC_URL}/berichten`,
  );
  return lines.join("\n");
}

/**
 * The `notify_issue_update` job: one in-app notification per recipient and, unless they opted
 * out of mail, one queued mail. Recipients are the reporter and the followers, once each,
 * without the person who made the change and without anonymised accounts. Everything is
 * written in one transaction, so a retried job never notifies anyone twice. Issues that are not
 * public (hidden by a moderator, not yet confirmed) are skipped: their links would not open.
 */
export async function deliverIssueUpdate(payload: unknown, context: { now: Date }) {
  const update = issueUpdateSchema.parse(payload);
  const recipientSelect = { id: true, name: true, email: true, emailOptOutAt: true, anonymisedAt: true } as const;
  const issue = await db.issue.findUnique({
    where: { id: update.issueId },
    select: {
      id: true,
      title: true,
      visibility: true,
      reporter: { select: recipientSelect },
      follows: { select: { user: { select: recipientSelect } }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!issue || issue.visibility !== "public") return { recipients: 0 };

  const recipients = new Map<string, Recipient>();
  const candidates = [
    ...(issue.reporter ? [{ user: issue.reporter, role: "reporter" as const }] : []),
    ...issue.follows.map((follow) => ({ user: follow.user, role: "follower" as const })),
  ];
  for (const { user, role } of candidates) {
    if (user.anonymisedAt || user.id === update.actorId || recipients.has(user.id)) continue;
    recipients.set(user.id, { ...user, role });
  }

  await db.$transaction(async (tx) => {
    for (const recipient of recipients.values()) {
      const title = notificationTitle(update, recipient.role);
      await tx.notification.create({
        data: {
          userId: recipient.id,
          issueId: issue.id,
          type: update.kind,
          title,
          body: update.message.trim(),
          createdAt: context.now,
        },
      });
      if (recipient.emailOptOutAt) continue;
      await queueEmail(
        tx,
        {
          to: recipient.email,
          subject: `${title}: ${issue.title}`,
          text: notificationMailText(recipient, issue, title, update.message),
          unsubscribeUrl: unsubscribeUrl({ userId: recipient.id, issueId: null }),
        },
        context.now,
      );
    }
  });
  return { recipients: recipients.size };
}

/** For the header badge. Uses the (userId, readAt, createdAt) index. */
export function unreadNotificationCount(userId: string) {
  return db.notification.count({ where: { userId, readAt: null } });
}
