import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { createDb, db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import type { JobHandlers } from "~/utils/job-handlers.server";
import { LOCK_TIMEOUT_MS, retryDelayMs, runDueJobs } from "~/utils/job-worker.server";
import { enqueueJob } from "~/utils/jobs.server";
import { claimNextJob } from "~/utils/sql.server";

const T0 = new Date("2026-03-02T09:00:00.000Z");
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const at = (ms: number) => new Date(T0.getTime() + ms);

async function queue(id: string, type = "test", options: { runAt?: Date; maxAttempts?: number } = {}) {
  await enqueueJob(db, type, { id }, options.runAt ?? T0, { id });
  if (options.maxAttempts) await db.job.update({ where: { id }, data: { maxAttempts: options.maxAttempts } });
}
const job = (id: string) => db.job.findUniqueOrThrow({ where: { id } });

function failing(message = "mail server down") {
  const calls: string[] = [];
  const handlers: JobHandlers = {
    test: async (_payload, context) => {
      calls.push(context.jobId);
      throw new Error(message);
    },
  };
  return { calls, handlers };
}

let warn: ReturnType<typeof vi.spyOn>;
let error: ReturnType<typeof vi.spyOn>;
beforeEach(async () => {
  await db.job.deleteMany();
  warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  error = vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("backoff", () => {
  test("30 s after the first failure, doubling, at most an hour", () => {
    expect(retryDelayMs(1)).toBe(30 * SECOND);
    expect(retryDelayMs(2)).toBe(60 * SECOND);
    expect(retryDelayMs(3)).toBe(2 * MINUTE);
    expect(retryDelayMs(7)).toBe(32 * MINUTE);
    expect(retryDelayMs(8)).toBe(60 * MINUTE);
    expect(retryDelayMs(30)).toBe(60 * MINUTE);
  });

  test("a failed job waits for its backoff, is retried, and the failure is logged", async () => {
    const { calls, handlers } = failing();
    await queue("retry-me");

    expect(await runDueJobs({ now: T0, handlers, workerId: "A" })).toMatchObject([
      { id: "retry-me", result: "retry", error: "Error: mail server down" },
    ]);
    let row = await job("retry-me");
    expect(row).toMatchObject({ attempts: 1, lockedAt: null, lockedBy: null, completedAt: null, failedAt: null });
    expect(row.runAt).toEqual(at(30 * SECOND));
    expect(row.lastError).toBe("Error: mail server down");
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("try 1 of 8 failed"));

    // Not due yet: nothing runs.
    expect(await runDueJobs({ now: at(30 * SECOND - 1), handlers })).toEqual([]);
    expect(calls).toHaveLength(1);

    expect(await runDueJobs({ now: at(30 * SECOND), handlers })).toMatchObject([{ result: "retry" }]);
    row = await job("retry-me");
    expect(row.attempts).toBe(2);
    expect(row.runAt).toEqual(at(30 * SECOND + 60 * SECOND));
  });

  test("a job that fails once and then works is completed", async () => {
    let tries = 0;
    const handlers: JobHandlers = {
      test: async () => {
        tries += 1;
        if (tries === 1) throw new Error("temporary");
      },
    };
    await queue("flaky");
    await runDueJobs({ now: T0, handlers });
    expect(await runDueJobs({ now: at(30 * SECOND), handlers })).toMatchObject([{ result: "completed" }]);
    const row = await job("flaky");
    expect(row.completedAt).toEqual(at(30 * SECOND));
    expect(row.attempts).toBe(1);
    expect(row.lockedBy).toBeNull();
  });

  test("after maxAttempts tries the job is marked failed, logged, and never tried again", async () => {
    const { calls, handlers } = failing("still down");
    await queue("doomed", "test", { maxAttempts: 3 });

    let now = T0;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [outcome] = await runDueJobs({ now, handlers });
      expect(outcome.result).toBe(attempt < 3 ? "retry" : "failed");
      now = new Date(now.getTime() + retryDelayMs(attempt));
    }
    const row = await job("doomed");
    expect(row.attempts).toBe(3);
    expect(row.failedAt).not.toBeNull();
    expect(row.completedAt).toBeNull();
    expect(error).toHaveBeenCalledWith(expect.stringContaining("failed for good after 3 tries: Error: still down"));

    expect(await runDueJobs({ now: at(365 * 24 * 60 * MINUTE), handlers })).toEqual([]);
    expect(calls).toHaveLength(3);
  });

  test("a job type without a handler is retried with a clear error, not lost", async () => {
    await queue("orphan", "no_such_type");
    const [outcome] = await runDueJobs({ now: T0, handlers: {} });
    expect(outcome).toMatchObject({ result: "retry", error: 'Error: No handler for job type "no_such_type"' });
  });
});

describe("locks", () => {
  test("a lock held by a worker that died is taken over once it is older than 5 minutes", async () => {
    const ran: string[] = [];
    const handlers: JobHandlers = { test: async (_payload, context) => void ran.push(context.jobId) };
    await queue("orphaned");
    // Worker "dead" claims the job and never finishes it (crash, deploy).
    expect(await claimNextJob("dead", T0, at(-LOCK_TIMEOUT_MS))).toMatchObject({ id: "orphaned" });

    expect(await runDueJobs({ now: at(LOCK_TIMEOUT_MS - SECOND), handlers, workerId: "B" })).toEqual([]);
    expect(ran).toEqual([]);

    const takeover = at(LOCK_TIMEOUT_MS + SECOND);
    expect(await runDueJobs({ now: takeover, handlers, workerId: "B" })).toMatchObject([
      { id: "orphaned", result: "completed" },
    ]);
    expect(await job("orphaned")).toMatchObject({ completedAt: takeover, lockedBy: null, attempts: 0 });
  });

  test("a slow worker whose lock was taken over cannot overwrite the new owner's result", async () => {
    await queue("slow");
    const takeover = at(LOCK_TIMEOUT_MS + MINUTE);
    const fast: JobHandlers = { test: async () => undefined };
    const slow: JobHandlers = {
      test: async () => {
        // While A is still busy, its lock goes stale and worker B runs the job to the end.
        expect(await runDueJobs({ now: takeover, handlers: fast, workerId: "B" })).toMatchObject([
          { id: "slow", result: "completed" },
        ]);
        throw new Error("A gives up late");
      },
    };
    await runDueJobs({ now: T0, handlers: slow, workerId: "A" });

    const row = await job("slow");
    expect(row.completedAt).toEqual(takeover);
    expect(row.attempts).toBe(0);
    expect(row.lastError).toBeNull();
    expect(row.failedAt).toBeNull();
  });

  test("two workers running at once never run the same job twice", async () => {
    const ids = Array.from({ length: 30 }, (_, index) => `parallel-${index}`);
    for (const id of ids) await queue(id);
    const runs: Record<string, string[]> = {};
    const handlers = (worker: string): JobHandlers => ({
      test: async (_payload, context) => {
        (runs[context.jobId] ??= []).push(worker);
        await new Promise((resolve) => setTimeout(resolve, 2));
      },
    });
    await Promise.all([
      runDueJobs({ now: T0, handlers: handlers("A"), workerId: "A", limit: 100 }),
      runDueJobs({ now: T0, handlers: handlers("B"), workerId: "B", limit: 100 }),
      runDueJobs({ now: T0, handlers: handlers("C"), workerId: "C", limit: 100 }),
    ]);
    expect(Object.keys(runs).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(runs[id]).toHaveLength(1);
    expect(new Set(Object.values(runs).flat()).size).toBeGreaterThan(1);
    expect(await db.job.count({ where: { completedAt: null } })).toBe(0);
  });

  test("two app servers (two database connections) claim disjoint jobs", async () => {
    const ids = Array.from({ length: 40 }, (_, index) => `server-${index}`);
    for (const id of ids) await queue(id);
    const other = createDb(env().DATABASE_URL);
    try {
      const claimAll = async (worker: string, client: typeof db) => {
        const claimed: string[] = [];
        for (;;) {
          const row = await claimNextJob(worker, T0, at(-LOCK_TIMEOUT_MS), client);
          if (!row) return claimed;
          claimed.push(row.id);
        }
      };
      const [first, second] = await Promise.all([claimAll("server-1", db), claimAll("server-2", other)]);
      expect([...first, ...second].sort()).toEqual([...ids].sort());
      expect(first.filter((id) => second.includes(id))).toEqual([]);
    } finally {
      await other.$disconnect();
    }
  });
});
