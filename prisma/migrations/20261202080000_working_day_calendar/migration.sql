-- CreateTable
CREATE TABLE "WorkingDay" (
    "day" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ordinal" INTEGER NOT NULL
);

