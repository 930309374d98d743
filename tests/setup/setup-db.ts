/**
 * Vitest setupFiles: runs in the test worker before each test file's own imports, so the app's
 * env() and db see a private copy of the base database (built once by global-setup.ts).
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import { BASE_DB, TEST_SESSION_SECRET, TMP_DIR } from "./global-setup";

const id = `${process.pid}-${randomBytes(4).toString("hex")}`;
const databaseFile = path.join(TMP_DIR, `test-${id}.db`);
const uploadDir = path.join(TMP_DIR, `uploads-${id}`);

copyFileSync(BASE_DB, databaseFile);
mkdirSync(uploadDir, { recursive: true });

process.env.DATABASE_URL = `file:${databaseFile}`;
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET = TEST_SESSION_SECRET;
process.env.UPLOAD_DIR = uploadDir;
process.env.DEMO_DATA = "false";
// Never let a test reach a real map tile server.
process.env.TILE_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png";

const globalForDb = globalThis as unknown as { __db?: { $disconnect(): Promise<void> } };

afterAll(async () => {
  await globalForDb.__db?.$disconnect();
  delete globalForDb.__db;
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(databaseFile + suffix, { force: true });
  rmSync(uploadDir, { recursive: true, force: true });
});
