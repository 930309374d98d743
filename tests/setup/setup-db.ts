/**
 * Vitest setupFiles: runs in the test worker before each test file's own imports, so the app's
 * env() and db see a private copy of the base database (built once by global-setup.ts): a copy
 * of the SQLite file, or on PostgreSQL a database created from the "base" template.
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import {
  BASE_DB,
  PG_BASE_DATABASE,
  pgAdmin,
  pgDatabaseUrl,
  TEST_PG_URL,
  TEST_SESSION_SECRET,
  TMP_DIR,
} from "./global-setup";

const id = `${process.pid}-${randomBytes(4).toString("hex")}`;
const databaseFile = path.join(TMP_DIR, `test-${id}.db`);
const pgDatabase = `test_${id.replace("-", "_")}`;
const uploadDir = path.join(TMP_DIR, `uploads-${id}`);

/**
 * CREATE DATABASE ... TEMPLATE fails while any session is connected to the template; only the
 * global setup ever connects to it, but retry briefly in case a copy of another file overlaps.
 */
async function createPgCopy(adminUrl: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await pgAdmin(adminUrl, (client) =>
        client.query(`CREATE DATABASE "${pgDatabase}" TEMPLATE "${PG_BASE_DATABASE}"`),
      );
      return pgDatabaseUrl(adminUrl, pgDatabase);
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

if (TEST_PG_URL) {
  process.env.DATABASE_URL = await createPgCopy(TEST_PG_URL);
} else {
  copyFileSync(BASE_DB, databaseFile);
  process.env.DATABASE_URL = `file:${databaseFile}`;
}
mkdirSync(uploadDir, { recursive: true });

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
  if (TEST_PG_URL) {
    // FORCE: a client a test created itself (createDb) may still hold a connection.
    await pgAdmin(TEST_PG_URL, (client) => client.query(`DROP DATABASE IF EXISTS "${pgDatabase}" WITH (FORCE)`));
  } else {
    for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(databaseFile + suffix, { force: true });
  }
  rmSync(uploadDir, { recursive: true, force: true });
});
