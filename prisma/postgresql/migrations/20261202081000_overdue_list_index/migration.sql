-- CreateIndex
CREATE INDEX "Issue_visibility_status_triagedAt_createdAt_id_idx" ON "Issue"("visibility", "status", "triagedAt", "createdAt", "id");

