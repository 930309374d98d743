import { randomUUID } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { statusesFor, type IssueFilters } from "~/domain/issue-filters";
import type { IssuePointProperties } from "~/domain/map-features";
import { databaseProvider, db, directSqlite, type Tx } from "./db.server";

/**
 * All hand-written SQL lives here, for SQLite and PostgreSQL alike (docs/decisions/009-*).
 * Everything else goes through Prisma's query API. Portable forms are used where both accept
 * them: `ON CONFLICT DO NOTHING` (SQLite >= 3.24), and an explicit CAST on every parameter whose
 * type PostgreSQL could not infer from its context (it would take an untyped parameter in a
 * SELECT list or a THEN branch as text). Where the two differ, the statement branches on
 * databaseProvider().
 */

const isPostgres = () => databaseProvider() === "postgresql";

/**
 * Runs statements of the hottest paths (every logged-in request, every support) on SQLite's
 * direct path when `client` is `db` (sqlite-adapter.server.ts, 5.: ~0.02 ms instead of
 * ~0.3-1.5 ms each), else through Prisma; `atomic` runs them in one transaction either way.
 * Returns each statement's rows. Dates come back as Date or text, numbers as number or bigint.
 */
async function hotQueries<T>(statements: Prisma.Sql[], { atomic = false, client = db as Tx } = {}): Promise<T[][]> {
  const direct = directSqlite(client);
  if (direct) return (await direct.query(statements, { atomic })) as T[][];
  if (atomic && client !== db) throw new Error("hotQueries: atomic runs its own transaction; pass no tx");
  if (atomic) return (await db.$transaction(statements.map((sql) => db.$queryRaw<T[]>(sql)))) as T[][];
  return Promise.all(statements.map((sql) => client.$queryRaw<T[]>(sql)));
}

/**
 * Adds a support idempotently: the unique (userId, issueId) index decides, so double clicks
 * and concurrent requests from one person count once. The count is recomputed from the rows
 * in the same transaction, so it can never drift from the truth.
 */
export async function insertSupport(issueId: number, userId: string, at = new Date()): Promise<number> {
  const [, rows] = await hotQueries<{ supportCount: number | bigint }>(
    [
      Prisma.sql`INSERT INTO "Support" ("id", "issueId", "userId", "createdAt") VALUES (${randomUUID()}, ${issueId}, ${userId}, ${at}) ON CONFLICT DO NOTHING`,
      recountSupports(issueId),
    ],
    { atomic: true },
  );
  return supportCountOf(rows);
}

/** Withdraws a support; returns the issue's new count. */
export async function deleteSupport(issueId: number, userId: string): Promise<number> {
  const [, rows] = await hotQueries<{ supportCount: number | bigint }>(
    [Prisma.sql`DELETE FROM "Support" WHERE "issueId" = ${issueId} AND "userId" = ${userId}`, recountSupports(issueId)],
    { atomic: true },
  );
  return supportCountOf(rows);
}

/** Recounts from the rows and returns the new count (one statement, RETURNING on both databases). */
function recountSupports(issueId: number) {
  return Prisma.sql`UPDATE "Issue" SET "supportCount" = (SELECT COUNT(*) FROM "Support" WHERE "issueId" = ${issueId}) WHERE "id" = ${issueId} RETURNING "supportCount"`;
}

function supportCountOf(rows: { supportCount: number | bigint }[]) {
  return rows.length === 0 ? 0 : Number(rows[0].supportCount);
}

/** A change counter's value (0 before its first change). Asked on every map request and render cache check. */
export async function changeCounterValue(key: string): Promise<number> {
  const [rows] = await hotQueries<{ value: number | bigint }>([
    Prisma.sql`SELECT "value" FROM "ChangeCounter" WHERE "key" = ${key}`,
  ]);
  return rows.length === 0 ? 0 : Number(rows[0].value);
}

/**
 * Whether a public issue has this id: the support action's check, as a hot statement. Public
 * means what publicIssueWhere() says (issues.server.ts); tests/integration/support.test.ts
 * checks that the two agree.
 */
export async function publicIssueExists(id: number): Promise<boolean> {
  const [rows] = await hotQueries([Prisma.sql`SELECT 1 AS "found" FROM "Issue" WHERE "id" = ${id} AND "visibility" = 'public'`]);
  return rows.length > 0;
}

/**
 * The map's properties of these issues (one statement, as a hot statement): those of them that
 * are public and match the filters, by publicIssueWhere()'s rules (issues.server.ts);
 * tests/integration/map-index.test.ts checks that the two agree. The ids go in as one parameter
 * (a JSON array on SQLite, an array on PostgreSQL), so the statement text is the same for any
 * number of them and stays in the statement cache.
 */
export async function mapIssueRows(ids: readonly number[], filters: IssueFilters = {}): Promise<IssuePointProperties[]> {
  if (ids.length === 0) return [];
  const statuses = statusesFor(filters.status);
  // SQLite: the ids drive the join (CROSS JOIN fixes the order), each one a primary-key lookup;
  // left to itself the planner walks every public issue through the visibility index. DISTINCT:
  // one row per issue, as ANY() gives on PostgreSQL.
  const from = isPostgres()
    ? Prisma.sql`"Issue" i`
    : Prisma.sql`(SELECT DISTINCT "value" FROM json_each(${JSON.stringify(ids)})) j CROSS JOIN "Issue" i`;
  const conditions = [
    isPostgres() ? Prisma.sql`i."id" = ANY(CAST(${ids} AS INTEGER[]))` : Prisma.sql`i."id" = j."value"`,
    Prisma.sql`i."visibility" = 'public'`,
    ...(filters.theme ? [Prisma.sql`t."code" = ${filters.theme}`] : []),
    ...(filters.buurt ? [Prisma.sql`i."buurtCode" = ${filters.buurt}`] : []),
    ...(statuses ? [Prisma.sql`i."status" IN (${Prisma.join([...statuses])})`] : []),
  ];
  const [rows] = await hotQueries<Record<keyof IssuePointProperties, unknown>>([
    Prisma.sql`SELECT i."id", i."title", i."status", i."supportCount", t."code" AS "theme", b."name" AS "buurt"
    FROM ${from} JOIN "Theme" t ON t."id" = i."themeId" JOIN "Buurt" b ON b."code" = i."buurtCode"
    WHERE ${Prisma.join(conditions, " AND ")}`,
  ]);
  return rows.map((row) => ({
    id: Number(row.id),
    title: String(row.title),
    theme: String(row.theme),
    status: String(row.status),
    supportCount: Number(row.supportCount),
    buurt: String(row.buurt),
  }));
}

/**
 * Counts one attempt against a fixed-window limit in one statement: a new key starts at 1, a
 * window that is over starts again at 1, else the count goes up. One autocommit statement
 * takes the write lock at once (no read-then-write transaction that SQLite could refuse with
 * "database is locked"), and returns the count and window it ended with.
 */
export async function countRateLimitHit(key: string, now: Date, windowStart: Date, client: Tx = db) {
  // PostgreSQL would type a parameter in a THEN branch as text: say it is a timestamp.
  const nowValue = isPostgres() ? Prisma.sql`CAST(${now} AS TIMESTAMP(3))` : Prisma.sql`${now}`;
  const [rows] = await hotQueries<{ count: number | bigint; windowStart: Date | string }>(
    [
      Prisma.sql`
    INSERT INTO "RateLimit" ("key", "count", "windowStart") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" < ${windowStart} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" < ${windowStart} THEN ${nowValue} ELSE "RateLimit"."windowStart" END
    RETURNING "count", "windowStart"`,
    ],
    { client },
  );
  const row = rows[0];
  return { count: Number(row.count), windowStart: new Date(row.windowStart) };
}

export type SessionUserRow = {
  expiresAt: Date | string;
  id: string;
  name: string;
  email: string;
  buurtCode: string | null;
  role: string | null;
  organisationId: string | null;
  membershipRole: string | null;
  organisationName: string | null;
};

/**
 * A session with its person, roles and memberships in one query (every logged-in request
 * asks this): one row per role x membership, none when the session does not exist.
 */
export async function sessionUserRows(sessionId: string) {
  const [rows] = await hotQueries<SessionUserRow>([
    Prisma.sql`
    SELECT s."expiresAt", u."id", u."name", u."email", u."buurtCode", r."role",
           m."organisationId", m."role" AS "membershipRole", o."name" AS "organisationName"
    FROM "Session" s
    JOIN "User" u ON u."id" = s."userId"
    LEFT JOIN "UserRole" r ON r."userId" = u."id"
    LEFT JOIN "Membership" m ON m."userId" = u."id"
    LEFT JOIN "Organisation" o ON o."id" = m."organisationId"
    WHERE s."id" = ${sessionId}
    ORDER BY r."createdAt", r."role", m."createdAt", m."organisationId"`,
  ]);
  return rows;
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
  await tx.$executeRaw`INSERT INTO "Support" ("id", "issueId", "userId", "createdAt")
    SELECT "id" || '-m' || CAST(${toIssueId} AS TEXT), CAST(${toIssueId} AS INTEGER), "userId", "createdAt"
    FROM "Support" WHERE "issueId" = ${fromIssueId}
    ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`DELETE FROM "Support" WHERE "issueId" = ${fromIssueId}`;
  await tx.$executeRaw`UPDATE "Issue" SET "supportCount" = (SELECT COUNT(*) FROM "Support" WHERE "issueId" = "Issue"."id") WHERE "id" IN (${fromIssueId}, ${toIssueId})`;
}

export async function moveFollowers(tx: Tx, fromIssueId: number, toIssueId: number) {
  await tx.$executeRaw`INSERT INTO "Follow" ("userId", "issueId", "createdAt")
    SELECT "userId", CAST(${toIssueId} AS INTEGER), "createdAt" FROM "Follow" WHERE "issueId" = ${fromIssueId}
    ON CONFLICT DO NOTHING`;
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
 * Claims the next due job for one worker in a single statement. SQLite runs one write at a
 * time, so two workers (in one process or sharing the file) can never both lock the same row.
 * On PostgreSQL several app servers claim at once: `FOR UPDATE SKIP LOCKED` makes each pass over
 * a row another worker is claiming right now, and a row claimed (and committed) meanwhile is
 * re-checked against the WHERE clause, so a job is never handed out twice. A lock older than
 * `staleBefore` belongs to a worker that died and is taken over. Returns null when nothing is due.
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
      ${isPostgres() ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty}
    )
    RETURNING "id", "type", "payload", "attempts", "maxAttempts"`;
  const row = rows[0];
  if (!row) return null;
  return { ...row, attempts: Number(row.attempts), maxAttempts: Number(row.maxAttempts) };
}

/** Follows an issue idempotently: the (userId, issueId) key decides, so races count once. */
export async function insertFollow(tx: Tx, userId: string, issueId: number, at = new Date()) {
  await tx.$executeRaw`INSERT INTO "Follow" ("userId", "issueId", "createdAt") VALUES (${userId}, ${issueId}, ${at}) ON CONFLICT DO NOTHING`;
}

// Structural trends dashboard (/stuurgroep) ---------------------------------------------------

/**
 * Filters of the dashboard's aggregates. Only public issues count (the same rule as
 * publicIssueWhere: hidden or unconfirmed issues never reach a figure), created in [start, end).
 */
export type DashboardIssueFilter = { themeId?: string; buurtCode?: string; ownerOrganisationId?: string };
export type DashboardSqlFilter = DashboardIssueFilter & { start: Date; end: Date };

/** `"visibility" = 'public'` and the theme, buurt and owner filters, as conditions on Issue (alias optional). */
function publicIssueConditions(filter: DashboardIssueFilter, alias = "") {
  const column = (name: string) => Prisma.raw(alias ? `${alias}."${name}"` : `"${name}"`);
  const parts = [Prisma.sql`${column("visibility")} = 'public'`];
  if (filter.themeId) parts.push(Prisma.sql`${column("themeId")} = ${filter.themeId}`);
  if (filter.buurtCode) parts.push(Prisma.sql`${column("buurtCode")} = ${filter.buurtCode}`);
  if (filter.ownerOrganisationId)
    parts.push(Prisma.sql`${column("ownerOrganisationId")} = ${filter.ownerOrganisationId}`);
  return parts;
}

function dashboardWhere(filter: DashboardSqlFilter) {
  return Prisma.join(
    [
      ...publicIssueConditions(filter),
      Prisma.sql`"createdAt" >= ${filter.start}`,
      Prisma.sql`"createdAt" < ${filter.end}`,
    ],
    " AND ",
  );
}

export type ResolutionTargets = {
  statuses: readonly string[];
  /** Themes that share a resolution target, with the instant before which that target has passed. */
  groups: readonly { themeIds: readonly string[]; cutoff: Date }[];
};

/**
 * Past the resolution target, for an issue already in one of the statuses: triaged (or, never
 * triaged, created) before the cut-off of its theme's group. Null when no group has themes.
 */
function pastResolutionCondition(targets: ResolutionTargets, alias = "") {
  const column = (name: string) => Prisma.raw(alias ? `${alias}."${name}"` : `"${name}"`);
  const groups = targets.groups.filter((group) => group.themeIds.length > 0);
  if (groups.length === 0) return null;
  return Prisma.sql`(${Prisma.join(
    groups.map(
      (group) =>
        Prisma.sql`(${column("themeId")} IN (${Prisma.join([...group.themeIds])}) AND COALESCE(${column("triagedAt")}, ${column("createdAt")}) < ${group.cutoff})`,
    ),
    " OR ",
  )})`;
}

export type ThemeBuurtMonthCount = {
  themeId: string;
  buurtCode: string;
  month: number;
  nature: string | null;
  count: number;
};

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
    monthEnds.slice(0, -1).map((end, index) => Prisma.sql`WHEN "createdAt" < ${end} THEN CAST(${index} AS INTEGER)`),
    " ",
  );
  const month =
    monthEnds.length > 1 ? Prisma.sql`CASE ${cases} ELSE CAST(${monthEnds.length - 1} AS INTEGER) END` : Prisma.sql`0`;
  const rows = await client.$queryRaw<
    { themeId: string; buurtCode: string; month: bigint | number; nature: string | null; count: bigint | number }[]
  >`
    SELECT "themeId", "buurtCode", ${month} AS "month", "nature", COUNT(*) AS "count"
    FROM "Issue" WHERE ${dashboardWhere(filter)}
    GROUP BY "themeId", "buurtCode", 3, "nature"`;
  return rows.map((row) => ({ ...row, month: Number(row.month), count: Number(row.count) }));
}

/** Instants as milliseconds since 1970 (UTC): 40,000 numbers are cheaper than 40,000 Dates. */
export type IssueDurationRow = {
  ownerOrganisationId: string;
  status: string;
  createdAt: number;
  triagedAt: number | null;
  firstResponseAt: number | null;
  closedAt: number | null;
};

/** A DateTime column as epoch milliseconds, computed by the database (NULL stays NULL). */
function epochMs(column: string) {
  const name = Prisma.raw(`"${column}"`);
  return isPostgres()
    ? Prisma.sql`CAST(EXTRACT(EPOCH FROM ${name}) * 1000 AS BIGINT)`
    : Prisma.sql`CAST(ROUND((julianday(${name}) - 2440587.5) * 86400000) AS INTEGER)`;
}

/** The instants behind the response-time medians, for issues with an owner (a few columns only). */
export async function issueDurations(filter: DashboardSqlFilter, client: Tx = db): Promise<IssueDurationRow[]> {
  type Raw = Record<"createdAt" | "triagedAt" | "firstResponseAt" | "closedAt", number | bigint | null> & {
    ownerOrganisationId: string;
    status: string;
  };
  const rows = await client.$queryRaw<Raw[]>`
    SELECT "ownerOrganisationId", "status", ${epochMs("createdAt")} AS "createdAt", ${epochMs("triagedAt")} AS "triagedAt",
           ${epochMs("firstResponseAt")} AS "firstResponseAt", ${epochMs("closedAt")} AS "closedAt"
    FROM "Issue" WHERE ${dashboardWhere(filter)} AND "ownerOrganisationId" IS NOT NULL`;
  const ms = (value: number | bigint | null) => (value === null ? null : Number(value));
  return rows.map((row) => ({
    ownerOrganisationId: row.ownerOrganisationId,
    status: row.status,
    createdAt: Number(row.createdAt),
    triagedAt: ms(row.triagedAt),
    firstResponseAt: ms(row.firstResponseAt),
    closedAt: ms(row.closedAt),
  }));
}

/** What the WorkingDay table holds: its first and last day and how many days (no gaps when count = last - first + 1). */
export async function workingDayCoverage(client: Tx = db) {
  const [row] = await client.$queryRaw<
    { first: number | bigint | null; last: number | bigint | null; count: number | bigint }[]
  >`SELECT MIN("day") AS "first", MAX("day") AS "last", COUNT(*) AS "count" FROM "WorkingDay"`;
  return {
    first: row.first === null ? null : Number(row.first),
    last: row.last === null ? null : Number(row.last),
    count: Number(row.count),
  };
}

/** Adds calendar days; days already there are kept (every server computes the same values). */
export async function insertWorkingDays(rows: readonly { day: number; ordinal: number }[], client: Tx = db) {
  for (let start = 0; start < rows.length; start += 500) {
    const values = rows.slice(start, start + 500).map((row) => Prisma.sql`(${row.day}, ${row.ordinal})`);
    await client.$executeRaw`INSERT INTO "WorkingDay" ("day", "ordinal") VALUES ${Prisma.join(values)} ON CONFLICT ("day") DO NOTHING`;
  }
}

/** The figures of durationHistogram; "owned" counts the owner's issues in the period (with or without figures). */
export const DURATION_KINDS = ["triage", "firstResponse", "resolution", "owned"] as const;
export type DurationHistogramRow = {
  organisationId: string;
  kind: (typeof DURATION_KINDS)[number];
  workingDays: number;
  count: number;
};

/** A number computed by the app (never user input) as an SQL literal. */
function numberLiteral(value: number) {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return Prisma.raw(String(value));
}

/**
 * The response-time figures of owned issues as a histogram: per owner organisation and kind, how
 * many issues took how many working days (workingDaysBetween of app/domain/working-days.ts).
 * The database does the work: each instant becomes its Amsterdam calendar day (days since 1970
 * of the instant plus the UTC offset in force, from `offsets`, which must cover every instant
 * involved), the WorkingDay table turns days into working-day ordinals, and
 * max(0, ordinal(end day - 1) - ordinal(start day)) is the number of working days strictly
 * between. A few hundred rows come back instead of one per issue (docs/decisions/006-*).
 */
export async function durationHistogram(
  filter: DashboardSqlFilter,
  offsets: readonly { from: number; offsetMs: number }[],
  client: Tx = db,
): Promise<DurationHistogramRow[]> {
  // Whole milliseconds throughout (epochMs), divided once: a fraction of a day plus an offset
  // as a fraction would put an instant at exactly local midnight on the day before.
  const later = offsets.slice(1);
  const offsetMs = (ms: Prisma.Sql) =>
    later.length === 0
      ? numberLiteral(offsets[0].offsetMs)
      : Prisma.sql`(CASE ${Prisma.join(
          later.map(
            (period, index) =>
              Prisma.sql`WHEN ${ms} < ${numberLiteral(period.from)} THEN ${numberLiteral(offsets[index].offsetMs)}`,
          ),
          " ",
        )} ELSE ${numberLiteral(later[later.length - 1].offsetMs)} END)`;
  // Integer division of positive whole numbers: the floor, on both databases.
  const localDay = (ms: Prisma.Sql) => Prisma.sql`CAST((${ms} + ${offsetMs(ms)}) / 86400000 AS INTEGER)`;
  const atLeastZero = (value: Prisma.Sql) =>
    isPostgres() ? Prisma.sql`GREATEST(0, ${value})` : Prisma.sql`MAX(0, ${value})`;
  const kind = (index: number, endDay: string, extra: Prisma.Sql) => Prisma.sql`
    SELECT r."org" AS "organisationId", CAST(${numberLiteral(index)} AS INTEGER) AS "kind",
           ${atLeastZero(Prisma.sql`COALESCE(e."ordinal" - s."ordinal", 0)`)} AS "workingDays", COUNT(*) AS "count"
    FROM r JOIN "WorkingDay" s ON s."day" = r."cd" LEFT JOIN "WorkingDay" e ON e."day" = r.${Prisma.raw(`"${endDay}"`)} - 1
    WHERE r.${Prisma.raw(`"${endDay}"`)} IS NOT NULL ${extra}
    GROUP BY r."org", 3`;
  const rows = await client.$queryRaw<
    { organisationId: string; kind: number | bigint; workingDays: number | bigint; count: number | bigint }[]
  >`
    WITH j AS MATERIALIZED (
      SELECT "ownerOrganisationId" AS "org", "status", ${epochMs("createdAt")} AS "c", ${epochMs("triagedAt")} AS "t",
             ${epochMs("firstResponseAt")} AS "f", ${epochMs("closedAt")} AS "x"
      FROM "Issue" WHERE ${dashboardWhere(filter)} AND "ownerOrganisationId" IS NOT NULL
    ), r AS MATERIALIZED (
      SELECT "org", "status", ${localDay(Prisma.sql`"c"`)} AS "cd", ${localDay(Prisma.sql`"t"`)} AS "td",
             ${localDay(Prisma.sql`"f"`)} AS "fd", ${localDay(Prisma.sql`"x"`)} AS "xd"
      FROM j
    )
    ${kind(0, "td", Prisma.empty)}
    UNION ALL
    ${kind(1, "fd", Prisma.empty)}
    UNION ALL
    ${kind(2, "xd", Prisma.sql`AND r."status" = 'opgelost'`)}
    UNION ALL
    SELECT r."org", CAST(3 AS INTEGER), CAST(0 AS INTEGER), COUNT(*) FROM r GROUP BY r."org"`;
  return rows.map((row) => ({
    organisationId: row.organisationId,
    kind: DURATION_KINDS[Number(row.kind)],
    workingDays: Number(row.workingDays),
    count: Number(row.count),
  }));
}

export type OverdueCounts = { organisationId: string | null; triage: number; resolution: number };

/**
 * Figures about open issues in one pass over them (instead of a query each): per owner
 * organisation (null: no owner), how many public issues are past their triage target and how many
 * past their resolution target, and how many structural issues are still being worked on. Past
 * resolution: one of the given statuses and, for the group of themes it belongs to, triaged (or,
 * never triaged, created) before that group's cut-off.
 */
export async function openIssueCounts(
  filter: DashboardIssueFilter,
  triage: { statuses: readonly string[]; cutoff: Date },
  resolution: ResolutionTargets,
  structural: { statuses: readonly string[] },
  client: Tx = db,
): Promise<{ overdue: OverdueCounts[]; openStructural: number }> {
  const statuses = [...new Set([...triage.statuses, ...resolution.statuses, ...structural.statuses])];
  const parts = [...publicIssueConditions(filter), Prisma.sql`"status" IN (${Prisma.join(statuses)})`];
  const pastResolution = pastResolutionCondition(resolution) ?? Prisma.sql`1 = 0`;
  const rows = await client.$queryRaw<
    {
      organisationId: string | null;
      triage: number | bigint | null;
      resolution: number | bigint | null;
      structural: number | bigint | null;
    }[]
  >`
    SELECT "ownerOrganisationId" AS "organisationId",
      SUM(CASE WHEN "status" IN (${Prisma.join([...triage.statuses])}) AND "createdAt" < ${triage.cutoff} THEN 1 ELSE 0 END) AS "triage",
      SUM(CASE WHEN "status" IN (${Prisma.join([...resolution.statuses])}) AND ${pastResolution} THEN 1 ELSE 0 END) AS "resolution",
      SUM(CASE WHEN "nature" = 'structureel' AND "status" IN (${Prisma.join([...structural.statuses])}) THEN 1 ELSE 0 END) AS "structural"
    FROM "Issue" WHERE ${Prisma.join(parts, " AND ")}
    GROUP BY "ownerOrganisationId"`;
  return {
    overdue: rows
      .map((row) => ({
        organisationId: row.organisationId,
        triage: Number(row.triage ?? 0),
        resolution: Number(row.resolution ?? 0),
      }))
      .filter((row) => row.triage > 0 || row.resolution > 0),
    openStructural: rows.reduce((sum, row) => sum + Number(row.structural ?? 0), 0),
  };
}

export type OverdueListItem = {
  id: number;
  title: string;
  status: string;
  createdAt: Date;
  triagedAt: Date | null;
  theme: string;
  buurt: string;
  owner: string | null;
};

/**
 * The oldest `limit` public issues past their resolution target (as in openIssueCounts),
 * never triaged first, then by triage and creation. One ordered
 * index scan per status (Issue(visibility, status, triagedAt, createdAt, id)), merged: with the
 * statuses in one IN list the database would sort every match (~30,000 at 100k issues) for 20.
 */
export async function oldestPastResolution(
  filter: DashboardIssueFilter,
  resolution: ResolutionTargets,
  limit: number,
  client: Tx = db,
): Promise<OverdueListItem[]> {
  const pastResolution = pastResolutionCondition(resolution, "i");
  if (!pastResolution) return [];
  const perStatus = await Promise.all(
    resolution.statuses.map((status) => {
      const parts = [...publicIssueConditions(filter, "i"), Prisma.sql`i."status" = ${status}`, pastResolution];
      return client.$queryRaw<
        (Omit<OverdueListItem, "createdAt" | "triagedAt" | "id"> & {
          id: number | bigint;
          createdAt: Date | string;
          triagedAt: Date | string | null;
        })[]
      >`
        SELECT i."id", i."title", i."status", i."createdAt", i."triagedAt",
               t."name" AS "theme", b."name" AS "buurt", o."name" AS "owner"
        FROM "Issue" i
        JOIN "Theme" t ON t."id" = i."themeId"
        JOIN "Buurt" b ON b."code" = i."buurtCode"
        LEFT JOIN "Organisation" o ON o."id" = i."ownerOrganisationId"
        WHERE ${Prisma.join(parts, " AND ")}
        ORDER BY i."triagedAt" ASC NULLS FIRST, i."createdAt" ASC, i."id" ASC
        LIMIT ${limit}`;
    }),
  );
  const time = (value: Date | null) => (value === null ? Number.NEGATIVE_INFINITY : value.getTime());
  return perStatus
    .flat()
    .map((row) => ({
      ...row,
      id: Number(row.id),
      createdAt: new Date(row.createdAt),
      triagedAt: row.triagedAt === null ? null : new Date(row.triagedAt),
    }))
    .sort(
      (a, b) => time(a.triagedAt) - time(b.triagedAt) || a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id,
    )
    .slice(0, limit);
}

export type GridCellCount = { row: number; col: number; count: number };

/**
 * Issues per grid cell (cell size in degrees from a fixed origin), only non-empty cells: the
 * heat layer never sends single points to the browser. Points lie north-east of the origin, so
 * SQLite's truncating CAST equals flooring; PostgreSQL's CAST rounds, so it floors explicitly.
 */
export async function countIssuesByGridCell(
  filter: DashboardSqlFilter,
  grid: { originLat: number; originLng: number; cellLat: number; cellLng: number },
  client: Tx = db,
): Promise<GridCellCount[]> {
  const cell = (column: "lat" | "lng", origin: number, size: number) =>
    isPostgres()
      ? Prisma.sql`CAST(FLOOR(("${Prisma.raw(column)}" - CAST(${origin} AS DOUBLE PRECISION)) / CAST(${size} AS DOUBLE PRECISION)) AS INTEGER)`
      : Prisma.sql`CAST(("${Prisma.raw(column)}" - ${origin}) / ${size} AS INTEGER)`;
  const rows = await client.$queryRaw<{ row: bigint | number; col: bigint | number; count: bigint | number }[]>`
    SELECT ${cell("lat", grid.originLat, grid.cellLat)} AS "row",
           ${cell("lng", grid.originLng, grid.cellLng)} AS "col",
           COUNT(*) AS "count"
    FROM "Issue" WHERE ${dashboardWhere(filter)}
    GROUP BY 1, 2`;
  return rows.map((row) => ({ row: Number(row.row), col: Number(row.col), count: Number(row.count) }));
}

// Spatial ------------------------------------------------------------------------------------

export type LatLngBox = { minLat: number; maxLat: number; minLng: number; maxLng: number };

/**
 * Ids of the issues whose point lies in a box, through the spatial index of each provider
 * (docs/decisions/009-postgresql-and-spatial-index.md): SQLite's R*Tree "IssueRtree" (kept by
 * triggers) or PostgreSQL's GiST index on point("lng", "lat"). The R*Tree stores 32-bit floats
 * rounded outwards, so it may return a point a few centimetres outside the box, never miss one
 * inside: callers that need the exact box compare lat/lng again. At most `limit` ids, in no
 * particular order.
 */
export async function issueIdsInBox(box: LatLngBox, limit = 5000, client: Tx = db): Promise<number[]> {
  const rows = isPostgres()
    ? await client.$queryRaw<{ id: number }[]>`
        SELECT "id" FROM "Issue"
        WHERE point("lng", "lat") <@ box(
          point(CAST(${box.minLng} AS DOUBLE PRECISION), CAST(${box.minLat} AS DOUBLE PRECISION)),
          point(CAST(${box.maxLng} AS DOUBLE PRECISION), CAST(${box.maxLat} AS DOUBLE PRECISION)))
        LIMIT ${limit}`
    : await client.$queryRaw<{ id: number | bigint }[]>`
        SELECT "id" FROM "IssueRtree"
        WHERE "maxLat" >= ${box.minLat} AND "minLat" <= ${box.maxLat}
          AND "maxLng" >= ${box.minLng} AND "minLng" <= ${box.maxLng}
        LIMIT ${limit}`;
  return rows.map((row) => Number(row.id));
}
