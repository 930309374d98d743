/**
 * Supports part: 200 people (200 sessions, one keep-alive connection each) support issues at
 * the same time through the real action (POST /meldingen/:id/steun, as the support button's
 * form sends it). Reports acknowledged writes per second and checks afterwards, in the
 * database, that nothing was lost or counted twice. Then, in a worker process on the same
 * database, times the steps of one support one by one (session, issue, rate limit, the
 * support statement that returns the new count) to show where the time goes. See bench/README.md.
 */
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { TMP_DIR, log, mulberry32, percentile, round, runJsonWorker, table, type Target } from "./lib/common";
import { BENCH_USERS, benchUserIds, copyDb, createSessions, ensureAppDb } from "./lib/db";
import { startServer } from "./lib/server";
import { PAGES_ISSUES } from "./pages";

const SELF = fileURLToPath(import.meta.url);
const PORT = 3312;
const CLIENTS = 200;
/** Supports per person (the action allows 120 per person per minute). */
const SUPPORTS_PER_CLIENT = 5;
/** Issues they support: few, so many people support the same issue at the same moment. */
const TARGET_ISSUES = 40;
const MIN_WRITES_PER_SECOND = 1000;
const PROFILE_ROUNDS = 40;

type Outcome = { issueId: number; userId: string; status: number; supported: boolean; ms: number; retry: boolean };

function post(agent: http.Agent, url: string, token: string, origin: string) {
  return new Promise<{ status: number; body: string; ms: number }>((resolve, reject) => {
    const body = "intent=support";
    const start = performance.now();
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
          "Content-Length": Buffer.byteLength(body),
          Cookie: `bb_session=${token}`,
          Origin: origin,
          Referer: url.replace(/\/steun$/, ""),
          Accept: "*/*",
          "Sec-Fetch-Site": "same-origin",
          "Sec-Fetch-Mode": "cors",
        },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: text, ms: performance.now() - start }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

export async function runSupports() {
  const { file: source } = ensureAppDb(PAGES_ISSUES);
  const file = path.join(TMP_DIR, "supports.db");
  copyDb(source, file);
  const users = benchUserIds(BENCH_USERS);
  const clientUsers = users.slice(0, CLIENTS);
  const tokens = createSessions(file, clientUsers);

  const sqlite = new Database(file);
  const issueIds = (
    sqlite
      .prepare(
        `SELECT id FROM Issue WHERE visibility = 'public' AND title LIKE 'Benchmarkmelding %' ORDER BY id LIMIT ?`,
      )
      .all(TARGET_ISSUES) as { id: number }[]
  ).map((row) => row.id);
  // Start from a known state: no supports by the bench people.
  sqlite.prepare(`DELETE FROM Support WHERE userId LIKE 'benchuser%'`).run();
  sqlite.close();

  // Every person supports SUPPORTS_PER_CLIENT different issues in a random order, and sends
  // one of them twice (a double click / retry), which must count once.
  const random = mulberry32(8);
  const plans = clientUsers.map((userId, index) => {
    const pool = [...issueIds];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    const chosen = pool.slice(0, SUPPORTS_PER_CLIENT);
    return {
      userId,
      token: tokens[index],
      steps: [...chosen.map((id) => ({ id, retry: false })), { id: chosen[0], retry: true }],
    };
  });

  const server = await startServer({ database: file, port: PORT });
  const outcomes: Outcome[] = [];
  const networkErrors: string[] = [];
  let wallMs = 0;
  try {
    log(`supports: ${CLIENTS} clients x ${SUPPORTS_PER_CLIENT + 1} POSTs, concurrently`);
    const agents = plans.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
    const start = performance.now();
    await Promise.all(
      plans.map(async (plan, index) => {
        for (const step of plan.steps) {
          const url = `${server.url}/meldingen/${step.id}/steun`;
          const response = await post(agents[index], url, plan.token, server.url).catch((error: unknown) => {
            // A broken connection counts as not acknowledged (status 0); the check below still
            // verifies the database, as a client that retries would need.
            networkErrors.push(error instanceof Error ? error.message : String(error));
            return { status: 0, body: "", ms: NaN };
          });
          let supported = false;
          if (response.status === 200) {
            try {
              supported = (JSON.parse(response.body) as { supported?: boolean }).supported === true;
            } catch {
              supported = false;
            }
          }
          outcomes.push({
            issueId: step.id,
            userId: plan.userId,
            status: response.status,
            supported,
            ms: response.ms,
            retry: step.retry,
          });
        }
      }),
    );
    wallMs = performance.now() - start;
    for (const agent of agents) agent.destroy();
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`server.mjs stopped during the supports run:\n${server.output()}`);
    }
    if (networkErrors.length > 0) log(`supports: ${networkErrors.length} network errors, first: ${networkErrors[0]}`);
  } finally {
    await server.stop();
  }

  // Verification in the database --------------------------------------------------------------
  const acknowledged = new Map<number, Set<string>>();
  for (const outcome of outcomes) {
    if (!outcome.supported) continue;
    const set = acknowledged.get(outcome.issueId) ?? new Set<string>();
    set.add(outcome.userId);
    acknowledged.set(outcome.issueId, set);
  }
  const db = new Database(file, { readonly: true });
  let lost = 0;
  let unexpected = 0;
  let countMismatches = 0;
  for (const issueId of issueIds) {
    const rows = db.prepare(`SELECT userId FROM Support WHERE issueId = ?`).all(issueId) as { userId: string | null }[];
    const stored = new Set(rows.filter((row) => row.userId?.startsWith("benchuser")).map((row) => row.userId!));
    const expected = acknowledged.get(issueId) ?? new Set<string>();
    for (const userId of expected) if (!stored.has(userId)) lost++;
    for (const userId of stored) if (!expected.has(userId)) unexpected++;
    const { supportCount } = db.prepare(`SELECT supportCount FROM Issue WHERE id = ?`).get(issueId) as {
      supportCount: number;
    };
    // Generated issues have no other supports, so the count must be exactly the acknowledged people.
    if (supportCount !== rows.length || supportCount !== expected.size) countMismatches++;
  }
  const duplicates = (
    db
      .prepare(
        `SELECT count(*) AS c FROM (SELECT userId, issueId FROM Support WHERE userId IS NOT NULL GROUP BY userId, issueId HAVING count(*) > 1)`,
      )
      .get() as { c: number }
  ).c;
  db.close();

  const firstTime = outcomes.filter((o) => !o.retry);
  const ok = outcomes.filter((o) => o.status === 200);
  const failed = outcomes.filter((o) => o.status !== 200);
  const statusCounts: Record<string, number> = {};
  for (const outcome of failed) statusCounts[outcome.status] = (statusCounts[outcome.status] ?? 0) + 1;
  const writesPerSecond = ok.length / (wallMs / 1000);
  const latencies = outcomes
    .filter((o) => !Number.isNaN(o.ms))
    .map((o) => o.ms)
    .sort((a, b) => a - b);

  log("supports: profiling the steps of one support (worker on the same database)");
  const profile = await runProfileWorker(file);

  const totals = {
    requests: outcomes.length,
    acknowledged: ok.length,
    firstTimeAcknowledged: firstTime.filter((o) => o.supported).length,
    failedByStatus: statusCounts,
    networkErrors: networkErrors.length,
    wallMs: round(wallMs, 0),
    writesPerSecond: round(writesPerSecond, 1),
    latencyP50Ms: round(percentile(latencies, 50), 1),
    latencyP95Ms: round(percentile(latencies, 95), 1),
    latencyMaxMs: round(latencies[latencies.length - 1] ?? NaN, 1),
    distinctSupportsAcknowledged: [...acknowledged.values()].reduce((sum, set) => sum + set.size, 0),
    lost,
    unexpected,
    duplicates,
    countMismatches,
  };
  const targets: Target[] = [
    {
      part: "supports",
      name: `${CLIENTS} concurrent people: >= ${MIN_WRITES_PER_SECOND} acknowledged supports/s`,
      pass: writesPerSecond >= MIN_WRITES_PER_SECOND && failed.length === 0,
      detail:
        `${totals.acknowledged} in ${(wallMs / 1000).toFixed(2)} s = ${writesPerSecond.toFixed(0)}/s` +
        (failed.length > 0 ? `; ${failed.length} not acknowledged (${JSON.stringify(statusCounts)})` : ""),
    },
    {
      part: "supports",
      name: "0 lost, 0 duplicated: supportCount = distinct acknowledged supporters, Support rows unique",
      pass: lost === 0 && unexpected === 0 && duplicates === 0 && countMismatches === 0,
      detail: `${totals.distinctSupportsAcknowledged} distinct supports on ${issueIds.length} issues; lost ${lost}, unacknowledged rows ${unexpected}, duplicate rows ${duplicates}, count mismatches ${countMismatches}`,
    },
  ];
  const report = [
    `Supports: ${CLIENTS} people x ${SUPPORTS_PER_CLIENT} issues (+1 repeated POST each) on ${TARGET_ISSUES} issues, concurrently (copy of app-${PAGES_ISSUES}.db)`,
    table(
      ["requests", "acknowledged", "wall s", "writes/s", "p50 ms", "p95 ms", "max ms"],
      [
        [
          totals.requests,
          totals.acknowledged,
          (wallMs / 1000).toFixed(2),
          writesPerSecond.toFixed(0),
          totals.latencyP50Ms,
          totals.latencyP95Ms,
          totals.latencyMaxMs,
        ],
      ],
    ),
    "",
    `Where the time of one support goes (in-process, one at a time, ${PROFILE_ROUNDS} rounds; p50 ms):`,
    table(
      ["step", "p50 ms", "p95 ms"],
      profile.map((step) => [step.step, step.p50Ms.toFixed(2), step.p95Ms.toFixed(2)]),
    ),
  ].join("\n");
  return {
    results: { ...totals, clients: CLIENTS, supportsPerClient: SUPPORTS_PER_CLIENT, issues: TARGET_ISSUES, profile },
    targets,
    report,
  };
}

// ---------------------------------------------------------------------------------------------
// Profile worker: the steps the action takes, timed one by one on the same database

type ProfileStep = { step: string; p50Ms: number; p95Ms: number };

function runProfileWorker(file: string) {
  return runJsonWorker<ProfileStep[]>(SELF, ["--profile"], file, "support profile worker");
}

async function profileWorker() {
  const { getSessionUser } = await import("../app/utils/auth.server");
  const { hitRateLimit } = await import("../app/utils/rate-limit.server");
  const { insertSupport, publicIssueExists } = await import("../app/utils/sql.server");
  const { db } = await import("../app/utils/db.server");
  const file = process.env.DATABASE_URL!.replace(/^file:/, "");
  // People who took no part in the concurrent run, so every insert is a new support.
  const userIds = benchUserIds(BENCH_USERS).slice(CLIENTS);
  const tokens = createSessions(file, userIds);
  const issues = (
    await db.issue.findMany({
      where: { title: { startsWith: "Benchmarkmelding" } },
      select: { id: true },
      orderBy: { id: "desc" },
      take: PROFILE_ROUNDS,
    })
  ).map((i) => i.id);
  const times: Record<string, number[]> = {};
  const timed = async <T>(step: string, work: () => Promise<T>) => {
    const start = performance.now();
    const result = await work();
    (times[step] ??= []).push(performance.now() - start);
    return result;
  };
  for (let round = 0; round < PROFILE_ROUNDS; round++) {
    const userIndex = round % userIds.length;
    const issueId = issues[round % issues.length];
    const request = new Request(`http://127.0.0.1/meldingen/${issueId}/steun`, {
      method: "POST",
      headers: { Cookie: `bb_session=${tokens[userIndex]}` },
    });
    const total = performance.now();
    const user = await timed("session lookup (getSessionUser)", () => getSessionUser(request));
    if (!user) throw new Error("profile: session not found");
    await timed("issue check (publicIssueExists)", () => publicIssueExists(issueId));
    await timed("rate limit (one upsert ... returning)", () => hitRateLimit(`support:user:${user.id}`, 120, 60_000));
    await timed("support + recount, returns the count (insertSupport)", () => insertSupport(issueId, user.id));
    (times["all steps"] ??= []).push(performance.now() - total);
  }
  await db.$disconnect();
  const steps = Object.entries(times).map(([step, values]) => {
    const sorted = values.slice(5).sort((a, b) => a - b); // the first rounds warm up the client
    return { step, p50Ms: round(percentile(sorted, 50), 2), p95Ms: round(percentile(sorted, 95), 2) };
  });
  process.stdout.write(JSON.stringify(steps) + "\n");
}

if (process.argv.includes("--profile")) {
  profileWorker().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
