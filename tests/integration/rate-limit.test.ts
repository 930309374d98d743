import { describe, expect, test } from "vitest";
import { db } from "~/utils/db.server";
import { hitRateLimit, refundRateLimitHit } from "~/utils/rate-limit.server";

const MINUTE = 60 * 1000;

describe("hitRateLimit (one statement, shared by all app servers)", () => {
  test("counts attempts in a window, refuses past the limit, and starts again when the window is over", async () => {
    const start = new Date("2026-03-01T10:00:00.000Z");
    const at = (ms: number) => new Date(start.getTime() + ms);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit("test:window", 3, MINUTE, at(i * 1000)));
    expect(results.map((r) => [r.allowed, r.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    // The window keeps its start: it ends one minute after the first attempt.
    expect(results[3].resetAt.toISOString()).toBe(at(MINUTE).toISOString());

    const later = await hitRateLimit("test:window", 3, MINUTE, at(MINUTE + 1));
    expect(later).toEqual({ allowed: true, remaining: 2, resetAt: at(2 * MINUTE + 1), windowStart: at(MINUTE + 1) });
    const row = await db.rateLimit.findUniqueOrThrow({ where: { key: "test:window" } });
    expect(row.count).toBe(1);
    // A refund counts only in the window its attempt was counted in.
    await refundRateLimitHit("test:window", results[0].windowStart);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: "test:window" } })).count).toBe(1);
    await refundRateLimitHit("test:window", later.windowStart);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: "test:window" } })).count).toBe(0);
    expect(row.windowStart.toISOString()).toBe(at(MINUTE + 1).toISOString());
  });

  test("concurrent attempts all count: exactly `limit` are allowed", async () => {
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 25 }, () => hitRateLimit("test:concurrent", 10, MINUTE, now)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: "test:concurrent" } })).count).toBe(25);
  });

  test("keys are independent", async () => {
    const now = new Date();
    await hitRateLimit("test:a", 1, MINUTE, now);
    expect((await hitRateLimit("test:b", 1, MINUTE, now)).allowed).toBe(true);
    expect((await hitRateLimit("test:a", 1, MINUTE, now)).allowed).toBe(false);
  });
});
