-- CreateIndex
CREATE INDEX "Issue_visibility_createdAt_idx" ON "Issue"("visibility", "createdAt");

