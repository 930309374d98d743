import { describe, expect, test } from "vitest";
import { action as supportAction } from "~/routes/meldingen.$id.steun";
import { loader as myIssuesLoader } from "~/routes/mijn-meldingen";
import { db } from "~/utils/db.server";
import { findPublicIssue } from "~/utils/issues.server";
import { publicIssueExists } from "~/utils/sql.server";
import { createIssue, createUser, sessionCookieFor } from "../db-utils";

async function support(issueId: number, cookie: string, intent: "support" | "withdraw" | string) {
  const body = new URLSearchParams({ intent });
  const request = new Request(`http://localhost/meldingen/${issueId}/steun`, {
    method: "POST",
    body,
    headers: { Cookie: cookie },
  });
  try {
    return await supportAction({ request, params: { id: String(issueId) }, context: {} });
  } catch (thrown) {
    return thrown;
  }
}

const count = async (id: number) => (await db.issue.findUniqueOrThrow({ where: { id } })).supportCount;

describe("supporting an issue", () => {
  test("counts once per person, even for concurrent requests, and can be withdrawn", async () => {
    const reporter = await createUser();
    const issue = await createIssue({ reporterId: reporter.id });
    const resident = await createUser();
    const cookie = await sessionCookieFor(resident.id);

    await Promise.all(Array.from({ length: 10 }, () => support(issue.id, cookie, "support")));
    expect(await count(issue.id)).toBe(1);
    expect(await db.support.count({ where: { issueId: issue.id } })).toBe(1);

    const other = await createUser();
    await support(issue.id, await sessionCookieFor(other.id), "support");
    expect(await count(issue.id)).toBe(2);

    await support(issue.id, cookie, "withdraw");
    await support(issue.id, cookie, "withdraw");
    expect(await count(issue.id)).toBe(1);
  });

  test("hidden and unconfirmed issues cannot be supported (404)", async () => {
    const reporter = await createUser();
    const cookie = await sessionCookieFor((await createUser()).id);
    for (const visibility of ["hidden", "unconfirmed"] as const) {
      const issue = await createIssue({ reporterId: reporter.id, visibility });
      const result = (await support(issue.id, cookie, "support")) as Response;
      expect(result.status).toBe(404);
      expect(await count(issue.id)).toBe(0);
    }
  });

  test("the action's quick check of an issue agrees with the public filter every list uses", async () => {
    const reporter = await createUser();
    for (const visibility of ["public", "hidden", "unconfirmed"] as const) {
      const issue = await createIssue({ reporterId: reporter.id, visibility });
      const listed = (await findPublicIssue(issue.id, { id: true })) !== null;
      expect(await publicIssueExists(issue.id), visibility).toBe(listed);
      expect(listed).toBe(visibility === "public");
    }
    expect(await publicIssueExists(2_000_000_000)).toBe(false);
  });

  test("bad input never causes a 500", async () => {
    const cookie = await sessionCookieFor((await createUser()).id);
    const issue = await createIssue({ reporterId: null });
    expect(((await support(issue.id, cookie, "drop table")) as Response).status).toBe(400);
    for (const id of ["abc", "-1", "0", "99999999999999999999", "1.5"]) {
      const request = new Request(`http://localhost/meldingen/${id}/steun`, {
        method: "POST",
        body: new URLSearchParams({ intent: "support" }),
        headers: { Cookie: cookie },
      });
      const result = await supportAction({ request, params: { id }, context: {} }).catch((thrown) => thrown);
      expect((result as Response).status).toBe(404);
    }
  });

  test("logged-out people are sent to log in", async () => {
    const issue = await createIssue({ reporterId: null });
    const request = new Request(`http://localhost/meldingen/${issue.id}/steun`, {
      method: "POST",
      body: new URLSearchParams({ intent: "support" }),
    });
    const result = (await supportAction({ request, params: { id: String(issue.id) }, context: {} }).catch(
      (thrown) => thrown,
    )) as Response;
    expect(result.status).toBe(302);
    expect(await count(issue.id)).toBe(0);
  });

  test("a support survives anonymisation of the supporter", async () => {
    const issue = await createIssue({ reporterId: null });
    const resident = await createUser();
    await support(issue.id, await sessionCookieFor(resident.id), "support");
    await db.user.delete({ where: { id: resident.id } });
    expect(await db.support.count({ where: { issueId: issue.id } })).toBe(1);
    expect(await count(issue.id)).toBe(1);
  });
});

describe("/mijn-meldingen", () => {
  test("lists the public issues this person supports (also reported without an account), not their own or hidden ones", async () => {
    const user = await createUser();
    const someone = await createUser();
    const byOther = await createIssue({ reporterId: someone.id });
    const withoutAccount = await createIssue({ reporterId: null });
    const hidden = await createIssue({ reporterId: someone.id, visibility: "hidden" });
    const own = await createIssue({ reporterId: user.id });
    const notSupported = await createIssue({ reporterId: someone.id });
    await db.support.createMany({
      data: [byOther, withoutAccount, hidden, own].map((issue) => ({ issueId: issue.id, userId: user.id })),
    });
    await db.support.create({ data: { issueId: notSupported.id, userId: someone.id } });
    const cookie = await sessionCookieFor(user.id);
    const page = await myIssuesLoader({
      request: new Request("http://localhost/mijn-meldingen", { headers: { Cookie: cookie } }),
      params: {},
      context: {},
    });
    expect(page.supported.map((issue) => issue.id).sort()).toEqual([byOther.id, withoutAccount.id].sort());
    expect(page.reported.map((issue) => issue.id)).toEqual([own.id]);
    expect(page.ownSupported).toEqual([own.id]);
  });
});
