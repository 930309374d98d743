import { createHash } from "node:crypto";
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import {
  CONFIRM_TTL_MS,
  MAX_ALERT_RADIUS,
  UNCONFIRMED_RETENTION_MS,
  alertMatches,
  describeAlert,
  type AlertFrequency,
  type AlertSubscribeInput,
} from "~/domain/alerts";
import { bboxAround, findBuurt, type BuurtShape } from "~/domain/geo";
import { t } from "~/i18n";
import { generateSessionToken, hashToken, isGeneratedToken, type SessionUser } from "./auth.server";
import { buurtAt, loadBuurten } from "./buurten.server";
import { db, type Tx } from "./db.server";
import { env } from "./env.server";
import { enqueueJob } from "./jobs.server";
import { queueEmail, readSignedScopeToken, signedScopeToken } from "./mail.server";

/**
 * E-mailattenties: anyone subscribes by email (double opt-in) to new issues in a buurt, within a
 * radius of a point, or about a theme. A new public issue queues a `match_alerts` job that
 * writes one AlertDelivery row per matching subscription (its primary key makes "once per
 * issue" a database rule) and mails "direct" subscribers at once, one mail per address even when
 * several of its subscriptions match. "Dagelijks" deliveries wait for the 07:00 `alert_digest`
 * job, which sends one mail per address. Mail never names the reporter.
 */

/** Most subscriptions kept for one address; beyond it requests are dropped without saying so. */
const MAX_SUBSCRIPTIONS_PER_EMAIL = 25;
/** Most issues listed in one digest mail; the rest is a link to the list. */
const DIGEST_MAX_ISSUES = 50;

function groupBy<T>(items: readonly T[], key: (item: T) => string) {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Stable, non-reversible key of an address for job ids (the address itself stays out of ids). */
function emailKey(email: string) {
  return createHash("sha256").update(email).digest("hex").slice(0, 16);
}

/* ---------------------------------------------------------------------------------------------
 * Links: confirmation tokens are random (only their SHA-256 is stored, like sessions), one use,
 * 48 hours. Unsubscribe tokens are the subscription id plus an HMAC with SESSION_SECRET, so they
 * keep working in old mail. Scope "een" stops one subscription; "alle" stops every subscription
 * of the same address as that one (for mail that several subscriptions caused).
 * ------------------------------------------------------------------------------------------- */

export type AlertUnsubscribeScope = { subscriptionId: string; scope: "een" | "alle" };

export function alertUnsubscribeToken({ subscriptionId, scope }: AlertUnsubscribeScope) {
  return signedScopeToken("alert-unsubscribe", subscriptionId, scope);
}

export function alertUnsubscribeUrl(scope: AlertUnsubscribeScope) {
  return `${env().PUBLIC_URL}/attenties/afmelden/${alertUnsubscribeToken(scope)}`;
}

export function readAlertUnsubscribeToken(token: string | undefined): AlertUnsubscribeScope | null {
  const read = readSignedScopeToken("alert-unsubscribe", token, "een|alle");
  return read ? { subscriptionId: read.id, scope: read.scope as "een" | "alle" } : null;
}

export function alertConfirmUrl(token: string) {
  return `${env().PUBLIC_URL}/attenties/bevestigen/${token}`;
}

/* ---------------------------------------------------------------------------------------------
 * Describing subscriptions
 * ------------------------------------------------------------------------------------------- */

const describeSelect = {
  id: true,
  email: true,
  kind: true,
  frequency: true,
  buurtCode: true,
  themeId: true,
  lat: true,
  lng: true,
  radiusMeters: true,
  confirmedAt: true,
  buurt: { select: { name: true } },
  theme: { select: { name: true, retiredAt: true } },
} as const;

type DescribableSubscription = {
  kind: string;
  lat: number | null;
  lng: number | null;
  radiusMeters: number | null;
  buurt: { name: string } | null;
  theme: { name: string; retiredAt: Date | null } | null;
};

/**
 * The subscription in words. Inside a transaction pass `buurten` (loadBuurten() before it
 * started): on a cold cache buurtAt() would query through `db`, which waits for that very
 * transaction on SQLite (app/utils/sqlite-adapter.server.ts).
 */
export async function describeSubscription(subscription: DescribableSubscription, buurten?: readonly BuurtShape[]) {
  const point =
    subscription.kind === "straal" && subscription.lat !== null && subscription.lng !== null
      ? { lat: subscription.lat, lng: subscription.lng }
      : null;
  const centre = point ? (buurten ? findBuurt(point, buurten) : await buurtAt(point)) : null;
  return describeAlert({
    kind: subscription.kind,
    buurtName: subscription.buurt?.name,
    themeName: subscription.theme?.name,
    themeRetired: Boolean(subscription.theme?.retiredAt),
    radiusMeters: subscription.radiusMeters,
    centreBuurtName: centre?.name ?? null,
  });
}

/* ---------------------------------------------------------------------------------------------
 * Subscribing and confirming
 * ------------------------------------------------------------------------------------------- */

type AlertTarget = {
  kind: "buurt" | "straal" | "thema";
  buurtCode: string | null;
  themeId: string | null;
  lat: number | null;
  lng: number | null;
  radiusMeters: number | null;
};

/**
 * Checks what the form points at against the database: a known buurt, an active theme, a point
 * inside Blerick. Returns the subscription's target or the field errors to show.
 */
export async function resolveAlertTarget(
  input: AlertSubscribeInput,
): Promise<{ target: AlertTarget } | { fieldErrors: Record<string, string[]> }> {
  if (input.kind === "buurt") {
    const buurt = (await loadBuurten()).find((b) => b.code === input.buurtCode);
    if (!buurt) return { fieldErrors: { buurtCode: [t("alerts.validation.buurtRequired")] } };
    return {
      target: { kind: "buurt", buurtCode: buurt.code, themeId: null, lat: null, lng: null, radiusMeters: null },
    };
  }
  if (input.kind === "thema") {
    const theme = await db.theme.findFirst({
      where: { code: input.themeCode, retiredAt: null },
      select: { id: true },
    });
    if (!theme) return { fieldErrors: { themeCode: [t("alerts.validation.themeUnknown")] } };
    return { target: { kind: "thema", buurtCode: null, themeId: theme.id, lat: null, lng: null, radiusMeters: null } };
  }
  const point = { lat: input.lat, lng: input.lng };
  if (!(await buurtAt(point))) return { fieldErrors: { lat: [t("alerts.validation.placeOutside")] } };
  return {
    target: {
      kind: "straal",
      buurtCode: null,
      themeId: null,
      lat: Math.round(point.lat * 1e6) / 1e6,
      lng: Math.round(point.lng * 1e6) / 1e6,
      radiusMeters: input.radiusMeters,
    },
  };
}

/** The same address already has this exact subscription, switched on. */
function findSameConfirmed(tx: Tx, email: string, target: AlertTarget, exceptId?: string) {
  return tx.alertSubscription.findFirst({
    where: { email, ...target, confirmedAt: { not: null }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
}

export type SubscribeResult = "confirmation_sent" | "active" | "dropped";

/**
 * Saves a subscription. With `verifiedUser` (logged in, email proven) it is on at once;
 * otherwise it waits for the link in the confirmation mail. The caller answers the same for
 * every outcome except "active", so the page never tells whether an address has subscriptions.
 */
export async function subscribeToAlerts({
  email,
  target,
  frequency,
  userId = null,
  verifiedUser = false,
  now = new Date(),
}: {
  email: string;
  target: AlertTarget;
  frequency: AlertFrequency;
  userId?: string | null;
  verifiedUser?: boolean;
  now?: Date;
}): Promise<SubscribeResult> {
  const buurten = await loadBuurten();
  return db.$transaction(async (tx) => {
    if (verifiedUser) {
      const same = await findSameConfirmed(tx, email, target);
      if (same) {
        await tx.alertSubscription.update({ where: { id: same.id }, data: { frequency } });
      } else {
        await tx.alertSubscription.create({
          data: { email, userId, frequency, ...target, confirmedAt: now, createdAt: now },
        });
      }
      return "active";
    }
    if ((await tx.alertSubscription.count({ where: { email } })) >= MAX_SUBSCRIPTIONS_PER_EMAIL) return "dropped";
    const token = generateSessionToken();
    const subscription = await tx.alertSubscription.create({
      data: {
        email,
        userId,
        frequency,
        ...target,
        confirmTokenHash: hashToken(token),
        confirmExpiresAt: new Date(now.getTime() + CONFIRM_TTL_MS),
        createdAt: now,
      },
      select: describeSelect,
    });
    const description = await describeSubscription(subscription, buurten);
    await queueEmail(
      tx,
      {
        to: email,
        subject: t("alerts.mail.confirmSubject"),
        text: [
          t("alerts.mail.greeting"),
          "",
          t("alerts.mail.confirmIntro"),
          `${description} (${t(frequency === "dagelijks" ? "alerts.describe.dagelijks" : "alerts.describe.direct")}).`,
          "",
          t("alerts.mail.confirmAction"),
          alertConfirmUrl(token),
          "",
          t("alerts.mail.confirmValidity"),
          "",
          t("alerts.mail.confirmNotYou"),
          "",
          t("alerts.mail.signature"),
        ].join("\n"),
      },
      now,
    );
    return "confirmation_sent";
  });
}

async function findByConfirmToken(token: string | undefined) {
  if (!isGeneratedToken(token)) return null;
  return db.alertSubscription.findUnique({
    where: { confirmTokenHash: hashToken(token) },
    select: { ...describeSelect, confirmExpiresAt: true },
  });
}

/** What a confirmation link would switch on, or null when the link does not work (any more). */
export async function pendingConfirmation(token: string | undefined, now = new Date()) {
  const row = await findByConfirmToken(token);
  if (!row || row.confirmedAt || !row.confirmExpiresAt || row.confirmExpiresAt <= now) return null;
  return { description: await describeSubscription(row), frequency: row.frequency };
}

export type ConfirmResult =
  { status: "invalid" } | { status: "confirmed" | "duplicate"; description: string; unsubscribeUrl: string };

/**
 * Switches a subscription on. The token works once and for 48 hours. A subscription the address
 * already had is not made twice: the older one stays (with the newly chosen frequency).
 */
export async function confirmAlertSubscription(token: string | undefined, now = new Date()): Promise<ConfirmResult> {
  const row = await findByConfirmToken(token);
  if (!row || row.confirmedAt || !row.confirmExpiresAt || row.confirmExpiresAt <= now) return { status: "invalid" };
  const description = await describeSubscription(row);
  const target: AlertTarget = {
    kind: row.kind as AlertTarget["kind"],
    buurtCode: row.buurtCode,
    themeId: row.themeId,
    lat: row.lat,
    lng: row.lng,
    radiusMeters: row.radiusMeters,
  };
  return db.$transaction(async (tx): Promise<ConfirmResult> => {
    const same = await findSameConfirmed(tx, row.email, target, row.id);
    if (same) {
      const removed = await tx.alertSubscription.deleteMany({ where: { id: row.id, confirmedAt: null } });
      if (removed.count !== 1) return { status: "invalid" };
      await tx.alertSubscription.update({ where: { id: same.id }, data: { frequency: row.frequency } });
      return {
        status: "duplicate",
        description,
        unsubscribeUrl: alertUnsubscribeUrl({ subscriptionId: same.id, scope: "een" }),
      };
    }
    // Compare-and-set on the token: of two clicks at once, only one switches it on.
    const updated = await tx.alertSubscription.updateMany({
      where: { id: row.id, confirmTokenHash: hashToken(token!), confirmedAt: null },
      data: { confirmedAt: now, confirmTokenHash: null, confirmExpiresAt: null },
    });
    if (updated.count !== 1) return { status: "invalid" };
    return {
      status: "confirmed",
      description,
      unsubscribeUrl: alertUnsubscribeUrl({ subscriptionId: row.id, scope: "een" }),
    };
  });
}

/* ---------------------------------------------------------------------------------------------
 * Unsubscribing
 * ------------------------------------------------------------------------------------------- */

/** What an unsubscribe link stands for now; null when the signature is not ours. */
export async function alertUnsubscribeState(token: string | undefined) {
  const scope = readAlertUnsubscribeToken(token);
  if (!scope) return null;
  const row = await db.alertSubscription.findUnique({ where: { id: scope.subscriptionId }, select: describeSelect });
  return {
    ...scope,
    active: Boolean(row),
    description: row ? await describeSubscription(row) : null,
  };
}

/** Deletes the subscription (or all of its address's); safe to repeat. Returns how many went. */
export async function unsubscribeAlerts(scope: AlertUnsubscribeScope) {
  const row = await db.alertSubscription.findUnique({ where: { id: scope.subscriptionId }, select: { email: true } });
  if (!row) return 0;
  const where = scope.scope === "alle" ? { email: row.email } : { id: scope.subscriptionId };
  const { count } = await db.alertSubscription.deleteMany({ where });
  return count;
}

/* ---------------------------------------------------------------------------------------------
 * Managing on /account
 * ------------------------------------------------------------------------------------------- */

/**
 * The subscriptions a logged-in person may see and change: those made while logged in, and,
 * when the account's address is verified, those made for that address without logging in
 * (both prove the address).
 */
async function ownedWhere(user: Pick<SessionUser, "id" | "email">) {
  const account = await db.user.findUnique({ where: { id: user.id }, select: { emailVerifiedAt: true } });
  return account?.emailVerifiedAt ? { OR: [{ userId: user.id }, { email: user.email }] } : { userId: user.id };
}

export async function isVerifiedAccount(userId: string) {
  const account = await db.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return Boolean(account?.emailVerifiedAt);
}

export async function alertSubscriptionsFor(user: Pick<SessionUser, "id" | "email">) {
  const rows = await db.alertSubscription.findMany({
    where: await ownedWhere(user),
    select: { ...describeSelect, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      description: await describeSubscription(row),
      frequency: row.frequency,
      confirmed: row.confirmedAt !== null,
    })),
  );
}

/** Returns false when the subscription is not this person's (or does not exist). */
export async function deleteOwnedSubscription(user: Pick<SessionUser, "id" | "email">, subscriptionId: string) {
  const { count } = await db.alertSubscription.deleteMany({
    where: { id: subscriptionId, ...(await ownedWhere(user)) },
  });
  return count === 1;
}

export async function setOwnedSubscriptionFrequency(
  user: Pick<SessionUser, "id" | "email">,
  subscriptionId: string,
  frequency: AlertFrequency,
) {
  const { count } = await db.alertSubscription.updateMany({
    where: { id: subscriptionId, ...(await ownedWhere(user)) },
    data: { frequency },
  });
  return count === 1;
}

/* ---------------------------------------------------------------------------------------------
 * Matching new issues and sending mail (job handlers, registered in job-handlers.server.ts)
 * ------------------------------------------------------------------------------------------- */

const matchSchema = z.object({ issueId: z.number().int().positive() });

/**
 * Call in the transaction that makes an issue public (creation now; confirmation of an
 * unconfirmed report later). The job checks visibility itself, so calling it for an issue that
 * is not public yet is harmless.
 */
export async function queueAlertMatching(tx: Tx, issueId: number, runAt = new Date()) {
  await enqueueJob(tx, "match_alerts", { issueId } satisfies z.infer<typeof matchSchema>, runAt);
}

type MailSubscription = DescribableSubscription & { id: string; email: string };

type MailIssue = { id: number; title: string; theme: { name: string }; buurt: { name: string } };

function issueUrl(issueId: number) {
  return `${env().PUBLIC_URL}/meldingen/${issueId}`;
}

/** The unsubscribe link for the List-Unsubscribe header: the one subscription, or all of them. */
function headerUnsubscribeUrl(subscriptions: MailSubscription[]) {
  return alertUnsubscribeUrl({
    subscriptionId: subscriptions[0].id,
    scope: subscriptions.length === 1 ? "een" : "alle",
  });
}

/** Why this mail came, and a stop link per subscription (plus one for all when there are several). */
async function mailFooter(subscriptions: MailSubscription[], buurten: readonly BuurtShape[]) {
  const lines = ["", "--", t("alerts.mail.why")];
  for (const subscription of subscriptions) {
    lines.push(
      `- ${await describeSubscription(subscription, buurten)}`,
      `  ${t("alerts.mail.stopOne")}`,
      `  ${alertUnsubscribeUrl({ subscriptionId: subscription.id, scope: "een" })}`,
    );
  }
  if (subscriptions.length > 1) {
    lines.push(
      "",
      t("alerts.mail.stopAll"),
      alertUnsubscribeUrl({ subscriptionId: subscriptions[0].id, scope: "alle" }),
    );
  }
  lines.push("", t("alerts.mail.manage"), `${env().PUBLIC_URL}/account`);
  return lines;
}

async function alertMailText(
  issue: MailIssue & { description: string },
  subscriptions: MailSubscription[],
  buurten: readonly BuurtShape[],
) {
  const description = issue.description.trim();
  return [
    t("alerts.mail.greeting"),
    "",
    t("alerts.mail.intro", { buurt: issue.buurt.name }),
    "",
    t("alerts.mail.issueTitle", { title: issue.title }),
    t("alerts.mail.issueTheme", { theme: issue.theme.name }),
    t("alerts.mail.issueBuurt", { buurt: issue.buurt.name }),
    "",
    description.length > 300 ? `${description.slice(0, 300).trimEnd()}...` : description,
    "",
    t("alerts.mail.view"),
    issueUrl(issue.id),
    "",
    t("alerts.mail.signature"),
    ...(await mailFooter(subscriptions, buurten)),
  ].join("\n");
}

async function digestMailText(issues: MailIssue[], subscriptions: MailSubscription[], buurten: readonly BuurtShape[]) {
  const shown = issues.slice(0, DIGEST_MAX_ISSUES);
  const lines = [t("alerts.mail.greeting"), "", t("alerts.mail.digestIntro"), ""];
  for (const issue of shown) {
    lines.push(`- ${issue.title} (${issue.theme.name}, ${issue.buurt.name})`, `  ${issueUrl(issue.id)}`, "");
  }
  if (issues.length > shown.length) {
    lines.push(t("alerts.mail.digestMore", { count: issues.length - shown.length }), `${env().PUBLIC_URL}/`, "");
  }
  lines.push(t("alerts.mail.signature"), ...(await mailFooter(subscriptions, buurten)));
  return lines.join("\n");
}

/**
 * The `match_alerts` job. Re-reads the issue and does nothing unless it is public. Only
 * subscriptions confirmed before the issue was made count. Safe to repeat: delivery rows and
 * mails are written in one transaction, and an existing delivery row is never mailed again.
 */
export async function matchAlerts(payload: unknown, context: { jobId: string; now: Date }) {
  const { issueId } = matchSchema.parse(payload);
  const issue = await db.issue.findUnique({
    where: { id: issueId },
    select: {
      id: true,
      title: true,
      description: true,
      visibility: true,
      createdAt: true,
      lat: true,
      lng: true,
      buurtCode: true,
      themeId: true,
      reporterEmail: true,
      reporter: { select: { email: true } },
      theme: { select: { name: true } },
      buurt: { select: { name: true } },
    },
  });
  if (!issue || issue.visibility !== "public") return { matched: 0, mails: 0 };

  const box = bboxAround(issue, MAX_ALERT_RADIUS);
  const candidates = await db.alertSubscription.findMany({
    where: {
      confirmedAt: { not: null, lte: issue.createdAt },
      OR: [
        { kind: "buurt", buurtCode: issue.buurtCode },
        { kind: "thema", themeId: issue.themeId },
        { kind: "straal", lat: { gte: box.minLat, lte: box.maxLat }, lng: { gte: box.minLng, lte: box.maxLng } },
      ],
    },
    select: describeSelect,
    orderBy: { createdAt: "asc" },
  });
  // Reporters know about their own issue.
  const reporterEmails = new Set([issue.reporter?.email, issue.reporterEmail?.toLowerCase()].filter(Boolean));
  const matched = candidates.filter(
    (subscription) =>
      !reporterEmails.has(subscription.email) &&
      alertMatches({ ...subscription, themeRetired: Boolean(subscription.theme?.retiredAt) }, issue),
  );
  if (matched.length === 0) return { matched: 0, mails: 0 };

  const buurten = await loadBuurten();
  let mails = 0;
  await db.$transaction(async (tx) => {
    const fresh: typeof matched = [];
    for (const subscription of matched) {
      const key = { subscriptionId_issueId: { subscriptionId: subscription.id, issueId: issue.id } };
      if (await tx.alertDelivery.findUnique({ where: key, select: { issueId: true } })) continue;
      await tx.alertDelivery.create({
        data: { subscriptionId: subscription.id, issueId: issue.id, createdAt: context.now },
      });
      fresh.push(subscription);
    }

    const byEmail = groupBy(fresh, (subscription) => subscription.email);
    for (const [email, subscriptions] of byEmail) {
      if (!subscriptions.some((subscription) => subscription.frequency === "direct")) continue;
      const ids = subscriptions.map((subscription) => subscription.id);
      // One mail per address and issue: also when an earlier run already mailed this address
      // about this issue through another of its subscriptions.
      const alreadyMailed = await tx.alertDelivery.findFirst({
        where: { issueId: issue.id, sentAt: { not: null }, subscription: { email } },
        select: { issueId: true },
      });
      const id = `${context.jobId}.${emailKey(email)}`;
      if (!alreadyMailed && !(await tx.job.findUnique({ where: { id }, select: { id: true } }))) {
        await queueEmail(
          tx,
          {
            to: email,
            subject: t("alerts.mail.subjectOne", { buurt: issue.buurt.name, title: issue.title }),
            text: await alertMailText(issue, subscriptions, buurten),
            unsubscribeUrl: headerUnsubscribeUrl(subscriptions),
          },
          context.now,
          { id },
        );
        mails += 1;
      }
      // The daily subscriptions of this address are covered by this mail too.
      await tx.alertDelivery.updateMany({
        where: { issueId: issue.id, subscriptionId: { in: ids }, sentAt: null },
        data: { sentAt: context.now },
      });
    }
  });
  return { matched: matched.length, mails };
}

/**
 * The daily `alert_digest` job (07:00): one mail per address listing every issue still pending
 * for it, each issue once. Deliveries are marked sent in the same transaction as the mail, so a
 * repeated run sends nothing twice. Also wipes subscriptions never confirmed within 7 days.
 */
/** A delivery still to be mailed, about an issue that is (still) public. */
const pendingDelivery = { sentAt: null, issue: { visibility: "public" } } satisfies Prisma.AlertDeliveryWhereInput;

export async function sendAlertDigest(_payload: unknown, context: { jobId: string; now: Date }) {
  const { now } = context;
  const wiped = await db.alertSubscription.deleteMany({
    where: { confirmedAt: null, createdAt: { lt: new Date(now.getTime() - UNCONFIRMED_RETENTION_MS) } },
  });
  // An issue hidden after it matched is not announced any more.
  await db.alertDelivery.deleteMany({ where: { sentAt: null, issue: { visibility: { not: "public" } } } });

  // Who has something waiting; what exactly is read again inside each address's transaction,
  // so an unsubscribe or a hidden issue between the two reads is respected.
  const addresses = await db.alertSubscription.findMany({
    where: { confirmedAt: { not: null }, deliveries: { some: pendingDelivery } },
    select: { email: true },
    distinct: ["email"],
    orderBy: { email: "asc" },
  });

  const buurten = await loadBuurten();
  let mails = 0;
  for (const { email } of addresses) {
    const id = `${context.jobId}.${emailKey(email)}`;
    await db.$transaction(async (tx) => {
      const deliveries = await tx.alertDelivery.findMany({
        where: { ...pendingDelivery, subscription: { email, confirmedAt: { not: null } } },
        select: {
          subscription: { select: describeSelect },
          issue: {
            select: {
              id: true,
              title: true,
              createdAt: true,
              theme: { select: { name: true } },
              buurt: { select: { name: true } },
            },
          },
        },
        orderBy: [{ issue: { createdAt: "asc" } }, { issueId: "asc" }],
      });
      if (deliveries.length === 0) return;
      const issues = [...new Map(deliveries.map((d) => [d.issue.id, d.issue])).values()];
      const subscriptions = [...new Map(deliveries.map((d) => [d.subscription.id, d.subscription])).values()];
      if (!(await tx.job.findUnique({ where: { id }, select: { id: true } }))) {
        await queueEmail(
          tx,
          {
            to: email,
            subject:
              issues.length === 1
                ? t("alerts.mail.digestSubjectOne")
                : t("alerts.mail.digestSubject", { count: issues.length }),
            text: await digestMailText(issues, subscriptions, buurten),
            unsubscribeUrl: headerUnsubscribeUrl(subscriptions),
          },
          now,
          { id },
        );
        mails += 1;
      }
      await tx.alertDelivery.updateMany({
        where: {
          sentAt: null,
          subscriptionId: { in: subscriptions.map((s) => s.id) },
          issueId: { in: issues.map((issue) => issue.id) },
        },
        data: { sentAt: now },
      });
      await tx.alertSubscription.updateMany({
        where: { id: { in: subscriptions.map((s) => s.id) } },
        data: { lastDigestAt: now },
      });
    });
  }
  return { mails, wiped: wiped.count };
}
