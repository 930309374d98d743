/**
 * Benchmark of the map data path (`mapFeatures`, ADR 003): does the zoomed-out map cost the
 * same at 1,000 and 100,000 issues, and how does it compare with reading the rows?
 *
 *   npm run bench                 N = 1,000 / 10,000 / 100,000
 *   BENCH_FULL=1 npm run bench    also N = 1,000,000 (builds a ~0.5 GB database once)
 *
 * Parent process: builds one SQLite file per N under bench/.tmp (migrated, reference seed,
 * N random public issues), then starts one worker process per N (this file with `--worker N`
 * and DATABASE_URL set, so the app's `db` singleton and env() use that file) and drives them
 * over the IPC channel, interleaving their warm calls. It prints a table, checks the targets
 * and writes bench/results/<YYYY-MM-DD>.json. Exit code 1 when a target fails.
 * `DATABASE_URL=file:bench/.tmp/map-10000.db npx tsx bench/map.bench.ts --worker 10000` measures
 * one database on its own and prints one JSON line.
 * See bench/README.md.
 */
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import type { MultiPolygon, Polygon } from "geojson";
import { BLERICK_BBOX, findBuurt, type Bbox } from "../app/domain/geo";
import { ISSUE_STATUSES } from "../app/domain/issue-status";
import type { BboxTuple } from "../app/domain/map-features";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SELF = fileURLToPath(import.meta.url);
const TMP_DIR = path.join(ROOT, "bench", ".tmp");
const RESULTS_DIR = path.join(ROOT, "bench", "results");
const REFERENCE_DB = path.join(TMP_DIR, "reference.db");
/** Never used outside this benchmark; set so env() does not write a .session-secret file. */
const BENCH_SESSION_SECRET = "bench-session-secret-not-for-production-0123456789";

const SIZES = [1_000, 10_000, 100_000, ...(process.env.BENCH_FULL === "1" ? [1_000_000] : [])];
const WARM_CALLS = 200;
/**
 * The warm calls of each view run in this many rounds (here: one call each), interleaved over
 * N (see measureAll), so that a burst of load from other processes cannot land on one N only.
 */
const WARM_ROUNDS = 200;
/** Unmeasured calls after the first one, so the JIT has settled before the 200 timed calls. */
const WARMUP_CALLS = 20;
const NAIVE_RUNS = 5;

/** The whole of Blerick, as the map shows it zoomed out. */
const WHOLE_BBOX: BboxTuple = [BLERICK_BBOX.minLng, BLERICK_BBOX.minLat, BLERICK_BBOX.maxLng, BLERICK_BBOX.maxLat];
const WHOLE_ZOOM = 13;
/** A street view: about 0.012 degrees of longitude by 0.006 of latitude (~830 x 670 m). */
const STREET_SPAN = { lng: 0.012, lat: 0.006 };
const STREET_ZOOM = 17;
const STREET_BUURT = "Blerick-Centrum";

/** Targets (see README). */
const MAX_GROWTH = 1.5;
const MAX_FEATURES = 500;
const MIN_SPEEDUP = 10;

const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

// ---------------------------------------------------------------------------------------------
// Shared helpers

function mulberry32(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: readonly number[], p: number) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

function removeDatabaseFile(file: string) {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
}

function migrationNames() {
  return readdirSync(path.join(ROOT, "prisma", "migrations"), {
    withFileTypes: true,
  })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** True when the file has exactly the committed migrations applied (a new migration -> rebuild). */
function hasCurrentMigrations(sqlite: Database.Database) {
  try {
    const rows = sqlite
      .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
      .all() as { migration_name: string }[];
    return JSON.stringify(rows.map((row) => row.migration_name).sort()) === JSON.stringify(migrationNames());
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Parent: databases

/** Migrated database with the reference seed (buurten, themes) and no demo data. */
function ensureReferenceDb() {
  if (existsSync(REFERENCE_DB)) {
    const sqlite = new Database(REFERENCE_DB, { readonly: true });
    const ok =
      hasCurrentMigrations(sqlite) &&
      (sqlite.prepare("SELECT count(*) AS c FROM Buurt").get() as { c: number }).c > 0 &&
      (sqlite.prepare("SELECT count(*) AS c FROM Theme").get() as { c: number }).c > 0;
    sqlite.close();
    if (ok) return;
  }
  log("building reference database (prisma migrate deploy + prisma/seed.ts, DEMO_DATA=false)");
  const building = path.join(TMP_DIR, `reference-${process.pid}.building.db`);
  removeDatabaseFile(building);
  const env = {
    ...process.env,
    DATABASE_URL: `file:${building}`,
    DEMO_DATA: "false",
    SESSION_SECRET: BENCH_SESSION_SECRET,
  };
  for (const [command, args] of [
    [bin("prisma"), ["migrate", "deploy"]],
    [bin("tsx"), [path.join(ROOT, "prisma", "seed.ts")]],
  ] as const) {
    try {
      execFileSync(command, [...args], {
        cwd: ROOT,
        env,
        stdio: "pipe",
        encoding: "utf8",
      });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      console.error(`${path.basename(command)} ${args.join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`);
      throw error;
    }
  }
  const sqlite = new Database(building);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.pragma("journal_mode = DELETE");
  sqlite.close();
  renameSync(building, REFERENCE_DB);
  removeDatabaseFile(building);
}

function benchDbPath(n: number) {
  return path.join(TMP_DIR, `map-${n}.db`);
}

function isUsable(file: string, n: number) {
  if (!existsSync(file)) return false;
  const sqlite = new Database(file, { readonly: true });
  try {
    if (!hasCurrentMigrations(sqlite)) return false;
    const total = (sqlite.prepare("SELECT count(*) AS c FROM Issue").get() as { c: number }).c;
    const publicCount = (
      sqlite.prepare("SELECT count(*) AS c FROM Issue WHERE visibility = 'public'").get() as { c: number }
    ).c;
    const counter = sqlite.prepare("SELECT value FROM ChangeCounter WHERE key = 'issues'").get() as
      { value: number } | undefined;
    return total === n && publicCount === n && (counter?.value ?? 0) > 0;
  } catch {
    return false;
  } finally {
    sqlite.close();
  }
}

type BuurtRow = {
  code: string;
  geometry: string;
  minLat: number;
  minLng: number;
  maxLat: number;
  maxLng: number;
};

/** Copies the reference database and inserts N public issues at random points in Blerick. */
function buildBenchDb(n: number) {
  const file = benchDbPath(n);
  const building = path.join(TMP_DIR, `map-${n}-${process.pid}.building.db`);
  removeDatabaseFile(building);
  copyFileSync(REFERENCE_DB, building);

  const sqlite = new Database(building);
  sqlite.pragma("journal_mode = DELETE");
  sqlite.pragma("synchronous = OFF");
  const buurten = (
    sqlite.prepare("SELECT code, geometry, minLat, minLng, maxLat, maxLng FROM Buurt ORDER BY code").all() as BuurtRow[]
  ).map((row) => ({
    code: row.code,
    geometry: JSON.parse(row.geometry) as Polygon | MultiPolygon,
    bbox: {
      minLat: row.minLat,
      minLng: row.minLng,
      maxLat: row.maxLat,
      maxLng: row.maxLng,
    } satisfies Bbox,
  }));
  const themeIds = (
    sqlite.prepare("SELECT id FROM Theme WHERE retiredAt IS NULL ORDER BY sortOrder").all() as {
      id: string;
    }[]
  ).map((row) => row.id);
  if (buurten.length === 0 || themeIds.length === 0) throw new Error("reference database has no buurten or themes");

  // The union of the buurt bboxes (= BLERICK_BBOX); points outside every buurt are drawn again.
  const box = buurten.reduce(
    (acc, b) => ({
      minLng: Math.min(acc.minLng, b.bbox.minLng),
      minLat: Math.min(acc.minLat, b.bbox.minLat),
      maxLng: Math.max(acc.maxLng, b.bbox.maxLng),
      maxLat: Math.max(acc.maxLat, b.bbox.maxLat),
    }),
    { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity },
  );

  const random = mulberry32(20_261_125 + n);
  const insert = sqlite.prepare(`
    INSERT INTO Issue (title, description, themeId, lat, lng, buurtCode, status, visibility,
                       supportCount, createdAt, updatedAt, closedAt)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'public', ?, ?, ?, ?)`);
  const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
  const end = Date.parse("2026-11-25T10:00:00.000Z");
  const twoYears = 2 * 365 * 24 * 3600 * 1000;
  const day = 24 * 3600 * 1000;

  sqlite.transaction(() => {
    for (let i = 1; i <= n; i++) {
      let lat = 0;
      let lng = 0;
      let buurtCode: string | undefined;
      while (!buurtCode) {
        lat = Math.round((box.minLat + random() * (box.maxLat - box.minLat)) * 1e6) / 1e6;
        lng = Math.round((box.minLng + random() * (box.maxLng - box.minLng)) * 1e6) / 1e6;
        buurtCode = findBuurt({ lat, lng }, buurten)?.code;
      }
      const status = ISSUE_STATUSES[Math.floor(random() * ISSUE_STATUSES.length)];
      const themeId = themeIds[Math.floor(random() * themeIds.length)];
      const created = end - Math.floor(random() * twoYears);
      const closed = status === "opgelost" || status === "gesloten_niet_opgelost";
      const updated = Math.min(end, created + Math.floor(random() * 30 * day));
      insert.run(
        `Benchmarkmelding ${i}`,
        "Gegenereerd door bench/map.bench.ts.",
        themeId,
        lat,
        lng,
        buurtCode,
        status,
        Math.floor(random() ** 3 * 30),
        iso(created),
        iso(updated),
        closed ? iso(updated) : null,
      );
    }
    sqlite
      .prepare(
        `INSERT INTO ChangeCounter (key, value) VALUES ('issues', 1)
         ON CONFLICT(key) DO UPDATE SET value = value + 1`,
      )
      .run();
  })();
  // Like scripts/prepare-db.mjs does for the real database.
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  removeDatabaseFile(file);
  renameSync(building, file);
  removeDatabaseFile(building);
}

function ensureBenchDb(n: number) {
  const file = benchDbPath(n);
  if (isUsable(file, n)) {
    log(`N=${n}: reusing ${path.relative(ROOT, file)}`);
    return { file, buildMs: null as number | null };
  }
  ensureReferenceDb();
  log(`N=${n}: inserting ${n.toLocaleString("en")} issues into ${path.relative(ROOT, file)}`);
  const start = performance.now();
  buildBenchDb(n);
  const buildMs = performance.now() - start;
  log(`N=${n}: database built in ${(buildMs / 1000).toFixed(1)} s`);
  return { file, buildMs };
}

// ---------------------------------------------------------------------------------------------
// Worker: measurements in a fresh process per N, with DATABASE_URL set

type View = "whole" | "street";
const VIEWS: readonly View[] = ["whole", "street"];

type Answer = {
  features: number;
  clusters: number;
  points: number;
  payloadBytes: number;
};
type Ready = {
  n: number;
  issues: number;
  streetBbox: BboxTuple;
  firstCallMs: Record<View, number>;
  firstAnswer: Record<View, Answer>;
};
type WarmReply = {
  times: number[];
  maxFeatures: number;
  rebuilds: number;
  last: Answer;
};
type NaiveReply = { times: number[]; rows: number };

type ToWorker = { type: "warm"; view: View; calls: number } | { type: "naive"; view: View } | { type: "exit" };
type FromWorker =
  | { type: "ready"; data: Ready }
  | { type: "warm"; data: WarmReply }
  | { type: "naive"; data: NaiveReply }
  | { type: "error"; message: string };

/** Opens the app's map path on DATABASE_URL and measures the first (index-building) calls. */
async function openSession(n: number) {
  // Imported here, not at the top: the parent must not create a Prisma client or read env().
  // Without it env() would write a .session-secret file next to the database.
  process.env.SESSION_SECRET ??= BENCH_SESSION_SECRET;
  const { db } = await import("../app/utils/db.server");
  const { clearMapIndexCache, mapFeatures, mapIndexStats } = await import("../app/utils/map-index.server");
  const { issuesVersion, publicIssueWhere } = await import("../app/utils/issues.server");
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

  // Start the client (engine, connection) so the first measured call is about the index.
  await issuesVersion();
  await db.issue.findMany({
    where: publicIssueWhere(),
    select: { id: true },
    take: 1,
  });
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
  const zooms: Record<View, number> = {
    whole: WHOLE_ZOOM,
    street: STREET_ZOOM,
  };
  const call = (view: View) => mapFeatures({ bbox: bboxes[view], zoom: zooms[view] });
  const describe = (answer: Awaited<ReturnType<typeof call>>): Answer => {
    const clusters = answer.features.filter((f) => "cluster" in f.properties).length;
    return {
      features: answer.features.length,
      clusters,
      points: answer.features.length - clusters,
      payloadBytes: JSON.stringify(answer).length,
    };
  };

  // First call per view on an empty cache: the index build (change counter, all public rows,
  // supercluster load) plus the answer. Both views share one index (same filters), so the
  // street view's index is built again after clearing the cache.
  const firstCallMs = {} as Record<View, number>;
  const firstAnswer = {} as Record<View, Answer>;
  for (const view of VIEWS) {
    clearMapIndexCache();
    gc();
    const start = performance.now();
    const answer = await call(view);
    firstCallMs[view] = round(performance.now() - start);
    firstAnswer[view] = describe(answer);
  }
  for (let i = 0; i < WARMUP_CALLS; i++) for (const view of VIEWS) await call(view);
  // Collect the garbage of the index builds now, not during the timed calls. No forced GC after
  // this: the GC caused by the warm calls themselves is part of their cost.
  gc();

  const ready: Ready = {
    n,
    issues,
    streetBbox: bboxes.street,
    firstCallMs,
    firstAnswer,
  };

  async function warm(view: View, calls: number): Promise<WarmReply> {
    const buildsBefore = mapIndexStats().builds;
    const times: number[] = [];
    let maxFeatures = 0;
    let last: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < calls; i++) {
      const start = performance.now();
      last = await call(view);
      times.push(performance.now() - start);
      maxFeatures = Math.max(maxFeatures, last.features.length);
    }
    if (!last) throw new Error("warm() needs at least one call");
    return {
      times,
      maxFeatures,
      rebuilds: mapIndexStats().builds - buildsBefore,
      last: describe(last),
    };
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
        where: {
          ...publicIssueWhere(),
          lat: { gte: minLat, lte: maxLat },
          lng: { gte: minLng, lte: maxLng },
        },
        select: { id: true, lat: true, lng: true },
      });
      times.push(performance.now() - start);
      rows = found.length;
    }
    return { times, rows };
  }

  return { ready, warm, naive, close: () => db.$disconnect() };
}

type ViewResult = {
  bbox: BboxTuple;
  zoom: number;
  firstCallMs: number;
  warmP50Ms: number;
  warmP95Ms: number;
  warmMaxMs: number;
  features: number;
  clusters: number;
  points: number;
  /** The largest answer seen in any call of this view. */
  maxFeatures: number;
  payloadBytes: number;
  /** Index builds during the warm calls (must be 0: the cache is used). */
  rebuildsDuringWarm: number;
  naiveRows: number;
  naiveP50Ms: number;
};

type WorkerResult = {
  n: number;
  issues: number;
  whole: ViewResult;
  street: ViewResult;
};

function summarise(
  ready: Ready,
  warmReplies: Record<View, WarmReply[]>,
  naive: Record<View, NaiveReply>,
): WorkerResult {
  const view = (name: View): ViewResult => {
    const replies = warmReplies[name];
    const times = replies.flatMap((reply) => reply.times).sort((a, b) => a - b);
    const naiveTimes = [...naive[name].times].sort((a, b) => a - b);
    const last = replies[replies.length - 1]?.last ?? ready.firstAnswer[name];
    return {
      bbox: name === "whole" ? WHOLE_BBOX : ready.streetBbox,
      zoom: name === "whole" ? WHOLE_ZOOM : STREET_ZOOM,
      firstCallMs: ready.firstCallMs[name],
      warmP50Ms: round(percentile(times, 50)),
      warmP95Ms: round(percentile(times, 95)),
      warmMaxMs: round(times[times.length - 1] ?? NaN),
      ...last,
      maxFeatures: Math.max(ready.firstAnswer[name].features, ...replies.map((reply) => reply.maxFeatures)),
      rebuildsDuringWarm: replies.reduce((sum, reply) => sum + reply.rebuilds, 0),
      naiveRows: naive[name].rows,
      naiveP50Ms: round(percentile(naiveTimes, 50)),
    };
  };
  return {
    n: ready.n,
    issues: ready.issues,
    whole: view("whole"),
    street: view("street"),
  };
}

/**
 * `--worker N`. Driven by the parent over the IPC channel (so the warm calls of all N can be
 * interleaved); run by hand without IPC it measures everything itself and prints one JSON line.
 */
async function worker(n: number) {
  const session = await openSession(n);
  const send = process.send?.bind(process);
  if (!send) {
    const warmReplies = {
      whole: [await session.warm("whole", WARM_CALLS)],
      street: [await session.warm("street", WARM_CALLS)],
    };
    const naive = {
      whole: await session.naive("whole"),
      street: await session.naive("street"),
    };
    await session.close();
    process.stdout.write(JSON.stringify(summarise(session.ready, warmReplies, naive)) + "\n");
    return;
  }
  const reply = (message: FromWorker) => send(message);
  reply({ type: "ready", data: session.ready });
  // One message at a time: the parent waits for each answer before sending the next.
  process.on("message", (message: ToWorker) => {
    const handle = async () => {
      if (message.type === "warm")
        reply({
          type: "warm",
          data: await session.warm(message.view, message.calls),
        });
      else if (message.type === "naive") reply({ type: "naive", data: await session.naive(message.view) });
      else {
        await session.close();
        process.disconnect();
      }
    };
    handle().catch((error: unknown) => {
      reply({
        type: "error",
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
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

  async warm(view: View, calls: number) {
    const answer = this.next();
    this.child.send({ type: "warm", view, calls } satisfies ToWorker);
    const message = await answer;
    if (message.type !== "warm") throw new Error(`worker N=${this.n}: expected warm, got ${message.type}`);
    return message.data;
  }

  async naive(view: View) {
    const answer = this.next();
    this.child.send({ type: "naive", view } satisfies ToWorker);
    const message = await answer;
    if (message.type !== "naive") throw new Error(`worker N=${this.n}: expected naive, got ${message.type}`);
    return message.data;
  }

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

/**
 * Every worker builds its index first (one after the other, so the first-call times do not
 * compete). Then the warm calls run in rounds, round-robin over N, so a burst of load from
 * other processes on this machine hits every N alike instead of one of them; the ratio
 * targets compare N with each other. The naive reads come last, one worker at a time.
 */
async function measureAll(databases: { n: number; file: string }[]): Promise<WorkerResult[]> {
  const workers: WorkerHandle[] = [];
  try {
    const readies: Ready[] = [];
    for (const { n, file } of databases) {
      log(`N=${n}: starting worker, building the index`);
      const handle = new WorkerHandle(n, file);
      workers.push(handle);
      readies.push(await handle.ready);
    }
    log(`warm calls: ${WARM_ROUNDS} rounds of ${WARM_CALLS / WARM_ROUNDS} call(s) per view, round-robin over N`);
    const warmReplies = workers.map(() => ({
      whole: [] as WarmReply[],
      street: [] as WarmReply[],
    }));
    for (let round = 0; round < WARM_ROUNDS; round++) {
      for (const [i, handle] of workers.entries()) {
        for (const view of VIEWS) warmReplies[i][view].push(await handle.warm(view, WARM_CALLS / WARM_ROUNDS));
      }
    }
    const results: WorkerResult[] = [];
    for (const [i, handle] of workers.entries()) {
      log(`N=${handle.n}: naive reads`);
      const naive = {
        whole: await handle.naive("whole"),
        street: await handle.naive("street"),
      };
      results.push(summarise(readies[i], warmReplies[i], naive));
      await handle.exit();
    }
    return results;
  } finally {
    for (const handle of workers) handle.kill();
  }
}

// ---------------------------------------------------------------------------------------------
// Parent: report

type Target = { name: string; pass: boolean; detail: string };

function checkTargets(results: WorkerResult[]): Target[] {
  const byN = new Map(results.map((r) => [r.n, r]));
  const largest = results[results.length - 1];
  const tenK = byN.get(10_000);
  const hundredK = byN.get(100_000);
  const targets: Target[] = [];

  if (tenK && largest) {
    const ratio = largest.whole.warmP95Ms / tenK.whole.warmP95Ms;
    targets.push({
      name: `whole-Blerick warm p95 at N=${largest.n.toLocaleString("en")} <= ${MAX_GROWTH} x p95 at N=10,000`,
      pass: ratio <= MAX_GROWTH,
      detail: `${largest.whole.warmP95Ms} ms / ${tenK.whole.warmP95Ms} ms = ${ratio.toFixed(2)}x`,
    });
  }
  const maxFeatures = Math.max(...results.flatMap((r) => [r.whole.maxFeatures, r.street.maxFeatures]));
  targets.push({
    name: `every answer <= ${MAX_FEATURES} features`,
    pass: maxFeatures <= MAX_FEATURES,
    detail: `largest answer: ${maxFeatures} features`,
  });
  if (hundredK) {
    const speedup = hundredK.whole.naiveP50Ms / hundredK.whole.warmP95Ms;
    targets.push({
      name: `whole-Blerick warm p95 at N=100,000 >= ${MIN_SPEEDUP}x faster than the naive full read`,
      pass: speedup >= MIN_SPEEDUP,
      detail: `naive p50 ${hundredK.whole.naiveP50Ms} ms / warm p95 ${
        hundredK.whole.warmP95Ms
      } ms = ${speedup.toFixed(0)}x`,
    });
  }
  const rebuilds = results.reduce((sum, r) => sum + r.whole.rebuildsDuringWarm + r.street.rebuildsDuringWarm, 0);
  targets.push({
    name: "warm calls answer from the cached index (no rebuilds)",
    pass: rebuilds === 0,
    detail: `${rebuilds} rebuilds during warm calls`,
  });
  return targets;
}

function table(headers: string[], rows: (string | number)[][]) {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  return [line(cells[0]), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

function viewRows(results: WorkerResult[], view: "whole" | "street") {
  return results.map((r) => {
    const v = r[view];
    return [
      r.n.toLocaleString("en"),
      v.firstCallMs.toFixed(1),
      v.warmP50Ms.toFixed(2),
      v.warmP95Ms.toFixed(2),
      `${v.features} (${v.clusters}c/${v.points}p)`,
      (v.payloadBytes / 1024).toFixed(1),
      v.naiveRows.toLocaleString("en"),
      v.naiveP50Ms.toFixed(1),
      (v.naiveP50Ms / v.warmP95Ms).toFixed(0) + "x",
    ];
  });
}

const VIEW_HEADERS = [
  "N",
  "first call ms",
  "warm p50 ms",
  "warm p95 ms",
  "features",
  "payload KB",
  "naive rows",
  "naive p50 ms",
  "naive/p95",
];

function localDate(date: Date) {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

async function main() {
  const started = performance.now();
  const loadBefore = os.loadavg()[0];
  mkdirSync(TMP_DIR, { recursive: true });
  mkdirSync(RESULTS_DIR, { recursive: true });

  const databases = SIZES.map((n) => ({ n, ...ensureBenchDb(n) }));
  const results = await measureAll(databases);
  for (const result of results) {
    if (result.issues !== result.n) throw new Error(`N=${result.n}: database holds ${result.issues} public issues`);
  }

  const targets = checkTargets(results);
  const loadAfter = os.loadavg()[0];
  const street = results[0]?.street;
  console.log("");
  console.log(`Whole Blerick: bbox ${WHOLE_BBOX.join(",")} at zoom ${WHOLE_ZOOM}`);
  console.log(table(VIEW_HEADERS, viewRows(results, "whole")));
  console.log("");
  console.log(`Street view (${STREET_BUURT}): bbox ${street?.bbox.join(",")} at zoom ${STREET_ZOOM}`);
  console.log(table(VIEW_HEADERS, viewRows(results, "street")));
  console.log("");
  console.log(
    `first call = index build (change counter + all public rows + supercluster load) + answer; ` +
      `warm = ${WARM_CALLS} calls (after ${WARMUP_CALLS} unmeasured ones) in ${WARM_ROUNDS} rounds interleaved over N; ` +
      `naive = Prisma findMany ` +
      `id/lat/lng of the bbox, p50 of ${NAIVE_RUNS}. features: c = clusters, p = issues.`,
  );
  console.log("");
  console.log("Targets");
  for (const target of targets) console.log(`  ${target.pass ? "PASS" : "FAIL"}  ${target.name}: ${target.detail}`);
  const cpus = os.cpus().length;
  if (Math.max(loadBefore, loadAfter) > cpus) {
    console.log("");
    console.log(
      `Note: the machine was busy (1-minute load average ${loadBefore.toFixed(1)} before, ` +
        `${loadAfter.toFixed(1)} after, on ${cpus} CPUs); p95 values are noisier than on an idle machine.`,
    );
  }

  const now = new Date();
  const output = {
    date: now.toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? "unknown",
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverage1m: { before: round(loadBefore, 2), after: round(loadAfter, 2) },
    },
    settings: {
      sizes: SIZES,
      warmCalls: WARM_CALLS,
      warmupCalls: WARMUP_CALLS,
      naiveRuns: NAIVE_RUNS,
      whole: { bbox: WHOLE_BBOX, zoom: WHOLE_ZOOM },
      street: { buurt: STREET_BUURT, span: STREET_SPAN, zoom: STREET_ZOOM },
    },
    databaseBuildMs: Object.fromEntries(databases.map((d) => [d.n, d.buildMs === null ? null : round(d.buildMs, 0)])),
    results,
    targets,
    pass: targets.every((target) => target.pass),
    totalSeconds: round((performance.now() - started) / 1000, 1),
  };
  const resultFile = path.join(RESULTS_DIR, `${localDate(now)}.json`);
  writeFileSync(resultFile, JSON.stringify(output, null, 2) + "\n");
  console.log("");
  console.log(`Wrote ${path.relative(ROOT, resultFile)} (${output.totalSeconds} s in total)`);
  process.exitCode = output.pass ? 0 : 1;
}

const workerIndex = process.argv.indexOf("--worker");
if (workerIndex !== -1) {
  worker(Number(process.argv[workerIndex + 1])).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
