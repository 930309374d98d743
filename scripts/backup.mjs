#!/usr/bin/env node
// `npm run db:backup [-- <target file>]`: a consistent copy of the database while the app runs.
//
// SQLite: better-sqlite3's online backup API (SQLite's backup API) copies the database page by
// page and restarts from changed pages when a write lands in between, so the copy is one
// consistent moment even with the server writing. The copy is then checked with
// PRAGMA integrity_check. Default target: backups/<name>-<UTC time>.db next to the database.
//
// PostgreSQL (DATABASE_URL=postgres://...): pg_dump in its custom format (one consistent
// snapshot; restore with scripts/restore.mjs, i.e. pg_restore). Default target: backups/*.dump.
//
// Prints the path of the backup; exits non-zero when anything failed (and removes a partial file).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const databaseUrl = process.env.DATABASE_URL ?? "file:./data/buurtbestuurt.db";
const postgres = /^postgres(ql)?:\/\//.test(databaseUrl);
const stamp = new Date()
  .toISOString()
  .replace(/[-:]/g, "")
  .replace(/\.\d+Z$/, "Z");

function fail(message) {
  console.error(`backup failed: ${message}`);
  process.exit(1);
}

if (postgres) {
  const target = path.resolve(process.argv[2] ?? path.join("backups", `buurtbestuurt-${stamp}.dump`));
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  try {
    // The URL goes in the environment-free way pg_dump accepts (--dbname), never on a log line.
    execFileSync("pg_dump", ["--format=custom", "--no-owner", "--file", partial, "--dbname", databaseUrl], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    fail(error.message);
  }
  console.log(target);
} else {
  if (!databaseUrl.startsWith("file:")) fail("DATABASE_URL must be a file: URL or a postgres:// URL");
  const source = path.resolve(databaseUrl.slice("file:".length).replace(/\?.*$/, ""));
  if (!existsSync(source)) fail(`no database at ${source}`);
  const name = path.basename(source).replace(/\.[^.]+$/, "");
  const target = path.resolve(process.argv[2] ?? path.join(path.dirname(source), "backups", `${name}-${stamp}.db`));
  if (existsSync(target)) fail(`${target} exists already`);
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 10000");
  try {
    // 1000 pages per step, then yield: the server's writes are not held up for the whole copy.
    await db.backup(partial, { progress: () => 1000 });
  } catch (error) {
    rmSync(partial, { force: true });
    fail(error.message);
  } finally {
    db.close();
  }
  const copy = new Database(partial);
  try {
    const integrity = copy.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new Error(`integrity_check of the copy: ${integrity}`);
    // A single file: the copy may be moved or restored without a -wal next to it.
    copy.pragma("journal_mode = DELETE");
  } catch (error) {
    copy.close();
    rmSync(partial, { force: true });
    fail(error.message);
  }
  copy.close();
  renameSync(partial, target);
  console.log(target);
}
