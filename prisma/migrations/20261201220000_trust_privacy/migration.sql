-- AlterTable
ALTER TABLE "Issue" ADD COLUMN "moderatedAt" DATETIME;
ALTER TABLE "Issue" ADD COLUMN "moderatedById" TEXT;
ALTER TABLE "Issue" ADD COLUMN "moderationReason" TEXT;
ALTER TABLE "Issue" ADD COLUMN "reporterAnonymisedAt" DATETIME;

-- AlterTable
ALTER TABLE "Photo" ADD COLUMN "moderatedAt" DATETIME;
ALTER TABLE "Photo" ADD COLUMN "moderationReason" TEXT;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "moderatedAt" DATETIME;
ALTER TABLE "Comment" ADD COLUMN "moderationReason" TEXT;

-- CreateTable
CREATE TABLE "Flag" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "targetType" TEXT NOT NULL,
    "issueId" INTEGER NOT NULL,
    "commentId" TEXT,
    "photoId" TEXT,
    "reason" TEXT NOT NULL,
    "note" TEXT,
    "reporterId" TEXT,
    "reporterKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    "resolvedById" TEXT,
    "resolution" TEXT,
    CONSTRAINT "Flag_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Flag_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Flag_photoId_fkey" FOREIGN KEY ("photoId") REFERENCES "Photo" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Flag_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Flag_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IssueRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "issueId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "editedById" TEXT,
    "editorRole" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IssueRevision_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IssueRevision_editedById_fkey" FOREIGN KEY ("editedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PendingConfirmation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "issueId" INTEGER NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "confirmedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PendingConfirmation_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Flag_resolvedAt_createdAt_idx" ON "Flag"("resolvedAt", "createdAt");

-- CreateIndex
CREATE INDEX "Flag_issueId_idx" ON "Flag"("issueId");

-- CreateIndex
CREATE INDEX "IssueRevision_issueId_createdAt_idx" ON "IssueRevision"("issueId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PendingConfirmation_tokenHash_key" ON "PendingConfirmation"("tokenHash");

-- CreateIndex
CREATE INDEX "PendingConfirmation_email_idx" ON "PendingConfirmation"("email");

-- CreateIndex
CREATE INDEX "PendingConfirmation_issueId_idx" ON "PendingConfirmation"("issueId");

-- CreateIndex
CREATE INDEX "Issue_visibility_closedAt_idx" ON "Issue"("visibility", "closedAt");

