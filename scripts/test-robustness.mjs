#!/usr/bin/env node
// `npm run test:robustness`: the production server under abuse. Builds (or with SKIP_BUILD=1
// reuses) the production build in BUILD_DIR (default build-robustness, so a running ./build is
// not touched), prepares a migrated and seeded SQLite database in a temp directory, then runs
// against real `node server.mjs` processes on ports ROBUSTNESS_PORT.. (default 3280..3283):
//   headers, logs, /healthz, /metrics and the render cache   (tests/robustness/http-checks.mjs)
//   a deterministic fuzz of every route as 5 roles           (tests/robustness/fuzz.mjs)
//   kill -9 during a burst of writes                          (tests/robustness/crash.mjs)
//   online backup during writes + restore                     (tests/robustness/crash.mjs)
//   PostgreSQL pg_dump/pg_restore when PostgreSQL is there    (tests/robustness/postgres.mjs)
// Ends with "N passed, N failed"; exits non-zero on any failure. FUZZ_REQUESTS overrides 10000.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runBackupCheck, runCrashCheck } from "../tests/robustness/crash.mjs";
import { runFuzz } from "../tests/robustness/fuzz.mjs";
import { runHealthDownCheck, runHttpChecks } from "../tests/robustness/http-checks.mjs";
import { check, copyDatabase, openDatabase, ROOT, serverEnv, startServer, summary } from "../tests/robustness/lib.mjs";

const started = Date.now();
process.env.BUILD_DIR ??= "build-robustness";
const basePort = Number(process.env.ROBUSTNESS_PORT ?? 3280);
const fuzzRequests = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const metricsToken = "robustness-metrics-token-0123456789";
const dir = mkdtempSync(path.join(os.tmpdir(), "bb-robustness-"));
const keep = process.env.KEEP_TMP === "1";
const servers = new Set();

/** startServer that remembers the process, so a failure or Ctrl-C never leaves one running. */
async function start(options) {
  const server = await startServer(options);
  servers.add(server);
  server.exit.then(() => servers.delete(server));
  return server;
}

function cleanUp() {
  for (const server of servers) server.child.kill("SIGKILL");
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);

try {
  const buildDir = path.join(ROOT, process.env.BUILD_DIR);
  if (process.env.SKIP_BUILD === "1") {
    if (!existsSync(path.join(buildDir, "server", "index.js")))
      throw new Error(`SKIP_BUILD=1 but no build in ${buildDir}`);
  } else {
    console.log(`Building into ${process.env.BUILD_DIR} ...`);
    // Quiet unless it fails: Rollup's warnings about zod's comments are noise here.
    try {
      execFileSync(bin("remix"), ["vite:build"], { cwd: ROOT, env: process.env, stdio: "pipe" });
    } catch (error) {
      process.stderr.write(`${error.stdout ?? ""}${error.stderr ?? ""}`);
      throw new Error("the build failed");
    }
  }

  // One migrated + seeded database (what `npm start` does); each part works on its own copy.
  const base = path.join(dir, "base.db");
  console.log("Preparing the database ...");
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "prepare-db.mjs")], {
    cwd: ROOT,
    env: serverEnv({ dir, port: basePort, databaseFile: base }),
    stdio: "pipe",
  });
  // Fold a write-ahead log into the file, so a plain file copy is the whole database.
  const checkpoint = openDatabase(base);
  checkpoint.pragma("wal_checkpoint(TRUNCATE)");
  checkpoint.close();
  const copyOf = (name) => {
    const file = path.join(dir, `${name}.db`);
    copyDatabase(base, file);
    return file;
  };

  {
    const databaseFile = copyOf("http");
    const server = await start({ dir, port: basePort, databaseFile, extra: { METRICS_TOKEN: metricsToken } });
    await runHttpChecks({ server, databaseFile, metricsToken });
    await server.stop();
    await runHealthDownCheck({ startServer: start, dir, port: basePort });
  }

  console.log(`Fuzz (${fuzzRequests} requests)`);
  {
    const databaseFile = copyOf("fuzz");
    // Request lines stay on: a request the client saw no answer to is looked up in the log.
    const server = await start({ dir, port: basePort + 1, databaseFile });
    await runFuzz({ server, databaseFile, total: fuzzRequests });
    await check("fuzz: the server is still healthy and its database intact", async () => {
      const db = openDatabase(databaseFile, { readonly: true });
      const integrity = db.pragma("integrity_check", { simple: true });
      const foreignKeys = db.pragma("foreign_key_check").length;
      db.close();
      if (integrity !== "ok" || foreignKeys !== 0)
        throw new Error(`integrity ${integrity}, ${foreignKeys} broken references`);
      if (server.exited) throw new Error("the server exited during the fuzz");
    });
    await server.stop();
  }

  console.log("Crash (kill -9)");
  await runCrashCheck({ startServer: start, dir, port: basePort + 2, databaseFile: copyOf("crash") });

  console.log("Backup and restore");
  await runBackupCheck({ startServer: start, dir, port: basePort + 3, databaseFile: copyOf("backup") });

  const { runPostgresBackupCheck } = await import("../tests/robustness/postgres.mjs");
  await runPostgresBackupCheck({ dir });
} catch (error) {
  await check("robustness suite ran to the end", () => {
    throw error;
  });
} finally {
  cleanUp();
}

const { passed, failed, failures } = summary();
console.log(`\nRobustness: ${Math.round((Date.now() - started) / 1000)} s${keep ? `, files kept in ${dir}` : ""}`);
for (const failure of failures) console.log(`FAILED: ${failure}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
