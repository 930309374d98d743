import { describe, expect, test } from "vitest";
import { bboxAround } from "~/domain/geo";
import { databaseProvider, db } from "~/utils/db.server";
import { issueIdsInBox, type LatLngBox } from "~/utils/sql.server";
import { createIssue } from "../db-utils";

// The spatial index behind box queries (docs/decisions/009-postgresql-and-spatial-index.md):
// SQLite's R*Tree kept by triggers, PostgreSQL's GiST index on point(lng, lat).
const WORLD: LatLngBox = { minLat: -90, maxLat: 90, minLng: -180, maxLng: 180 };

async function allIssueIds() {
  return (await db.issue.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((row) => row.id);
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe("issueIdsInBox", () => {
  test("finds an issue in a box around it, also a box of zero size on the point itself", async () => {
    const issue = await createIssue({ reporterId: null });
    const other = await createIssue({ reporterId: null });
    expect(await issueIdsInBox(bboxAround(issue, 5))).toContain(issue.id);
    const point = { minLat: issue.lat, maxLat: issue.lat, minLng: issue.lng, maxLng: issue.lng };
    expect(await issueIdsInBox(point)).toContain(issue.id);
    // A box just beside the point (1 m east, 1 m wide) does not hold it, unless the other issue
    // happens to be there.
    const beside = bboxAround({ lat: issue.lat, lng: issue.lng + 0.00003 }, 0.5);
    expect(await issueIdsInBox(beside)).not.toContain(issue.id);
    const far = { minLat: 10, maxLat: 11, minLng: 10, maxLng: 11 };
    expect(await issueIdsInBox(far)).toEqual([]);
    expect(sorted(await issueIdsInBox(WORLD))).toEqual(expect.arrayContaining([issue.id, other.id]));
  });

  test("follows issues that move or are deleted", async () => {
    const issue = await createIssue({ reporterId: null });
    const before = bboxAround(issue, 2);
    const moved = { lat: issue.lat + 0.001, lng: issue.lng + 0.001 };
    await db.issue.update({ where: { id: issue.id }, data: moved });
    expect(await issueIdsInBox(before)).not.toContain(issue.id);
    expect(await issueIdsInBox(bboxAround(moved, 2))).toContain(issue.id);

    await db.issue.delete({ where: { id: issue.id } });
    expect(await issueIdsInBox(bboxAround(moved, 2))).not.toContain(issue.id);
    // The index holds exactly the issues, no more and no fewer.
    expect(sorted(await issueIdsInBox(WORLD))).toEqual(await allIssueIds());
  });

  test("returns at most `limit` ids", async () => {
    await createIssue({ reporterId: null });
    await createIssue({ reporterId: null });
    expect(await issueIdsInBox(WORLD, 1)).toHaveLength(1);
  });

  test.runIf(databaseProvider() === "sqlite")("SQLite keeps the R*Tree with triggers on Issue", async () => {
    const triggers = await db.$queryRaw<{ name: string }[]>`
      SELECT "name" FROM "sqlite_master" WHERE "type" = 'trigger' AND "tbl_name" = 'Issue' ORDER BY "name"`;
    expect(triggers.map((row) => row.name)).toEqual(["Issue_rtree_delete", "Issue_rtree_insert", "Issue_rtree_update"]);
  });

  test.runIf(databaseProvider() === "postgresql")(
    "PostgreSQL has the GiST index and plans box queries with it",
    async () => {
      const indexes = await db.$queryRaw<{ indexdef: string }[]>`
      SELECT "indexdef" FROM "pg_indexes" WHERE "tablename" = 'Issue' AND "indexname" = 'Issue_point_gist_idx'`;
      expect(indexes[0]?.indexdef).toMatch(/USING gist \(point\(lng, lat\)\)/);
      // With sequential scans priced out, the planner must be able to answer the query's shape
      // from the index (this fails if the expression in the query and the index ever differ).
      const plan = await db.$transaction(async (tx) => {
        await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
        return tx.$queryRaw<{ "QUERY PLAN": string }[]>`
        EXPLAIN SELECT "id" FROM "Issue" WHERE point("lng", "lat") <@ box(point(6.1, 51.3), point(6.2, 51.4))`;
      });
      expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("Issue_point_gist_idx");
    },
  );
});
