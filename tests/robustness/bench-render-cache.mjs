#!/usr/bin/env node
// Benchmark of the render cache (docs/decisions/010-render-cache.md): anonymous `/` and
// `/meldingen/<id>` from the real server (node server.mjs, cache on) against a bare node:http
// server returning the same bytes. Rounds alternate between the two so that load from other
// processes on the machine hits both alike; the median of the per-round ratios is reported.
//
//   BUILD_DIR=build-robustness node tests/robustness/bench-render-cache.mjs
//   (needs a production build in BUILD_DIR; ROUNDS, DURATION, CONNECTIONS, CACHE=off optional)
import autocannon from "autocannon";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { openDatabase, request, ROOT, serverEnv, startServer } from "./lib.mjs";

process.env.BUILD_DIR ??= "build-robustness";
const rounds = Number(process.env.ROUNDS ?? 3);
const duration = Number(process.env.DURATION ?? 5);
const connections = Number(process.env.CONNECTIONS ?? 20);
const appPort = Number(process.env.BENCH_PORT ?? 3290);
const barePort = appPort + 1;
const dir = mkdtempSync(path.join(os.tmpdir(), "bb-bench-"));

function run(url) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const databaseFile = path.join(dir, "bench.db");
execFileSync(process.execPath, [path.join(ROOT, "scripts", "prepare-db.mjs")], {
  cwd: ROOT,
  env: serverEnv({ dir, port: appPort, databaseFile }),
  stdio: "pipe",
});
const db = openDatabase(databaseFile, { readonly: true });
const issueId = db.prepare(`SELECT "id" FROM "Issue" WHERE "visibility" = 'public' ORDER BY "id" LIMIT 1`).get().id;
db.close();

// Request lines off unless LOG_LEVEL says otherwise: the benchmark measures the cache, not the
// log file. CACHE=off measures the same pages rendered for every request (RENDER_CACHE_TTL_MS=0).
const server = await startServer({
  dir,
  port: appPort,
  databaseFile,
  extra: {
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    ...(process.env.CACHE === "off" ? { RENDER_CACHE_TTL_MS: "0" } : {}),
  },
});
try {
  for (const target of ["/", `/meldingen/${issueId}`]) {
    const sample = await request(appPort, { path: target });
    const body = sample.body;
    const bare = http.createServer((req, res) => {
      res.writeHead(200, { "Content-Type": "text/html", "Content-Length": body.length });
      res.end(body);
    });
    await new Promise((resolve) => bare.listen(barePort, "127.0.0.1", resolve));
    const ratios = [];
    const appRates = [];
    const bareRates = [];
    for (let round = 0; round < rounds; round += 1) {
      const bareResult = await run(`http://127.0.0.1:${barePort}${target}`);
      const appResult = await run(`http://127.0.0.1:${appPort}${target}`);
      if (appResult.non2xx > 0 || appResult.errors > 0)
        throw new Error(`${target}: ${appResult.non2xx} non-2xx, ${appResult.errors} errors`);
      bareRates.push(bareResult.requests.average);
      appRates.push(appResult.requests.average);
      ratios.push(appResult.requests.average / bareResult.requests.average);
    }
    await new Promise((resolve) => bare.close(resolve));
    console.log(
      `${target} (${body.length} bytes): app ${Math.round(median(appRates))} req/s, bare node:http ${Math.round(median(bareRates))} req/s, ` +
        `median ratio ${median(ratios).toFixed(2)} (rounds: ${ratios.map((r) => r.toFixed(2)).join(", ")})`,
    );
  }
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
