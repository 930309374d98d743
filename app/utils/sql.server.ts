import { randomUUID } from "node:crypto";
import { db, type Tx } from "./db.server";

/**
 * All hand-written SQL lives here, so the PostgreSQL port has one file to give a second
 * version of each statement. Everything else goes through Prisma's query API.
 */

/**
 * Adds a support idempotently: the unique (userId, issueId) index decides, so double clicks
 * and concurrent requests from one person count once. The count is recomputed from the rows
 * in the same transaction, so it can never drift from the truth.
 */
export async function insertSupport(issueId: number, userId: string, at = new Date()) {
  await db.$transaction([
    db.$executeRaw`INSERT OR IGNORE INTO "Support" ("id", "issueId", "userId", "createdAt") VALUES (${randomUUID()}, ${issueId}, ${userId}, ${at})`,
    recountSupports(issueId),
  ]);
}

export async function deleteSupport(issueId: number, userId: string) {
  await db.$transaction([
    db.$executeRaw`DELETE FROM "Support" WHERE "issueId" = ${issueId} AND "userId" = ${userId}`,
    recountSupports(issueId),
  ]);
}

function recountSupports(issueId: number) {
  return db.$executeRaw`UPDATE "Issue" SET "supportCount" = (SELECT COUNT(*) FROM "Support" WHERE "issueId" = ${issueId}) WHERE "id" = ${issueId}`;
}

export async function recountComments(issueId: number) {
  await db.$executeRaw`UPDATE "Issue" SET "commentCount" = (SELECT COUNT(*) FROM "Comment" WHERE "issueId" = ${issueId} AND "deletedAt" IS NULL AND "visibility" = 'public') WHERE "id" = ${issueId}`;
}

/** A real round trip to the database, for the health check. */
export async function pingDatabase() {
  await db.$queryRaw`SELECT 1`;
}

/**
 * Moves supports from a duplicate to the kept issue: a person who supported both counts once
 * (the unique index ignores the second), anonymised supports (no user) move as they are.
 * Both counts are recomputed from the rows.
 */
export async function moveSupports(tx: Tx, fromIssueId: number, toIssueId: number) {
  await tx.$executeRaw`INSERT OR IGNORE INTO "Support" ("id", "issueId", "userId", "createdAt")
    SELECT "id" || '-m' || ${toIssueId}, ${toIssueId}, "userId", "createdAt" FROM "Support" WHERE "issueId" = ${fromIssueId}`;
  await tx.$executeRaw`DELETE FROM "Support" WHERE "issueId" = ${fromIssueId}`;
  await tx.$executeRaw`UPDATE "Issue" SET "supportCount" = (SELECT COUNT(*) FROM "Support" WHERE "issueId" = "Issue"."id") WHERE "id" IN (${fromIssueId}, ${toIssueId})`;
}

export async function moveFollowers(tx: Tx, fromIssueId: number, toIssueId: number) {
  await tx.$executeRaw`INSERT OR IGNORE INTO "Follow" ("userId", "issueId", "createdAt")
    SELECT "userId", ${toIssueId}, "createdAt" FROM "Follow" WHERE "issueId" = ${fromIssueId}`;
  await tx.$executeRaw`DELETE FROM "Follow" WHERE "issueId" = ${fromIssueId}`;
}

/** A job row as the worker needs it after claiming it. */
export type ClaimedJob = {
  id: string;
  type: string;
  payload: string;
  attempts: number;
  maxAttempts: number;
};

/**
 * Claims the next due job for one worker in a single statement: SQLite runs one write at a
 * time, so two workers (in one process or on several app servers sharing the file) can never
 * both lock the same row. A lock older than `staleBefore` belongs to a worker that died and is
 * taken over. Returns null when nothing is due.
 */
export async function claimNextJob(
  workerId: string,
  now: Date,
  staleBefore: Date,
  client: Tx = db,
): Promise<ClaimedJob | null> {
  const rows = await client.$queryRaw<ClaimedJob[]>`
    UPDATE "Job" SET "lockedAt" = ${now}, "lockedBy" = ${workerId}
    WHERE "id" = (
      SELECT "id" FROM "Job"
      WHERE "completedAt" IS NULL AND "failedAt" IS NULL AND "runAt" <= ${now}
        AND ("lockedAt" IS NULL OR "lockedAt" < ${staleBefore})
      ORDER BY "runAt", "createdAt" LIMIT 1
    )
    RETURNING "id", "type", "payload", "attempts", "maxAttempts"`;
  const row = rows[0];
  if (!row) return null;
  return { ...row, attempts: Number(row.attempts), maxAttempts: Number(row.maxAttempts) };
}

/** Follows an issue idempotently: the (userId, issueId) key decides, so races count once. */
export async function insertFollow(tx: Tx, userId: string, issueId: number, at = new Date()) {
  await tx.$executeRaw`INSERT OR IGNORE INTO "Follow" ("userId", "issueId", "createdAt") VALUES (${userId}, ${issueId}, ${at})`;
}
