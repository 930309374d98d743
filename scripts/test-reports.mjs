// Counting the runners' JSON reports, shared by scripts/test.mjs and scripts/test-pg.mjs so both
// print "N passed, N failed" by the same rules.
import { readFileSync } from "node:fs";
import path from "node:path";

export function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** Vitest's JSON (Jest format). A file that failed to load has no failed assertions: count it once. */
export function countVitest(report, status) {
  if (!report) return { passed: 0, failed: 1, note: "no JSON report (runner crashed?)" };
  const passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  const failures = [];
  for (const file of report.testResults ?? []) {
    const where = path.relative(process.cwd(), file.name ?? "");
    const failedTests = (file.assertionResults ?? []).filter((a) => a.status === "failed");
    for (const test of failedTests) {
      failures.push(`${where} > ${test.fullName ?? test.title}: ${firstLine(test.failureMessages?.[0])}`);
    }
    if (file.status === "failed" && failedTests.length === 0) {
      failed += 1;
      failures.push(`${where}: ${firstLine(file.message)}`);
    }
  }
  if (status !== 0 && failed === 0) failed = 1; // e.g. unhandled errors between tests
  return { passed, failed, failures, skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) };
}

/** Playwright's JSON: flaky tests passed on a retry; global errors (e.g. webServer) count once. */
export function countPlaywright(report, status) {
  if (!report?.stats) return { passed: 0, failed: 1, note: "no JSON report (runner crashed?)" };
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats;
  let failed = unexpected;
  if (failed === 0 && (report.errors?.length ?? 0) > 0) failed = 1;
  if (status !== 0 && failed === 0) failed = 1;
  const failures = (report.errors ?? []).map((error) => `global: ${firstLine(error.message)}`);
  const visit = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== "unexpected") continue;
        const result = test.results?.at(-1);
        failures.push(`${spec.file} > ${[...titles, spec.title].join(" > ")}: ${firstLine(result?.error?.message)}`);
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) visit(suite, []);
  return { passed: expected + flaky, failed, failures };
}

/** The first non-empty line of a failure message, without terminal colours, for a summary. */
function firstLine(message) {
  // eslint-disable-next-line no-control-regex
  const plain = String(message ?? "").replace(/\u001b\[[0-9;]*m/g, "");
  return (plain.split("\n").find((line) => line.trim()) ?? "(no message)").trim().slice(0, 300);
}
