import { describe, expect, test } from "vitest";
import { action as notificationsAction, loader as notificationsLoader } from "~/routes/berichten";
import { loader as openNotificationLoader } from "~/routes/berichten.$id";
import { action as followAction, loader as followLoader } from "~/routes/meldingen.$id.volgen";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { followIssue, isFollowing } from "~/utils/follows.server";
import { changeStatus } from "~/utils/issue-status.server";
import { readUnsubscribeToken } from "~/utils/mail.server";
import { deliverIssueUpdate, queueIssueNotifications, unreadNotificationCount } from "~/utils/notifications.server";
import { createIssue, createUser, sessionCookieFor } from "../db-utils";
import { runAllJobs, setupTestSmtpServer } from "../mail-utils";

const smtp = setupTestSmtpServer();

async function settle<T>(run: () => Promise<T>) {
  try {
    return await run();
  } catch (thrown) {
    return thrown as Response;
  }
}
const statusOf = (result: unknown) =>
  result instanceof Response ? result.status : ((result as { init?: { status?: number } }).init?.status ?? 200);

/** An issue with a reporter, two followers (one opted out of mail) and a partner who follows too. */
async function issueWithAudience() {
  const reporter = await createUser({ name: "Anouk Kessenbroek" });
  const follower = await createUser({ name: "Bram Vossenakker" });
  const optedOut = await createUser();
  const partner = await createUser({ roles: ["admin"] });
  await db.user.update({ where: { id: optedOut.id }, data: { emailOptOutAt: new Date() } });
  const issue = await createIssue({ reporterId: reporter.id, status: "getrieerd" });
  for (const user of [follower, optedOut, partner, reporter]) await followIssue(db, user.id, issue.id);
  return { reporter, follower, optedOut, partner, issue };
}

describe("updates to an issue reach its reporter and followers", () => {
  test("a status change: mail to reporter and follower, in-app for everyone but the person who made it", async () => {
    const { reporter, follower, optedOut, partner, issue } = await issueWithAudience();
    await db.$transaction((tx) =>
      changeStatus(tx, {
        issueId: issue.id,
        to: "in_behandeling",
        publicMessage: "We gaan de stoeptegels volgende week rechtleggen.",
        by: { actor: { id: partner.id, roles: ["admin"], memberships: [] } },
      }),
    );
    // The job is queued for the real time; the worker's clock must be at or after it.
    const now = new Date();
    await runAllJobs(now);

    expect(smtp.messages.flatMap((mail) => mail.to).sort()).toEqual([reporter.email, follower.email].sort());

    const [toReporter] = smtp.to(reporter.email);
    expect(toReporter.subject).toBe(`Status gewijzigd: In behandeling: ${issue.title}`);
    expect(toReporter.text).toContain("Hallo Anouk,");
    expect(toReporter.text).toContain("We gaan de stoeptegels volgende week rechtleggen.");
    expect(toReporter.text).toContain(`${env().PUBLIC_URL}/meldingen/${issue.id}`);
    expect(toReporter.text).toContain("omdat je deze melding hebt gemaakt");
    expect(toReporter.text).not.toContain("Geen mail meer over deze melding?");
    expect(toReporter.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

    const [toFollower] = smtp.to(follower.email);
    expect(toFollower.text).toContain("omdat je deze melding volgt");
    const links = toFollower.text.split(/\s+/).filter((word) => word.includes("/afmelden/"));
    expect(links.map((link) => readUnsubscribeToken(link.split("/").pop()))).toEqual([
      { userId: follower.id, issueId: issue.id },
      { userId: follower.id, issueId: null },
    ]);

    const notifications = await db.notification.findMany({ where: { issueId: issue.id } });
    expect(notifications.map((n) => n.userId).sort()).toEqual([reporter.id, follower.id, optedOut.id].sort());
    expect(notifications.find((n) => n.userId === follower.id)).toMatchObject({
      type: "status_changed",
      title: "Status gewijzigd: In behandeling",
      body: "We gaan de stoeptegels volgende week rechtleggen.",
      readAt: null,
      createdAt: now,
    });
    expect(await unreadNotificationCount(optedOut.id)).toBe(1);
    expect(await unreadNotificationCount(partner.id)).toBe(0);
  });

  test("a public update uses its own wording for reporter and follower", async () => {
    const { reporter, follower, partner, issue } = await issueWithAudience();
    await db.$transaction((tx) =>
      queueIssueNotifications(tx, {
        issueId: issue.id,
        kind: "public_update",
        message: "De aannemer komt donderdag.",
        actorId: partner.id,
      }),
    );
    await runAllJobs();
    expect(smtp.to(reporter.email)[0].subject).toBe(`Nieuw bericht over je melding: ${issue.title}`);
    expect(smtp.to(follower.email)[0].subject).toBe(`Nieuw bericht over een melding die je volgt: ${issue.title}`);
  });

  test("a reporter who stops following their own issue hears nothing more about it", async () => {
    const { reporter, follower, partner, issue } = await issueWithAudience();
    await db.follow.delete({ where: { userId_issueId: { userId: reporter.id, issueId: issue.id } } });
    await db.$transaction((tx) =>
      queueIssueNotifications(tx, { issueId: issue.id, kind: "public_update", message: "Nog even geduld.", actorId: partner.id }),
    );
    await runAllJobs();
    expect(smtp.to(reporter.email)).toHaveLength(0);
    expect(smtp.to(follower.email)).toHaveLength(1);
    expect(await db.notification.count({ where: { userId: reporter.id, issueId: issue.id } })).toBe(0);
  });

  test("a job that runs twice notifies no one twice", async () => {
    const { issue, partner } = await issueWithAudience();
    const payload = { issueId: issue.id, kind: "public_update", message: "Bericht", actorId: partner.id };
    const context = { jobId: "job-twice", now: new Date() };
    expect(await deliverIssueUpdate(payload, context)).toEqual({ recipients: 3 });
    await deliverIssueUpdate(payload, context);
    expect(await db.notification.count({ where: { issueId: issue.id } })).toBe(3);
    expect(await db.job.count({ where: { type: "send_email", id: { startsWith: "job-twice." } } })).toBe(2);
  });

  test("hidden issues notify no one", async () => {
    const reporter = await createUser();
    const issue = await createIssue({ reporterId: reporter.id, visibility: "hidden" });
    await deliverIssueUpdate(
      { issueId: issue.id, kind: "public_update", message: "x" },
      { jobId: "j-h", now: new Date() },
    );
    expect(await db.notification.count({ where: { issueId: issue.id } })).toBe(0);
  });
});

describe("following an issue", () => {
  const post = async (issueId: number | string, cookie: string | null, fields: Record<string, string>) =>
    settle(() =>
      followAction({
        request: new Request(`http://localhost/meldingen/${issueId}/volgen`, {
          method: "POST",
          body: new URLSearchParams(fields),
          headers: cookie ? { Cookie: cookie } : {},
        }),
        params: { id: String(issueId) },
        context: {},
      }),
    );

  test("follow and unfollow are idempotent; fetchers get JSON", async () => {
    const user = await createUser();
    const issue = await createIssue({ reporterId: null });
    const cookie = await sessionCookieFor(user.id);

    const results = await Promise.all(Array.from({ length: 5 }, () => post(issue.id, cookie, { intent: "follow" })));
    expect(await Promise.all(results.map((result) => (result as Response).json()))).toEqual(
      Array.from({ length: 5 }, () => ({ following: true })),
    );
    expect(await db.follow.count({ where: { issueId: issue.id } })).toBe(1);
    expect(await isFollowing(user.id, issue.id)).toBe(true);

    for (let i = 0; i < 2; i++) {
      const result = (await post(issue.id, cookie, { intent: "unfollow" })) as Response;
      expect(await result.json()).toEqual({ following: false });
    }
    expect(await isFollowing(user.id, issue.id)).toBe(false);
  });

  test("without JavaScript: redirect back to the issue with a toast", async () => {
    const user = await createUser();
    const issue = await createIssue({ reporterId: null });
    const cookie = await sessionCookieFor(user.id);
    const result = (await post(issue.id, cookie, {
      intent: "follow",
      redirectTo: "https://evil.example/",
    })) as Response;
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/meldingen/${issue.id}`);
    expect(result.headers.get("Set-Cookie")).toContain("bb_toast=");
    expect(await isFollowing(user.id, issue.id)).toBe(true);

    const back = (await post(issue.id, cookie, {
      intent: "unfollow",
      redirectTo: `/meldingen/${issue.id}`,
    })) as Response;
    expect(back.headers.get("Location")).toBe(`/meldingen/${issue.id}`);
    expect(await isFollowing(user.id, issue.id)).toBe(false);
  });

  test("logged out: to the login page; hidden or missing issue: 404; bad intent: 400; GET: back to the issue", async () => {
    const issue = await createIssue({ reporterId: null });
    const loggedOut = (await post(issue.id, null, { intent: "follow" })) as Response;
    expect(loggedOut.status).toBe(302);
    expect(loggedOut.headers.get("Location")).toMatch(/^\/inloggen\?redirectTo=/);

    const cookie = await sessionCookieFor((await createUser()).id);
    const hidden = await createIssue({ reporterId: null, visibility: "hidden" });
    expect(statusOf(await post(hidden.id, cookie, { intent: "follow" }))).toBe(404);
    for (const id of ["abc", "0", "-3", "99999999"])
      expect(statusOf(await post(id, cookie, { intent: "follow" }))).toBe(404);
    expect(statusOf(await post(issue.id, cookie, { intent: "delete" }))).toBe(400);
    expect(await db.follow.count({ where: { issueId: { in: [issue.id, hidden.id] } } })).toBe(0);

    const get = (await settle(() =>
      followLoader({ request: new Request("http://localhost/x"), params: { id: String(issue.id) }, context: {} }),
    )) as Response;
    expect(get.headers.get("Location")).toBe(`/meldingen/${issue.id}`);
  });
});

describe("/berichten", () => {
  const request = (cookie: string, init: RequestInit = {}) =>
    new Request("http://localhost/berichten", { ...init, headers: { Cookie: cookie } });

  test("lists the latest 50 newest first with unread marked; 'alles gelezen' marks only your own", async () => {
    const user = await createUser();
    const other = await createUser();
    const issue = await createIssue({ reporterId: user.id });
    const hidden = await createIssue({ reporterId: user.id, visibility: "hidden" });
    const start = new Date("2026-01-01T08:00:00Z").getTime();
    await db.notification.createMany({
      data: Array.from({ length: 55 }, (_, index) => ({
        userId: user.id,
        issueId: index === 54 ? hidden.id : issue.id,
        type: "public_update",
        title: `Bericht ${index}`,
        body: "Tekst",
        createdAt: new Date(start + index * 60_000),
        readAt: index < 10 ? new Date(start + index * 60_000) : null,
      })),
    });
    await db.notification.create({ data: { userId: other.id, type: "public_update", title: "Ander", body: "" } });
    const cookie = await sessionCookieFor(user.id);

    const page = await notificationsLoader({ request: request(cookie), params: {}, context: {} });
    expect(page.notifications).toHaveLength(50);
    expect(page.notifications[0].title).toBe("Bericht 54");
    expect(page.notifications[0]).toMatchObject({ unread: true, issue: null, issueHidden: true });
    expect(page.notifications[1]).toMatchObject({ unread: true, issue: { id: issue.id, title: issue.title } });
    expect(page.notifications.at(-1)).toMatchObject({ title: "Bericht 5", unread: false });
    expect(page.unread).toBe(45);
    expect(await unreadNotificationCount(user.id)).toBe(45);

    const result = (await settle(() =>
      notificationsAction({
        request: request(cookie, { method: "POST", body: new URLSearchParams({ intent: "markAllRead" }) }),
        params: {},
        context: {},
      }),
    )) as Response;
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/berichten");
    expect(await unreadNotificationCount(user.id)).toBe(0);
    expect(await unreadNotificationCount(other.id)).toBe(1);
  });

  test("'Bekijk de melding' marks the messages about that issue read and opens it; only your own", async () => {
    const user = await createUser();
    const other = await createUser();
    const issue = await createIssue({ reporterId: user.id });
    const elsewhere = await createIssue({ reporterId: user.id });
    const hidden = await createIssue({ reporterId: user.id, visibility: "hidden" });
    const message = (userId: string, issueId: number) =>
      db.notification.create({ data: { userId, issueId, type: "public_update", title: "Nieuws", body: "" }, select: { id: true } });
    const [first] = [await message(user.id, issue.id), await message(user.id, issue.id), await message(user.id, elsewhere.id)];
    const theirs = await message(other.id, issue.id);
    const aboutHidden = await message(user.id, hidden.id);
    const cookie = await sessionCookieFor(user.id);
    const open = async (id: string) =>
      (await settle(() =>
        openNotificationLoader({ request: new Request(`http://localhost/berichten/${id}`, { headers: { Cookie: cookie } }), params: { id }, context: {} }),
      )) as Response;

    expect(await unreadNotificationCount(user.id)).toBe(4);
    const opened = await open(first.id);
    expect(opened.headers.get("Location")).toBe(`/meldingen/${issue.id}`);
    // Both about this issue are read; the one about another issue is not.
    expect(await unreadNotificationCount(user.id)).toBe(2);
    expect((await open(first.id)).headers.get("Location")).toBe(`/meldingen/${issue.id}`);
    // Someone else's message: back to the list, nothing marked.
    expect((await open(theirs.id)).headers.get("Location")).toBe("/berichten");
    expect(await unreadNotificationCount(other.id)).toBe(1);
    expect((await open("onzin")).headers.get("Location")).toBe("/berichten");
    // About a hidden issue: read, and back to the list (the issue page would be a 404).
    expect((await open(aboutHidden.id)).headers.get("Location")).toBe("/berichten");
    expect(await unreadNotificationCount(user.id)).toBe(1);
  });

  test("logged out: to the login page", async () => {
    const result = await settle(() =>
      notificationsLoader({ request: new Request("http://localhost/berichten"), params: {}, context: {} }),
    );
    expect((result as Response).headers.get("Location")).toBe("/inloggen?redirectTo=%2Fberichten");
  });
});
