-- Hand-written: Prisma has no R*Tree support (docs/decisions/009-postgresql-and-spatial-index.md).
-- A spatial index over the issue points, kept in step with "Issue" by triggers, so box queries
-- ("issues within 150 m of here") read a few R*Tree pages instead of a range on one coordinate.
-- R*Tree stores 32-bit floats rounded outwards: a lookup may return a point just outside the
-- box, never miss one inside, so callers still compare the exact lat/lng.
-- A later migration that redefines "Issue" (Prisma's DROP TABLE + rename) drops these
-- triggers and must create them again; `npm run db:pg-schema -- --check` reports one that does not.
CREATE VIRTUAL TABLE "IssueRtree" USING rtree("id", "minLat", "maxLat", "minLng", "maxLng");

INSERT INTO "IssueRtree" ("id", "minLat", "maxLat", "minLng", "maxLng")
SELECT "id", "lat", "lat", "lng", "lng" FROM "Issue";

CREATE TRIGGER "Issue_rtree_insert" AFTER INSERT ON "Issue" BEGIN
  INSERT INTO "IssueRtree" ("id", "minLat", "maxLat", "minLng", "maxLng")
  VALUES (NEW."id", NEW."lat", NEW."lat", NEW."lng", NEW."lng");
END;

CREATE TRIGGER "Issue_rtree_update" AFTER UPDATE OF "id", "lat", "lng" ON "Issue" BEGIN
  DELETE FROM "IssueRtree" WHERE "id" = OLD."id";
  INSERT INTO "IssueRtree" ("id", "minLat", "maxLat", "minLng", "maxLng")
  VALUES (NEW."id", NEW."lat", NEW."lat", NEW."lng", NEW."lng");
END;

CREATE TRIGGER "Issue_rtree_delete" AFTER DELETE ON "Issue" BEGIN
  DELETE FROM "IssueRtree" WHERE "id" = OLD."id";
END;
