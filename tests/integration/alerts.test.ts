import { beforeEach, describe, expect, test } from "vitest";
import { action as accountAction, loader as accountLoader } from "~/routes/account";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/attenties.afmelden.$token";
import { action as confirmAction, loader as confirmLoader } from "~/routes/attenties.bevestigen.$token";
import { action as subscribeAction, loader as subscribeLoader } from "~/routes/attenties._index";
import { action as open311Action } from "~/routes/open311.$";
import { distanceMeters } from "~/domain/geo";
import {
  alertUnsubscribeToken,
  confirmAlertSubscription,
  matchAlerts,
  queueAlertMatching,
  readAlertUnsubscribeToken,
  sendAlertDigest,
} from "~/utils/alerts.server";
import { hashToken } from "~/utils/auth.server";
import { forgetBuurten } from "~/utils/buurten.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { createApiKey } from "~/utils/open311.server";
import { recurringJobs } from "~/utils/job-handlers.server";
import { queueDueRecurringJobs } from "~/utils/recurring-jobs.server";
import { createIssue as createIssueFromForm } from "~/utils/report.server";
import { createIssue, createUser } from "../db-utils";
import { linkIn, runAllJobs, setupTestSmtpServer } from "../mail-utils";
import { errorsOf, locationOf, person, run, status, type Handler } from "../route-utils";

const smtp = setupTestSmtpServer();

const HOUR = 60 * 60 * 1000;
const VOSSENER_NOORD = { code: "BU09832402", lat: 51.369859, lng: 6.134016 };
const BLERICK_CENTRUM = "BU09832101";
/** Metres per degree of latitude for distanceMeters' sphere. */
const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;

beforeEach(async () => {
  // Every test posts from the same (unknown) client address: start each with fresh limits.
  await db.rateLimit.deleteMany();
});

let sequence = 0;
const uniqueEmail = (name = "bewoner") =>
  `${name.toLowerCase()}.${++sequence}.${Math.random().toString(36).slice(2, 8)}@example.test`;

const themeId = async (code: string) => (await db.theme.findUniqueOrThrow({ where: { code } })).id;

/** A subscription switched on an hour ago (so issues made now count). */
function subscription(data: {
  kind: "buurt" | "straal" | "thema";
  email?: string;
  userId?: string;
  buurtCode?: string;
  themeId?: string;
  lat?: number;
  lng?: number;
  radiusMeters?: number;
  frequency?: "direct" | "dagelijks";
  confirmedAt?: Date | null;
}) {
  return db.alertSubscription.create({
    data: {
      email: uniqueEmail(),
      frequency: "direct",
      confirmedAt: new Date(Date.now() - HOUR),
      createdAt: new Date(Date.now() - 2 * HOUR),
      ...data,
    },
  });
}

/** A public issue (test factory) with its match_alerts job queued, as the app does on creation. */
async function newIssue(options: Parameters<typeof createIssue>[0]) {
  const issue = await createIssue(options);
  await db.$transaction((tx) => queueAlertMatching(tx, issue.id));
  return issue;
}

function subscribeForm(fields: Record<string, string>) {
  return { email: uniqueEmail(), kind: "buurt", buurtCode: VOSSENER_NOORD.code, frequency: "direct", ...fields };
}

/** The plain confirmation token from the mail to this address. */
async function confirmationToken(email: string) {
  await runAllJobs();
  const [mail] = smtp.to(email);
  expect(mail, `no confirmation mail to ${email}`).toBeDefined();
  return linkIn(mail.text, `${env().PUBLIC_URL}/attenties/bevestigen/`).split("/").pop()!;
}

const unsubscribeLinks = (text: string) =>
  text.split(/\s+/).filter((word) => word.startsWith(`${env().PUBLIC_URL}/attenties/afmelden/`));

describe("subscribing: validation", () => {
  test.each([
    ["a bad email", { email: "geen-mailadres" }, "email", "Vul een geldig e-mailadres in"],
    ["no email", { email: "" }, "email", "Vul je e-mailadres in."],
    ["no buurt", { buurtCode: "" }, "buurtCode", "Kies een buurt."],
    ["an unknown buurt", { buurtCode: "BU99999999" }, "buurtCode", "Kies een buurt."],
    [
      "a radius out of range",
      { kind: "straal", lat: "51.369859", lng: "6.134016", radiusMeters: "5000" },
      "radiusMeters",
      "Kies een afstand: 100, 250, 500 of 1000 meter.",
    ],
    [
      "a radius that is no number",
      { kind: "straal", lat: "51.37", lng: "6.13", radiusMeters: "veel" },
      "radiusMeters",
      "Kies een afstand",
    ],
    ["no point", { kind: "straal", radiusMeters: "250" }, "lat", "Kies een plek op de kaart."],
    [
      "a point outside Blerick",
      { kind: "straal", lat: "52.370216", lng: "4.895168", radiusMeters: "250" },
      "lat",
      "Deze plek ligt buiten Blerick.",
    ],
    ["no theme", { kind: "thema" }, "themeCode", "Kies een thema."],
    ["an unknown theme", { kind: "thema", themeCode: "bestaat-niet" }, "themeCode", "Dit thema bestaat niet (meer)."],
    ["an unknown frequency", { frequency: "elk-uur" }, "frequency", "Kies hoe vaak je mail wilt krijgen."],
    ["an unknown kind", { kind: "postcode" }, "kind", "Kies waarover je mail wilt krijgen."],
  ])("%s: 400 with a Dutch message next to the field", async (_name, fields, field, message) => {
    const form = subscribeForm(fields);
    const result = await run(subscribeAction as Handler, "/attenties", { form });
    expect(status(result)).toBe(400);
    expect(errorsOf(result)[field]?.[0]).toContain(message);
    // What was typed comes back, so nothing is lost.
    const typed = (result as { data: { initialValue: Record<string, unknown> } }).data.initialValue;
    expect(typed).toMatchObject({ kind: form.kind, ...(form.email ? { email: form.email } : {}) });
    expect(await db.alertSubscription.count({ where: { email: form.email.toLowerCase() } })).toBe(0);
  });

  test("a retired theme cannot be chosen", async () => {
    await db.theme.create({ data: { code: "oud-thema-form", name: "Oud thema", retiredAt: new Date() } });
    const result = await run(subscribeAction as Handler, "/attenties", {
      form: subscribeForm({ kind: "thema", themeCode: "oud-thema-form" }),
    });
    expect(status(result)).toBe(400);
    expect(errorsOf(result).themeCode?.[0]).toBe("Dit thema bestaat niet (meer). Kies een thema uit de lijst.");
  });

  test("a body that is no form answers 400, not 500", async () => {
    const request = new Request("http://localhost/attenties", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
      body: "kapot",
    });
    const result = await (subscribeAction as Handler)({ request, params: {}, context: {} }).catch((e: unknown) => e);
    expect(status(result)).toBe(400);
  });

  test("a filled-in honeypot is refused", async () => {
    const form = subscribeForm({ website: "http://spam.example" });
    const result = await run(subscribeAction as Handler, "/attenties", { form });
    expect(status(result)).toBe(400);
    expect(await db.alertSubscription.count({ where: { email: form.email } })).toBe(0);
  });

  test("the form opens with the buurt or theme from the link", async () => {
    const buurt = (await run(subscribeLoader as Handler, `/attenties?buurt=${BLERICK_CENTRUM}`)) as {
      defaults: { kind: string; buurtCode: string | null };
    };
    expect(buurt.defaults).toMatchObject({ kind: "buurt", buurtCode: BLERICK_CENTRUM });
    const theme = (await run(subscribeLoader as Handler, "/attenties?thema=afval")) as {
      defaults: { kind: string; themeCode: string | null };
    };
    expect(theme.defaults).toMatchObject({ kind: "thema", themeCode: "afval" });
  });
});

describe("subscribing: double opt-in", () => {
  test("without an account: an unconfirmed subscription and a confirmation mail with a 48-hour link", async () => {
    const email = uniqueEmail("Anouk");
    const result = await run(subscribeAction as Handler, "/attenties", {
      form: subscribeForm({ email: `  ${email.toUpperCase()} ` }),
    });
    expect(locationOf(result)).toBe("/attenties?verstuurd");

    const row = await db.alertSubscription.findFirstOrThrow({ where: { email } });
    expect(row).toMatchObject({
      kind: "buurt",
      buurtCode: VOSSENER_NOORD.code,
      frequency: "direct",
      confirmedAt: null,
    });
    expect(row.confirmExpiresAt!.getTime() - row.createdAt.getTime()).toBe(48 * HOUR);

    const token = await confirmationToken(email);
    const [mail] = smtp.to(email);
    expect(mail.subject).toBe("Bevestig je e-mailattentie van Buurt Bestuurt");
    expect(mail.text).toContain("Nieuwe meldingen in Vossener-Noord (direct).");
    expect(mail.text).toContain("De link werkt 48 uur.");
    // Only the hash is stored.
    expect(row.confirmTokenHash).toBe(hashToken(token));
    expect(row.confirmTokenHash).not.toContain(token);
  });

  test("the answer is the same for an address that already has subscriptions", async () => {
    const email = uniqueEmail();
    await subscription({ kind: "buurt", email, buurtCode: VOSSENER_NOORD.code });
    const known = await run(subscribeAction as Handler, "/attenties", { form: subscribeForm({ email }) });
    const unknown = await run(subscribeAction as Handler, "/attenties", { form: subscribeForm({}) });
    expect(status(known)).toBe(status(unknown));
    expect(locationOf(known)).toBe(locationOf(unknown));
  });

  test("one address cannot be flooded: the sixth request within an hour gets 429 and no mail", async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 5; i++) {
      expect(status(await run(subscribeAction as Handler, "/attenties", { form: subscribeForm({ email }) }))).toBe(302);
    }
    const sixth = await run(subscribeAction as Handler, "/attenties", { form: subscribeForm({ email }) });
    expect(status(sixth)).toBe(429);
    expect((sixth as { data: { error: Record<string, string[]> } }).data.error[""]?.[0]).toContain("te vaak");
    await runAllJobs();
    expect(smtp.to(email)).toHaveLength(5);
  });

  test("a logged-in person with a verified address skips the mail; the address is the account's", async () => {
    const user = await person();
    const result = await run(subscribeAction as Handler, "/attenties", {
      cookie: user.cookie,
      form: subscribeForm({ email: "iemand.anders@example.test", kind: "thema", themeCode: "afval" }),
    });
    expect(locationOf(result)).toBe("/account#attenties");
    const row = await db.alertSubscription.findFirstOrThrow({ where: { userId: user.id } });
    expect(row).toMatchObject({ email: user.email, kind: "thema", confirmTokenHash: null });
    expect(row.confirmedAt).not.toBeNull();
    expect(await db.alertSubscription.count({ where: { email: "iemand.anders@example.test" } })).toBe(0);
    await runAllJobs();
    expect(smtp.messages).toHaveLength(0);
  });

  test("a logged-in person whose address is not verified gets the confirmation mail", async () => {
    const user = await person({ emailVerifiedAt: null });
    await run(subscribeAction as Handler, "/attenties", { cookie: user.cookie, form: subscribeForm({}) });
    expect(await db.alertSubscription.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({
      email: user.email,
      confirmedAt: null,
    });
    await confirmationToken(user.email);
  });
});

describe("confirming", () => {
  async function requested(fields: Record<string, string> = {}) {
    const email = uniqueEmail();
    await run(subscribeAction as Handler, "/attenties", { form: subscribeForm({ email, ...fields }) });
    return { email, token: await confirmationToken(email) };
  }
  const confirm = (token: string) =>
    run(confirmAction as Handler, `/attenties/bevestigen/${token}`, { form: {}, params: { token } });

  test("GET only shows what is switched on; POST switches it on", async () => {
    const { email, token } = await requested({ frequency: "dagelijks" });
    const page = await run(confirmLoader as Handler, `/attenties/bevestigen/${token}`, { params: { token } });
    expect(status(page)).toBe(200);
    expect(page).toMatchObject({
      valid: true,
      description: "Nieuwe meldingen in Vossener-Noord",
      frequency: "één keer per dag",
    });
    expect((await db.alertSubscription.findFirstOrThrow({ where: { email } })).confirmedAt).toBeNull();

    const result = await confirm(token);
    expect(status(result)).toBe(200);
    expect(result).toMatchObject({ status: "confirmed", description: "Nieuwe meldingen in Vossener-Noord" });
    const row = await db.alertSubscription.findFirstOrThrow({ where: { email } });
    expect(row.confirmedAt).not.toBeNull();
    expect(row).toMatchObject({ confirmTokenHash: null, confirmExpiresAt: null });
  });

  test("a link works once", async () => {
    const { token } = await requested();
    expect(status(await confirm(token))).toBe(200);
    expect(status(await confirm(token))).toBe(404);
    expect(status(await run(confirmLoader as Handler, "/", { params: { token } }))).toBe(404);
  });

  test("a link stops working after 48 hours", async () => {
    const { email, token } = await requested();
    const created = (await db.alertSubscription.findFirstOrThrow({ where: { email } })).createdAt.getTime();
    expect(await confirmAlertSubscription(token, new Date(created + 48 * HOUR + 1000))).toEqual({ status: "invalid" });
    await db.alertSubscription.updateMany({
      where: { email },
      data: { confirmExpiresAt: new Date(Date.now() - 1000) },
    });
    expect(status(await confirm(token))).toBe(404);
    expect((await db.alertSubscription.findFirstOrThrow({ where: { email } })).confirmedAt).toBeNull();
  });

  test.each(["abcdefghijklmnopqrstuvwxyz234567", "kort", "../../account", "x".repeat(500)])(
    "a wrong token (%s) answers 404",
    async (token) => {
      expect(status(await confirm(token))).toBe(404);
      expect(status(await run(confirmLoader as Handler, "/", { params: { token } }))).toBe(404);
    },
  );

  test("confirming the same subscription twice keeps one (with the newest frequency)", async () => {
    const email = uniqueEmail();
    await run(subscribeAction as Handler, "/attenties", { form: subscribeForm({ email }) });
    await run(subscribeAction as Handler, "/attenties", { form: subscribeForm({ email, frequency: "dagelijks" }) });
    await runAllJobs();
    const tokens = smtp
      .to(email)
      .map((mail) => linkIn(mail.text, `${env().PUBLIC_URL}/attenties/bevestigen/`).split("/").pop()!);
    expect(tokens).toHaveLength(2);
    expect(await confirm(tokens[0])).toMatchObject({ status: "confirmed" });
    expect(await confirm(tokens[1])).toMatchObject({ status: "duplicate" });
    expect(
      await db.alertSubscription.findMany({ where: { email }, select: { frequency: true, confirmedAt: true } }),
    ).toEqual([{ frequency: "dagelijks", confirmedAt: expect.any(Date) }]);
  });
});

describe("matching new issues", () => {
  test("a buurt subscription: a mail for an issue in the buurt, none for another buurt", async () => {
    const reporter = await createUser({ name: "Bram Vossenakker" });
    const sub = await subscription({ kind: "buurt", buurtCode: VOSSENER_NOORD.code });
    const inside = await newIssue({ reporterId: reporter.id, buurtCode: VOSSENER_NOORD.code, themeCode: "afval" });
    await newIssue({ reporterId: reporter.id, buurtCode: BLERICK_CENTRUM });
    await runAllJobs();

    const mails = smtp.to(sub.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.subject).toBe(`Nieuwe melding in Vossener-Noord: ${inside.title}`);
    expect(mail.text).toContain(`Melding: ${inside.title}`);
    expect(mail.text).toContain("Thema: Afval en zwerfvuil");
    expect(mail.text).toContain("Buurt: Vossener-Noord");
    expect(mail.text).toContain(`${env().PUBLIC_URL}/meldingen/${inside.id}`);
    expect(mail.text).toContain("Je krijgt deze mail omdat je een e-mailattentie hebt aangezet:");
    expect(mail.text).toContain("- Nieuwe meldingen in Vossener-Noord");
    // Never who reported it.
    expect(mail.text).not.toContain("Bram");
    expect(mail.text).not.toContain(reporter.email);
    const header = mail.headers["list-unsubscribe"];
    expect(header).toBe(`<${unsubscribeLinks(mail.text)[0]}>`);
    expect(readAlertUnsubscribeToken(header.slice(1, -1).split("/").pop())).toEqual({
      subscriptionId: sub.id,
      scope: "een",
    });
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

    expect(await db.alertDelivery.findMany({ where: { subscriptionId: sub.id } })).toEqual([
      expect.objectContaining({ issueId: inside.id, sentAt: expect.any(Date) }),
    ]);
  });

  test("a theme subscription: the theme anywhere, not another theme, and quiet once the theme is retired", async () => {
    const retired = await db.theme.create({ data: { code: "oud-thema", name: "Oud thema" } });
    const afval = await subscription({ kind: "thema", themeId: await themeId("afval") });
    const old = await subscription({ kind: "thema", themeId: retired.id });
    const match = await newIssue({ reporterId: null, themeCode: "afval", buurtCode: BLERICK_CENTRUM });
    await newIssue({ reporterId: null, themeCode: "verkeer", buurtCode: BLERICK_CENTRUM });
    await db.theme.update({ where: { id: retired.id }, data: { retiredAt: new Date(Date.now() - 1000) } });
    await newIssue({ reporterId: null, themeCode: "oud-thema" });
    await runAllJobs();

    expect(smtp.to(afval.email).map((mail) => mail.subject)).toEqual([
      `Nieuwe melding in Blerick-Centrum: ${match.title}`,
    ]);
    expect(smtp.to(old.email)).toHaveLength(0);
    expect(await db.alertDelivery.count({ where: { subscriptionId: old.id } })).toBe(0);
  });

  /** A confirmed 250 m circle around the centre of Vossener-Noord. */
  const vossenerCircle = () =>
    subscription({ kind: "straal", lat: VOSSENER_NOORD.lat, lng: VOSSENER_NOORD.lng, radiusMeters: 250 });

  test("a radius subscription: a point just inside the circle matches, just outside does not", async () => {
    const sub = await vossenerCircle();
    const at = (metres: number) => ({ lat: VOSSENER_NOORD.lat + metres / METRES_PER_DEGREE, lng: VOSSENER_NOORD.lng });
    expect(distanceMeters(VOSSENER_NOORD, at(245))).toBeLessThan(250);
    expect(distanceMeters(VOSSENER_NOORD, at(255))).toBeGreaterThan(250);

    const inside = await newIssue({ reporterId: null, ...at(245) });
    const outside = await newIssue({ reporterId: null, ...at(255) });
    await runAllJobs();

    expect(smtp.to(sub.email).map((mail) => mail.subject)).toEqual([expect.stringContaining(inside.title)]);
    expect(smtp.to(sub.email)[0].text).toContain("- Nieuwe meldingen binnen 250 meter van een plek in Vossener-Noord");
    expect(await db.alertDelivery.findMany({ where: { subscriptionId: sub.id }, select: { issueId: true } })).toEqual([
      { issueId: inside.id },
    ]);
    expect(outside.id).not.toBe(inside.id);
  });

  test("a radius alert is mailed also when the buurten are not cached yet (e.g. after a restart)", async () => {
    const sub = await vossenerCircle();
    const issue = await newIssue({ reporterId: null, lat: VOSSENER_NOORD.lat, lng: VOSSENER_NOORD.lng });
    // The mail names the subscription's buurt: inside the job's transaction that lookup must not
    // need the database (on SQLite it would wait for that transaction until it times out).
    forgetBuurten();
    const jobs = await runAllJobs();
    expect(jobs).toContainEqual(expect.objectContaining({ type: "match_alerts", result: "completed" }));
    expect(jobs.filter((job) => job.result !== "completed")).toEqual([]);
    expect(smtp.to(sub.email).map((mail) => mail.subject)).toEqual([expect.stringContaining(issue.title)]);
    expect(smtp.to(sub.email)[0].text).toContain("250 meter van een plek in Vossener-Noord");
  });

  test("only issues made after the subscription was switched on, and never for unconfirmed ones", async () => {
    const early = await createIssue({
      reporterId: null,
      buurtCode: VOSSENER_NOORD.code,
      createdAt: new Date(Date.now() - 3 * HOUR),
    });
    const confirmed = await subscription({ kind: "buurt", buurtCode: VOSSENER_NOORD.code });
    const unconfirmed = await subscription({ kind: "buurt", buurtCode: VOSSENER_NOORD.code, confirmedAt: null });
    await db.$transaction((tx) => queueAlertMatching(tx, early.id));
    await runAllJobs();
    expect(smtp.messages).toHaveLength(0);

    await newIssue({ reporterId: null, buurtCode: VOSSENER_NOORD.code });
    await runAllJobs();
    expect(smtp.to(confirmed.email)).toHaveLength(1);
    expect(smtp.to(unconfirmed.email)).toHaveLength(0);
  });

  test.each(["hidden", "unconfirmed"] as const)("a %s issue never alerts", async (visibility) => {
    const sub = await subscription({ kind: "buurt", buurtCode: VOSSENER_NOORD.code });
    await newIssue({ reporterId: null, buurtCode: VOSSENER_NOORD.code, visibility });
    expect(await runAllJobs()).toMatchObject([{ type: "match_alerts", result: "completed" }]);
    expect(smtp.to(sub.email)).toHaveLength(0);
    expect(await db.alertDelivery.count({ where: { subscriptionId: sub.id } })).toBe(0);
  });

  test("once per issue: the job may run twice, and matching may be queued twice", async () => {
    const sub = await subscription({ kind: "buurt", buurtCode: VOSSENER_NOORD.code });
    const issue = await createIssue({ reporterId: null, buurtCode: VOSSENER_NOORD.code });
    // Earlier tests' subscriptions to this buurt match too: compare the two runs.
    const context = { jobId: "match-twice", now: new Date() };
    const first = await matchAlerts({ issueId: issue.id }, context);
    expect(first.mails).toBeGreaterThanOrEqual(1);
    expect(await matchAlerts({ issueId: issue.id }, context)).toEqual({ matched: first.matched, mails: 0 });
    await db.$transaction(async (tx) => {
      await queueAlertMatching(tx, issue.id);
      await queueAlertMatching(tx, issue.id);
    });
    await runAllJobs();
    expect(smtp.to(sub.email)).toHaveLength(1);
    expect(await db.alertDelivery.count({ where: { subscriptionId: sub.id } })).toBe(1);
  });

  test("two subscriptions of one address that both match: one mail, naming both, with a stop-all link", async () => {
    const email = uniqueEmail();
    const buurt = await subscription({ kind: "buurt", email, buurtCode: VOSSENER_NOORD.code });
    const theme = await subscription({ kind: "thema", email, themeId: await themeId("groen"), frequency: "dagelijks" });
    const other = await subscription({ kind: "buurt", buurtCode: VOSSENER_NOORD.code });
    const issue = await newIssue({ reporterId: null, buurtCode: VOSSENER_NOORD.code, themeCode: "groen" });
    await runAllJobs();

    const mails = smtp.to(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("- Nieuwe meldingen in Vossener-Noord");
    expect(mails[0].text).toContain("- Nieuwe meldingen over Groen en openbare ruimte");
    const links = unsubscribeLinks(mails[0].text).map((link) => readAlertUnsubscribeToken(link.split("/").pop()));
    expect(links).toEqual([
      { subscriptionId: buurt.id, scope: "een" },
      { subscriptionId: theme.id, scope: "een" },
      { subscriptionId: buurt.id, scope: "alle" },
    ]);
    expect(mails[0].headers["list-unsubscribe"]).toContain(
      alertUnsubscribeToken({ subscriptionId: buurt.id, scope: "alle" }),
    );
    expect(smtp.to(other.email)).toHaveLength(1);
    // The daily one is covered by this mail: the digest does not repeat the issue.
    expect(
      await db.alertDelivery.findMany({ where: { issueId: issue.id, sentAt: null, subscription: { email } } }),
    ).toEqual([]);
  });

  test("reporters are not alerted about their own issue", async () => {
    const reporter = await createUser();
    await subscription({ kind: "buurt", email: reporter.email, buurtCode: VOSSENER_NOORD.code });
    await newIssue({ reporterId: reporter.id, buurtCode: VOSSENER_NOORD.code });
    await runAllJobs();
    expect(smtp.to(reporter.email)).toHaveLength(0);
  });

  test("an issue made through the report form queues the matching itself", async () => {
    const reporter = await createUser();
    const sub = await subscription({ kind: "buurt", buurtCode: VOSSENER_NOORD.code });
    const issue = await createIssueFromForm({
      input: {
        locationMode: "kaart",
        lat: VOSSENER_NOORD.lat,
        lng: VOSSENER_NOORD.lng,
        themeCode: "afval",
        title: "Volle afvalbak bij het speelveld",
        description: "De afvalbak zit al dagen vol.",
      },
      reporterId: reporter.id,
      themeId: await themeId("afval"),
      buurtCode: VOSSENER_NOORD.code,
      lat: VOSSENER_NOORD.lat,
      lng: VOSSENER_NOORD.lng,
    });
    expect(
      await db.job.count({ where: { type: "match_alerts", payload: JSON.stringify({ issueId: issue.id }) } }),
    ).toBe(1);
    await runAllJobs();
    expect(smtp.to(sub.email).map((mail) => mail.subject)).toEqual([
      "Nieuwe melding in Vossener-Noord: Volle afvalbak bij het speelveld",
    ]);
  });

  test("an issue posted through Open311 alerts too, without the reporter's contact details", async () => {
    const sub = await subscription({ kind: "thema", themeId: await themeId("afval") });
    const reporterEmail = uniqueEmail("melder");
    const reporterAlert = await subscription({ kind: "thema", email: reporterEmail, themeId: await themeId("afval") });
    const { key } = await createApiKey("Attenties-test", null);
    const request = new Request("http://localhost/open311/v2/requests.json", {
      method: "POST",
      body: new URLSearchParams({
        api_key: key,
        service_code: "afval",
        lat: "51.3668",
        long: "6.1525",
        description: "Er staat een kapotte bank op de stoep. Hij ligt er al een week.",
        first_name: "Fenna",
        last_name: "Gerritsmolen",
        email: reporterEmail,
        phone: "0612345678",
      }),
    });
    const response = (await open311Action({ request, params: { "*": "v2/requests.json" }, context: {} })) as Response;
    expect(response.status).toBe(200);
    await runAllJobs();
    const [mail] = smtp.to(sub.email);
    expect(mail.subject).toContain("Er staat een kapotte bank op de stoep.");
    for (const secret of ["Fenna", "Gerritsmolen", reporterEmail, "0612345678"])
      expect(mail.text).not.toContain(secret);
    expect(smtp.to(reporterAlert.email)).toHaveLength(0);
  });
});

describe("the daily digest", () => {
  const digest = recurringJobs.filter((job) => job.type === "alert_digest");

  test("is registered for 07:00 and sends one mail per address, once per slot", async () => {
    expect(digest).toHaveLength(1);
    await db.recurringJob.deleteMany({ where: { name: "alert_digest" } });
    const now = new Date();
    await queueDueRecurringJobs(digest, now);
    const slot = (await db.recurringJob.findUniqueOrThrow({ where: { name: "alert_digest" } })).nextRunAt;
    expect(
      new Intl.DateTimeFormat("nl-NL", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Amsterdam" }).format(
        slot,
      ),
    ).toBe("07:00");

    const anouk = uniqueEmail("anouk");
    const bram = uniqueEmail("bram");
    const direct = await subscription({ kind: "buurt", buurtCode: BLERICK_CENTRUM });
    await subscription({ kind: "buurt", email: anouk, buurtCode: VOSSENER_NOORD.code, frequency: "dagelijks" });
    await subscription({ kind: "thema", email: anouk, themeId: await themeId("verlichting"), frequency: "dagelijks" });
    await subscription({ kind: "buurt", email: bram, buurtCode: BLERICK_CENTRUM, frequency: "dagelijks" });

    const one = await newIssue({ reporterId: null, buurtCode: VOSSENER_NOORD.code, themeCode: "verlichting" });
    const two = await newIssue({ reporterId: null, buurtCode: BLERICK_CENTRUM, themeCode: "verlichting" });
    const three = await newIssue({ reporterId: null, buurtCode: BLERICK_CENTRUM, themeCode: "afval" });
    const hidden = await newIssue({ reporterId: null, buurtCode: VOSSENER_NOORD.code, themeCode: "afval" });
    await runAllJobs();
    // Only the direct subscriber hears at once.
    expect(smtp.to(direct.email)).toHaveLength(2);
    expect([...smtp.to(anouk), ...smtp.to(bram)]).toHaveLength(0);
    // Hidden by a moderator before the digest went out.
    await db.issue.update({ where: { id: hidden.id }, data: { visibility: "hidden" } });

    const later = new Date(slot.getTime() + 1000);
    expect(await queueDueRecurringJobs(digest, later)).toEqual(["alert_digest"]);
    expect(await queueDueRecurringJobs(digest, later)).toEqual([]);
    await runAllJobs(later);

    expect(smtp.to(anouk)).toHaveLength(1);
    expect(smtp.to(bram)).toHaveLength(1);
    expect(smtp.to(direct.email)).toHaveLength(2);
    const [toAnouk] = smtp.to(anouk);
    expect(toAnouk.subject).toBe("2 nieuwe meldingen in Blerick voor jouw attenties");
    // Issue one matched both of Anouk's subscriptions: listed once.
    expect(toAnouk.text.split(`/meldingen/${one.id}\n`)).toHaveLength(2);
    expect(toAnouk.text).toContain(`/meldingen/${two.id}`);
    expect(toAnouk.text).not.toContain(`/meldingen/${three.id}`);
    expect(toAnouk.text).not.toContain(`/meldingen/${hidden.id}`);
    expect(toAnouk.headers["list-unsubscribe"]).toContain("/attenties/afmelden/");
    const [toBram] = smtp.to(bram);
    expect(toBram.text).toContain(`/meldingen/${two.id}`);
    expect(toBram.text).toContain(`/meldingen/${three.id}`);
    expect(await db.alertDelivery.count({ where: { sentAt: null } })).toBe(0);

    // The same job again (a worker died before marking it done) sends nothing twice.
    const [job] = await db.job.findMany({ where: { type: "alert_digest" } });
    expect(await sendAlertDigest({}, { jobId: job.id, now: later })).toMatchObject({ mails: 0 });
    // The next day there is nothing new for them.
    const nextDay = new Date(later.getTime() + 24 * HOUR);
    expect(await queueDueRecurringJobs(digest, nextDay)).toEqual(["alert_digest"]);
    await runAllJobs(nextDay);
    expect([...smtp.to(anouk), ...smtp.to(bram)]).toHaveLength(2);
  });

  test("wipes subscriptions never confirmed within 7 days", async () => {
    const now = new Date();
    const old = await db.alertSubscription.create({
      data: {
        email: uniqueEmail(),
        kind: "buurt",
        buurtCode: BLERICK_CENTRUM,
        createdAt: new Date(now.getTime() - 8 * 24 * HOUR),
      },
    });
    const recent = await db.alertSubscription.create({
      data: {
        email: uniqueEmail(),
        kind: "buurt",
        buurtCode: BLERICK_CENTRUM,
        createdAt: new Date(now.getTime() - 6 * 24 * HOUR),
      },
    });
    const confirmedOld = await subscription({ kind: "buurt", buurtCode: BLERICK_CENTRUM });
    await db.alertSubscription.update({
      where: { id: confirmedOld.id },
      data: { createdAt: new Date(now.getTime() - 30 * 24 * HOUR) },
    });
    await sendAlertDigest({}, { jobId: "digest-cleanup", now });
    const left = (
      await db.alertSubscription.findMany({ where: { id: { in: [old.id, recent.id, confirmedOld.id] } } })
    ).map((row) => row.id);
    expect(left.sort()).toEqual([recent.id, confirmedOld.id].sort());
  });
});

describe("unsubscribing", () => {
  const path = (token: string) => `/attenties/afmelden/${token}`;
  /** What a mail client sends for RFC 8058 one-click unsubscribe: no cookie, no CSRF token. */
  const oneClick = (token: string) =>
    run(unsubscribeAction as Handler, path(token), { form: { "List-Unsubscribe": "One-Click" }, params: { token } });

  test("GET asks and changes nothing; the one-click POST deletes; repeating it is fine", async () => {
    const sub = await subscription({ kind: "buurt", buurtCode: VOSSENER_NOORD.code });
    const token = alertUnsubscribeToken({ subscriptionId: sub.id, scope: "een" });
    const page = await run(unsubscribeLoader as Handler, path(token), { params: { token } });
    expect(page).toMatchObject({ valid: true, active: true, description: "Nieuwe meldingen in Vossener-Noord" });
    expect(await db.alertSubscription.count({ where: { id: sub.id } })).toBe(1);

    expect(await oneClick(token)).toEqual({ done: true });
    expect(await db.alertSubscription.count({ where: { id: sub.id } })).toBe(0);
    expect(await oneClick(token)).toEqual({ done: true });
    expect(await run(unsubscribeLoader as Handler, path(token), { params: { token } })).toMatchObject({
      active: false,
    });
  });

  test("the stop-all link stops every subscription of that address and no one else's", async () => {
    const email = uniqueEmail();
    const first = await subscription({ kind: "buurt", email, buurtCode: VOSSENER_NOORD.code });
    await subscription({ kind: "thema", email, themeId: await themeId("afval") });
    const someoneElse = await subscription({ kind: "buurt", buurtCode: VOSSENER_NOORD.code });
    await oneClick(alertUnsubscribeToken({ subscriptionId: first.id, scope: "alle" }));
    expect(await db.alertSubscription.count({ where: { email } })).toBe(0);
    expect(await db.alertSubscription.count({ where: { id: someoneElse.id } })).toBe(1);
  });

  test("a link from a real alert mail works", async () => {
    const sub = await subscription({ kind: "buurt", buurtCode: VOSSENER_NOORD.code });
    await newIssue({ reporterId: null, buurtCode: VOSSENER_NOORD.code });
    await runAllJobs();
    const token = smtp.to(sub.email)[0].headers["list-unsubscribe"].slice(1, -1).split("/").pop()!;
    await oneClick(token);
    expect(await db.alertSubscription.count({ where: { id: sub.id } })).toBe(0);
  });

  test("a made-up or altered token answers 404 and deletes nothing", async () => {
    const sub = await subscription({ kind: "buurt", buurtCode: VOSSENER_NOORD.code });
    const valid = alertUnsubscribeToken({ subscriptionId: sub.id, scope: "een" });
    const other = await subscription({ kind: "buurt", buurtCode: VOSSENER_NOORD.code });
    for (const token of [
      "onzin",
      `${sub.id}.een.${"A".repeat(43)}`,
      valid.replace(".een.", ".alle."),
      `${other.id}.${valid.split(".").slice(1).join(".")}`,
    ]) {
      expect(status(await run(unsubscribeLoader as Handler, path(token), { params: { token } }))).toBe(404);
      expect(status(await oneClick(token))).toBe(404);
    }
    expect(await db.alertSubscription.count({ where: { id: { in: [sub.id, other.id] } } })).toBe(2);
  });
});

describe("managing alerts on /account", () => {
  type AccountData = { alerts: { id: string; description: string; frequency: string; confirmed: boolean }[] };

  test("lists the person's own subscriptions, also those made for their verified address without logging in", async () => {
    const user = await person();
    const own = await subscription({
      kind: "buurt",
      userId: user.id,
      email: user.email,
      buurtCode: VOSSENER_NOORD.code,
    });
    const byAddress = await subscription({ kind: "thema", email: user.email, themeId: await themeId("afval") });
    await subscription({ kind: "buurt", buurtCode: VOSSENER_NOORD.code });
    const page = (await run(accountLoader as Handler, "/account", { cookie: user.cookie })) as AccountData;
    expect(page.alerts.map((alert) => alert.id)).toEqual([own.id, byAddress.id]);
    expect(page.alerts[1]).toMatchObject({ description: "Nieuwe meldingen over Afval en zwerfvuil", confirmed: true });
  });

  test("an unverified account sees only what it made while logged in", async () => {
    const user = await person({ emailVerifiedAt: null });
    await subscription({ kind: "thema", email: user.email, themeId: await themeId("afval") });
    const page = (await run(accountLoader as Handler, "/account", { cookie: user.cookie })) as AccountData;
    expect(page.alerts).toEqual([]);
  });

  test("changes the frequency and deletes its own subscription", async () => {
    const user = await person();
    const own = await subscription({
      kind: "buurt",
      userId: user.id,
      email: user.email,
      buurtCode: VOSSENER_NOORD.code,
    });
    const changed = await run(accountAction as Handler, "/account", {
      cookie: user.cookie,
      form: { intent: "alert-frequency", subscriptionId: own.id, frequency: "dagelijks" },
    });
    expect(locationOf(changed)).toBe("/account#attenties");
    expect((await db.alertSubscription.findUniqueOrThrow({ where: { id: own.id } })).frequency).toBe("dagelijks");

    const bad = await run(accountAction as Handler, "/account", {
      cookie: user.cookie,
      form: { intent: "alert-frequency", subscriptionId: own.id, frequency: "elk-uur" },
    });
    expect(status(bad)).toBe(400);

    const deleted = await run(accountAction as Handler, "/account", {
      cookie: user.cookie,
      form: { intent: "alert-delete", subscriptionId: own.id },
    });
    expect(locationOf(deleted)).toBe("/account#attenties");
    expect(await db.alertSubscription.count({ where: { id: own.id } })).toBe(0);
  });

  test("someone else's subscription answers 404 and stays as it was", async () => {
    const user = await person();
    const theirs = await subscription({ kind: "buurt", buurtCode: VOSSENER_NOORD.code });
    const forms: Record<string, string>[] = [
      { intent: "alert-frequency", subscriptionId: theirs.id, frequency: "dagelijks" },
      { intent: "alert-delete", subscriptionId: theirs.id },
    ];
    for (const form of forms) {
      expect(status(await run(accountAction as Handler, "/account", { cookie: user.cookie, form }))).toBe(404);
    }
    expect(await db.alertSubscription.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({
      frequency: "direct",
    });
  });

  test("without logging in: to the login page", async () => {
    const theirs = await subscription({ kind: "buurt", buurtCode: VOSSENER_NOORD.code });
    const result = await run(accountAction as Handler, "/account", {
      form: { intent: "alert-delete", subscriptionId: theirs.id },
    });
    expect(locationOf(result)).toContain("/inloggen");
    expect(await db.alertSubscription.count({ where: { id: theirs.id } })).toBe(1);
  });
});
