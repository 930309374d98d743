#!/usr/bin/env node
// `npm test`: typecheck, lint, Vitest (unit + integration) and Playwright (e2e), always all four,
// then one summary line "N passed, N failed" counted from the runners' JSON reports.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readJson, countVitest, countPlaywright } from "./test-reports.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const resultsDir = path.join(root, "test-results");
const VITEST_JSON = path.join(resultsDir, "vitest.json");
const PLAYWRIGHT_JSON = path.join(resultsDir, "playwright.json");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

mkdirSync(resultsDir, { recursive: true });

function heading(text) {
  console.log(`\n${"=".repeat(72)}\n== ${text}\n${"=".repeat(72)}`);
}

function run(command, args) {
  console.log(`$ ${path.relative(root, command) || command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.error) console.error(result.error.message);
  return result.status ?? 1;
}

const results = [];

/** Runs a command with its output kept, for steps that run side by side. */
function runQuietly(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: process.env });
    const output = [];
    child.stdout.on("data", (chunk) => output.push(chunk));
    child.stderr.on("data", (chunk) => output.push(chunk));
    child.on("error", (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on("close", (code) => resolve({ status: code ?? 1, output: Buffer.concat(output).toString() }));
  });
}

// Typecheck and lint side by side (one core each); their outputs follow one another.
const [tsc, lint] = await Promise.all([
  runQuietly(bin("tsc"), ["--noEmit"]),
  runQuietly(bin("eslint"), ["."]),
]);
for (const [title, step, { status, output }] of [
  ["1/4 Typecheck: tsc --noEmit", "typecheck", tsc],
  ["2/4 Lint: eslint .", "lint", lint],
]) {
  heading(title);
  process.stdout.write(output);
  results.push({ step, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1 });
}

heading("3/4 Unit and integration tests: vitest");
rmSync(VITEST_JSON, { force: true });
const vitestStatus = run(bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile=${path.relative(root, VITEST_JSON)}`,
]);
results.push({ step: "vitest", ...countVitest(readJson(VITEST_JSON), vitestStatus) });

heading("4/4 Browser tests: playwright");
rmSync(PLAYWRIGHT_JSON, { force: true });
const browserStatus = run(process.execPath, [path.join("scripts", "ensure-browser.mjs")]);
if (browserStatus !== 0) {
  results.push({ step: "playwright", passed: 0, failed: 1, note: "no browser available" });
} else {
  const playwrightStatus = run(bin("playwright"), ["test"]);
  results.push({ step: "playwright", ...countPlaywright(readJson(PLAYWRIGHT_JSON), playwrightStatus) });
}

heading("Summary");
for (const r of results) {
  console.log(`${r.step.padEnd(11)} ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ""}`);
}
for (const failure of results.flatMap((r) => r.failures ?? [])) console.log(`FAILED: ${failure}`);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
