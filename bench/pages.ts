/**
 * Pages part: requests/s of `/` (anonymous) and `/meldingen/:id` (anonymous and logged in)
 * with autocannon against the production server (server.mjs, app-100000.db: the demo seed plus
 * 100,000 generated issues), and against a bare node:http server that returns the same bytes
 * with the same content type, in the same run with the same connections and duration. The
 * ratio app/bare says how much of the machine's HTTP capacity rendering leaves over; it holds
 * on other machines where absolute requests/s do not. See bench/README.md.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { TMP_DIR, log, round, sleep, table, type Target } from "./lib/common";
import { benchUserIds, createSessions, ensureAppDb } from "./lib/db";
import { createClient, startServer } from "./lib/server";

export const PAGES_ISSUES = 100_000;
const PORT = 3310;
const BARE_PORT = 3311;
const CONNECTIONS = Number(process.env.BENCH_PAGES_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_PAGES_SECONDS ?? 10);
const WARMUP_S = 2;

const MIN_ANONYMOUS_RATIO = 0.3;
const MIN_LOGGED_IN_RATIO = 0.05;

type Load = {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
};

async function load(url: string, headers: Record<string, string>, duration: number): Promise<Load> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration, headers });
  return {
    requestsPerSecond: round(result.requests.average, 1),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/**
 * A bare node:http server in its own process (not in this one, where autocannon runs) that
 * answers every request with the given bytes.
 */
async function startBare(bodyFile: string, contentType: string) {
  const script = `
    const body = require("node:fs").readFileSync(${JSON.stringify(bodyFile)});
    require("node:http")
      .createServer((req, res) => { res.writeHead(200, { "Content-Type": ${JSON.stringify(contentType)}, "Content-Length": body.length }); res.end(body); })
      .listen(${BARE_PORT}, "127.0.0.1", () => process.send("ready"));`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`bare server exited with code ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${BARE_PORT}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill();
      }),
  };
}

export async function runPages() {
  const { file } = ensureAppDb(PAGES_ISSUES);
  // A demo issue with comments, supports and a history: the page people actually open.
  const sqlite = new Database(file, { readonly: true });
  const issue = sqlite
    .prepare(
      `SELECT id, title FROM Issue WHERE visibility = 'public' AND title NOT LIKE 'Benchmarkmelding %'
       ORDER BY commentCount DESC, supportCount DESC, id LIMIT 1`,
    )
    .get() as { id: number; title: string } | undefined;
  sqlite.close();
  if (!issue) throw new Error("app database has no public demo issue");
  const [token] = createSessions(file, benchUserIds(1));
  const cookie = { Cookie: `bb_session=${token}` };

  const server = await startServer({ database: file, port: PORT });
  const cases = [
    { name: "/ (anonymous)", path: "/", headers: {}, loggedIn: false },
    { name: `/meldingen/${issue.id} (anonymous)`, path: `/meldingen/${issue.id}`, headers: {}, loggedIn: false },
    { name: `/meldingen/${issue.id} (logged in)`, path: `/meldingen/${issue.id}`, headers: cookie, loggedIn: true },
  ];
  const results = [];
  try {
    for (const [index, page] of cases.entries()) {
      const client = createClient(server.url);
      const response = await client.get(page.path, page.headers);
      client.close();
      if (response.status !== 200) throw new Error(`${page.name}: HTTP ${response.status}`);
      const html = response.body.toString();
      // The logged-in page must really be rendered for the user (the logout button is there).
      if (page.loggedIn !== html.includes("/uitloggen")) {
        throw new Error(`${page.name}: the page does not look ${page.loggedIn ? "logged in" : "anonymous"}`);
      }
      const contentType = String(response.headers["content-type"] ?? "text/html; charset=utf-8");
      const bodyFile = path.join(TMP_DIR, `page-${index}.html`);
      writeFileSync(bodyFile, response.body);

      log(
        `pages: ${page.name}: ${WARMUP_S} s warm-up, ${DURATION_S} s app, ${DURATION_S} s bare (${CONNECTIONS} connections)`,
      );
      await load(`${server.url}${page.path}`, page.headers, WARMUP_S);
      const app = await load(`${server.url}${page.path}`, page.headers, DURATION_S);
      await sleep(500);
      const bare = await startBare(bodyFile, contentType);
      let bareLoad: Load;
      try {
        bareLoad = await load(`${bare.url}${page.path}`, page.headers, DURATION_S);
      } finally {
        await bare.stop();
      }
      results.push({
        page: page.name,
        path: page.path,
        loggedIn: page.loggedIn,
        bytes: response.body.length,
        app,
        bare: bareLoad,
        ratio: round(app.requestsPerSecond / bareLoad.requestsPerSecond, 4),
      });
    }
  } finally {
    await server.stop();
  }

  const targets: Target[] = results.map((r) => {
    const min = r.loggedIn ? MIN_LOGGED_IN_RATIO : MIN_ANONYMOUS_RATIO;
    const failures = r.app.non2xx + r.app.errors + r.app.timeouts;
    return {
      part: "pages",
      name: `${r.page}: requests/s >= ${min}x bare node:http with the same bytes`,
      pass: r.ratio >= min && failures === 0,
      detail:
        `${r.app.requestsPerSecond} / ${r.bare.requestsPerSecond} req/s = ${r.ratio.toFixed(3)}x` +
        (failures > 0 ? ` (${r.app.non2xx} non-2xx, ${r.app.errors} errors, ${r.app.timeouts} timeouts)` : ""),
    };
  });
  const report = [
    `Pages (${CONNECTIONS} connections, ${DURATION_S} s each; app-${PAGES_ISSUES}.db; bare = node:http serving the same bytes)`,
    table(
      ["page", "KB", "app req/s", "app p50 ms", "app p99 ms", "bare req/s", "ratio"],
      results.map((r) => [
        r.page,
        (r.bytes / 1024).toFixed(1),
        r.app.requestsPerSecond.toFixed(0),
        r.app.latencyP50Ms,
        r.app.latencyP99Ms,
        r.bare.requestsPerSecond.toFixed(0),
        `${r.ratio.toFixed(3)}x`,
      ]),
    ),
  ].join("\n");
  return {
    results: { connections: CONNECTIONS, durationSeconds: DURATION_S, issueId: issue.id, pages: results },
    targets,
    report,
  };
}
