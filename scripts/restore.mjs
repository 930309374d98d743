#!/usr/bin/env node
// `npm run db:restore -- <backup> [<target>] [--force]`: puts a backup from scripts/backup.mjs
// in place. Stop the app servers first (docs/operations.md): a server that keeps the old file
// open would go on writing to it.
//
// SQLite: checks the backup (PRAGMA integrity_check, foreign_key_check), copies it next to the
// target, switches it to write-ahead logging (as scripts/prepare-db.mjs does) and renames it
// over the target in one step. An existing target is kept as <target>.before-restore-<time>,
// and only with --force. Default target: the file DATABASE_URL points at.
//
// PostgreSQL (DATABASE_URL=postgres://... is the target): pg_restore --clean --if-exists into
// that database, in one transaction (all or nothing).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const args = process.argv.slice(2);
const force = args.includes("--force");
const [backup, explicitTarget] = args.filter((arg) => arg !== "--force");
const databaseUrl = process.env.DATABASE_URL ?? "file:./data/buurtbestuurt.db";
const stamp = new Date()
  .toISOString()
  .replace(/[-:]/g, "")
  .replace(/\.\d+Z$/, "Z");

function fail(message) {
  console.error(`restore failed: ${message}`);
  process.exit(1);
}

if (!backup || !existsSync(backup)) fail("usage: restore.mjs <backup file> [<target>] [--force]");

if (/^postgres(ql)?:\/\//.test(explicitTarget ?? databaseUrl)) {
  try {
    execFileSync(
      "pg_restore",
      [
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        "--exit-on-error",
        "--dbname",
        explicitTarget ?? databaseUrl,
        backup,
      ],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
  } catch (error) {
    fail(error.message);
  }
  console.log("restored into the PostgreSQL database");
} else {
  if (!explicitTarget && !databaseUrl.startsWith("file:"))
    fail("DATABASE_URL must be a file: URL or a postgres:// URL");
  const target = path.resolve(explicitTarget ?? databaseUrl.slice("file:".length).replace(/\?.*$/, ""));
  if (existsSync(target) && !force) fail(`${target} exists: stop the servers and add --force to replace it`);

  const check = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    const integrity = check.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") fail(`the backup is damaged: ${integrity}`);
    const foreignKeys = check.pragma("foreign_key_check");
    if (foreignKeys.length > 0) fail(`the backup has ${foreignKeys.length} broken references`);
  } finally {
    check.close();
  }

  const incoming = `${target}.restoring`;
  copyFileSync(backup, incoming);
  const copy = new Database(incoming);
  copy.pragma("journal_mode = WAL");
  copy.close();
  if (existsSync(target)) {
    const kept = `${target}.before-restore-${stamp}`;
    renameSync(target, kept);
    console.log(`kept the old database as ${kept}`);
  }
  // Leftovers of the old file would be replayed into the new one.
  for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(target + suffix, { force: true });
  renameSync(incoming, target);
  for (const suffix of ["-wal", "-shm"]) {
    if (existsSync(incoming + suffix)) renameSync(incoming + suffix, target + suffix);
  }
  console.log(`restored ${backup} to ${target}`);
}
