import { describe, expect, test } from "vitest";
import { databaseProvider, db, directSqlite } from "~/utils/db.server";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { changeCounterValue, insertSupport } from "~/utils/sql.server";
import { createIssue, createUser } from "../db-utils";

/**
 * Work of other requests must never become part of someone else's open transaction: on SQLite
 * the app has one connection, so without app/utils/sqlite-adapter.server.ts a statement sent
 * while `db.$transaction(async (tx) => ...)` awaits ran inside it and was rolled back with it.
 * On PostgreSQL every transaction has its own connection; the same expectations hold.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const counter = (key: string) =>
  db.changeCounter.findUnique({ where: { key }, select: { value: true } }).then((row) => row?.value ?? null);

describe("statements outside a transaction", () => {
  test("survive its rollback and never see its uncommitted rows", async () => {
    let inside!: () => void;
    const insideReached = new Promise<void>((resolve) => (inside = resolve));
    const failing = db
      .$transaction(async (tx) => {
        await tx.changeCounter.create({ data: { key: "tx-inner", value: 1 } });
        inside();
        await sleep(150);
        throw new Error("rolled back on purpose");
      })
      .catch((error: Error) => error.message);
    await insideReached;

    // Sent while the transaction is open: a plain write, a batch transaction and a read.
    const plain = db.changeCounter.create({ data: { key: "tx-plain", value: 1 } });
    const batch = db.$transaction([db.changeCounter.create({ data: { key: "tx-batch", value: 1 } })]);
    const read = counter("tx-inner");

    expect(await failing).toBe("rolled back on purpose");
    await Promise.all([plain, batch]);
    expect(await read).toBeNull();
    expect(await counter("tx-inner")).toBeNull();
    expect(await counter("tx-plain")).toBe(1);
    expect(await counter("tx-batch")).toBe(1);
  });

  test("the hot statements (supports, rate limits, counters; on SQLite the direct path) wait too", async () => {
    const [supporter, issue] = await Promise.all([createUser(), createIssue({ reporterId: null })]);
    let inside!: () => void;
    const insideReached = new Promise<void>((resolve) => (inside = resolve));
    const failing = db
      .$transaction(async (tx) => {
        await tx.changeCounter.create({ data: { key: "tx-hot-inner", value: 7 } });
        await tx.issue.update({ where: { id: issue.id }, data: { supportCount: 999 } });
        inside();
        await sleep(150);
        throw new Error("rolled back on purpose");
      })
      .catch((error: Error) => error.message);
    await insideReached;

    const supported = insertSupport(issue.id, supporter.id);
    const limited = hitRateLimit("tx-hot-limit", 5, 60_000);
    const read = changeCounterValue("tx-hot-inner");

    expect(await failing).toBe("rolled back on purpose");
    expect(await supported).toBe(1);
    expect((await limited).remaining).toBe(4);
    expect(await read).toBe(0);
    expect(await db.support.count({ where: { issueId: issue.id } })).toBe(1);
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).supportCount).toBe(1);
    expect(await db.rateLimit.findUnique({ where: { key: "tx-hot-limit" } })).toMatchObject({ count: 1 });
    if (databaseProvider() === "sqlite") expect(directSqlite()).not.toBeNull();
  });

  test("transactions one after another each keep their own writes", async () => {
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((n) =>
        db.$transaction(async (tx) => {
          await tx.changeCounter.create({ data: { key: `tx-seq-${n}`, value: n } });
          await sleep(20);
          if (n % 2 === 0) throw new Error(`rollback ${n}`);
        }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled", "rejected"]);
    expect(await Promise.all([1, 2, 3, 4].map((n) => counter(`tx-seq-${n}`)))).toEqual([1, null, 3, null]);
  });
});
