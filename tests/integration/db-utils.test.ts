import { describe, expect, test } from "vitest";
import { databaseProvider, db } from "~/utils/db.server";
import { createIssue, createUser, DEFAULT_PASSWORD, sessionCookieFor } from "../db-utils";
import { findBuurt } from "~/domain/geo";
import { loadBuurten } from "~/utils/buurten.server";
import { getSessionUser } from "~/utils/auth.server";

// Each test file has its own copy of the base database; tests inside a file share it.
describe("test database isolation", () => {
  test("the copy has the seeded reference data", async () => {
    expect(await db.buurt.count()).toBe(32);
    expect(await db.theme.count()).toBe(9);
    // A private SQLite copy, or a private PostgreSQL database (npm run test:pg).
    expect(process.env.DATABASE_URL).toMatch(/tests\/\.tmp\/test-\d+-[0-9a-f]+\.db$|\/test_\d+_[0-9a-f]+$/);
  });

  test("starts without users from other test files", async () => {
    // Other test files running in parallel may create this same address: separate databases.
    const user = await createUser({ email: "fenna.maasveldt@example.test", roles: ["resident", "admin"] });
    expect(user.password).toBe(DEFAULT_PASSWORD);
    expect(await db.user.count()).toBe(1);
    const roles = await db.userRole.findMany({ where: { userId: user.id }, select: { role: true } });
    expect(roles.map((r) => r.role).sort()).toEqual(["admin", "resident"]);
  });

  test("tests in one file share its copy; generated emails never collide", async () => {
    const other = await createUser();
    expect(await db.user.count()).toBe(2);
    expect(other.email).not.toBe("fenna.maasveldt@example.test");
  });
});

describe("the SQLite connection", () => {
  test.skipIf(databaseProvider() !== "sqlite")("runs in WAL mode with synchronous = NORMAL", async () => {
    const [journal] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [sync] = await db.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
    expect(journal.journal_mode).toBe("wal");
    // 0 OFF, 1 NORMAL, 2 FULL (SQLite's default), 3 EXTRA
    expect(Number(sync.synchronous)).toBe(1);
  });
});

describe("factories", () => {
  test("createIssue puts the issue on a point inside its buurt", async () => {
    const reporter = await createUser();
    const issue = await createIssue({ reporterId: reporter.id, themeCode: "afval" });
    const buurt = findBuurt(issue, await loadBuurten());
    expect(buurt?.code).toBe(issue.buurtCode);
    const events = await db.issueEvent.findMany({ where: { issueId: issue.id } });
    expect(events).toMatchObject([{ type: "created", toStatus: "nieuw" }]);
  });

  test("sessionCookieFor gives a cookie the app accepts", async () => {
    const user = await createUser({ name: "Gijs Kessenbroek" });
    const cookie = await sessionCookieFor(user.id);
    const sessionUser = await getSessionUser(new Request("http://test/", { headers: { Cookie: cookie } }));
    expect(sessionUser).toMatchObject({ id: user.id, name: "Gijs Kessenbroek", roles: ["resident"] });
  });
});
