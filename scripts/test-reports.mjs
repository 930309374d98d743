// Counting the runners' JSON reports, shared by scripts/test.mjs and scripts/test-pg.mjs so both
// print "N passed, N failed" by the same rules.
import { readFileSync } from "node:fs";

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
  for (const file of report.testResults ?? []) {
    const failedAssertions = (file.assertionResults ?? []).filter((a) => a.status === "failed").length;
    if (file.status === "failed" && failedAssertions === 0) failed += 1;
  }
  if (status !== 0 && failed === 0) failed = 1; // e.g. unhandled errors between tests
  return { passed, failed, skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) };
}

/** Playwright's JSON: flaky tests passed on a retry; global errors (e.g. webServer) count once. */
export function countPlaywright(report, status) {
  if (!report?.stats) return { passed: 0, failed: 1, note: "no JSON report (runner crashed?)" };
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats;
  let failed = unexpected;
  if (failed === 0 && (report.errors?.length ?? 0) > 0) failed = 1;
  if (status !== 0 && failed === 0) failed = 1;
  return { passed: expected + flaky, failed };
}
