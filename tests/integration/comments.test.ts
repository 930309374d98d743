import { describe, expect, test } from "vitest";
import { action, loader } from "~/routes/meldingen.$id";
import { db } from "~/utils/db.server";
import { createIssue, createUser, sessionCookieFor } from "../db-utils";

async function post(issueId: number, cookie: string, fields: Record<string, string>) {
  const request = new Request(`http://localhost/meldingen/${issueId}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Cookie: cookie },
  });
  try {
    return await action({ request, params: { id: String(issueId) }, context: {} });
  } catch (thrown) {
    return thrown;
  }
}
const status = (result: unknown) =>
  result instanceof Response ? result.status : ((result as { init?: { status?: number } }).init?.status ?? 200);

async function view(issueId: number, cookie?: string) {
  const request = new Request(`http://localhost/meldingen/${issueId}`, { headers: cookie ? { Cookie: cookie } : {} });
  return loader({ request, params: { id: String(issueId) }, context: {} });
}

describe("comments", () => {
  test("a resident comments; the public sees first name and buurt, never the email", async () => {
    const reporter = await createUser({ name: "Jolien Verstappenhof" });
    const issue = await createIssue({ reporterId: reporter.id, buurtCode: "BU09832101" });
    const author = await createUser({ name: "Kees van Dongenbroek", email: "kees@example.test" });
    expect(
      status(
        await post(issue.id, await sessionCookieFor(author.id), {
          intent: "comment",
          body: "  Ik zag het gisteren ook.  ",
        }),
      ),
    ).toBe(302);
    const page = await view(issue.id);
    expect(page.comments).toHaveLength(1);
    expect(page.comments[0]).toMatchObject({ body: "Ik zag het gisteren ook.", author: "Kees", canDelete: false });
    expect(page.issue.reporter?.name).toBe("Jolien");
    expect(JSON.stringify(page)).not.toContain("example.test");
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).commentCount).toBe(1);
  });

  test("empty and too long comments are refused with Dutch messages", async () => {
    const issue = await createIssue({ reporterId: null });
    const cookie = await sessionCookieFor((await createUser()).id);
    const empty = await post(issue.id, cookie, { intent: "comment", body: "   " });
    expect(status(empty)).toBe(400);
    expect(JSON.stringify(empty)).toContain("Schrijf een reactie.");
    const long = await post(issue.id, cookie, { intent: "comment", body: "a".repeat(2001) });
    expect(JSON.stringify(long)).toContain("hoogstens 2.000 tekens");
    expect(await db.comment.count({ where: { issueId: issue.id } })).toBe(0);
  });

  test("only the author deletes a comment; others get 403 and nothing changes", async () => {
    const issue = await createIssue({ reporterId: null });
    const author = await createUser();
    const authorCookie = await sessionCookieFor(author.id);
    await post(issue.id, authorCookie, { intent: "comment", body: "Goed idee!" });
    const comment = await db.comment.findFirstOrThrow({ where: { issueId: issue.id } });
    expect((await view(issue.id, authorCookie)).comments[0].canDelete).toBe(true);

    const other = await sessionCookieFor((await createUser()).id);
    expect(status(await post(issue.id, other, { intent: "delete-comment", commentId: comment.id }))).toBe(403);
    expect((await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).deletedAt).toBeNull();

    expect(status(await post(issue.id, authorCookie, { intent: "delete-comment", commentId: comment.id }))).toBe(302);
    const page = await view(issue.id);
    expect(page.comments[0].body).toBeNull();
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).commentCount).toBe(0);
  });

  test("a comment id from another issue is not found", async () => {
    const first = await createIssue({ reporterId: null });
    const second = await createIssue({ reporterId: null });
    const author = await createUser();
    const cookie = await sessionCookieFor(author.id);
    await post(first.id, cookie, { intent: "comment", body: "Op de eerste melding" });
    const comment = await db.comment.findFirstOrThrow({ where: { issueId: first.id } });
    expect(status(await post(second.id, cookie, { intent: "delete-comment", commentId: comment.id }))).toBe(404);
  });

  test("hidden issues are gone for the public (410 with a placeholder) and take no comments", async () => {
    const issue = await createIssue({ reporterId: null, visibility: "hidden" });
    // Moderation: the page shows "Verborgen door moderator" (error boundary), not the content.
    await expect(view(issue.id)).rejects.toMatchObject({ init: { status: 410 } });
    const unconfirmed = await createIssue({ reporterId: null, visibility: "unconfirmed" });
    await expect(view(unconfirmed.id)).rejects.toMatchObject({ status: 404 });
    const cookie = await sessionCookieFor((await createUser()).id);
    expect(status(await post(issue.id, cookie, { intent: "comment", body: "Hallo" }))).toBe(404);
  });
});
