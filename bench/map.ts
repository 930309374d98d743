/**
 * Map part: GET /api/issues.geojson over HTTP (keep-alive, the production server) at N =
 * 1,000 / 10,000 / 100,000 / 1,000,000 generated issues, against computing the same answer in
 * the app's code in-process (mapFeatures + JSON.stringify), for a street view and a whole-Blerick
 * view. See bench/README.md.
 *
 * Per N: a database (bench/lib/db.ts), a server.mjs on a port of its own and an in-process
 * worker (this file with `--worker N` and DATABASE_URL set, so the app's `db` singleton and
 * env() use that file) driven over IPC. The warm calls run in rounds, round-robin over N and
 * alternating in-process / HTTP, so load from other processes on this machine hits every N and
 * both paths alike.
 * `DATABASE_URL=file:bench/.tmp/map-10000.db npx tsx bench/map.ts --worker 10000` measures one
 * database in-process on its own and prints one JSON line.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { BLERICK_BBOX } from "../app/domain/geo";
import type { BboxTuple } from "../app/domain/map-features";
import { BENCH_SESSION_SECRET, ROOT, log, percentile, round, table, type Target } from "./lib/common";
import { ensureMapDb } from "./lib/db";
import { createClient, startServer } from "./lib/server";

const SELF = fileURLToPath(import.meta.url);

export const DEFAULT_SIZES = [1_000, 10_000, 100_000, 1_000_000];
const WARM_CALLS = 120;
/** Unmeasured calls after the first one, so the JIT has settled before the timed calls. */
const WARMUP_CALLS = 20;
const NAIVE_RUNS = 3;
/** The naive read only matters for the 100k target; at 1M it takes ~10 s a run. */
const NAIVE_MAX_N = 100_000;
const FIRST_PORT = 3301;

/** The whole of Blerick, as the map shows it zoomed out. */
const WHOLE_BBOX: BboxTuple = [BLERICK_BBOX.minLng, BLERICK_BBOX.minLat, BLERICK_BBOX.maxLng, BLERICK_BBOX.maxLat];
const WHOLE_ZOOM = 13;
/** A street view: about 0.012 degrees of longitude by 0.006 of latitude (~830 x 670 m). */
const STREET_SPAN = { lng: 0.012, lat: 0.006 };
const STREET_ZOOM = 17;
const STREET_BUURT = "Blerick-Centrum";

/** Targets (see README). */
const MAX_HTTP_RATIO = 3;
const MAX_GROWTH = 1.5;
const MAX_FEATURES = 500;
const MIN_SPEEDUP = 10;

/** What a browser sends with a fetch() of the API. */
const BROWSER_HEADERS = { Accept: "application/geo+json, application/json", "Accept-Encoding": "gzip, deflate, br" };

// ---------------------------------------------------------------------------------------------
// Worker: the in-process path, in a fresh process per N with DATABASE_URL set

type View = "whole" | "street";
const VIEWS: readonly View[] = ["whole", "street"];

type Answer = { features: number; clusters: number; points: number; payloadBytes: number };
type Ready = {
  n: number;
  issues: number;
  bboxes: Record<View, BboxTuple>;
  firstCallMs: Record<View, number>;
  firstAnswer: Record<View, Answer>;
};
type WarmReply = { times: number[]; maxFeatures: number; rebuilds: number; last: Answer };
type NaiveReply = { times: number[]; rows: number };

type ToWorker = { type: "warm"; view: View; calls: number } | { type: "naive"; view: View } | { type: "exit" };
type FromWorker =
  | { type: "ready"; data: Ready }
  | { type: "warm"; data: WarmReply }
  | { type: "naive"; data: NaiveReply }
  | { type: "error"; message: string };

export const viewQuery = (bbox: BboxTuple, zoom: number) => `/api/issues.geojson?bbox=${bbox.join(",")}&zoom=${zoom}`;

/** Opens the app's map path on DATABASE_URL and measures the first (index-building) calls. */
async function openSession(n: number) {
  // Imported here, not at the top: the parent must not create a Prisma client or read env().
  process.env.SESSION_SECRET ??= BENCH_SESSION_SECRET;
  const { db } = await import("../app/utils/db.server");
  const { clearMapIndexCache, mapFeatures, mapIndexStats } = await import("../app/utils/map-index.server");
  const { issuesVersion, publicIssueWhere } = await import("../app/utils/issues.server");
  const { parseIssueFilters } = await import("../app/domain/issue-filters");
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

  // The filters the route derives from a URL without filters, so both share one index.
  const parsedFilters = parseIssueFilters(new URLSearchParams());
  if (!parsedFilters.success) throw new Error("parseIssueFilters rejects an empty query");
  const filters = parsedFilters.data;

  await issuesVersion();
  await db.issue.findMany({ where: publicIssueWhere(), select: { id: true }, take: 1 });
  const issues = await db.issue.count({ where: publicIssueWhere() });
  const centrum = await db.buurt.findFirstOrThrow({
    where: { name: STREET_BUURT },
    select: { centerLat: true, centerLng: true },
  });
  const bboxes: Record<View, BboxTuple> = {
    whole: WHOLE_BBOX,
    street: [
      round(centrum.centerLng - STREET_SPAN.lng / 2, 6),
      round(centrum.centerLat - STREET_SPAN.lat / 2, 6),
      round(centrum.centerLng + STREET_SPAN.lng / 2, 6),
      round(centrum.centerLat + STREET_SPAN.lat / 2, 6),
    ],
  };
  const zooms: Record<View, number> = { whole: WHOLE_ZOOM, street: STREET_ZOOM };
  // The route's work in-process: the answer and its serialisation.
  const call = async (view: View) => {
    const answer = await mapFeatures({ bbox: bboxes[view], zoom: zooms[view], filters });
    return { answer, json: JSON.stringify(answer) };
  };
  const describe = ({ answer, json }: Awaited<ReturnType<typeof call>>): Answer => {
    const clusters = answer.features.filter((f) => "cluster" in f.properties).length;
    return {
      features: answer.features.length,
      clusters,
      points: answer.features.length - clusters,
      payloadBytes: json.length,
    };
  };

  // First call per view: the whole view's on an empty cache (the index build plus the answer);
  // the street view then uses the same index (same filters), so its first call is a cold
  // answer only. One build per N keeps the 1M run short.
  const firstCallMs = {} as Record<View, number>;
  const firstAnswer = {} as Record<View, Answer>;
  clearMapIndexCache();
  gc();
  for (const view of VIEWS) {
    const start = performance.now();
    const result = await call(view);
    firstCallMs[view] = round(performance.now() - start);
    firstAnswer[view] = describe(result);
  }
  for (let i = 0; i < WARMUP_CALLS; i++) for (const view of VIEWS) await call(view);
  gc();

  async function warm(view: View, calls: number): Promise<WarmReply> {
    const buildsBefore = mapIndexStats().builds;
    const times: number[] = [];
    let maxFeatures = 0;
    let last: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < calls; i++) {
      const start = performance.now();
      last = await call(view);
      times.push(performance.now() - start);
      maxFeatures = Math.max(maxFeatures, last.answer.features.length);
    }
    if (!last) throw new Error("warm() needs at least one call");
    return { times, maxFeatures, rebuilds: mapIndexStats().builds - buildsBefore, last: describe(last) };
  }

  /** The naive alternative: every public row in the bbox, the columns a client would cluster on. */
  async function naive(view: View): Promise<NaiveReply> {
    const [minLng, minLat, maxLng, maxLat] = bboxes[view];
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < NAIVE_RUNS; i++) {
      gc();
      const start = performance.now();
      const found = await db.issue.findMany({
        where: { ...publicIssueWhere(), lat: { gte: minLat, lte: maxLat }, lng: { gte: minLng, lte: maxLng } },
        select: { id: true, lat: true, lng: true },
      });
      times.push(performance.now() - start);
      rows = found.length;
    }
    return { times, rows };
  }

  const ready: Ready = { n, issues, bboxes, firstCallMs, firstAnswer };
  return { ready, warm, naive, close: () => db.$disconnect() };
}

async function worker(n: number) {
  const session = await openSession(n);
  const send = process.send?.bind(process);
  if (!send) {
    const out = {
      ready: session.ready,
      whole: await session.warm("whole", WARM_CALLS),
      street: await session.warm("street", WARM_CALLS),
    };
    await session.close();
    const p = (times: number[], q: number) =>
      round(
        percentile(
          [...times].sort((a, b) => a - b),
          q,
        ),
      );
    process.stdout.write(
      JSON.stringify({
        n,
        whole: { p50: p(out.whole.times, 50), p95: p(out.whole.times, 95), ...out.whole.last },
        street: { p50: p(out.street.times, 50), p95: p(out.street.times, 95), ...out.street.last },
      }) + "\n",
    );
    return;
  }
  const reply = (message: FromWorker) => send(message);
  reply({ type: "ready", data: session.ready });
  process.on("message", (message: ToWorker) => {
    const handle = async () => {
      if (message.type === "warm") reply({ type: "warm", data: await session.warm(message.view, message.calls) });
      else if (message.type === "naive") reply({ type: "naive", data: await session.naive(message.view) });
      else {
        await session.close();
        process.disconnect();
      }
    };
    handle().catch((error: unknown) => {
      reply({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    });
  });
}

/** A worker process for one database, and a way to ask it one thing at a time. */
class WorkerHandle {
  private pending: { resolve: (message: FromWorker) => void; reject: (error: Error) => void } | undefined;
  private readonly child;
  readonly ready: Promise<Ready>;

  constructor(
    readonly n: number,
    file: string,
  ) {
    this.child = spawn(
      process.execPath,
      ["--expose-gc", "--max-old-space-size=6144", "--import", "tsx", SELF, "--worker", String(n)],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: `file:${file}`,
          SESSION_SECRET: BENCH_SESSION_SECRET,
          NODE_ENV: "production",
          DEMO_DATA: "false",
        },
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      },
    );
    this.child.on("message", (message: FromWorker) => {
      const pending = this.pending;
      this.pending = undefined;
      if (!pending) return;
      if (message.type === "error") pending.reject(new Error(`worker N=${n}: ${message.message}`));
      else pending.resolve(message);
    });
    this.child.on("exit", (code) => {
      this.pending?.reject(new Error(`worker N=${n} exited with code ${code}`));
      this.pending = undefined;
    });
    this.ready = this.next().then((message) => {
      if (message.type !== "ready") throw new Error(`worker N=${n}: expected ready, got ${message.type}`);
      return message.data;
    });
  }

  private next() {
    return new Promise<FromWorker>((resolve, reject) => (this.pending = { resolve, reject }));
  }

  private async ask<T extends FromWorker["type"]>(message: ToWorker, type: T) {
    const answer = this.next();
    this.child.send(message);
    const reply = await answer;
    if (reply.type !== type) throw new Error(`worker N=${this.n}: expected ${type}, got ${reply.type}`);
    return (reply as Exclude<FromWorker, { type: "error" }>).data;
  }

  warm = (view: View, calls: number) => this.ask({ type: "warm", view, calls }, "warm") as Promise<WarmReply>;
  naive = (view: View) => this.ask({ type: "naive", view }, "naive") as Promise<NaiveReply>;

  exit() {
    return new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once("exit", () => resolve());
      this.child.send({ type: "exit" } satisfies ToWorker);
    });
  }

  kill() {
    if (this.child.exitCode === null) this.child.kill();
  }
}

// ---------------------------------------------------------------------------------------------
// Parent

type ViewResult = {
  bbox: BboxTuple;
  zoom: number;
  features: number;
  clusters: number;
  points: number;
  maxFeatures: number;
  /** JSON bytes, and what went over the wire (compressed as for a browser). */
  payloadBytes: number;
  wireBytes: number;
  /** In-process: mapFeatures + JSON.stringify. The whole view's first call builds the index. */
  firstCallMs: number;
  inProcessP50Ms: number;
  inProcessP95Ms: number;
  rebuildsDuringWarm: number;
  /** HTTP GET over a keep-alive connection to server.mjs, to the last byte. */
  httpFirstCallMs: number;
  httpP50Ms: number;
  httpP95Ms: number;
  httpMaxMs: number;
  /** httpP50 / inProcessP50 and the same for p95. */
  ratioP50: number;
  ratioP95: number;
  naiveRows: number;
  naiveP50Ms: number;
};
export type MapResult = {
  n: number;
  issues: number;
  databaseBuildMs: number | null;
  whole: ViewResult;
  street: ViewResult;
};

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

export async function runMap(sizes: number[] = DEFAULT_SIZES) {
  const databases = sizes.map((n) => ({ n, ...ensureMapDb(n) }));
  const workers: WorkerHandle[] = [];
  const servers: Awaited<ReturnType<typeof startServer>>[] = [];
  const clients: ReturnType<typeof createClient>[] = [];
  try {
    const readies: Ready[] = [];
    const httpFirst: Record<View, number>[] = [];
    const wireBytes: Record<View, number>[] = [];
    const encodings = new Set<string>();
    for (const [i, { n, file }] of databases.entries()) {
      log(`map N=${n}: in-process worker (builds its index)`);
      const handle = new WorkerHandle(n, file);
      workers.push(handle);
      const ready = await handle.ready;
      readies.push(ready);
      log(`map N=${n}: server.mjs on port ${FIRST_PORT + i}`);
      // The API rate limit is switched off (API_RATE_LIMIT_PER_MINUTE=off): every request here
      // comes from one address, and the part measures the map path, not the limiter's counter
      // write (see README for its cost).
      const server = await startServer({
        database: file,
        port: FIRST_PORT + i,
        env: { API_RATE_LIMIT_PER_MINUTE: "off" },
      });
      servers.push(server);
      const client = createClient(server.url);
      clients.push(client);
      // First request per view: the server builds its own index (both views share it).
      const first = {} as Record<View, number>;
      const wire = {} as Record<View, number>;
      for (const view of VIEWS) {
        const response = await client.get(
          viewQuery(ready.bboxes[view], view === "whole" ? WHOLE_ZOOM : STREET_ZOOM),
          BROWSER_HEADERS,
        );
        if (response.status !== 200)
          throw new Error(`map N=${n}: HTTP ${response.status}: ${response.body.toString().slice(0, 300)}`);
        first[view] = round(response.ms);
        wire[view] = response.body.length;
        // The same answer as in-process (same index, same rows): compare the feature counts.
        const encoding = response.headers["content-encoding"];
        const body =
          encoding === "br"
            ? brotliDecompressSync(response.body)
            : encoding === "gzip"
              ? gunzipSync(response.body)
              : encoding === "deflate"
                ? inflateSync(response.body)
                : response.body;
        encodings.add(encoding ?? "identity");
        const features = (JSON.parse(body.toString()) as { features: unknown[] }).features.length;
        if (features !== ready.firstAnswer[view].features) {
          throw new Error(
            `map N=${n} ${view}: HTTP answer has ${features} features, in-process ${ready.firstAnswer[view].features}`,
          );
        }
      }
      httpFirst.push(first);
      wireBytes.push(wire);
      for (let k = 0; k < WARMUP_CALLS; k++) {
        for (const view of VIEWS)
          await client.get(viewQuery(ready.bboxes[view], view === "whole" ? WHOLE_ZOOM : STREET_ZOOM), BROWSER_HEADERS);
      }
    }

    log(`map: ${WARM_CALLS} rounds, round-robin over N, in-process and HTTP alternating`);
    const inProcess = workers.map(() => ({ whole: [] as WarmReply[], street: [] as WarmReply[] }));
    const http = workers.map(() => ({ whole: [] as number[], street: [] as number[] }));
    for (let r = 0; r < WARM_CALLS; r++) {
      for (const [i, handle] of workers.entries()) {
        for (const view of VIEWS) {
          const url = viewQuery(readies[i].bboxes[view], view === "whole" ? WHOLE_ZOOM : STREET_ZOOM);
          // Alternate which path goes first, so neither always runs on a warmer cache.
          if (r % 2 === 0) inProcess[i][view].push(await handle.warm(view, 1));
          const response = await clients[i].get(url, BROWSER_HEADERS);
          if (response.status !== 200) throw new Error(`map N=${handle.n}: HTTP ${response.status}`);
          http[i][view].push(response.ms);
          if (r % 2 === 1) inProcess[i][view].push(await handle.warm(view, 1));
        }
      }
    }

    const results: MapResult[] = [];
    for (const [i, handle] of workers.entries()) {
      const skipNaive = handle.n > NAIVE_MAX_N;
      if (!skipNaive) log(`map N=${handle.n}: naive reads`);
      const none: NaiveReply = { times: [], rows: NaN };
      const naive = skipNaive
        ? { whole: none, street: none }
        : { whole: await handle.naive("whole"), street: await handle.naive("street") };
      const ready = readies[i];
      const view = (name: View): ViewResult => {
        const replies = inProcess[i][name];
        const times = sorted(replies.flatMap((reply) => reply.times));
        const httpTimes = sorted(http[i][name]);
        const last = replies[replies.length - 1]?.last ?? ready.firstAnswer[name];
        const inP50 = percentile(times, 50);
        const inP95 = percentile(times, 95);
        const httpP50 = percentile(httpTimes, 50);
        const httpP95 = percentile(httpTimes, 95);
        return {
          bbox: ready.bboxes[name],
          zoom: name === "whole" ? WHOLE_ZOOM : STREET_ZOOM,
          ...last,
          maxFeatures: Math.max(ready.firstAnswer[name].features, ...replies.map((reply) => reply.maxFeatures)),
          wireBytes: wireBytes[i][name],
          firstCallMs: ready.firstCallMs[name],
          inProcessP50Ms: round(inP50),
          inProcessP95Ms: round(inP95),
          rebuildsDuringWarm: replies.reduce((sum, reply) => sum + reply.rebuilds, 0),
          httpFirstCallMs: httpFirst[i][name],
          httpP50Ms: round(httpP50),
          httpP95Ms: round(httpP95),
          httpMaxMs: round(httpTimes[httpTimes.length - 1] ?? NaN),
          ratioP50: round(httpP50 / inP50, 2),
          ratioP95: round(httpP95 / inP95, 2),
          naiveRows: naive[name].rows,
          naiveP50Ms: round(percentile(sorted(naive[name].times), 50)),
        };
      };
      results.push({
        n: handle.n,
        issues: ready.issues,
        databaseBuildMs: databases[i].buildMs === null ? null : round(databases[i].buildMs!, 0),
        whole: view("whole"),
        street: view("street"),
      });
      await handle.exit();
    }
    for (const result of results) {
      if (result.issues !== result.n)
        throw new Error(`map N=${result.n}: database holds ${result.issues} public issues`);
    }
    return {
      results,
      encodings: [...encodings],
      targets: checkTargets(results),
      report: report(results, [...encodings]),
    };
  } finally {
    for (const client of clients) client.close();
    for (const handle of workers) handle.kill();
    await Promise.all(servers.map((server) => server.stop()));
  }
}

function checkTargets(results: MapResult[]): Target[] {
  const part = "map";
  const byN = new Map(results.map((r) => [r.n, r]));
  const largest = results[results.length - 1];
  const tenK = byN.get(10_000);
  const hundredK = byN.get(100_000);
  const targets: Target[] = [];
  if (hundredK) {
    for (const view of VIEWS) {
      const v = hundredK[view];
      targets.push({
        part,
        name: `${view === "whole" ? "whole-Blerick" : "street"} view at N=100,000: HTTP p50 <= ${MAX_HTTP_RATIO}x in-process p50`,
        pass: v.ratioP50 <= MAX_HTTP_RATIO,
        detail: `${v.httpP50Ms.toFixed(2)} ms / ${v.inProcessP50Ms.toFixed(2)} ms = ${v.ratioP50.toFixed(2)}x (p95: ${v.ratioP95.toFixed(2)}x)`,
      });
    }
  }
  if (tenK && largest && largest !== tenK) {
    const ratio = largest.whole.httpP95Ms / tenK.whole.httpP95Ms;
    targets.push({
      part,
      name: `whole-Blerick HTTP p95 at N=${largest.n.toLocaleString("en")} <= ${MAX_GROWTH}x its p95 at N=10,000`,
      pass: ratio <= MAX_GROWTH,
      detail: `${largest.whole.httpP95Ms.toFixed(2)} ms / ${tenK.whole.httpP95Ms.toFixed(2)} ms = ${ratio.toFixed(2)}x`,
    });
  }
  const maxFeatures = Math.max(...results.flatMap((r) => [r.whole.maxFeatures, r.street.maxFeatures]));
  targets.push({
    part,
    name: `every answer <= ${MAX_FEATURES} features`,
    pass: maxFeatures <= MAX_FEATURES,
    detail: `largest: ${maxFeatures}`,
  });
  if (hundredK) {
    const speedup = hundredK.whole.naiveP50Ms / hundredK.whole.inProcessP95Ms;
    targets.push({
      part,
      name: `whole-Blerick in-process p95 at N=100,000 >= ${MIN_SPEEDUP}x faster than the naive full read`,
      pass: speedup >= MIN_SPEEDUP,
      detail: `naive p50 ${hundredK.whole.naiveP50Ms} ms / p95 ${hundredK.whole.inProcessP95Ms} ms = ${speedup.toFixed(0)}x`,
    });
  }
  const rebuilds = results.reduce((sum, r) => sum + r.whole.rebuildsDuringWarm + r.street.rebuildsDuringWarm, 0);
  targets.push({
    part,
    name: "warm calls answer from the cached index",
    pass: rebuilds === 0,
    detail: `${rebuilds} rebuilds`,
  });
  return targets;
}

const HEADERS = [
  "N",
  "features",
  "KB json/wire",
  "first ms",
  "in-proc p50",
  "in-proc p95",
  "HTTP first",
  "HTTP p50",
  "HTTP p95",
  "ratio p50",
  "ratio p95",
  "naive p50",
];

function report(results: MapResult[], encodings: string[]) {
  const rows = (view: View) =>
    results.map((r) => {
      const v = r[view];
      return [
        r.n.toLocaleString("en"),
        `${v.features} (${v.clusters}c/${v.points}p)`,
        `${(v.payloadBytes / 1024).toFixed(1)}/${(v.wireBytes / 1024).toFixed(1)}`,
        v.firstCallMs.toFixed(0),
        v.inProcessP50Ms.toFixed(2),
        v.inProcessP95Ms.toFixed(2),
        v.httpFirstCallMs.toFixed(0),
        v.httpP50Ms.toFixed(2),
        v.httpP95Ms.toFixed(2),
        `${v.ratioP50.toFixed(2)}x`,
        `${v.ratioP95.toFixed(2)}x`,
        Number.isNaN(v.naiveP50Ms) ? "-" : v.naiveP50Ms.toFixed(1),
      ];
    });
  return [
    `Map: whole Blerick, bbox ${WHOLE_BBOX.join(",")}, zoom ${WHOLE_ZOOM} (times in ms)`,
    table(HEADERS, rows("whole")),
    "",
    `Map: street view (${STREET_BUURT}), bbox ${results[0]?.street.bbox.join(",")}, zoom ${STREET_ZOOM}`,
    table(HEADERS, rows("street")),
    "",
    `in-proc = mapFeatures + JSON.stringify in a worker; HTTP = GET over one keep-alive connection to server.mjs ` +
      `(browser Accept-Encoding; answered with ${encodings.join("/")}), to the last byte; ${WARM_CALLS} calls each after ${WARMUP_CALLS} warm-ups, ` +
      `interleaved over N. first = first call (whole: index build + answer; street: cold answer on that index). ` +
      `naive = findMany of the bbox, p50 of ${NAIVE_RUNS} (up to N=${NAIVE_MAX_N.toLocaleString("en")}).`,
  ].join("\n");
}

if (process.argv.includes("--worker")) {
  worker(Number(process.argv[process.argv.indexOf("--worker") + 1])).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
