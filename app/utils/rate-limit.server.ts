import type { AppLoadContext } from "@remix-run/node";
import { db } from "./db.server";

/**
 * Fixed-window counters stored in the database, so several app servers share them.
 * Returns whether this attempt is allowed; every call counts as an attempt.
 */
export async function hitRateLimit(key: string, limit: number, windowMs: number, now = new Date()) {
  const windowStart = new Date(now.getTime() - windowMs);
  return db.$transaction(async (tx) => {
    // Write first (one INSERT ... ON CONFLICT DO UPDATE): the transaction then holds SQLite's
    // write lock from its first statement. Reading first and writing second failed under
    // concurrent requests with "database is locked" (SQLite cannot upgrade a read snapshot that
    // another writer has overtaken), found by the robustness fuzz (tests/robustness).
    const row = await tx.rateLimit.upsert({
      where: { key },
      create: { key, count: 1, windowStart: now },
      update: { count: { increment: 1 } },
    });
    if (row.windowStart < windowStart) {
      // The old window is over: this attempt is the first of a new one.
      await tx.rateLimit.update({ where: { key }, data: { count: 1, windowStart: now } });
      return { allowed: true, remaining: limit - 1, resetAt: new Date(now.getTime() + windowMs) };
    }
    return {
      allowed: row.count <= limit,
      remaining: Math.max(0, limit - row.count),
      /** When this window ends and attempts count from zero again. */
      resetAt: new Date(row.windowStart.getTime() + windowMs),
    };
  });
}

export async function resetRateLimit(key: string) {
  await db.rateLimit.deleteMany({ where: { key } });
}

/**
 * The client's address from the load context (server.mjs). Headers are not read here: only
 * the server knows whether a proxy in front may be trusted to set X-Forwarded-For.
 */
export function clientAddress(context: AppLoadContext) {
  return context.clientAddress ?? "unknown";
}
