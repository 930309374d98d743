-- CreateTable
CREATE TABLE "Open311Connection" (
    "organisationId" TEXT NOT NULL PRIMARY KEY,
    "endpoint" TEXT NOT NULL,
    "apiKeyEncrypted" TEXT NOT NULL,
    "jurisdictionId" TEXT,
    "serviceMapping" TEXT NOT NULL DEFAULT '{}',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Open311Connection_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExternalRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "issueId" INTEGER NOT NULL,
    "organisationId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'wachtrij',
    "serviceCode" TEXT,
    "externalId" TEXT,
    "token" TEXT,
    "externalStatus" TEXT,
    "externalStatusNotes" TEXT,
    "externalUpdatedAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastAttemptAt" DATETIME,
    "nextAttemptAt" DATETIME,
    "sentAt" DATETIME,
    "lastPolledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ExternalRequest_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExternalRequest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertSubscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "userId" TEXT,
    "kind" TEXT NOT NULL,
    "buurtCode" TEXT,
    "themeId" TEXT,
    "lat" REAL,
    "lng" REAL,
    "radiusMeters" INTEGER,
    "frequency" TEXT NOT NULL DEFAULT 'direct',
    "confirmTokenHash" TEXT,
    "confirmExpiresAt" DATETIME,
    "confirmedAt" DATETIME,
    "lastDigestAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AlertSubscription_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AlertSubscription_buurtCode_fkey" FOREIGN KEY ("buurtCode") REFERENCES "Buurt" ("code") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AlertSubscription_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "subscriptionId" TEXT NOT NULL,
    "issueId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,

    PRIMARY KEY ("subscriptionId", "issueId"),
    CONSTRAINT "AlertDelivery_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "AlertSubscription" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AlertDelivery_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecurringJob" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "nextRunAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ExternalRequest_organisationId_status_idx" ON "ExternalRequest"("organisationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ExternalRequest_issueId_organisationId_key" ON "ExternalRequest"("issueId", "organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "AlertSubscription_confirmTokenHash_key" ON "AlertSubscription"("confirmTokenHash");

-- CreateIndex
CREATE INDEX "AlertSubscription_confirmedAt_kind_idx" ON "AlertSubscription"("confirmedAt", "kind");

-- CreateIndex
CREATE INDEX "AlertSubscription_email_idx" ON "AlertSubscription"("email");

-- CreateIndex
CREATE INDEX "AlertSubscription_userId_idx" ON "AlertSubscription"("userId");

-- CreateIndex
CREATE INDEX "AlertDelivery_sentAt_idx" ON "AlertDelivery"("sentAt");

