-- CreateTable
CREATE TABLE "WorkingDay" (
    "day" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,

    CONSTRAINT "WorkingDay_pkey" PRIMARY KEY ("day")
);

