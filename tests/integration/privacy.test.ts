import { describe, expect, test } from "vitest";
import { reportSchema } from "~/domain/report-schema";
import { statusSchema } from "~/domain/triage";
import { loader as exportLoader } from "~/routes/account_.export[.]json";
import { action as deleteAction, loader as deleteLoader } from "~/routes/account_.verwijderen";
import { action as issueAction } from "~/routes/meldingen.$id";
import { loader as privacyLoader } from "~/routes/privacy";
import { hashToken } from "~/utils/auth.server";
import { audit } from "~/utils/audit.server";
import { databaseProvider, db } from "~/utils/db.server";
import { recurringJobs } from "~/utils/job-handlers.server";
import { runDueJobs } from "~/utils/job-worker.server";
import { enqueueJob } from "~/utils/jobs.server";
import { DELETED_ACCOUNT_NAME, deletedAccountEmail, type UserExport } from "~/utils/privacy.server";
import { queueDueRecurringJobs } from "~/utils/recurring-jobs.server";
import { saveSettings } from "~/utils/settings.server";
import { insertFollow, insertSupport } from "~/utils/sql.server";
import { createIssue, createUser, sessionCookieFor } from "../db-utils";
import { createOrganisation, errorsOf, locationOf, run, status, type Handler, type Reply } from "../route-utils";

/** Two neighbours who use the portal on the same issues, with everything the portal stores. */
async function neighbours() {
  const suffix = Math.random().toString(36).slice(2, 8);
  const phone = `06-${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  const fenna = await createUser({
    name: `Fenna Privacytestveld${suffix}`,
    email: `fenna.privacytestveld.${suffix}@example.test`,
    roles: ["resident", "steering"],
  });
  const bram = await createUser({ name: `Bram Anderhoeve${suffix}`, email: `bram.anderhoeve.${suffix}@example.test` });
  const organisation = await createOrganisation();
  await db.membership.create({ data: { userId: fenna.id, organisationId: organisation.id, role: "member" } });

  const fennaIssue = await createIssue({ reporterId: fenna.id, title: `Kapotte bank bij het speelveld ${suffix}` });
  const bramIssue = await createIssue({ reporterId: bram.id, title: `Afval naast de container ${suffix}` });
  // A report from another system (Open311) with Fenna's contact details, in other letter case.
  const open311Issue = await createIssue({ reporterId: null, title: `Gemeld via de gemeente ${suffix}` });
  await db.issue.update({
    where: { id: open311Issue.id },
    data: { reporterName: fenna.name, reporterEmail: fenna.email.toUpperCase(), reporterPhone: phone },
  });

  for (const [issue, user] of [
    [bramIssue, fenna],
    [fennaIssue, bram],
    [bramIssue, bram],
  ] as const) {
    await insertSupport(issue.id, user.id);
  }
  await db.$transaction(async (tx) => {
    await insertFollow(tx, fenna.id, bramIssue.id);
    await insertFollow(tx, bram.id, fennaIssue.id);
  });
  const fennaComment = await db.comment.create({
    data: { issueId: bramIssue.id, authorId: fenna.id, body: `Hier ligt het al weken ${suffix}` },
  });
  const bramComment = await db.comment.create({
    data: { issueId: fennaIssue.id, authorId: bram.id, body: `Bram zag het ook ${suffix}` },
  });
  await db.notification.createMany({
    data: [
      {
        userId: fenna.id,
        issueId: fennaIssue.id,
        type: "public_update",
        title: "Nieuw bericht",
        body: "We kijken ernaar.",
      },
      { userId: bram.id, issueId: fennaIssue.id, type: "public_update", title: "Nieuw bericht", body: "Voor Bram." },
    ],
  });
  await db.alertSubscription.createMany({
    data: [
      { email: fenna.email, userId: fenna.id, kind: "thema", confirmedAt: new Date() },
      { email: fenna.email, kind: "buurt", buurtCode: fennaIssue.buurtCode, confirmedAt: new Date() },
      { email: bram.email, userId: bram.id, kind: "thema", confirmedAt: new Date() },
    ],
  });
  await db.flag.createMany({
    data: [
      {
        targetType: "comment",
        issueId: fennaIssue.id,
        commentId: bramComment.id,
        reason: "beledigend",
        reporterId: fenna.id,
      },
      { targetType: "issue", issueId: fennaIssue.id, reason: "spam", reporterId: bram.id },
    ],
  });
  const fennaCookie = await sessionCookieFor(fenna.id);
  const bramCookie = await sessionCookieFor(bram.id);
  await sessionCookieFor(fenna.id); // a second device
  const inAnHour = new Date(Date.now() + 60 * 60 * 1000);
  await db.passwordResetToken.createMany({
    data: [
      { id: hashToken(`reset-${fenna.id}`), userId: fenna.id, expiresAt: inAnHour },
      { id: hashToken(`reset-${bram.id}`), userId: bram.id, expiresAt: inAnHour },
    ],
  });
  await db.$transaction(async (tx) => {
    await audit(tx, {
      issueId: fennaIssue.id,
      actorId: fenna.id,
      action: "reopen",
      after: { reason: "Nog steeds kapot" },
    });
    await audit(tx, {
      issueId: null,
      actorId: bram.id,
      action: "roles_changed",
      before: { userId: fenna.id, roles: [] },
      after: { userId: fenna.id },
    });
    // Mail to Fenna waiting in the queue and one already sent; counters keyed by her address.
    await enqueueJob(tx, "send_email", { to: fenna.email, subject: "Welkom", text: `Hallo ${fenna.name}` });
    await tx.outboxMail.create({
      data: { to: fenna.email, subject: "Je melding", text: `Hallo ${fenna.name}`, transport: "local" },
    });
    await tx.outboxMail.create({
      data: { to: bram.email, subject: "Je melding", text: "Hallo Bram", transport: "local" },
    });
    await tx.rateLimit.create({ data: { key: `login:email:${fenna.email}`, count: 1, windowStart: new Date() } });
    await tx.pendingConfirmation.create({
      data: {
        tokenHash: hashToken(`confirm-${fenna.id}`),
        email: fenna.email,
        kind: "support",
        issueId: bramIssue.id,
        expiresAt: inAnHour,
      },
    });
  });

  return {
    phone,
    fenna: { ...fenna, cookie: fennaCookie },
    bram: { ...bram, cookie: bramCookie },
    organisation,
    fennaIssue,
    bramIssue,
    open311Issue,
    fennaComment,
    bramComment,
  };
}

async function download(cookie: string) {
  const response = (await run(exportLoader as Handler, "/account/export.json", { cookie })) as Response;
  return response;
}

/** Every row of every table as text, to search for a person's traces. */
async function dumpDatabase() {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    databaseProvider() === "postgresql"
      ? "SELECT CAST(table_name AS TEXT) AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
      : // IssueRtree*: the spatial index's storage (ids and coordinates copied from Issue), binary.
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'IssueRtree%'",
  );
  const dump: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = await db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name}"`);
    dump[name] = JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  }
  return dump;
}

function tablesContaining(dump: Record<string, string>, needle: string) {
  return Object.entries(dump)
    .filter(([, text]) => text.toLowerCase().includes(needle.toLowerCase()))
    .map(([table]) => table);
}

describe("downloading your data", () => {
  test("everything about the person, nothing about the neighbour", async () => {
    const { fenna, bram, organisation, fennaIssue, bramIssue, open311Issue, fennaComment, bramComment } =
      await neighbours();

    const response = await download(fenna.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("application/json");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="buurt-bestuurt-mijn-gegevens-/);
    expect(response.headers.get("Cache-Control")).toContain("no-store");
    const text = await response.text();
    const data = JSON.parse(text) as UserExport;

    expect(data.account).toMatchObject({ id: fenna.id, name: fenna.name, email: fenna.email, hasPassword: true });
    expect(data.roles.map((r) => r.role)).toEqual(["resident", "steering"]);
    expect(data.memberships).toEqual([expect.objectContaining({ organisation: organisation, role: "member" })]);
    expect(data.issues.map((issue) => issue.id).sort()).toEqual([fennaIssue.id, open311Issue.id].sort());
    expect(data.supports).toEqual([expect.objectContaining({ issueId: bramIssue.id })]);
    expect(data.comments).toEqual([expect.objectContaining({ id: fennaComment.id, body: fennaComment.body })]);
    expect(data.follows.map((f) => f.issueId)).toContain(bramIssue.id);
    expect(data.notifications).toEqual([expect.objectContaining({ body: "We kijken ernaar." })]);
    expect(data.alertSubscriptions).toHaveLength(2);
    expect(data.flagsRaised).toEqual([expect.objectContaining({ commentId: bramComment.id, reason: "beledigend" })]);
    expect(data.sessions).toHaveLength(2);
    expect(data.passwordResets).toHaveLength(1);
    expect(data.auditEntries).toEqual([expect.objectContaining({ action: "reopen", issueId: fennaIssue.id })]);
    expect(data.pendingConfirmations).toEqual([expect.objectContaining({ kind: "support", issueId: bramIssue.id })]);
    expect(data.mails).toEqual([expect.objectContaining({ to: fenna.email, subject: "Je melding" })]);

    // No secrets: no password hash, no session or token hashes.
    const fennaRow = await db.user.findUniqueOrThrow({ where: { id: fenna.id }, select: { passwordHash: true } });
    const sessionIds = await db.session.findMany({ where: { userId: fenna.id }, select: { id: true } });
    for (const secret of [fennaRow.passwordHash!, ...sessionIds.map((s) => s.id), hashToken(`reset-${fenna.id}`)]) {
      expect(text).not.toContain(secret);
    }
    // Nothing about Bram, although he supports, follows and comments on the same issues (and
    // changed Fenna's roles as an admin).
    for (const trace of [bram.id, bram.email, bram.name, "Bram", bramComment.body, "Voor Bram."]) {
      expect(text, trace).not.toContain(trace);
    }
  });

  test("only for the logged-in person", async () => {
    const response = await download("");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/inloggen?redirectTo=%2Faccount%2Fexport.json");
  });
});

describe("deleting your account", () => {
  test("the wrong password or no password changes nothing", async () => {
    const { fenna } = await neighbours();
    const wrong = await run(deleteAction as Handler, "/account/verwijderen", {
      cookie: fenna.cookie,
      form: { password: "niet-het-wachtwoord" },
    });
    expect(status(wrong)).toBe(400);
    expect(errorsOf(wrong)).toEqual({ password: ["Dit wachtwoord klopt niet. Probeer het opnieuw."] });
    const empty = await run(deleteAction as Handler, "/account/verwijderen", { cookie: fenna.cookie, form: {} });
    expect(status(empty)).toBe(400);
    expect(errorsOf(empty)).toEqual({ password: ["Vul je wachtwoord in."] });
    expect(await db.user.findUniqueOrThrow({ where: { id: fenna.id } })).toMatchObject({
      email: fenna.email,
      anonymisedAt: null,
    });
  });

  test("no email, name or session remains; issues, comments and supports stay without the person", async () => {
    const { phone, fenna, bram, fennaIssue, bramIssue, open311Issue, fennaComment } = await neighbours();
    // A third neighbour also supports Bram's issue and deletes the account too: two supports
    // without a person on one issue (NULLs never collide in the unique index).
    const noor = await createUser({ name: "Noor Wisselhoek" });
    await insertSupport(bramIssue.id, noor.id);
    const supportsBefore = await db.support.count({ where: { issueId: bramIssue.id } });
    expect(supportsBefore).toBe(3);

    const before = await dumpDatabase();
    expect(tablesContaining(before, fenna.email).length).toBeGreaterThan(5);

    expect(await run(deleteLoader as Handler, "/account/verwijderen", { cookie: fenna.cookie })).toEqual({
      hasPassword: true,
    });
    const result = await run(deleteAction as Handler, "/account/verwijderen", {
      cookie: fenna.cookie,
      form: { password: fenna.password },
    });
    expect(locationOf(result)).toBe("/");
    const cookies = (result as Response).headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith("bb_session=;") && c.includes("Max-Age=0"))).toBe(true);

    const noorCookie = await sessionCookieFor(noor.id);
    const noorAnswer = await run(deleteAction as Handler, "/account/verwijderen", {
      cookie: noorCookie,
      form: { password: noor.password },
    });
    expect(status(noorAnswer)).toBe(302);

    // Logged out everywhere: the old cookie no longer works.
    expect(status(await download(fenna.cookie))).toBe(302);

    const after = await dumpDatabase();
    for (const trace of [fenna.email, fenna.name, phone, noor.email, noor.name]) {
      expect(tablesContaining(after, trace), trace).toEqual([]);
    }
    expect(await db.session.count({ where: { userId: { in: [fenna.id, noor.id] } } })).toBe(0);

    const user = await db.user.findUniqueOrThrow({ where: { id: fenna.id } });
    expect(user).toMatchObject({
      name: DELETED_ACCOUNT_NAME,
      email: deletedAccountEmail(fenna.id),
      passwordHash: null,
      buurtCode: null,
      emailVerifiedAt: null,
    });
    expect(user.anonymisedAt).toBeInstanceOf(Date);
    expect(await db.userRole.count({ where: { userId: fenna.id } })).toBe(0);
    expect(await db.membership.count({ where: { userId: fenna.id } })).toBe(0);
    for (const model of [db.follow, db.notification, db.passwordResetToken, db.alertSubscription] as const) {
      expect(await (model as typeof db.follow).count({ where: { userId: fenna.id } })).toBe(0);
    }

    // Her issues stay for the neighbourhood, without her.
    for (const issue of [fennaIssue, open311Issue]) {
      const row = await db.issue.findUniqueOrThrow({ where: { id: issue.id } });
      expect(row).toMatchObject({ title: issue.title, reporterId: null, reporterName: null, reporterEmail: null });
      expect(row.reporterAnonymisedAt).toBeInstanceOf(Date);
    }
    // Supports keep counting without identity; comments stay without author.
    expect(await db.support.count({ where: { issueId: bramIssue.id } })).toBe(supportsBefore);
    expect(await db.support.count({ where: { issueId: bramIssue.id, userId: null } })).toBe(2);
    expect((await db.issue.findUniqueOrThrow({ where: { id: bramIssue.id } })).supportCount).toBe(supportsBefore);
    expect(await db.comment.findUniqueOrThrow({ where: { id: fennaComment.id } })).toMatchObject({
      body: fennaComment.body,
      authorId: null,
    });

    // Bram is untouched.
    expect(tablesContaining(after, bram.email)).toEqual(
      expect.arrayContaining(["User", "AlertSubscription", "OutboxMail"]),
    );
    expect(await db.session.count({ where: { userId: bram.id } })).toBe(1);
    expect(status(await download(bram.cookie))).toBe(200);

    // The deletion itself is in the audit trail, without any personal data.
    expect(await db.auditEntry.count({ where: { actorId: fenna.id, action: "account_deleted" } })).toBe(1);
  });
});

describe("addresses are matched exactly", () => {
  test("an address inside a longer one is not the same person: not exported, not deleted", async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const short = await createUser({ email: `an.${suffix}@voorbeeld.nl`, password: "korte-naam-wachtwoord" });
    const longer = `jan.${suffix}@voorbeeld.nl`.replace("jan.", "jo-an.");
    await db.outboxMail.create({
      data: { to: longer, subject: "Nieuw wachtwoord", text: "geheime link", transport: "local" },
    });
    await db.rateLimit.create({ data: { key: `login:email:${longer}`, count: 3, windowStart: new Date() } });
    await enqueueJob(db, "send_email", { to: longer, subject: "Bevestig", text: "link" });
    const cookie = await sessionCookieFor(short.id);

    const exported = (await (await download(cookie)).json()) as UserExport;
    expect(JSON.stringify(exported)).not.toContain(longer);

    const deleted = await run(deleteAction as Handler, "/account/verwijderen", {
      cookie,
      form: { password: "korte-naam-wachtwoord" },
    });
    expect(status(deleted)).toBe(302);
    expect(await db.outboxMail.count({ where: { to: longer } })).toBe(1);
    expect(await db.rateLimit.count({ where: { key: `login:email:${longer}` } })).toBe(1);
    expect(await db.job.count({ where: { payload: { contains: longer } } })).toBe(1);
  });
});

describe("retention of the reporter's identity on closed issues", () => {
  const NOW = new Date("2026-06-15T01:00:00Z"); // 03:00 in Blerick (summer time)
  const retention = recurringJobs.filter((job) => job.type === "retention");

  async function closedIssue(
    status: "opgelost" | "gesloten_niet_opgelost" | "in_behandeling" | "heropend",
    closedAt: Date | null,
  ) {
    const reporter = await createUser();
    const issue = await createIssue({ reporterId: reporter.id, status, createdAt: new Date("2023-01-10T10:00:00Z") });
    await db.issue.update({
      where: { id: issue.id },
      data: {
        closedAt,
        reporterName: "Kees Maasveldt",
        reporterEmail: "kees@example.test",
        reporterPhone: "077 123 4567",
      },
    });
    return issue.id;
  }

  async function runRetentionAt(now: Date) {
    await db.recurringJob.deleteMany({ where: { name: "retention" } });
    await db.job.deleteMany({ where: { type: "retention" } });
    // The first look only plans the next 03:00 slot; a day later it is due.
    await queueDueRecurringJobs(retention, new Date(now.getTime() - 24 * 60 * 60 * 1000));
    expect(await queueDueRecurringJobs(retention, now)).toEqual(["retention"]);
    const outcomes = await runDueJobs({ now });
    expect(outcomes).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: "retention", result: "completed" })]),
    );
  }

  const reporterOf = (id: number) =>
    db.issue.findUniqueOrThrow({
      where: { id },
      select: {
        reporterId: true,
        reporterName: true,
        reporterEmail: true,
        reporterPhone: true,
        reporterAnonymisedAt: true,
      },
    });

  test("12 months and a day after closing: anonymised; 11 months, or still open: untouched", async () => {
    const elevenMonths = await closedIssue("opgelost", new Date("2025-07-15T01:00:00Z"));
    const justUnderTwelve = await closedIssue("opgelost", new Date("2025-06-15T02:00:00Z"));
    const twelveMonthsAndADay = await closedIssue("opgelost", new Date("2025-06-14T01:00:00Z"));
    const twoYears = await closedIssue("gesloten_niet_opgelost", new Date("2024-06-01T10:00:00Z"));
    const open = await closedIssue("in_behandeling", null);
    const reopened = await closedIssue("heropend", new Date("2024-01-01T10:00:00Z"));

    await runRetentionAt(NOW);

    for (const id of [twelveMonthsAndADay, twoYears]) {
      expect(await reporterOf(id)).toEqual({
        reporterId: null,
        reporterName: null,
        reporterEmail: null,
        reporterPhone: null,
        reporterAnonymisedAt: NOW,
      });
    }
    for (const id of [elevenMonths, justUnderTwelve, open, reopened]) {
      expect(await reporterOf(id)).toMatchObject({
        reporterId: expect.any(String),
        reporterEmail: "kees@example.test",
        reporterPhone: "077 123 4567",
        reporterAnonymisedAt: null,
      });
    }
    // The issue itself stays public.
    expect(await db.issue.findUniqueOrThrow({ where: { id: twoYears } })).toMatchObject({ visibility: "public" });
  });

  test("the reporter's own support keeps counting without them; their follow goes; others' stay", async () => {
    const id = await closedIssue("opgelost", new Date("2024-06-01T10:00:00Z"));
    const { reporterId } = await reporterOf(id);
    const neighbour = await createUser();
    for (const userId of [reporterId!, neighbour.id]) {
      await db.support.create({ data: { issueId: id, userId } });
      await db.follow.create({ data: { issueId: id, userId } });
    }

    await runRetentionAt(NOW);

    const supports = await db.support.findMany({ where: { issueId: id }, select: { userId: true } });
    expect(supports.map((s) => s.userId).sort()).toEqual([neighbour.id, null].sort());
    const follows = await db.follow.findMany({ where: { issueId: id }, select: { userId: true } });
    expect(follows).toEqual([{ userId: neighbour.id }]);
  });

  test("administrators choose the period", async () => {
    const fourteenMonths = await closedIssue("opgelost", new Date("2025-04-10T10:00:00Z"));
    await saveSettings({ reporterRetentionMonths: 18 });
    try {
      await runRetentionAt(NOW);
      expect((await reporterOf(fourteenMonths)).reporterAnonymisedAt).toBeNull();
      await saveSettings({ reporterRetentionMonths: 1 });
      await runRetentionAt(NOW);
      expect((await reporterOf(fourteenMonths)).reporterAnonymisedAt).toEqual(NOW);
    } finally {
      await saveSettings({ reporterRetentionMonths: 12 });
    }
  });

  test("the privacy page states the current period", async () => {
    await saveSettings({ reporterRetentionMonths: 9 });
    try {
      expect(await run(privacyLoader as Handler, "/privacy")).toEqual({ retentionMonths: 9, tileHost: "127.0.0.1:9" });
    } finally {
      await saveSettings({ reporterRetentionMonths: 12 });
    }
  });
});

describe("personal data in public text", () => {
  test("a comment with a phone number is refused, the text kept", async () => {
    const { fenna, bramIssue } = await neighbours();
    const body = "Bel me gerust op 06-12345678 als je meer wilt weten.";
    const result = await run(issueAction as Handler, `/meldingen/${bramIssue.id}`, {
      cookie: fenna.cookie,
      form: { intent: "comment", body },
      params: { id: String(bramIssue.id) },
    });
    expect(status(result)).toBe(400);
    expect(errorsOf(result).body).toEqual([
      "Er staat een telefoonnummer in je tekst: 06-12345678. Haal het weg: iedereen kan dit lezen.",
    ]);
    const reply = (result as Reply).data;
    expect((reply.result ?? reply).initialValue).toMatchObject({ body });
    expect(await db.comment.count({ where: { body } })).toBe(0);
  });

  test("issue text and partners' public messages are checked too", () => {
    const report = reportSchema.safeParse({
      locationMode: "kaart",
      lat: "51.37",
      lng: "6.15",
      themeCode: "afval",
      title: "Afval bij de glasbak",
      description: "Mail mij: noor@voorbeeld.nl of kom langs op 5912 AB 12.",
    });
    expect(report.error?.issues).toEqual([
      expect.objectContaining({
        path: ["description"],
        message:
          "Er staan een e-mailadres en een adres (postcode en huisnummer) in je tekst: noor@voorbeeld.nl, 5912 AB 12. Haal ze weg: iedereen kan dit lezen.",
      }),
    ]);
    const update = statusSchema.safeParse({
      intent: "status",
      to: "in_behandeling",
      publicMessage: "Bel de wijkagent op 06 1234 5678.",
    });
    expect(update.error?.issues).toEqual([expect.objectContaining({ path: ["publicMessage"] })]);
    expect(
      statusSchema.safeParse({ intent: "status", to: "in_behandeling", publicMessage: "We komen op 14 maart om 9:30." })
        .success,
    ).toBe(true);
  });
});
