/**
 * Vitest globalSetup: builds ONE migrated and seeded database per run. Every test file then
 * works on its own copy of it (tests/setup/setup-db.ts), which is far cheaper than migrating per
 * file and keeps test files from seeing each other's rows.
 *
 * - SQLite (default): tests/.tmp/base.db, copied as a file.
 * - PostgreSQL (`npm run test:pg`, which sets TEST_PG_URL to a throwaway cluster, see
 *   scripts/test-pg.mjs): database "base" on that cluster, copied with CREATE DATABASE ... TEMPLATE.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
// Loaded here, in the main thread, before any test worker thread loads it: sharp (libvips) must
// not be unloaded when a worker thread ends (vitest.config.ts runs test files in threads).
import "sharp";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const TMP_DIR = path.join(root, "tests", ".tmp");
export const BASE_DB = path.join(TMP_DIR, "base.db");
/** Admin URL of the PostgreSQL cluster to test against; unset = SQLite. */
export const TEST_PG_URL = process.env.TEST_PG_URL;
/** The template database every PostgreSQL test file copies. */
export const PG_BASE_DATABASE = "base";
/** Fixed so test runs are reproducible; never used outside tests. */
export const TEST_SESSION_SECRET = "test-session-secret-not-for-production-0123456789";

const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  try {
    // Output is only shown when a step fails: Prisma's expected warnings would drown the test output.
    execFileSync(command, args, { cwd: root, env, stdio: "pipe", encoding: "utf8" });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    console.error(
      `\n[global-setup] ${path.basename(command)} ${args.join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`,
    );
    throw error;
  }
}

function removeDatabaseFile(file: string) {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Per-file copies left behind by runs that crashed; copies of a run still going are kept. */
function removeStaleCopies() {
  for (const name of readdirSync(TMP_DIR)) {
    const match = /^(?:test|uploads)-(\d+)-/.exec(name);
    if (match && !isAlive(Number(match[1]))) rmSync(path.join(TMP_DIR, name), { recursive: true, force: true });
  }
}

/** A URL for another database on the same PostgreSQL cluster. */
export function pgDatabaseUrl(adminUrl: string, name: string) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function pgAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function setupPostgres(adminUrl: string) {
  // Built under a private name, renamed at the end (as for SQLite): a half-built database is
  // never a template. The cluster belongs to this run (scripts/test-pg.mjs), so names are fixed.
  const building = `${PG_BASE_DATABASE}_building`;
  await pgAdmin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${building}"`);
  });
  const env = {
    ...process.env,
    DATABASE_URL: pgDatabaseUrl(adminUrl, building),
    DEMO_DATA: "false",
    SESSION_SECRET: TEST_SESSION_SECRET,
  };
  run(bin("prisma"), ["migrate", "deploy", "--config", path.join("prisma", "postgresql", "prisma.config.ts")], env);
  run(bin("tsx"), [path.join(root, "prisma", "seed.ts")], env);
  await pgAdmin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${PG_BASE_DATABASE}" WITH (FORCE)`);
    await client.query(`ALTER DATABASE "${building}" RENAME TO "${PG_BASE_DATABASE}"`);
  });
}

export default async function setup() {
  process.env.SESSION_SECRET = TEST_SESSION_SECRET;
  process.env.NODE_ENV = "test";
  mkdirSync(TMP_DIR, { recursive: true });
  removeStaleCopies();
  if (TEST_PG_URL) {
    await setupPostgres(TEST_PG_URL);
    return;
  }

  // Build under a private name and rename at the end: another run in the same working tree
  // may be copying base.db right now, and a rename never shows it a half-built file.
  const building = path.join(TMP_DIR, `base-${process.pid}.building.db`);
  removeDatabaseFile(building);
  const env = {
    ...process.env,
    DATABASE_URL: `file:${building}`,
    DEMO_DATA: "false",
    SESSION_SECRET: TEST_SESSION_SECRET,
  };

  run(bin("prisma"), ["migrate", "deploy"], env);

  const seedScript = path.join(root, "prisma", "seed.ts");
  if (existsSync(seedScript)) {
    run(bin("tsx"), [seedScript], env);
  } else {
    // Temporary while prisma/seed.ts is being written: tests needing buurten/themes will fail.
    console.warn("[global-setup] prisma/seed.ts not found: base.db has no buurten or themes");
  }

  // Fold any write-ahead log into the main file so a plain file copy carries every row.
  const sqlite = new Database(building);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.pragma("journal_mode = DELETE");
  sqlite.close();

  for (const suffix of ["-journal", "-wal", "-shm"]) rmSync(BASE_DB + suffix, { force: true });
  renameSync(building, BASE_DB); // replaces the previous base.db atomically
  removeDatabaseFile(building);
}
