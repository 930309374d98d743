import { existsSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeEach, describe, expect, test } from "vitest";
import { parseDashboardQuery } from "~/domain/dashboard";
import { parseListQuery } from "~/domain/issue-filters";
import { loader as issuesGeojsonLoader } from "~/routes/api.issues[.]geojson";
import { loader as nearbyLoader } from "~/routes/api.issues.nearby";
import { action as confirmAction, loader as confirmLoader } from "~/routes/bevestigen.$token";
import { loader as allFeedLoader } from "~/routes/feeds.meldingen[.]xml";
import { action as reportAction, loader as reportLoader } from "~/routes/meldingen.nieuw";
import { action as supportAction } from "~/routes/meldingen.$id.steun";
import { loader as issueLoader } from "~/routes/meldingen.$id";
import { loader as open311Loader } from "~/routes/open311.$";
import { loader as uploadLoader } from "~/routes/uploads.$file";
import { composeAgenda } from "~/utils/agenda.server";
import {
  CONFIRMATION_TTL_MS,
  UNCONFIRMED_RETENTION_MS,
  confirmByToken,
  confirmationState,
} from "~/utils/confirmations.server";
import { dashboardCsv } from "~/utils/dashboard.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { listPublicIssues } from "~/utils/issues.server";
import { recurringJobs } from "~/utils/job-handlers.server";
import { runDueJobs } from "~/utils/job-worker.server";
import { isValidPasswordResetToken } from "~/utils/password-reset.server";
import { queueDueRecurringJobs } from "~/utils/recurring-jobs.server";
import { createIssue, createUser, sessionCookieFor } from "../db-utils";
import { run, status, type Handler } from "../route-utils";

const IN_BLERICK = { lat: 51.3668, lng: 6.1525 };
const HOUR = 60 * 60 * 1000;

let sequence = 0;
const newEmail = () => `melder.${++sequence}.${Math.random().toString(36).slice(2, 7)}@example.test`;

async function postReport(
  fields: Record<string, string>,
  options: { cookie?: string; photo?: Buffer; address?: string } = {},
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (options.photo) form.set("photo", new Blob([new Uint8Array(options.photo)], { type: "image/png" }), "foto.png");
  const request = new Request("http://localhost/meldingen/nieuw", {
    method: "POST",
    body: form,
    headers: options.cookie ? { Cookie: options.cookie } : {},
  });
  try {
    return (await reportAction({
      request,
      params: {},
      context: { clientAddress: options.address ?? `198.51.100.${sequence % 250}` },
    })) as Response | { data: { result: { error?: Record<string, string[]> } }; init: ResponseInit };
  } catch (thrown) {
    return thrown as Response;
  }
}

const reportFields = (email: string, title = `Kapotte bank bij de speeltuin ${++sequence}`) => ({
  locationMode: "kaart",
  lat: String(IN_BLERICK.lat),
  lng: String(IN_BLERICK.lng),
  themeCode: "verlichting",
  title,
  description: "De lamp bij het bankje is al een week kapot. Het is donker op het pad.",
  email,
});

/** The token in the newest confirmation mail to this address (from the queued send_email job). */
async function tokenFromMail(email: string) {
  const jobs = await db.job.findMany({ where: { type: "send_email" }, orderBy: { createdAt: "desc" } });
  const mail = jobs
    .map((job) => JSON.parse(job.payload) as { to: string; subject: string; text: string })
    .find((payload) => payload.to === email);
  expect(mail, `a mail to ${email}`).toBeDefined();
  const match = mail!.text.match(new RegExp(`${env().PUBLIC_URL}/bevestigen/([a-z2-7]{32})`));
  expect(match, mail!.text).not.toBeNull();
  return { token: match![1], mail: mail! };
}

/** Reports without an account through the real action; returns the stored issue and its link. */
async function reportWithoutAccount(email = newEmail(), options: { photo?: Buffer; title?: string } = {}) {
  const result = await postReport(reportFields(email, options.title), { photo: options.photo });
  expect(status(result)).toBe(302);
  expect((result as Response).headers.get("Location")).toBe("/bevestigen/verstuurd?soort=melding");
  const issue = await db.issue.findFirstOrThrow({ where: { reporterEmail: email }, orderBy: { id: "desc" } });
  const { token, mail } = await tokenFromMail(email);
  return { issue, token, mail, email };
}

function confirm(token: string, intent = "confirm") {
  return run(confirmAction as Handler, `/bevestigen/${token}`, { params: { token }, form: { intent } }) as Promise<{
    data: { outcome: string; issueId?: number; setPasswordPath?: string | null };
  }>;
}

/** Where a public visitor could meet the issue; each says whether it is there. */
async function publicSightings(issue: { id: number; title: string; lat: number; lng: number }) {
  const id = issue.id;
  const around = `${issue.lng - 0.001},${issue.lat - 0.001},${issue.lng + 0.001},${issue.lat + 0.001}`;
  const geojson = (await run(issuesGeojsonLoader as Handler, `/api/issues.geojson?bbox=${around}&zoom=22`)) as Response;
  const features = ((await geojson.json()) as { features: { properties: { id?: number } }[] }).features;
  const feed = await ((await run(allFeedLoader as Handler, "/feeds/meldingen.xml")) as Response).text();
  const open311List = (await (
    (await open311Loader({
      request: new Request("http://localhost/open311/v2/requests.json"),
      params: { "*": "v2/requests.json" },
      context: {},
    })) as Response
  ).json()) as { service_request_id: string }[];
  const open311One = (await open311Loader({
    request: new Request(`http://localhost/open311/v2/requests/${id}.json`),
    params: { "*": `v2/requests/${id}.json` },
    context: {},
  })) as Response;
  const nearby = (await (
    (await run(
      nearbyLoader as Handler,
      `/api/issues/nearby?lat=${issue.lat}&lng=${issue.lng}&theme=verlichting`,
    )) as Response
  ).json()) as { issues: { id: number }[] };
  const page = await run(issueLoader as Handler, `/meldingen/${id}`, { params: { id: String(id) } });
  const list = await listPublicIssues({ ...parseListQuery(new URLSearchParams()), page: 1 });
  const agenda = await composeAgenda();
  const { csv } = await dashboardCsv(parseDashboardQuery(new URLSearchParams()), "http://localhost");
  return {
    list: list.issues.some((row) => row.id === id),
    map: features.some((feature) => feature.properties.id === id),
    feed: feed.includes(`/meldingen/${id}<`) || feed.includes(issue.title),
    open311List: open311List.some((request) => request.service_request_id === String(id)),
    open311One: open311One.status === 200,
    nearby: nearby.issues.some((row) => row.id === id),
    page: status(page) === 200,
    agenda: JSON.stringify(agenda).includes(issue.title),
    dashboard: csv.includes(`http://localhost/meldingen/${id}`),
  };
}

const nowhere = {
  list: false,
  map: false,
  feed: false,
  open311List: false,
  open311One: false,
  nearby: false,
  page: false,
  agenda: false,
  dashboard: false,
};

beforeEach(async () => {
  await db.rateLimit.deleteMany();
});

describe("reporting without an account", () => {
  test("the form is open to visitors and asks them for an email address", async () => {
    const page = (await run(reportLoader as Handler, "/meldingen/nieuw")) as { anonymous: boolean };
    expect(page.anonymous).toBe(true);

    const { email: _email, ...withoutEmail } = reportFields("");
    const missing = await postReport(withoutEmail);
    expect(status(missing)).toBe(400);
    expect((missing as { data: { result: { error: Record<string, string[]> } } }).data.result.error.email).toEqual([
      "Vul je e-mailadres in.",
    ]);
    const wrong = await postReport(reportFields("niet-een-adres"));
    expect(status(wrong)).toBe(400);
    const reply = (
      wrong as unknown as {
        data: { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
      }
    ).data.result;
    expect(reply.error.email).toEqual(["Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."]);
    // What was typed comes back.
    expect(reply.initialValue.description).toContain("De lamp bij het bankje");

    const bot = await postReport({ ...reportFields(newEmail()), website: "http://spam.example" });
    expect(status(bot)).toBe(400);
    expect(await db.issue.count({ where: { visibility: "unconfirmed", title: reportFields("").title } })).toBe(0);
  });

  test("a report waits unconfirmed, with a 48-hour link by mail and no side effects yet", async () => {
    const before = new Date();
    const { issue, mail, token, email } = await reportWithoutAccount();
    expect(issue).toMatchObject({ visibility: "unconfirmed", reporterId: null, reporterEmail: email, supportCount: 0 });
    expect(mail.subject).toBe(`Bevestig je melding: ${issue.title}`);
    expect(mail.text).toContain("De link werkt 48 uur en maar één keer.");

    const pending = await db.pendingConfirmation.findFirstOrThrow({ where: { issueId: issue.id } });
    expect(pending).toMatchObject({ kind: "report", email, confirmedAt: null });
    expect(pending.tokenHash).not.toContain(token);
    expect(pending.expiresAt.getTime() - before.getTime()).toBeGreaterThanOrEqual(CONFIRMATION_TTL_MS - 1000);
    expect(pending.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(CONFIRMATION_TTL_MS);

    // The trekker mail and area alerts wait for the confirmation.
    const jobs = await db.job.findMany({ where: { type: { in: ["notify_new_issue", "match_alerts"] } } });
    expect(jobs.filter((job) => (JSON.parse(job.payload) as { issueId: number }).issueId === issue.id)).toEqual([]);
    expect(await db.support.count({ where: { issueId: issue.id } })).toBe(0);
  });

  test("an unconfirmed issue is nowhere public; after the click it is everywhere", async () => {
    const { issue, token } = await reportWithoutAccount();
    // High enough for the residents' agenda, so its absence there means something.
    await db.issue.update({ where: { id: issue.id }, data: { supportCount: 999 } });
    expect(await publicSightings(issue)).toEqual(nowhere);

    // Opening the link does not confirm (mail scanners open links); the button does.
    const state = await run(confirmLoader as Handler, `/bevestigen/${token}`, { params: { token } });
    expect(state).toMatchObject({ state: "pending", kind: "report", issueTitle: issue.title });
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).visibility).toBe("unconfirmed");

    const answer = await confirm(token);
    expect(answer.data).toMatchObject({ outcome: "confirmed", issueId: issue.id });
    const sightings = await publicSightings(issue);
    expect(sightings).toMatchObject({
      map: true,
      feed: true,
      open311One: true,
      nearby: true,
      page: true,
      list: true,
      dashboard: true,
    });
    expect(sightings.open311List).toBe(true);
  });

  test("confirming creates a passwordless account, attaches the report, and offers a password", async () => {
    const { issue, token, email } = await reportWithoutAccount();
    const answer = await confirm(token);
    expect(answer.data.outcome).toBe("confirmed");

    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { roles: true } });
    expect(user.passwordHash).toBeNull();
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.name).toBe("");
    expect(user.roles.map((r) => r.role)).toEqual(["resident"]);

    const stored = await db.issue.findUniqueOrThrow({
      where: { id: issue.id },
      include: { supports: true, follows: true, events: true },
    });
    expect(stored).toMatchObject({ visibility: "public", reporterId: user.id, reporterEmail: null, supportCount: 1 });
    expect(stored.supports.map((s) => s.userId)).toEqual([user.id]);
    expect(stored.follows.map((f) => f.userId)).toEqual([user.id]);
    expect(stored.events.find((e) => e.type === "created")?.actorId).toBe(user.id);

    // Now the trekker mail and the area alerts are queued, and the map caches are told.
    const jobs = await db.job.findMany({ where: { type: { in: ["notify_new_issue", "match_alerts"] } } });
    const forIssue = jobs.filter((job) => (JSON.parse(job.payload) as { issueId: number }).issueId === issue.id);
    expect(forIssue.map((job) => job.type).sort()).toEqual(["match_alerts", "notify_new_issue"]);

    // "Maak een account": a one-time link into the set-password page.
    const setPassword = answer.data.setPasswordPath!;
    expect(setPassword).toMatch(/^\/wachtwoord-herstellen\/[a-z2-7]{32}$/);
    expect(await isValidPasswordResetToken(setPassword.split("/").pop())).toBe(true);
  });

  test("a link works once: a second click says it was already confirmed and changes nothing", async () => {
    const { issue, token } = await reportWithoutAccount();
    const [first, second] = await Promise.all([confirm(token), confirm(token)]);
    expect([first.data.outcome, second.data.outcome].sort()).toEqual(["already", "confirmed"]);
    expect(await db.support.count({ where: { issueId: issue.id } })).toBe(1);
    expect(await db.user.count({ where: { email: issue.reporterEmail! } })).toBe(1);
    expect(await run(confirmLoader as Handler, `/bevestigen/${token}`, { params: { token } })).toMatchObject({
      state: "confirmed",
    });
  });

  test("an address with an account gets the same answer and mail; confirming attaches to that account", async () => {
    const resident = await createUser();
    const { issue, token, mail } = await reportWithoutAccount(resident.email);
    const stranger = await reportWithoutAccount(newEmail());
    // Nothing in the mail says whether an account exists.
    const normalise = (text: string, title: string) =>
      text.replace(title, "TITEL").replace(/bevestigen\/\S+/, "bevestigen/X");
    expect(normalise(mail.text, issue.title)).toBe(normalise(stranger.mail.text, stranger.issue.title));

    const answer = await confirm(token);
    expect(answer.data).toMatchObject({ outcome: "confirmed", setPasswordPath: null });
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).reporterId).toBe(resident.id);
    expect(await db.user.count({ where: { email: resident.email } })).toBe(1);
  });

  test("an unproven account someone registered with this address does not get the report", async () => {
    // Anyone can register with someone else's address; the mail proves only the clicker owns it.
    const squatter = await createUser({ emailVerifiedAt: null });
    const { issue, token } = await reportWithoutAccount(squatter.email);
    const answer = await confirm(token);
    expect(answer.data).toMatchObject({ outcome: "confirmed", setPasswordPath: null });
    const stored = await db.issue.findUniqueOrThrow({ where: { id: issue.id } });
    expect(stored).toMatchObject({
      visibility: "public",
      reporterId: null,
      reporterEmail: squatter.email,
      supportCount: 1,
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: squatter.id } })).emailVerifiedAt).toBeNull();
    expect(await db.follow.count({ where: { userId: squatter.id } })).toBe(0);
  });

  test("a logged-in resident still publishes at once, without a mail", async () => {
    const resident = await createUser();
    const { email: _email, ...fields } = reportFields("");
    const result = await postReport(fields, { cookie: await sessionCookieFor(resident.id) });
    expect(status(result)).toBe(302);
    expect((result as Response).headers.get("Location")).toMatch(/^\/meldingen\/\d+\?nieuw=1$/);
  });

  test("after 48 hours the link has expired; a new link goes to the original address", async () => {
    const { issue, token, email } = await reportWithoutAccount();
    const later = new Date(Date.now() + CONFIRMATION_TTL_MS + HOUR);
    expect(await confirmationState(token, later)).toMatchObject({ state: "expired", canResend: true });
    expect(await confirmByToken(token, later)).toEqual({ status: "expired" });
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).visibility).toBe("unconfirmed");

    await db.job.deleteMany({ where: { type: "send_email" } });
    const resent = await confirm(token, "resend");
    expect(resent.data.outcome).toBe("resent");
    const { token: fresh } = await tokenFromMail(email);
    expect(fresh).not.toBe(token);
    expect((await confirm(fresh)).data.outcome).toBe("confirmed");
  });

  test("unknown or malformed links are refused without a 500", async () => {
    expect(await run(confirmLoader as Handler, "/bevestigen/x", { params: { token: "x" } })).toEqual({
      state: "invalid",
    });
    const unknown = "a".repeat(32);
    expect((await confirm(unknown)).data.outcome).toBe("invalid");
    const odd = await run(confirmAction as Handler, `/bevestigen/${unknown}`, {
      params: { token: unknown },
      form: { intent: "iets-anders" },
    });
    expect(status(odd)).toBe(400);
  });

  test("anonymous reports are rate limited per email address", async () => {
    const email = newEmail();
    for (let i = 0; i < 5; i++)
      expect(status(await postReport(reportFields(email), { address: "203.0.113.9" }))).toBe(302);
    const refused = await postReport(reportFields(email), { address: "203.0.113.10" });
    expect(status(refused)).toBe(429);
  });
});

describe("supporting without an account", () => {
  async function supportByEmail(issueId: number, email: string, extra: Record<string, string> = {}) {
    return run(supportAction as Handler, `/meldingen/${issueId}/steun`, {
      params: { id: String(issueId) },
      form: { intent: "support_by_email", email, ...extra },
    });
  }

  test("a support counts only after the link, once per person, and attaches to the account", async () => {
    const reporter = await createUser();
    const issue = await createIssue({ reporterId: reporter.id });
    const email = newEmail();
    const result = await supportByEmail(issue.id, email);
    expect(status(result)).toBe(302);
    expect((result as Response).headers.get("Location")).toBe("/bevestigen/verstuurd?soort=steun");
    expect(await db.support.count({ where: { issueId: issue.id } })).toBe(0);
    const first = await tokenFromMail(email);
    expect(first.mail.subject).toBe(`Bevestig je steun: ${issue.title}`);

    // Asked twice, confirmed twice: counts once.
    await supportByEmail(issue.id, email);
    const second = await tokenFromMail(email);
    expect((await confirm(first.token)).data).toMatchObject({ outcome: "confirmed", issueId: issue.id });
    expect((await confirm(second.token)).data.outcome).toBe("confirmed");
    const stored = await db.issue.findUniqueOrThrow({ where: { id: issue.id }, include: { supports: true } });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(stored.supportCount).toBe(1);
    expect(stored.supports.map((s) => s.userId)).toEqual([user.id]);
  });

  test("bad addresses get a Dutch error; hidden or unknown issues are 404", async () => {
    const issue = await createIssue({ reporterId: null });
    const bad = (await supportByEmail(issue.id, "geen-adres")) as Response;
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl." });
    // Without JavaScript the page comes back with the problem in the URL.
    const plain = await supportByEmail(issue.id, "", { redirectTo: `/meldingen/${issue.id}` });
    expect((plain as Response).headers.get("Location")).toBe(`/meldingen/${issue.id}?steunfout=emailRequired#steunen`);

    const hidden = await createIssue({ reporterId: null, visibility: "hidden" });
    expect(status(await supportByEmail(hidden.id, newEmail()))).toBe(404);
    const { issue: unconfirmed } = await reportWithoutAccount();
    expect(status(await supportByEmail(unconfirmed.id, newEmail()))).toBe(404);
  });
});

describe("purge_unconfirmed (recurring job)", () => {
  test("removes unconfirmed reports after 7 days with their photos, and used-up links", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#336699" } })
      .png()
      .toBuffer();
    const old = await reportWithoutAccount(newEmail(), { photo: png });
    const photo = await db.photo.findFirstOrThrow({ where: { issueId: old.issue.id } });
    const photoPath = path.join(env().UPLOAD_DIR, photo.fileName);
    expect(existsSync(photoPath)).toBe(true);
    // The photo of an unconfirmed report is not served.
    expect(
      status(await run(uploadLoader as Handler, `/uploads/${photo.fileName}`, { params: { file: photo.fileName } })),
    ).toBe(404);

    const confirmed = await reportWithoutAccount();
    await confirm(confirmed.token);
    const recent = await reportWithoutAccount();
    const reporter = await createUser();
    const supported = await createIssue({ reporterId: reporter.id });
    await run(supportAction as Handler, `/meldingen/${supported.id}/steun`, {
      params: { id: String(supported.id) },
      form: { intent: "support_by_email", email: newEmail() },
    });

    // Seven days and a bit after the first reports; the "recent" one is a day younger.
    const now = new Date(Date.now() + UNCONFIRMED_RETENTION_MS + HOUR);
    await db.issue.update({ where: { id: recent.issue.id }, data: { createdAt: new Date(Date.now() + 24 * HOUR) } });
    await db.recurringJob.deleteMany({ where: { name: "purge_unconfirmed" } });
    // Only the purge runs here: the mails queued above are not what this test is about.
    await db.job.deleteMany();
    await queueDueRecurringJobs(recurringJobs, new Date(now.getTime() - 2 * HOUR));
    expect(await queueDueRecurringJobs(recurringJobs, now)).toContain("purge_unconfirmed");
    const outcomes = await runDueJobs({ now });
    expect(outcomes.find((o) => o.type === "purge_unconfirmed")?.result).toBe("completed");

    expect(await db.issue.findUnique({ where: { id: old.issue.id } })).toBeNull();
    expect(await db.photo.findUnique({ where: { id: photo.id } })).toBeNull();
    expect(existsSync(photoPath)).toBe(false);
    expect(await db.pendingConfirmation.count({ where: { issueId: old.issue.id } })).toBe(0);
    // Confirmed reports stay; an unconfirmed one younger than 7 days stays; expired support links go.
    expect((await db.issue.findUniqueOrThrow({ where: { id: confirmed.issue.id } })).visibility).toBe("public");
    expect(await db.issue.findUnique({ where: { id: recent.issue.id } })).not.toBeNull();
    expect(await db.pendingConfirmation.count({ where: { issueId: supported.id } })).toBe(0);
    expect(await db.pendingConfirmation.count({ where: { issueId: confirmed.issue.id } })).toBe(0);
  });
});
