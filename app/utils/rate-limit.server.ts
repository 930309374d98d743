import { db } from "./db.server";

/**
 * Fixed-window counters stored in the database, so several app servers share them.
 * Returns whether this attempt is allowed; every call counts as an attempt.
 */
export async function hitRateLimit(key: string, limit: number, windowMs: number, now = new Date()) {
  const windowStart = new Date(now.getTime() - windowMs);
  return db.$transaction(async (tx) => {
    const row = await tx.rateLimit.findUnique({ where: { key } });
    if (!row || row.windowStart < windowStart) {
      await tx.rateLimit.upsert({
        where: { key },
        create: { key, count: 1, windowStart: now },
        update: { count: 1, windowStart: now },
      });
      return { allowed: true, remaining: limit - 1 };
    }
    const updated = await tx.rateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
    return { allowed: updated.count <= limit, remaining: Math.max(0, limit - updated.count) };
  });
}

export async function resetRateLimit(key: string) {
  await db.rateLimit.deleteMany({ where: { key } });
}

/** The client address: the first X-Forwarded-For hop when behind a proxy, else a fixed key. */
export function clientAddress(request: Request) {
  const forwarded = request.headers.get("X-Forwarded-For");
  return forwarded?.split(",")[0]?.trim() || request.headers.get("X-Real-IP") || "direct";
}
