#!/usr/bin/env node
// `npm run test:pg [-- vitest args]`: the integration suite against PostgreSQL 15.
// Checks that the generated PostgreSQL schema and migrations are current, starts a throwaway
// cluster (scripts/pg-cluster.mjs), runs Vitest with TEST_PG_URL pointing at it (the global
// setup migrates and seeds a template database; each test file gets its own copy), stops the
// cluster and removes its directory, also on failure or Ctrl-C. Ends with "N passed, N failed".
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startCluster, stopCluster, stopClusterSync } from "./pg-cluster.mjs";
import { readJson, countVitest } from "./test-reports.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const resultsDir = path.join(root, "test-results");
const VITEST_JSON = path.join(resultsDir, "vitest-pg.json");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
mkdirSync(resultsDir, { recursive: true });

const results = [];
let cluster = null;
let vitest = null;

// Last-resort cleanup: a Ctrl-C or kill must not leave a postgres running or its directory behind.
process.on("exit", () => stopClusterSync(cluster));
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, async () => {
    if (interrupted) return;
    interrupted = true;
    stopClusterSync(cluster);
    cluster = null;
    // Vitest may be busy in its global setup (a child process) and not react to a signal
    // sent to it alone: give it a moment, then make sure it is gone.
    const runner = vitest;
    if (runner && runner.exitCode === null) {
      runner.kill("SIGTERM");
      const exited = new Promise((resolve) => runner.once("exit", resolve));
      const timeout = new Promise((resolve) => setTimeout(() => resolve("timeout"), 5000));
      if ((await Promise.race([exited, timeout])) === "timeout") runner.kill("SIGKILL");
    }
    process.exit(130);
  });
}

console.log("$ node scripts/pg-schema.mjs --check");
const check = spawnSync(process.execPath, [path.join(root, "scripts", "pg-schema.mjs"), "--check"], {
  cwd: root,
  stdio: "inherit",
});
results.push({ step: "pg-schema", passed: check.status === 0 ? 1 : 0, failed: check.status === 0 ? 0 : 1 });

try {
  cluster = await startCluster();
  console.log(`PostgreSQL test cluster on ${cluster.url} (${cluster.dataDir})`);
  rmSync(VITEST_JSON, { force: true });
  const args = [
    "run",
    "--config",
    "vitest.pg.config.ts",
    "--reporter=default",
    "--reporter=json",
    `--outputFile=${path.relative(root, VITEST_JSON)}`,
    ...process.argv.slice(2),
  ];
  console.log(`$ TEST_PG_URL=${cluster.url} vitest ${args.join(" ")}`);
  vitest = spawn(bin("vitest"), args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, TEST_PG_URL: cluster.url },
  });
  const status = await new Promise((resolve) => vitest.on("exit", (code) => resolve(code ?? 1)));
  vitest = null;
  results.push({ step: "vitest (pg)", ...countVitest(readJson(VITEST_JSON), status) });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  results.push({ step: "vitest (pg)", passed: 0, failed: 1, note: "could not start PostgreSQL" });
} finally {
  await stopCluster(cluster);
  cluster = null;
}

console.log(`\n${"=".repeat(72)}\n== Summary (PostgreSQL)\n${"=".repeat(72)}`);
for (const r of results) {
  const extra = [r.skipped ? `${r.skipped} skipped` : "", r.note ?? ""].filter(Boolean).join(", ");
  console.log(`${r.step.padEnd(12)} ${r.passed} passed, ${r.failed} failed${extra ? ` (${extra})` : ""}`);
}
for (const failure of results.flatMap((r) => r.failures ?? [])) console.log(`FAILED: ${failure}`);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
