#!/usr/bin/env node
// Runs before the server starts: applies committed migrations to the database DATABASE_URL
// points at (a SQLite file, or PostgreSQL for a postgres:// URL) and seeds reference data
// (buurten, themes) plus, into an empty database only, the demo data.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";

const databaseUrl = process.env.DATABASE_URL ?? "file:./data/buurtbestuurt.db";
process.env.DATABASE_URL = databaseUrl;
const postgres = /^postgres(ql)?:\/\//.test(databaseUrl);
if (!postgres && !databaseUrl.startsWith("file:")) {
  console.error("DATABASE_URL must be a file: URL (SQLite) or a postgres:// URL (PostgreSQL)");
  process.exit(1);
}
if (!postgres) {
  mkdirSync(path.dirname(path.resolve(databaseUrl.slice("file:".length))), { recursive: true });
}
const bin = (name) => path.join("node_modules", ".bin", name);
const run = (command, args) => execFileSync(command, args, { stdio: "inherit", env: process.env });

// Each provider has its own migrations folder (PostgreSQL's is generated, see scripts/pg-schema.mjs).
run(bin("prisma"), ["migrate", "deploy", ...(postgres ? ["--config", "prisma/postgresql/prisma.config.ts"] : [])]);

if (postgres) {
  // Fresh planner statistics for the indexes the migrations just made (autovacuum would get
  // there too, but only after enough rows changed).
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
} else {
  // Write-ahead logging lets readers continue while a write is committed; the setting is
  // stored in the database file, so setting it once here covers every later connection.
  const { default: Database } = await import("better-sqlite3");
  const connection = new Database(path.resolve(databaseUrl.slice("file:".length)));
  connection.pragma("journal_mode = WAL");
  // Fresh planner statistics: without them SQLite may scan an index over every issue where a
  // primary-key lookup would do (measured in bench/: 26 ms -> 4.6 ms at 100k issues).
  connection.exec("ANALYZE");
  connection.close();
}
run(bin("tsx"), ["prisma/seed.ts"]);
