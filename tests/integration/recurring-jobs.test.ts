import { beforeEach, describe, expect, test } from "vitest";
import { atLocalTime, nextLocalTime } from "~/domain/working-days";
import { db } from "~/utils/db.server";
import { dailyAt, every, queueDueRecurringJobs, type RecurringJobDefinition } from "~/utils/recurring-jobs.server";

const MINUTE = 60_000;
const T0 = new Date("2026-03-02T09:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const poll: RecurringJobDefinition = { type: "test_poll", schedule: every(10 * MINUTE) };

beforeEach(async () => {
  await db.job.deleteMany();
  await db.recurringJob.deleteMany();
});

describe("schedules", () => {
  test("dailyAt uses Blerick's wall clock across daylight saving time", () => {
    // 07:00 in winter is 06:00 UTC, in summer 05:00 UTC.
    expect(dailyAt(7)(new Date("2026-01-10T12:00:00Z")).toISOString()).toBe("2026-01-11T06:00:00.000Z");
    expect(dailyAt(7)(new Date("2026-01-10T05:59:00Z")).toISOString()).toBe("2026-01-10T06:00:00.000Z");
    // The night of 28 to 29 March 2026 the clocks go forward.
    expect(dailyAt(7)(new Date("2026-03-28T10:00:00Z")).toISOString()).toBe("2026-03-29T05:00:00.000Z");
    expect(atLocalTime("2026-10-25", 7).toISOString()).toBe("2026-10-25T06:00:00.000Z");
    // Exactly at the slot: the next one is tomorrow.
    expect(nextLocalTime(new Date("2026-01-11T06:00:00Z"), 7).toISOString()).toBe("2026-01-12T06:00:00.000Z");
  });
});

describe("queueDueRecurringJobs", () => {
  test("first sight only plans; a due slot queues exactly one job and moves on", async () => {
    expect(await queueDueRecurringJobs([poll], T0)).toEqual([]);
    expect(await db.job.count()).toBe(0);
    expect((await db.recurringJob.findUniqueOrThrow({ where: { name: "test_poll" } })).nextRunAt).toEqual(
      at(10 * MINUTE),
    );

    expect(await queueDueRecurringJobs([poll], at(9 * MINUTE))).toEqual([]);
    expect(await queueDueRecurringJobs([poll], at(10 * MINUTE))).toEqual(["test_poll"]);
    expect(await queueDueRecurringJobs([poll], at(10 * MINUTE))).toEqual([]);
    const jobs = await db.job.findMany();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ type: "test_poll", id: `recurring:test_poll:${at(10 * MINUTE).toISOString()}` });
    expect(JSON.parse(jobs[0].payload)).toEqual({ scheduledFor: at(10 * MINUTE).toISOString() });
  });

  test("after downtime, missed slots are run once, not caught up one by one", async () => {
    await queueDueRecurringJobs([poll], T0);
    expect(await queueDueRecurringJobs([poll], at(95 * MINUTE))).toEqual(["test_poll"]);
    expect(await db.job.count()).toBe(1);
    expect((await db.recurringJob.findUniqueOrThrow({ where: { name: "test_poll" } })).nextRunAt).toEqual(
      at(105 * MINUTE),
    );
  });

  test("servers racing for the same slot queue it once", async () => {
    await queueDueRecurringJobs([poll], T0);
    const results = await Promise.all(Array.from({ length: 6 }, () => queueDueRecurringJobs([poll], at(10 * MINUTE))));
    expect(results.flat()).toEqual(["test_poll"]);
    expect(await db.job.count()).toBe(1);
  });
});
