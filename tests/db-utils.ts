/**
 * Factories for integration tests. They write real rows through the app's own Prisma client
 * (the per-test-file copy set up by tests/setup/setup-db.ts); nothing is mocked.
 */
import type { MultiPolygon, Polygon } from "geojson";
import { findBuurt, polygonCentroid, type LatLng } from "~/domain/geo";
import type { IssueStatus, IssueVisibility } from "~/domain/issue-status";
import type { Role } from "~/domain/permissions";
import { createSession, hashPassword, SESSION_COOKIE } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { bumpIssuesVersion } from "~/utils/issues.server";

/** Fictional people of Blerick: common first names, made-up surnames. */
const FIRST_NAMES = [
  "Anouk",
  "Bram",
  "Daan",
  "Eline",
  "Fenna",
  "Gijs",
  "Hanneke",
  "Ilse",
  "Joris",
  "Kees",
  "Lotte",
  "Maartje",
  "Noor",
  "Otto",
  "Pien",
  "Ruud",
  "Sanne",
  "Thijs",
  "Wessel",
  "Yara",
];
const LAST_NAMES = [
  "van Brakelhoven",
  "Kessenbroek",
  "de Wilgenkamp",
  "Maasveldt",
  "Puttershoek-Lemmens",
  "van der Heggerd",
  "Scholtenbeek",
  "Vossenakker",
  "Hendrikxveld",
  "van Oeverdonk",
  "Gerritsmolen",
  "Beukenstraeten",
  "ter Venlaer",
  "Jansenbosch",
  "Peeterhuys",
];

export const DEFAULT_PASSWORD = "blerick-test-wachtwoord";
// argon2id is deliberately slow; hash the shared default password once per test file.
let defaultPasswordHash: Promise<string> | undefined;

let sequence = 0;
function nextNumber() {
  sequence += 1;
  return sequence;
}

function pick<T>(values: readonly T[]): T {
  return values[Math.floor(Math.random() * values.length)];
}

export function fakeName() {
  return `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
}

function emailFor(name: string) {
  const local = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, ".")
    .replace(/^\.|\.$/g, "");
  // Unique across parallel test files too (each has its own database, but ids help debugging).
  return `${local}.${nextNumber()}.${Math.random().toString(36).slice(2, 8)}@example.test`;
}

export type CreateUserOptions = {
  roles?: Role[];
  email?: string;
  name?: string;
  password?: string;
  buurtCode?: string | null;
  /** Defaults to verified (now); pass null for an account that has not confirmed its email. */
  emailVerifiedAt?: Date | null;
};

/** A user with a password and roles; returns the row plus the plain password for login tests. */
export async function createUser(options: CreateUserOptions = {}) {
  const name = options.name ?? fakeName();
  const password = options.password ?? DEFAULT_PASSWORD;
  const passwordHash =
    password === DEFAULT_PASSWORD
      ? await (defaultPasswordHash ??= hashPassword(DEFAULT_PASSWORD))
      : await hashPassword(password);
  const roles = options.roles ?? ["resident"];
  const user = await db.user.create({
    data: {
      name,
      email: (options.email ?? emailFor(name)).toLowerCase(),
      passwordHash,
      buurtCode: options.buurtCode ?? null,
      emailVerifiedAt: options.emailVerifiedAt === undefined ? new Date() : options.emailVerifiedAt,
      roles: { create: roles.map((role) => ({ role })) },
    },
    select: { id: true, name: true, email: true, buurtCode: true },
  });
  return { ...user, roles, password };
}

type BuurtRow = {
  code: string;
  geometry: Polygon | MultiPolygon;
  bbox: { minLat: number; minLng: number; maxLat: number; maxLng: number };
};

let buurtenCache: Promise<BuurtRow[]> | undefined;
function buurten() {
  buurtenCache ??= db.buurt.findMany({ orderBy: { code: "asc" } }).then((rows) =>
    rows.map((row) => ({
      code: row.code,
      geometry: JSON.parse(row.geometry) as Polygon | MultiPolygon,
      bbox: { minLat: row.minLat, minLng: row.minLng, maxLat: row.maxLat, maxLng: row.maxLng },
    })),
  );
  return buurtenCache;
}

/** A random point that findBuurt places in this buurt (so it agrees with the app's own lookup). */
function pointInside(buurt: BuurtRow, all: BuurtRow[]): LatLng {
  for (let attempt = 0; attempt < 200; attempt++) {
    const point = {
      lat: buurt.bbox.minLat + Math.random() * (buurt.bbox.maxLat - buurt.bbox.minLat),
      lng: buurt.bbox.minLng + Math.random() * (buurt.bbox.maxLng - buurt.bbox.minLng),
    };
    if (findBuurt(point, all)?.code === buurt.code) return point;
  }
  const centre = polygonCentroid(buurt.geometry);
  if (findBuurt(centre, all)?.code === buurt.code) return centre;
  throw new Error(`Could not find a point inside buurt ${buurt.code}`);
}

const TITLES = [
  "Losliggende stoeptegels bij de bushalte",
  "Lantaarnpaal brandt al een week niet",
  "Zwerfvuil rond de glasbak",
  "Te hard rijden in de woonstraat",
  "Speeltuin heeft een kapot klimrek",
  "Idee: een bankje bij het pleintje",
];

export type CreateIssueOptions = {
  reporterId: string | null;
  themeCode?: string;
  buurtCode?: string;
  lat?: number;
  lng?: number;
  status?: IssueStatus;
  visibility?: IssueVisibility;
  title?: string;
  description?: string;
  createdAt?: Date;
};

/**
 * An issue on a real buurt and theme from the seeded reference data, with its "created"
 * timeline event, written the way the app writes them (one transaction, map cache bumped).
 * Without lat/lng the point is random inside the buurt; with lat/lng the buurt is looked up.
 */
export async function createIssue(options: CreateIssueOptions) {
  const all = await buurten();
  if (all.length === 0) throw new Error("No buurten in the test database: is prisma/seed.ts there?");

  let buurt: BuurtRow;
  let point: LatLng;
  if (options.lat !== undefined && options.lng !== undefined) {
    point = { lat: options.lat, lng: options.lng };
    const found = options.buurtCode ? all.find((b) => b.code === options.buurtCode) : findBuurt(point, all);
    if (!found) throw new Error(`No buurt ${options.buurtCode ?? `at ${point.lat},${point.lng}`}`);
    buurt = found;
  } else {
    const found = options.buurtCode ? all.find((b) => b.code === options.buurtCode) : pick(all);
    if (!found) throw new Error(`Unknown buurt ${options.buurtCode}`);
    buurt = found;
    point = pointInside(buurt, all);
  }

  const themes = await db.theme.findMany({
    where: options.themeCode ? { code: options.themeCode } : { retiredAt: null },
    select: { id: true },
  });
  if (themes.length === 0) throw new Error(`No theme ${options.themeCode ?? "(any)"} in the test database`);
  const theme = pick(themes);

  const status = options.status ?? "nieuw";
  const createdAt = options.createdAt ?? new Date();
  const closed = status === "opgelost" || status === "gesloten_niet_opgelost";
  const title = options.title ?? `${pick(TITLES)} (${nextNumber()})`;

  return db.$transaction(async (tx) => {
    const issue = await tx.issue.create({
      data: {
        title,
        description: options.description ?? `${title}. Gemeld door een bewoner in een test.`,
        themeId: theme.id,
        buurtCode: buurt.code,
        lat: point.lat,
        lng: point.lng,
        status,
        visibility: options.visibility ?? "public",
        reporterId: options.reporterId,
        createdAt,
        closedAt: closed ? createdAt : null,
      },
    });
    await tx.issueEvent.create({
      data: { issueId: issue.id, type: "created", toStatus: status, actorId: options.reporterId, createdAt },
    });
    await bumpIssuesVersion(tx);
    return issue;
  });
}

/** The Cookie header value of a fresh session for this user, for calling loaders/actions. */
export async function sessionCookieFor(userId: string) {
  const { token } = await createSession(userId);
  return `${SESSION_COOKIE}=${token}`;
}
