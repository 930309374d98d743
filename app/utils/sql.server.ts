import { randomUUID } from "node:crypto";
import { db } from "./db.server";

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
