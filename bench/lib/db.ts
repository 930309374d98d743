/**
 * Benchmark databases in bench/.tmp (git-ignored).
 *
 * - `reference.db`: `prisma migrate deploy` + `prisma/seed.ts` with DEMO_DATA=false (buurten and
 *   themes only). The map databases `map-N.db` are this plus N generated public issues.
 * - `reference-demo.db`: the same with the demo seed (DEMO_DATA=true: demo people, partner
 *   organisations, ~150 issues with supports and comments). `app-N.db` is this plus N generated
 *   issues owned by the demo organisations, plus BENCH_USERS resident accounts: the database
 *   of the pages, supports and dashboard parts.
 *
 * Generated issues carry realistic steering data (status mix, nature, scope, owner, triage /
 * first response / close dates) so the dashboard's medians and overdue lists do real work. The
 * data come from a seeded PRNG, so every build is the same. A database is reused while its
 * `_bench` row matches (generator version, N, migrations); delete bench/.tmp to start over.
 */
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { copyFileSync, existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { MultiPolygon, Polygon } from "geojson";
import { findBuurt, type Bbox } from "../../app/domain/geo";
import { BENCH_SESSION_SECRET, ROOT, TMP_DIR, bin, log, mulberry32 } from "./common";

/** Bump when the generated data change: existing files are then rebuilt. */
const GENERATOR_VERSION = 2;
/** Resident accounts in app-N.db (the supports part uses 200 of them). */
export const BENCH_USERS = 250;
/** Dates are generated in the two years before this moment (fixed: same data every build). */
export const GENERATED_UNTIL = Date.parse("2026-11-25T10:00:00.000Z");

const DAY = 24 * 3600 * 1000;

export function removeDatabaseFile(file: string) {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
}

/** Prisma stores DateTime in SQLite as ISO text with an explicit offset. */
export const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

function migrationNames() {
  return readdirSync(path.join(ROOT, "prisma", "migrations"), { withFileTypes: true })
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

type ReferenceKind = "plain" | "demo";
const referencePath = (kind: ReferenceKind) =>
  path.join(TMP_DIR, kind === "plain" ? "reference.db" : "reference-demo.db");

/** Migrated database with the reference seed (and the demo data for "demo"). */
function ensureReferenceDb(kind: ReferenceKind) {
  const file = referencePath(kind);
  if (existsSync(file)) {
    const sqlite = new Database(file, { readonly: true });
    const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS c FROM "${table}"`).get() as { c: number }).c;
    const ok =
      hasCurrentMigrations(sqlite) &&
      count("Buurt") > 0 &&
      count("Theme") > 0 &&
      (kind === "plain" ? count("User") === 0 : count("Organisation") > 0);
    sqlite.close();
    if (ok) return file;
  }
  log(`building ${path.basename(file)} (prisma migrate deploy + prisma/seed.ts, DEMO_DATA=${kind === "demo"})`);
  const building = path.join(TMP_DIR, `reference-${kind}-${process.pid}.building.db`);
  removeDatabaseFile(building);
  const env = {
    ...process.env,
    DATABASE_URL: `file:${building}`,
    DEMO_DATA: kind === "demo" ? "true" : "false",
    SESSION_SECRET: BENCH_SESSION_SECRET,
  };
  for (const [command, args] of [
    [bin("prisma"), ["migrate", "deploy"]],
    [bin("tsx"), [path.join(ROOT, "prisma", "seed.ts")]],
  ] as const) {
    try {
      execFileSync(command, [...args], { cwd: ROOT, env, stdio: "pipe", encoding: "utf8" });
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
  renameSync(building, file);
  removeDatabaseFile(building);
  return file;
}

type BuurtRow = { code: string; geometry: string; minLat: number; minLng: number; maxLat: number; maxLng: number };

/** Status mix of a municipality's backlog: most issues closed, a tail still open. */
const STATUS_WEIGHTS: [string, number][] = [
  ["nieuw", 0.12],
  ["getrieerd", 0.12],
  ["in_behandeling", 0.18],
  ["opgelost", 0.4],
  ["gesloten_niet_opgelost", 0.13],
  ["heropend", 0.05],
];
const SCOPES = ["deze_plek", "deze_buurt", "heel_blerick", "hele_gemeente"];
const CLOSE_REASONS = ["doorverwezen", "niet_uitvoerbaar", "geen_actie_nodig", "dubbele_melding"];

function pick<T>(random: () => number, weights: [T, number][]) {
  let r = random();
  for (const [value, weight] of weights) {
    if ((r -= weight) < 0) return value;
  }
  return weights[weights.length - 1][0];
}

/** Inserts n public issues (and, with users > 0, resident accounts) into a copy of the reference. */
function buildDb(file: string, reference: string, n: number, users: number) {
  const building = `${file}.${process.pid}.building`;
  removeDatabaseFile(building);
  copyFileSync(reference, building);
  const sqlite = new Database(building);
  sqlite.pragma("synchronous = OFF");
  const buurten = (
    sqlite.prepare("SELECT code, geometry, minLat, minLng, maxLat, maxLng FROM Buurt ORDER BY code").all() as BuurtRow[]
  ).map((row) => ({
    code: row.code,
    geometry: JSON.parse(row.geometry) as Polygon | MultiPolygon,
    bbox: { minLat: row.minLat, minLng: row.minLng, maxLat: row.maxLat, maxLng: row.maxLng } satisfies Bbox,
  }));
  const themeIds = (
    sqlite.prepare("SELECT id FROM Theme WHERE retiredAt IS NULL ORDER BY sortOrder").all() as { id: string }[]
  ).map((row) => row.id);
  const organisationIds = (sqlite.prepare("SELECT id FROM Organisation ORDER BY name").all() as { id: string }[]).map(
    (row) => row.id,
  );
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
                       supportCount, nature, scope, ownerOrganisationId, triagedAt, firstResponseAt,
                       closeReason, createdAt, updatedAt, closedAt)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'public', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const twoYears = 2 * 365 * DAY;
  // Hours until something happens, skewed: most within days, some after weeks.
  const delay = (maxDays: number) => Math.floor(random() ** 2 * maxDays * DAY) + 15 * 60 * 1000;

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
      const status = pick(random, STATUS_WEIGHTS);
      const themeId = themeIds[Math.floor(random() * themeIds.length)];
      const created = GENERATED_UNTIL - Math.floor(random() * twoYears);
      const clamp = (ms: number) => Math.min(GENERATED_UNTIL, ms);
      // Everything but "nieuw" went through triage once ("heropend" was triaged, then closed
      // and reopened); triage sets the nature, scope and owner and is the first response.
      const triaged = status !== "nieuw";
      const triagedAt = triaged ? clamp(created + delay(15)) : null;
      const firstResponseAt = triagedAt === null ? null : random() < 0.8 ? triagedAt : clamp(triagedAt + delay(5));
      const closed = status === "opgelost" || status === "gesloten_niet_opgelost";
      const closedAt = closed && triagedAt !== null ? clamp(triagedAt + delay(90)) : null;
      const updated = Math.max(created, closedAt ?? firstResponseAt ?? triagedAt ?? created);
      insert.run(
        `Benchmarkmelding ${i}`,
        "Gegenereerd door de benchmark (bench/lib/db.ts).",
        themeId,
        lat,
        lng,
        buurtCode,
        status,
        Math.floor(random() ** 3 * 30),
        triaged ? (random() < 0.7 ? "incident" : "structureel") : null,
        triaged ? SCOPES[Math.floor(random() * SCOPES.length)] : null,
        triaged && organisationIds.length > 0 ? organisationIds[Math.floor(random() * organisationIds.length)] : null,
        triagedAt === null ? null : iso(triagedAt),
        firstResponseAt === null ? null : iso(firstResponseAt),
        status === "gesloten_niet_opgelost" ? CLOSE_REASONS[Math.floor(random() * CLOSE_REASONS.length)] : null,
        iso(created),
        iso(updated),
        closedAt === null ? null : iso(closedAt),
      );
    }
    const insertUser = sqlite.prepare(`
      INSERT INTO User (id, name, email, emailVerifiedAt, buurtCode, createdAt, updatedAt)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const insertRole = sqlite.prepare(`INSERT INTO UserRole (userId, role, createdAt) VALUES (?, 'resident', ?)`);
    for (let i = 1; i <= users; i++) {
      const at = iso(GENERATED_UNTIL - 400 * DAY);
      const id = `benchuser${String(i).padStart(5, "0")}`;
      insertUser.run(
        id,
        `Benchbewoner ${i}`,
        `bench.${i}@buurtbestuurt.test`,
        at,
        buurten[i % buurten.length].code,
        at,
        at,
      );
      insertRole.run(id, at);
    }
    sqlite
      .prepare(
        `INSERT INTO ChangeCounter (key, value) VALUES ('issues', 1)
         ON CONFLICT(key) DO UPDATE SET value = value + 1`,
      )
      .run();
    sqlite.exec(`CREATE TABLE _bench (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    sqlite
      .prepare(`INSERT INTO _bench (key, value) VALUES ('build', ?)`)
      .run(JSON.stringify({ version: GENERATOR_VERSION, n, users }));
  })();
  // Like scripts/prepare-db.mjs does for the real database.
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  removeDatabaseFile(file);
  renameSync(building, file);
  removeDatabaseFile(building);
}

function isUsable(file: string, n: number, users: number) {
  if (!existsSync(file)) return false;
  const sqlite = new Database(file, { readonly: true });
  try {
    if (!hasCurrentMigrations(sqlite)) return false;
    const row = sqlite.prepare("SELECT value FROM _bench WHERE key = 'build'").get() as { value: string } | undefined;
    if (row?.value !== JSON.stringify({ version: GENERATOR_VERSION, n, users })) return false;
    const generated = (
      sqlite.prepare("SELECT count(*) AS c FROM Issue WHERE title LIKE 'Benchmarkmelding %'").get() as { c: number }
    ).c;
    return generated === n;
  } catch {
    return false;
  } finally {
    sqlite.close();
  }
}

function ensureDb(file: string, kind: ReferenceKind, n: number, users: number) {
  if (isUsable(file, n, users)) {
    log(`reusing ${path.relative(ROOT, file)}`);
    return { file, buildMs: null as number | null };
  }
  const reference = ensureReferenceDb(kind);
  log(`inserting ${n.toLocaleString("en")} issues into ${path.relative(ROOT, file)}`);
  const start = performance.now();
  buildDb(file, reference, n, users);
  const buildMs = performance.now() - start;
  log(`${path.basename(file)} built in ${(buildMs / 1000).toFixed(1)} s`);
  return { file, buildMs };
}

/** N generated public issues, no people (the map part). */
export const ensureMapDb = (n: number) => ensureDb(path.join(TMP_DIR, `map-${n}.db`), "plain", n, 0);

/** Demo seed + N generated issues + BENCH_USERS residents (pages, supports, dashboard). */
export const ensureAppDb = (n: number) => ensureDb(path.join(TMP_DIR, `app-${n}.db`), "demo", n, BENCH_USERS);

/** A throw-away copy of a database (the supports part writes to it). */
export function copyDb(from: string, to: string) {
  const sqlite = new Database(from);
  removeDatabaseFile(to);
  // VACUUM INTO writes a consistent copy even when a WAL file holds recent pages.
  sqlite.prepare("VACUUM INTO ?").run(to);
  sqlite.close();
  const copy = new Database(to);
  copy.pragma("journal_mode = WAL");
  copy.close();
}

/** The same hash app/utils/auth.server.ts stores (hex SHA-256 of the cookie token). */
const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/**
 * Sessions for the given users, written straight into the database: the same rows
 * createSession (auth.server.ts) writes. Returns the cookie tokens in the same order.
 */
export function createSessions(file: string, userIds: readonly string[]) {
  const sqlite = new Database(file);
  const insert = sqlite.prepare(`INSERT INTO Session (id, userId, expiresAt, createdAt) VALUES (?, ?, ?, ?)`);
  const tokens: string[] = [];
  sqlite.transaction(() => {
    for (const userId of userIds) {
      // 32 base32 characters, the shape isGeneratedToken accepts.
      const token = [...randomBytes(32)].map((byte) => BASE32[byte & 31]).join("");
      insert.run(hashToken(token), userId, iso(Date.now() + 30 * DAY), iso(Date.now()));
      tokens.push(token);
    }
  })();
  sqlite.close();
  return tokens;
}

export const benchUserIds = (count: number) =>
  Array.from({ length: count }, (_, i) => `benchuser${String(i + 1).padStart(5, "0")}`);
