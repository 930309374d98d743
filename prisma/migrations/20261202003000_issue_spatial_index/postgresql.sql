-- PostgreSQL counterpart of the R*Tree in migration.sql (docs/decisions/009-postgresql-and-spatial-index.md):
-- core PostgreSQL indexes geometric types with GiST, so a box query on point(lng, lat) uses a
-- real spatial index without the PostGIS extension. Queries must use the same expression.
CREATE INDEX "Issue_point_gist_idx" ON "Issue" USING gist (point("lng", "lat"));
