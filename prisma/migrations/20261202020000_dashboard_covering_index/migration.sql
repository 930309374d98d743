-- DropIndex
DROP INDEX "Issue_visibility_createdAt_idx";

-- CreateIndex
CREATE INDEX "Issue_dashboard_covering_idx" ON "Issue"("visibility", "createdAt", "themeId", "buurtCode", "nature", "ownerOrganisationId", "status", "triagedAt", "firstResponseAt", "closedAt");

