import Database from "better-sqlite3";
import { describe, expect, test, vi } from "vitest";
import { databaseProvider, db, directSqlite } from "~/utils/db.server";
import { countRateLimitHit, insertSupport, sessionUserRows } from "~/utils/sql.server";
import { createIssue, createUser, DEFAULT_PASSWORD, sessionCookieFor } from "../db-utils";
import { findBuurt } from "~/domain/geo";
import { loadBuurten } from "~/utils/buurten.server";
import { getSessionUser } from "~/utils/auth.server";
import { PrismaClient } from "~/generated/prisma/client";
import { STATEMENT_CACHE_SIZE, SqliteAdapterFactory, preparedStatementCount } from "~/utils/sqlite-adapter.server";

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

  test.skipIf(databaseProvider() !== "sqlite")(
    "a transaction that reads first keeps working when another process writes meanwhile",
    async () => {
      // Another connection to the same file, as a maintenance script or the e2e tests have.
      const other = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""), { timeout: 100 });
      try {
        const updated = await db.$transaction(async (tx) => {
          const row = await tx.changeCounter.findUnique({ where: { key: "other-process" } });
          // With a plain BEGIN the transaction holds only a read snapshot here: this write from
          // the other process succeeds, and the update below fails with SQLITE_BUSY_SNAPSHOT.
          // With BEGIN IMMEDIATE the other process waits for the lock instead (and times out,
          // since it waits on this thread).
          expect(() =>
            other.prepare("INSERT INTO ChangeCounter (key, value) VALUES ('other-process', 1)").run(),
          ).toThrow(/database is locked/);
          return tx.changeCounter.upsert({
            where: { key: "other-process" },
            create: { key: "other-process", value: 10 },
            update: { value: (row?.value ?? 0) + 10 },
          });
        });
        expect(updated.value).toBe(10);
      } finally {
        other.close();
      }
    },
  );
});

describe("a transaction that cannot get the write lock", () => {
  test.skipIf(databaseProvider() !== "sqlite")("fails, and the next one works (nothing stays locked)", async () => {
    const file = process.env.DATABASE_URL!.replace(/^file:/, "");
    // A client with a short busy timeout, and another connection that holds the write lock.
    const client = new PrismaClient({ adapter: new SqliteAdapterFactory({ url: `file:${file}`, timeout: 50 }) });
    const other = new Database(file);
    try {
      await client.changeCounter.findMany();
      other.exec("BEGIN IMMEDIATE");
      const create = (key: string) => client.$transaction((tx) => tx.changeCounter.create({ data: { key, value: 1 } }));
      await expect(create("locked-out")).rejects.toThrow(/locked|timed out/i);
      other.exec("ROLLBACK");
      const hung = new Promise((resolve) => setTimeout(() => resolve("still waiting after 5 s"), 5000).unref());
      expect(await Promise.race([create("after-the-lock"), hung])).toMatchObject({ key: "after-the-lock" });
      expect(await client.changeCounter.count({ where: { key: "locked-out" } })).toBe(0);
    } finally {
      other.close();
      await client.$disconnect();
    }
  });
});

describe("a transaction whose COMMIT fails", () => {
  test.skipIf(databaseProvider() !== "sqlite")("is rolled back, and the next one works (nothing stays locked)", async () => {
    const client = new PrismaClient({ adapter: new SqliteAdapterFactory({ url: process.env.DATABASE_URL! }) });
    try {
      // A deferred foreign key is checked at COMMIT: the COMMIT statement fails, not the insert.
      const dangling = (key: string) =>
        client.$transaction(async (tx) => {
          await tx.changeCounter.create({ data: { key, value: 1 } });
          await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
          await tx.$executeRawUnsafe(
            "INSERT INTO Follow (userId, issueId, createdAt) VALUES ('no-such-user', -1, '2026-01-01T00:00:00.000+00:00')",
          );
        });
      await expect(dangling("commit-failed")).rejects.toThrow(/foreign ?key/i);
      const hung = new Promise((resolve) => setTimeout(() => resolve("still waiting after 5 s"), 5000).unref());
      // A transaction and a plain statement after it (both waited forever before).
      const next = client.$transaction((tx) => tx.changeCounter.create({ data: { key: "after-commit", value: 1 } }));
      expect(await Promise.race([next, hung])).toMatchObject({ key: "after-commit" });
      expect(await Promise.race([client.changeCounter.count({ where: { key: "commit-failed" } }), hung])).toBe(0);
      expect(await client.follow.count({ where: { userId: "no-such-user" } })).toBe(0);
      // A second failure in a row, then two transactions at once: still nothing stays locked.
      await expect(dangling("commit-failed-again")).rejects.toThrow(/foreign ?key/i);
      const both = Promise.all([
        client.$transaction((tx) => tx.changeCounter.create({ data: { key: "after-again-1", value: 1 } })),
        client.$transaction((tx) => tx.changeCounter.create({ data: { key: "after-again-2", value: 1 } })),
      ]);
      expect(await Promise.race([both, hung])).toHaveLength(2);
    } finally {
      await client.$disconnect();
    }
  });
});

describe("the direct path (SQLite) and Prisma read each other's rows", () => {
  test.skipIf(databaseProvider() !== "sqlite")("dates, numbers and text, both ways", async () => {
    const at = new Date("2026-03-04T05:06:07.089Z");
    const [supporter, issue] = await Promise.all([createUser(), createIssue({ reporterId: null })]);
    const direct = directSqlite()!;
    const query = vi.spyOn(direct, "query");
    try {
      expect(await insertSupport(issue.id, supporter.id, at)).toBe(1);
      expect(query).toHaveBeenCalledTimes(1);
      // Written directly, read by Prisma; dates are compared as text, so the format must be the same.
      const row = await db.support.findFirstOrThrow({ where: { issueId: issue.id } });
      expect(row.createdAt.toISOString()).toBe(at.toISOString());
      expect(await db.support.count({ where: { issueId: issue.id, createdAt: { gte: at, lte: at } } })).toBe(1);
      // Written by Prisma, read directly: a window that began exactly at `at` is not over yet.
      await db.rateLimit.create({ data: { key: "direct-dates", count: 3, windowStart: at } });
      const hit = await countRateLimitHit("direct-dates", new Date(at.getTime() + 60_000), at);
      expect(hit).toEqual({ count: 4, windowStart: at });
      expect(query).toHaveBeenCalledTimes(2);
    } finally {
      query.mockRestore();
    }
    const session = await sessionUserRows("no-such-session");
    expect(session).toEqual([]);
  });
});

describe("kept prepared statements (SQLite)", () => {
  test.skipIf(databaseProvider() !== "sqlite")(
    "the same SQL with other parameters, reads and writes, also after the statement was pushed out",
    async () => {
      const read = (key: string) =>
        db.$queryRawUnsafe<{ value: bigint | number }[]>("SELECT value FROM ChangeCounter WHERE key = ?", key);
      const write = (key: string, value: number) =>
        db.$executeRawUnsafe("INSERT INTO ChangeCounter (key, value) VALUES (?, ?)", key, value);
      const before = preparedStatementCount();
      expect(await write("cache-a", 1)).toBe(1);
      expect(await write("cache-b", 2)).toBe(1);
      // The same two statements again: each run gets its own parameters, not the first run's.
      expect((await read("cache-a")).map((row) => Number(row.value))).toEqual([1]);
      expect((await read("cache-b")).map((row) => Number(row.value))).toEqual([2]);
      expect(await read("cache-none")).toEqual([]);
      // Two SQL texts, five runs: prepared once each.
      expect(preparedStatementCount() - before).toBe(2);
      // More distinct statements than are kept pushes the first ones out; they still work.
      for (let i = 0; i <= STATEMENT_CACHE_SIZE; i++) {
        await db.$queryRawUnsafe(`SELECT ${i} AS n FROM ChangeCounter WHERE key = ?`, "cache-a");
      }
      const afterFilling = preparedStatementCount();
      expect((await read("cache-b")).map((row) => Number(row.value))).toEqual([2]);
      expect(preparedStatementCount() - afterFilling).toBe(1);
      expect(await write("cache-c", 3)).toBe(1);
      // A failed run leaves the kept statement usable.
      await expect(write("cache-c", 4)).rejects.toThrow();
      expect(await write("cache-d", 4)).toBe(1);
      // Prisma's own queries and transactions go through the same statements.
      const counters = await db.$transaction(async (tx) => {
        await tx.changeCounter.update({ where: { key: "cache-d" }, data: { value: 5 } });
        return tx.changeCounter.findMany({ where: { key: { startsWith: "cache-" } }, orderBy: { key: "asc" } });
      });
      expect(counters.map((row) => [row.key, Number(row.value)])).toEqual([
        ["cache-a", 1],
        ["cache-b", 2],
        ["cache-c", 3],
        ["cache-d", 5],
      ]);
    },
  );
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
