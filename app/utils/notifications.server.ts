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

function notificationMailText(
  recipient: Recipient,
  issue: { id: number; title: string },
  title: string,
  message: string,
) {
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
 * out of mail, one queued mail. Recipients are the followers (the reporter among them), once each,
 * without the person who made the change and without anonymised accounts. Everything is
 * written in one transaction with ids derived from the job's id, so a job that fails halfway or
 * runs twice never notifies anyone twice. Issues that are not public (hidden by a moderator,
 * not yet confirmed) are skipped: their links would not open.
 */
export async function deliverIssueUpdate(payload: unknown, context: { jobId: string; now: Date }) {
  const update = issueUpdateSchema.parse(payload);
  const recipientSelect = { id: true, name: true, email: true, emailOptOutAt: true, anonymisedAt: true } as const;
  const issue = await db.issue.findUnique({
    where: { id: update.issueId },
    select: {
      id: true,
      title: true,
      visibility: true,
      reporter: { select: { id: true } },
      follows: { select: { user: { select: recipientSelect } }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!issue || issue.visibility !== "public") return { recipients: 0 };

  // Reporters follow their own issue from the start (createIssue), so "Niet meer volgen"
  // stops their messages too; the reporter is only addressed differently.
  const recipients = new Map<string, Recipient>();
  for (const { user } of issue.follows) {
    if (user.anonymisedAt || user.id === update.actorId || recipients.has(user.id)) continue;
    recipients.set(user.id, { ...user, role: user.id === issue.reporter?.id ? "reporter" : "follower" });
  }

  await db.$transaction(async (tx) => {
    for (const recipient of recipients.values()) {
      // Ids derived from the job: a job that runs again (its worker died after this commit)
      // finds its notification and leaves this recipient alone, so no one hears twice.
      const id = `${context.jobId}.${recipient.id}`;
      if (await tx.notification.findUnique({ where: { id }, select: { id: true } })) continue;
      const title = notificationTitle(update, recipient.role);
      await tx.notification.create({
        data: {
          id,
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
        { id },
      );
    }
  });
  return { recipients: recipients.size };
}

/** For the header badge. Uses the (userId, readAt, createdAt) index. */
export function unreadNotificationCount(userId: string) {
  return db.notification.count({ where: { userId, readAt: null } });
}

/** "Alles gelezen" on /berichten. Returns how many notifications changed. */
export async function markAllNotificationsRead(userId: string, now = new Date()) {
  const { count } = await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } });
  return count;
}

/* ---------------------------------------------------------------------------------------------
 * New issues: the members of the organisation that is trekker (lead) for the issue's theme on
 * the partnership map get a mail, so someone picks it up without watching the queue all day.
 * ------------------------------------------------------------------------------------------- */

const newIssueSchema = z.object({ issueId: z.number().int().positive() });

/** Call in the transaction that creates the issue. */
export async function queueNewIssueMail(tx: Tx, issueId: number) {
  await enqueueJob(tx, "notify_new_issue", { issueId } satisfies z.infer<typeof newIssueSchema>);
}

type TrekkerRecipient = { id: string; name: string; email: string; organisationName: string };

function newIssueMailText(
  recipient: TrekkerRecipient,
  issue: { id: number; title: string; description: string; theme: string; buurt: string },
) {
  const name = firstName(recipient.name);
  const description = issue.description.trim();
  return [
    name ? t("mail.newIssue.greeting", { name }) : t("mail.notification.greetingNoName"),
    "",
    t("mail.newIssue.intro", { theme: issue.theme, buurt: issue.buurt }),
    "",
    t("mail.notification.issue", { title: issue.title }),
    description.length > 600 ? `${description.slice(0, 600).trimEnd()}...` : description,
    "",
    t("mail.newIssue.view"),
    `${env().PUBLIC_URL}/partner/meldingen/${issue.id}`,
    "",
    t("mail.notification.signature"),
    "",
    "--",
    t("mail.newIssue.why", { organisation: recipient.organisationName, theme: issue.theme }),
    "",
    t("mail.notification.unsubscribeAll"),
    unsubscribeUrl({ userId: recipient.id, issueId: null }),
  ].join("\n");
}

/**
 * The `notify_new_issue` job: one mail per member of the theme's trekker organisation(s), read
 * from PartnershipRole directly. Left out: the reporter (a professional reporting an issue
 * knows about it), anonymised accounts and people who opted out of mail. Mail job ids derive
 * from this job's id, so running the job twice queues each mail once.
 */
export async function deliverNewIssueMail(payload: unknown, context: { jobId: string; now: Date }) {
  const { issueId } = newIssueSchema.parse(payload);
  const issue = await db.issue.findUnique({
    where: { id: issueId },
    select: {
      id: true,
      title: true,
      description: true,
      visibility: true,
      reporterId: true,
      themeId: true,
      theme: { select: { name: true } },
      buurt: { select: { name: true } },
    },
  });
  if (!issue || issue.visibility !== "public") return { recipients: 0 };

  const memberships = await db.membership.findMany({
    where: { organisation: { partnershipRoles: { some: { themeId: issue.themeId, role: "trekker" } } } },
    select: {
      organisation: { select: { name: true } },
      user: { select: { id: true, name: true, email: true, emailOptOutAt: true, anonymisedAt: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  const recipients = new Map<string, TrekkerRecipient>();
  for (const { user, organisation } of memberships) {
    if (user.anonymisedAt || user.emailOptOutAt || user.id === issue.reporterId || recipients.has(user.id)) continue;
    recipients.set(user.id, { id: user.id, name: user.name, email: user.email, organisationName: organisation.name });
  }

  const details = { ...issue, theme: issue.theme.name, buurt: issue.buurt.name };
  await db.$transaction(async (tx) => {
    for (const recipient of recipients.values()) {
      const id = `${context.jobId}.${recipient.id}`;
      if (await tx.job.findUnique({ where: { id }, select: { id: true } })) continue;
      await queueEmail(
        tx,
        {
          to: recipient.email,
          subject: t("mail.newIssue.subject", { theme: details.theme, title: issue.title }),
          text: newIssueMailText(recipient, details),
          unsubscribeUrl: unsubscribeUrl({ userId: recipient.id, issueId: null }),
        },
        context.now,
        { id },
      );
    }
  });
  return { recipients: recipients.size };
}
