import type { AppLoadContext } from "@remix-run/node";
import { db, type Tx } from "./db.server";
import { countRateLimitHit } from "./sql.server";

/**
 * Fixed-window counters stored in the database, so several app servers share them.
 * Returns whether this attempt is allowed; every call counts as an attempt. Pass `client` to
 * count inside a transaction (the attempt then stands or falls with it).
 */
export async function hitRateLimit(key: string, limit: number, windowMs: number, now = new Date(), client: Tx = db) {
  const row = await countRateLimitHit(key, now, new Date(now.getTime() - windowMs), client);
  return {
    allowed: row.count <= limit,
    remaining: Math.max(0, limit - row.count),
    /** When this window ends and attempts count from zero again. */
    resetAt: new Date(row.windowStart.getTime() + windowMs),
    windowStart: row.windowStart,
  };
}

export async function resetRateLimit(key: string) {
  await db.rateLimit.deleteMany({ where: { key } });
}

/**
 * Takes back one attempt that turned out fine (a correct password): only failures should use
 * up a limit, or a buurthuis computer where many residents log in gets locked out.
 */
export async function refundRateLimitHit(key: string, windowStart: Date) {
  // Only in the window the attempt was counted in: a window that started since has not counted it.
  await db.rateLimit.updateMany({ where: { key, windowStart, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

/**
 * The client's address from the load context (server.mjs). Headers are not read here: only
 * the server knows whether a proxy in front may be trusted to set X-Forwarded-For.
 */
export function clientAddress(context: AppLoadContext) {
  return context.clientAddress ?? "unknown";
}
