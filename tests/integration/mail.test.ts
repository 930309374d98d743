import nodemailer from "nodemailer";
import { afterEach, describe, expect, test, vi } from "vitest";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/afmelden.$token";
import { loader as outboxLoader } from "~/routes/dev.outbox";
import { action as reportAction } from "~/routes/meldingen.nieuw";
import { db } from "~/utils/db.server";
import { env, parseEnv } from "~/utils/env.server";
import { followIssue, isFollowing } from "~/utils/follows.server";
import {
  outboxAccess,
  queueEmail,
  readUnsubscribeToken,
  sendQueuedEmail,
  smtpTransportUrl,
  unsubscribeToken,
  unsubscribeUrl,
} from "~/utils/mail.server";
import { createIssue, createUser, sessionCookieFor } from "../db-utils";
import { linkIn, runAllJobs, setupTestSmtpServer } from "../mail-utils";

const smtp = setupTestSmtpServer();

afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs an app function and returns what it returned or threw (Remix throws Responses). */
async function settle<T>(run: () => Promise<T>) {
  try {
    return await run();
  } catch (thrown) {
    return thrown as Response;
  }
}
const statusOf = (result: unknown) =>
  result instanceof Response ? result.status : ((result as { init?: { status?: number } }).init?.status ?? 200);
const dataOf = <T>(result: unknown) => ((result as { data?: T }).data ?? result) as T;

describe("sending mail through the job queue", () => {
  test("a queued mail reaches the SMTP server with the one-click unsubscribe headers", async () => {
    const user = await createUser();
    const link = unsubscribeUrl({ userId: user.id, issueId: null });
    await db.$transaction((tx) =>
      queueEmail(tx, {
        to: user.email,
        subject: "Testbericht",
        text: "Hallo,\n\nDit is een test.",
        unsubscribeUrl: link,
      }),
    );
    expect(smtp.messages).toHaveLength(0); // nothing is sent inside the transaction

    expect(await runAllJobs()).toMatchObject([{ type: "send_email", result: "completed" }]);
    const [mail] = smtp.to(user.email);
    expect(mail.subject).toBe("Testbericht");
    expect(mail.text).toContain("Dit is een test.");
    expect(mail.from).toBe("noreply@buurtbestuurt.test");
    expect(mail.headers["list-unsubscribe"]).toBe(`<${link}>`);
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail.headers["auto-submitted"]).toBe("auto-generated");

    const record = await db.outboxMail.findFirstOrThrow({ where: { to: user.email } });
    expect(record).toMatchObject({ subject: "Testbericht", transport: "smtp" });
    expect(record.sentAt).not.toBeNull();
  });

  test("mails in a row share one kept SMTP connection", async () => {
    const to = ["een@example.test", "twee@example.test", "drie@example.test"];
    await db.$transaction(async (tx) => {
      for (const address of to) await queueEmail(tx, { to: address, subject: "Rij", text: "Tekst" });
    });
    expect(await runAllJobs()).toHaveLength(3);
    const connections = new Set(to.map((address) => smtp.to(address)[0].connectionId));
    expect(connections.size).toBe(1);
  });

  test("the transport gets its pool and short timeouts, and the URL's own settings win", () => {
    const url = smtpTransportUrl("smtp://mailer:geheim%40123@mail.example.test:587?socketTimeout=5000");
    const { options } = nodemailer.createTransport(url).transporter as unknown as { options: Record<string, unknown> };
    expect(options).toMatchObject({
      host: "mail.example.test",
      port: 587,
      auth: { user: "mailer", pass: "geheim@123" },
      pool: true,
      maxConnections: 2,
      maxRequeues: 0,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 5_000,
    });
  });

  test("a job that runs again after sending does not send the mail twice", async () => {
    const payload = { to: "twee.keer@example.test", subject: "Eén keer", text: "Tekst" };
    const context = { jobId: "job-send-once", now: new Date() };
    await sendQueuedEmail(payload, context);
    await sendQueuedEmail(payload, context);
    expect(smtp.to("twee.keer@example.test")).toHaveLength(1);
  });

  test("when the mail server is down the job is retried with backoff and the mail arrives later", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const config = env();
    const working = config.SMTP_URL;
    config.SMTP_URL = "smtp://127.0.0.1:9"; // nothing listens there: connection refused
    const now = new Date();
    try {
      await db.$transaction((tx) =>
        queueEmail(tx, { to: "later@example.test", subject: "Later", text: "Komt later aan" }, now),
      );
      expect(await runAllJobs(now)).toMatchObject([{ type: "send_email", result: "retry" }]);
    } finally {
      config.SMTP_URL = working;
    }
    expect(await runAllJobs(new Date(now.getTime() + 29_000))).toEqual([]);
    expect(await runAllJobs(new Date(now.getTime() + 30_000))).toMatchObject([{ result: "completed" }]);
    expect(smtp.to("later@example.test")).toHaveLength(1);
  });

  test("without SMTP_URL mail is only recorded, and /dev/outbox lists it newest first", async () => {
    const config = env();
    const working = config.SMTP_URL;
    config.SMTP_URL = null;
    try {
      const first = new Date("2026-03-02T09:00:00Z");
      const second = new Date("2026-03-02T09:05:00Z");
      await db.$transaction(async (tx) => {
        await queueEmail(tx, { to: "lokaal@example.test", subject: "Eerste lokale mail", text: "Een" }, first);
        await queueEmail(tx, { to: "lokaal@example.test", subject: "Tweede lokale mail", text: "Twee" }, second);
      });
      await runAllJobs(second);
      expect(smtp.to("lokaal@example.test")).toHaveLength(0);

      const result = await outboxLoader({
        request: new Request("http://localhost/dev/outbox"),
        params: {},
        context: {},
      });
      const subjects = result.mails.filter((mail) => mail.to === "lokaal@example.test").map((mail) => mail.subject);
      expect(subjects).toEqual(["Tweede lokale mail", "Eerste lokale mail"]);
      expect(result.mails.find((mail) => mail.subject === "Eerste lokale mail")).toMatchObject({
        transport: "local",
        text: "Een",
      });
    } finally {
      config.SMTP_URL = working;
    }
    // With a mail server configured there is no outbox page.
    const gone = await settle(() =>
      outboxLoader({ request: new Request("http://localhost/dev/outbox"), params: {}, context: {} }),
    );
    expect(statusOf(gone)).toBe(404);
  });

  test("who may see the outbox", () => {
    const production = parseEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) });
    const development = parseEnv({ NODE_ENV: "development", SESSION_SECRET: "x".repeat(40) });
    const admin = { id: "a", roles: ["admin" as const], memberships: [] };
    const resident = { id: "r", roles: ["resident" as const], memberships: [] };
    expect(outboxAccess(null, development)).toBe("allowed");
    expect(outboxAccess(null, production)).toBe("login");
    expect(outboxAccess(resident, production)).toBe("forbidden");
    expect(outboxAccess(admin, production)).toBe("allowed");
    expect(outboxAccess(admin, { ...production, SMTP_URL: "smtp://127.0.0.1:25" })).toBe("not_found");
  });
});

describe("unsubscribe tokens", () => {
  test("a token names its user and scope; any change to it makes it invalid", () => {
    const all = unsubscribeToken({ userId: "user123", issueId: null });
    const issue = unsubscribeToken({ userId: "user123", issueId: 42 });
    expect(readUnsubscribeToken(all)).toEqual({ userId: "user123", issueId: null });
    expect(readUnsubscribeToken(issue)).toEqual({ userId: "user123", issueId: 42 });

    const [, , signature] = issue.split(".");
    const flipped = signature.slice(0, -1) + (signature.endsWith("A") ? "B" : "A");
    for (const tampered of [
      `user124.42.${signature}`, // someone else
      `user123.43.${signature}`, // another issue
      `user123.all.${signature}`, // wider scope
      `user123.42.${flipped}`,
      issue.slice(0, -1), // cut off
      `${issue}x`,
      "",
      "user123.42",
      "../../etc/passwd",
      "x".repeat(500),
    ]) {
      expect(readUnsubscribeToken(tampered), tampered).toBeNull();
    }
    expect(readUnsubscribeToken(undefined)).toBeNull();
  });
});

describe("/afmelden/$token", () => {
  const request = (token: string, init?: RequestInit) =>
    new Request(`http://localhost/afmelden/${encodeURIComponent(token)}`, init);
  const get = (token: string) =>
    settle(() => unsubscribeLoader({ request: request(token), params: { token }, context: {} }));
  const post = (token: string, body: BodyInit, headers: Record<string, string> = {}) =>
    settle(() =>
      unsubscribeAction({ request: request(token, { method: "POST", body, headers }), params: { token }, context: {} }),
    );

  test("GET only asks; the RFC 8058 one-click POST (no session, no form token) opts out of all mail", async () => {
    const user = await createUser();
    const token = unsubscribeToken({ userId: user.id, issueId: null });

    const page = await get(token);
    expect(statusOf(page)).toBe(200);
    expect(dataOf<{ valid: boolean; kind: string; optedOut: boolean }>(page)).toMatchObject({
      valid: true,
      kind: "all",
      optedOut: false,
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailOptOutAt).toBeNull();

    // What a mail client sends (RFC 8058 section 3.1).
    const result = await post(token, "List-Unsubscribe=One-Click", {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(statusOf(result)).toBe(200);
    expect(dataOf<{ done: string }>(result).done).toBe("unsubscribed");
    const optedOut = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailOptOutAt;
    expect(optedOut).not.toBeNull();

    // Again (a second click, a mail client retry): nothing changes.
    await post(token, "List-Unsubscribe=One-Click", { "Content-Type": "application/x-www-form-urlencoded" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailOptOutAt).toEqual(optedOut);

    // Undo from the confirmation page.
    await post(token, new URLSearchParams({ intent: "undo" }));
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailOptOutAt).toBeNull();
  });

  test("an issue-scoped link unfollows that issue only", async () => {
    const user = await createUser();
    const [kept, dropped] = [await createIssue({ reporterId: null }), await createIssue({ reporterId: null })];
    await followIssue(db, user.id, kept.id);
    await followIssue(db, user.id, dropped.id);
    const token = unsubscribeToken({ userId: user.id, issueId: dropped.id });

    expect(dataOf<{ kind: string; issueTitle: string }>(await get(token))).toMatchObject({
      kind: "issue",
      issueTitle: dropped.title,
    });
    await post(token, new URLSearchParams({ intent: "unsubscribe" }));
    expect(await isFollowing(user.id, dropped.id)).toBe(false);
    expect(await isFollowing(user.id, kept.id)).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailOptOutAt).toBeNull();

    await post(token, new URLSearchParams({ intent: "undo" }));
    expect(await isFollowing(user.id, dropped.id)).toBe(true);
  });

  test("a made-up or tampered token is a friendly 404 and changes nothing", async () => {
    const user = await createUser();
    const token = unsubscribeToken({ userId: user.id, issueId: null });
    const someoneElse = `${(await createUser()).id}.all.${token.split(".")[2]}`;
    for (const bad of [someoneElse, token.slice(0, -2), "onzin", "%00", "a.b.c"]) {
      const page = await get(bad);
      expect(statusOf(page), bad).toBe(404);
      expect(dataOf<{ valid: boolean }>(page).valid).toBe(false);
      expect(statusOf(await post(bad, "List-Unsubscribe=One-Click")), bad).toBe(404);
    }
    // A body that is not a form at all is no reason for a 500 either.
    expect(statusOf(await post("onzin", "{", { "Content-Type": "multipart/form-data; boundary=x" }))).toBe(404);
    expect(await db.user.count({ where: { emailOptOutAt: { not: null }, id: user.id } })).toBe(0);
  });
});

describe("new issue: mail to the theme's trekker organisation", () => {
  test("members of the trekker get a mail with a link to the partner page; others do not", async () => {
    const theme = await db.theme.findUniqueOrThrow({ where: { code: "verlichting" } });
    const otherTheme = await db.theme.findFirstOrThrow({ where: { code: { not: "verlichting" } } });
    const trekker = await db.organisation.create({ data: { name: "Gemeente Venlo (test)", type: "gemeente" } });
    const contributor = await db.organisation.create({ data: { name: "Wonen Limburg (test)", type: "corporatie" } });
    const elsewhere = await db.organisation.create({ data: { name: "Welzijn Venlo (test)", type: "welzijn" } });
    await db.partnershipRole.createMany({
      data: [
        { organisationId: trekker.id, themeId: theme.id, role: "trekker" },
        { organisationId: contributor.id, themeId: theme.id, role: "bijdrager" },
        { organisationId: elsewhere.id, themeId: otherTheme.id, role: "trekker" },
      ],
    });
    const member = await createUser({ name: "Ilse Maasveldt" });
    const coordinator = await createUser();
    const optedOut = await createUser();
    const contributorMember = await createUser();
    const elsewhereMember = await createUser();
    await db.user.update({ where: { id: optedOut.id }, data: { emailOptOutAt: new Date() } });
    await db.membership.createMany({
      data: [
        { userId: member.id, organisationId: trekker.id },
        { userId: coordinator.id, organisationId: trekker.id, role: "coordinator" },
        { userId: optedOut.id, organisationId: trekker.id },
        { userId: contributorMember.id, organisationId: contributor.id },
        { userId: elsewhereMember.id, organisationId: elsewhere.id },
      ],
    });

    const reporter = await createUser();
    const form = new FormData();
    for (const [name, value] of Object.entries({
      locationMode: "kaart",
      lat: "51.3668",
      lng: "6.1525",
      themeCode: "verlichting",
      title: "Lantaarnpaal kapot bij het station",
      description: "De lantaarnpaal brandt al een week niet. Het is erg donker op de stoep.",
    })) {
      form.set(name, value);
    }
    const request = new Request("http://localhost/meldingen/nieuw", {
      method: "POST",
      body: form,
      headers: { Cookie: await sessionCookieFor(reporter.id) },
    });
    const created = await settle(() => reportAction({ request, params: {}, context: {} }));
    expect(statusOf(created), JSON.stringify(dataOf(created))).toBe(302);
    const issue = await db.issue.findFirstOrThrow({ where: { reporterId: reporter.id }, include: { buurt: true } });
    expect(await db.job.count({ where: { type: "notify_new_issue", completedAt: null } })).toBe(1);

    await runAllJobs();
    const recipients = smtp.messages.flatMap((mail) => mail.to).sort();
    expect(recipients).toEqual([member.email, coordinator.email].sort());

    const [mail] = smtp.to(member.email);
    expect(mail.subject).toBe(`Nieuwe melding over ${theme.name}: Lantaarnpaal kapot bij het station`);
    expect(mail.text).toContain("Hallo Ilse,");
    expect(mail.text).toContain(`Er is een nieuwe melding over het thema ${theme.name} in ${issue.buurt.name}.`);
    expect(mail.text).toContain("De lantaarnpaal brandt al een week niet.");
    expect(mail.text).toContain(`${env().PUBLIC_URL}/partner/meldingen/${issue.id}`);
    expect(mail.text).toContain("Gemeente Venlo (test) trekker is");
    const unsubscribe = linkIn(mail.text, `${env().PUBLIC_URL}/afmelden/`);
    expect(readUnsubscribeToken(unsubscribe.split("/").pop())).toEqual({ userId: member.id, issueId: null });
    expect(mail.headers["list-unsubscribe"]).toBe(`<${unsubscribe}>`);

    // Running the job again (a worker died before marking it done) sends nothing new.
    const job = await db.job.findFirstOrThrow({ where: { type: "notify_new_issue" } });
    await db.job.update({ where: { id: job.id }, data: { completedAt: null } });
    await runAllJobs();
    expect(smtp.messages).toHaveLength(2);
  });
});
