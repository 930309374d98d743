import { randomUUID } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
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

// Structural trends dashboard (/stuurgroep) ---------------------------------------------------

/**
 * Filters of the dashboard's aggregates. Only public issues count (the same rule as
 * publicIssueWhere: hidden or unconfirmed issues never reach a figure), created in [start, end).
 */
export type DashboardSqlFilter = {
  start: Date;
  end: Date;
  themeId?: string;
  buurtCode?: string;
  ownerOrganisationId?: string;
};

function dashboardWhere(filter: DashboardSqlFilter) {
  const parts = [
    Prisma.sql`"visibility" = 'public'`,
    Prisma.sql`"createdAt" >= ${filter.start}`,
    Prisma.sql`"createdAt" < ${filter.end}`,
  ];
  if (filter.themeId) parts.push(Prisma.sql`"themeId" = ${filter.themeId}`);
  if (filter.buurtCode) parts.push(Prisma.sql`"buurtCode" = ${filter.buurtCode}`);
  if (filter.ownerOrganisationId) parts.push(Prisma.sql`"ownerOrganisationId" = ${filter.ownerOrganisationId}`);
  return Prisma.join(parts, " AND ");
}

export type ThemeBuurtMonthCount = { themeId: string; buurtCode: string; month: number; nature: string | null; count: number };

/**
 * Issues per theme x buurt x month x nature in one GROUP BY. Months are Amsterdam calendar
 * months: `monthEnds` holds the instant each month ends (local midnight of the next 1st), so
 * the month is a CASE on the stored instant and daylight saving time cannot shift an issue.
 */
export async function countIssuesByThemeBuurtMonth(
  filter: DashboardSqlFilter,
  monthEnds: readonly Date[],
  client: Tx = db,
): Promise<ThemeBuurtMonthCount[]> {
  const cases = Prisma.join(
    monthEnds.slice(0, -1).map((end, index) => Prisma.sql`WHEN "createdAt" < ${end} THEN ${index}`),
    " ",
  );
  const month =
    monthEnds.length > 1 ? Prisma.sql`CASE ${cases} ELSE ${monthEnds.length - 1} END` : Prisma.sql`0`;
  const rows = await client.$queryRaw<{ themeId: string; buurtCode: string; month: bigint | number; nature: string | null; count: bigint | number }[]>`
    SELECT "themeId", "buurtCode", ${month} AS "month", "nature", COUNT(*) AS "count"
    FROM "Issue" WHERE ${dashboardWhere(filter)}
    GROUP BY "themeId", "buurtCode", 3, "nature"`;
  return rows.map((row) => ({ ...row, month: Number(row.month), count: Number(row.count) }));
}

export type IssueDurationRow = {
  ownerOrganisationId: string;
  status: string;
  createdAt: Date;
  triagedAt: Date | null;
  firstResponseAt: Date | null;
  closedAt: Date | null;
};

/** The dates behind the response-time medians, for issues with an owner (a few columns only). */
export async function issueDurations(filter: DashboardSqlFilter, client: Tx = db): Promise<IssueDurationRow[]> {
  const rows = await client.$queryRaw<IssueDurationRow[]>`
    SELECT "ownerOrganisationId", "status", "createdAt", "triagedAt", "firstResponseAt", "closedAt"
    FROM "Issue" WHERE ${dashboardWhere(filter)} AND "ownerOrganisationId" IS NOT NULL`;
  return rows.map((row) => ({
    ...row,
    createdAt: new Date(row.createdAt),
    triagedAt: row.triagedAt ? new Date(row.triagedAt) : null,
    firstResponseAt: row.firstResponseAt ? new Date(row.firstResponseAt) : null,
    closedAt: row.closedAt ? new Date(row.closedAt) : null,
  }));
}

export type GridCellCount = { row: number; col: number; count: number };

/**
 * Issues per grid cell (cell size in degrees from a fixed origin), only non-empty cells: the
 * heat layer never sends single points to the browser. Points lie north-east of the origin, so
 * truncating the CAST equals flooring.
 */
export async function countIssuesByGridCell(
  filter: DashboardSqlFilter,
  grid: { originLat: number; originLng: number; cellLat: number; cellLng: number },
  client: Tx = db,
): Promise<GridCellCount[]> {
  const rows = await client.$queryRaw<{ row: bigint | number; col: bigint | number; count: bigint | number }[]>`
    SELECT CAST(("lat" - ${grid.originLat}) / ${grid.cellLat} AS INTEGER) AS "row",
           CAST(("lng" - ${grid.originLng}) / ${grid.cellLng} AS INTEGER) AS "col",
           COUNT(*) AS "count"
    FROM "Issue" WHERE ${dashboardWhere(filter)}
    GROUP BY 1, 2`;
  return rows.map((row) => ({ row: Number(row.row), col: Number(row.col), count: Number(row.count) }));
}
