/**
 * Dashboard part: server time of the steering dashboard's default view (/stuurgroep, the last
 * 12 months, no filters) at 100,000 generated issues with steering data (app-100000.db), in
 * a worker process that calls the route's own code: loadDashboard (the loader) and
 * dashboardGrid (/api/stuurgroep/grid, which the page fetches for the heat map). Then the same
 * pieces one by one, to show where the time goes. See bench/README.md.
 */
import { fileURLToPath } from "node:url";
import { log, runJsonWorker, percentile, round, table, type Target } from "./lib/common";
import { GENERATED_UNTIL, ensureAppDb } from "./lib/db";
import { PAGES_ISSUES } from "./pages";

const SELF = fileURLToPath(import.meta.url);
const RUNS = 10;
const WARMUP_RUNS = 2;
const MAX_LOADER_MS = 300;
/**
 * "Now" for the dashboard: a week after the generated data end, fixed, so the default period
 * (the last 12 months) covers the same issues on every day the benchmark runs.
 */
const NOW = new Date(GENERATED_UNTIL + 7 * 24 * 3600 * 1000);

type Part = { part: string; p50Ms: number; p95Ms: number; rows?: number };
type WorkerOutput = { parts: Part[]; summary: Record<string, number> };

export async function runDashboard() {
  const { file } = ensureAppDb(PAGES_ISSUES);
  log(`dashboard: worker on app-${PAGES_ISSUES}.db, ${RUNS} runs after ${WARMUP_RUNS} warm-ups`);
  const output = await runJsonWorker<WorkerOutput>(SELF, ["--worker"], file, "dashboard worker", ["--expose-gc"]);
  const loader = output.parts.find((p) => p.part === "loader total (loadDashboard)")!;
  const grid = output.parts.find((p) => p.part === "grid total (dashboardGrid)")!;
  const targets: Target[] = [
    {
      part: "dashboard",
      name: `default view at ${PAGES_ISSUES.toLocaleString("en")} issues: loader p50 < ${MAX_LOADER_MS} ms`,
      pass: loader.p50Ms < MAX_LOADER_MS,
      detail: `p50 ${loader.p50Ms.toFixed(0)} ms, p95 ${loader.p95Ms.toFixed(0)} ms`,
    },
    {
      part: "dashboard",
      name: `heat-map grid of the default view: p50 < ${MAX_LOADER_MS} ms`,
      pass: grid.p50Ms < MAX_LOADER_MS,
      detail: `p50 ${grid.p50Ms.toFixed(0)} ms, p95 ${grid.p95Ms.toFixed(0)} ms`,
    },
  ];
  const report = [
    `Dashboard: default view (last 12 months before ${NOW.toISOString().slice(0, 10)}, no filters), app-${PAGES_ISSUES}.db, in-process, ${RUNS} runs`,
    table(
      ["part", "p50 ms", "p95 ms", "rows"],
      output.parts.map((p) => [
        p.part,
        p.p50Ms.toFixed(1),
        p.p95Ms.toFixed(1),
        p.rows === undefined ? "" : p.rows.toLocaleString("en"),
      ]),
    ),
    `figures: ${Object.entries(output.summary)
      .map(([key, value]) => `${key} ${value}`)
      .join(", ")}`,
  ].join("\n");
  return { results: { now: NOW.toISOString(), runs: RUNS, ...output }, targets, report };
}

async function worker() {
  const dashboard = await import("../app/utils/dashboard.server");
  const { parseDashboardQuery, resolvePeriod } = await import("../app/domain/dashboard");
  const { getSettings } = await import("../app/utils/settings.server");
  const sql = await import("../app/utils/sql.server");
  const { db } = await import("../app/utils/db.server");
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const query = parseDashboardQuery(new URLSearchParams());
  // A steering-group member: the role the page is for (only the issue links depend on it).
  const viewer = {
    id: "bench",
    name: "Bench",
    email: "bench@buurtbestuurt.test",
    buurtCode: null,
    roles: ["resident", "steering"],
    memberships: [],
  };

  const times: Record<string, number[]> = {};
  const rows: Record<string, number> = {};
  const timed = async <T>(part: string, work: () => Promise<T> | T, count?: (result: T) => number) => {
    const start = performance.now();
    const result = await work();
    (times[part] ??= []).push(performance.now() - start);
    if (count) rows[part] = count(result);
    return result;
  };

  let last: Awaited<ReturnType<typeof dashboard.loadDashboard>> | undefined;
  for (let run = 0; run < WARMUP_RUNS + RUNS; run++) {
    if (run === WARMUP_RUNS) for (const key of Object.keys(times)) delete times[key];
    gc();
    last = await timed("loader total (loadDashboard)", () => dashboard.loadDashboard(query, viewer as never, NOW));
    await timed(
      "grid total (dashboardGrid)",
      () => dashboard.dashboardGrid(query, NOW),
      (r) => r.cells.length,
    );
    // The pieces, in the order the loader runs them.
    const period = resolvePeriod(query, NOW);
    const [options, settings] = await timed("options + settings", () =>
      Promise.all([dashboard.dashboardOptions(), getSettings()]),
    );
    const filter = { start: period.start, end: period.end };
    await timed(
      "group-by theme x buurt x month x nature (SQL)",
      () =>
        sql.countIssuesByThemeBuurtMonth(
          filter,
          period.months.map((m) => m.end),
        ),
      (r) => r.length,
    );
    await timed(
      "medians in working days (SQL histogram + JS)",
      () => dashboard.responseTimeFigures(filter, options.organisations, NOW),
      (r) => r.medians.length,
    );
    // The reference path it replaced (one row per owned issue), for comparison.
    const durations = await timed(
      "  before: duration rows of owned issues (SQL)",
      () => sql.issueDurations(filter),
      (r) => r.length,
    );
    await timed("  before: medians in working days (JS)", () =>
      dashboard.durationMedians(durations, options.organisations),
    );
    await timed("open issues: overdue lists + counts, open structural (3 queries)", () =>
      dashboard.overdueIssues(query, settings, options, NOW),
    );
  }
  await db.$disconnect();
  const parts: Part[] = Object.entries(times).map(([part, values]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return {
      part,
      p50Ms: round(percentile(sorted, 50), 1),
      p95Ms: round(percentile(sorted, 95), 1),
      ...(part in rows ? { rows: rows[part] } : {}),
    };
  });
  const summary = last
    ? {
        issuesInPeriod: last.totals.total,
        ownedRowsForMedians: rows["  before: duration rows of owned issues (SQL)"] ?? 0,
        overdueTriage: last.overdue.triageCount,
        overdueResolution: last.overdue.resolutionCount,
        openStructural: last.openStructural,
        organisationsWithMedians: last.medians.length,
      }
    : {};
  process.stdout.write(JSON.stringify({ parts, summary }) + "\n");
}

if (process.argv.includes("--worker")) {
  worker().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
