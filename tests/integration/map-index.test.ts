/**
 * The map's cluster index against a real (per-file) SQLite database: it is only a cache of the
 * public issues, rebuilt when issuesVersion() moves.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAX_MAP_FEATURES, isClusterFeature, type BboxTuple, type MapFeatureCollection } from "~/domain/map-features";
import { db } from "~/utils/db.server";
import type { IssueFilters } from "~/domain/issue-filters";
import { bumpIssuesVersion, publicIssueWhere } from "~/utils/issues.server";
import { mapIssueRows } from "~/utils/sql.server";
import { clearMapIndexCache, mapFeatures, mapIndexStats } from "~/utils/map-index.server";

// Two made-up buurten side by side in Blerick (own codes, so the seeded data does not matter).
const WEST = { code: "BUTESTW1", name: "Testbuurt West", minLng: 6.12, maxLng: 6.14 };
const EAST = { code: "BUTESTE1", name: "Testbuurt Oost", minLng: 6.14, maxLng: 6.16 };
const MIN_LAT = 51.355;
const MAX_LAT = 51.375;
const BLERICK: BboxTuple = [6.071924, 51.343366, 6.167551, 51.421281];
const STREET: BboxTuple = [6.125, 51.36, 6.135, 51.37];

const themeIds: Record<string, string> = {};

beforeAll(async () => {
  for (const b of [WEST, EAST]) {
    const ring = [
      [b.minLng, MIN_LAT],
      [b.maxLng, MIN_LAT],
      [b.maxLng, MAX_LAT],
      [b.minLng, MAX_LAT],
      [b.minLng, MIN_LAT],
    ];
    const data = {
      name: b.name,
      wijkCode: "WKTEST01",
      wijkName: "Testwijk",
      geometry: JSON.stringify({ type: "Polygon", coordinates: [ring] }),
      centerLat: (MIN_LAT + MAX_LAT) / 2,
      centerLng: (b.minLng + b.maxLng) / 2,
      minLat: MIN_LAT,
      maxLat: MAX_LAT,
      minLng: b.minLng,
      maxLng: b.maxLng,
    };
    await db.buurt.upsert({ where: { code: b.code }, create: { code: b.code, ...data }, update: data });
  }
  for (const code of ["afval", "groen"]) {
    const theme = await db.theme.upsert({ where: { code }, create: { code, name: code }, update: {} });
    themeIds[code] = theme.id;
  }
});

beforeEach(async () => {
  await db.issue.deleteMany({});
  await bumpIssuesVersion(db);
});

let sequence = 0;
type NewIssue = {
  lat?: number;
  lng?: number;
  theme?: "afval" | "groen";
  buurt?: typeof WEST | typeof EAST;
  status?: string;
  visibility?: string;
  title?: string;
  supportCount?: number;
};

function issueData(options: NewIssue = {}) {
  sequence += 1;
  const buurt = options.buurt ?? WEST;
  return {
    title: options.title ?? `Testmelding ${sequence}`,
    description: "Een melding uit een test.",
    themeId: themeIds[options.theme ?? "afval"],
    buurtCode: buurt.code,
    lat: options.lat ?? 51.365,
    lng: options.lng ?? (buurt.minLng + buurt.maxLng) / 2,
    status: options.status ?? "nieuw",
    visibility: options.visibility ?? "public",
    supportCount: options.supportCount ?? 0,
  };
}

/** Creates issues the way the app does: the rows plus a bump of the change counter. */
async function createIssues(list: NewIssue[]) {
  await db.$transaction(async (tx) => {
    await tx.issue.createMany({ data: list.map(issueData) });
    await bumpIssuesVersion(tx);
  });
  return db.issue.findMany({ orderBy: { id: "asc" } });
}

function points(fc: MapFeatureCollection) {
  return fc.features.filter((f) => !isClusterFeature(f)).map((f) => f.properties as { id: number; title: string });
}

function total(fc: MapFeatureCollection) {
  return fc.features.reduce((sum, f) => sum + (isClusterFeature(f) ? f.properties.count : 1), 0);
}

describe("mapFeatures", () => {
  it("returns public issues as points with fresh title, theme, status, supports and buurt name", async () => {
    await createIssues([
      { lat: 51.362, lng: 6.127, title: "Kapotte lantaarn", theme: "groen", status: "in_behandeling", supportCount: 4 },
      { lat: 51.368, lng: 6.133 },
    ]);
    const fc = await mapFeatures({ bbox: STREET, zoom: 18 });
    expect(fc.type).toBe("FeatureCollection");
    expect(fc.features).toHaveLength(2);
    const lantaarn = fc.features.find((f) => !isClusterFeature(f) && f.properties.title === "Kapotte lantaarn");
    expect(lantaarn?.properties).toMatchObject({
      theme: "groen",
      status: "in_behandeling",
      supportCount: 4,
      buurt: "Testbuurt West",
    });
    expect(lantaarn?.geometry.coordinates).toEqual([6.127, 51.362]);
  });

  it("never shows hidden or unconfirmed issues, at any zoom", async () => {
    await createIssues([
      { lat: 51.362, lng: 6.127, title: "Openbaar" },
      { lat: 51.3621, lng: 6.1271, title: "Verborgen", visibility: "hidden" },
      { lat: 51.3622, lng: 6.1272, title: "Onbevestigd", visibility: "unconfirmed" },
    ]);
    for (const zoom of [10, 14, 17, 18, 22]) {
      const fc = await mapFeatures({ bbox: BLERICK, zoom });
      expect(total(fc), `zoom ${zoom}`).toBe(1);
      expect(points(fc).map((p) => p.title)).toEqual(["Openbaar"]);
    }
  });

  it("leaves out an issue hidden after the index was built, even before the counter moves", async () => {
    const [issue] = await createIssues([{ lat: 51.362, lng: 6.127, title: "Straks verborgen" }]);
    expect(points(await mapFeatures({ bbox: STREET, zoom: 18 }))).toHaveLength(1);
    await db.issue.update({ where: { id: issue.id }, data: { visibility: "hidden" } }); // no bump
    expect(points(await mapFeatures({ bbox: STREET, zoom: 18 }))).toHaveLength(0);
  });

  it("filters by theme, buurt and status", async () => {
    await createIssues([
      { theme: "afval", buurt: WEST, status: "nieuw", title: "afval-west-nieuw" },
      { theme: "groen", buurt: WEST, status: "opgelost", title: "groen-west-opgelost", lat: 51.36 },
      { theme: "groen", buurt: EAST, status: "in_behandeling", title: "groen-oost-behandeling", lat: 51.37 },
    ]);
    const titles = async (filters: Parameters<typeof mapFeatures>[0]["filters"]) =>
      points(await mapFeatures({ bbox: BLERICK, zoom: 20, filters }))
        .map((p) => p.title)
        .sort();
    expect(await titles({})).toHaveLength(3);
    expect(await titles({ theme: "groen" })).toEqual(["groen-oost-behandeling", "groen-west-opgelost"]);
    expect(await titles({ buurt: WEST.code })).toEqual(["afval-west-nieuw", "groen-west-opgelost"]);
    expect(await titles({ status: "open" })).toEqual(["afval-west-nieuw", "groen-oost-behandeling"]);
    expect(await titles({ status: "gesloten" })).toEqual(["groen-west-opgelost"]);
    expect(await titles({ status: "in_behandeling", theme: "groen", buurt: EAST.code })).toEqual([
      "groen-oost-behandeling",
    ]);
    expect(await titles({ theme: "bestaat-niet" })).toEqual([]);
  });

  it("shows a new issue once bumpIssuesVersion has moved the counter", async () => {
    await createIssues([{ title: "Eerste" }]);
    expect(points(await mapFeatures({ bbox: BLERICK, zoom: 20 }))).toHaveLength(1);

    // Written without a bump: the cached index does not know it yet.
    await db.issue.create({ data: issueData({ title: "Tweede", lat: 51.37 }) });
    expect(points(await mapFeatures({ bbox: BLERICK, zoom: 20 })).map((p) => p.title)).toEqual(["Eerste"]);

    await bumpIssuesVersion(db);
    expect(
      points(await mapFeatures({ bbox: BLERICK, zoom: 20 }))
        .map((p) => p.title)
        .sort(),
    ).toEqual(["Eerste", "Tweede"]);
  });

  it("builds an index once for concurrent requests and reuses it until the counter moves", async () => {
    await createIssues([{ title: "Een" }]);
    clearMapIndexCache();
    const before = mapIndexStats().builds;
    await Promise.all(
      Array.from({ length: 5 }, () => mapFeatures({ bbox: BLERICK, zoom: 12, filters: { theme: "afval" } })),
    );
    expect(mapIndexStats().builds - before).toBe(1);
    await mapFeatures({ bbox: STREET, zoom: 16, filters: { theme: "afval" } });
    expect(mapIndexStats().builds - before).toBe(1);
    await bumpIssuesVersion(db);
    await mapFeatures({ bbox: STREET, zoom: 16, filters: { theme: "afval" } });
    expect(mapIndexStats().builds - before).toBe(2);
  });

  it("clusters 300 issues at a low zoom: counts add up to 300 in at most 500 features", async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    await createIssues(
      Array.from({ length: 300 }, () => {
        const buurt = random() < 0.5 ? WEST : EAST;
        return {
          buurt,
          lat: MIN_LAT + random() * (MAX_LAT - MIN_LAT),
          lng: buurt.minLng + random() * (buurt.maxLng - buurt.minLng),
        };
      }),
    );

    const low = await mapFeatures({ bbox: BLERICK, zoom: 12 });
    const clusters = low.features.filter(isClusterFeature);
    expect(clusters.length).toBeGreaterThan(0);
    expect(low.features.length).toBeLessThan(300);
    expect(total(low)).toBe(300);
    for (const cluster of clusters) {
      expect(cluster.properties.count).toBeGreaterThanOrEqual(2);
      expect(cluster.properties.expansionZoom).toBeGreaterThan(12);
      expect(Object.keys(cluster.properties).sort()).toEqual(["cluster", "count", "expansionZoom"]);
    }

    // Zoomed in far enough every issue is its own point. (Not with the whole of Blerick as the
    // bbox: no screen is that many pixels wide at zoom 18, so the zoom would be lowered.)
    const high = await mapFeatures({ bbox: [6.12, MIN_LAT, 6.16, MAX_LAT], zoom: 18 });
    expect(high.features).toHaveLength(300);
    expect(high.features.every((f) => !isClusterFeature(f))).toBe(true);
  });

  it("never returns more than 500 features: falls back to a lower zoom", async () => {
    // 700 issues on a grid far enough apart to be separate points at zoom 18.
    const list: NewIssue[] = [];
    for (let i = 0; i < 700; i++) {
      list.push({ lat: 51.36 + Math.floor(i / 35) * 0.0004, lng: 6.125 + (i % 35) * 0.0008 });
    }
    await createIssues(list);
    const area: BboxTuple = [6.12, MIN_LAT, 6.16, MAX_LAT]; // small enough that zoom 18 is kept
    const fc = await mapFeatures({ bbox: area, zoom: 18 });
    expect(fc.features.length).toBeLessThanOrEqual(MAX_MAP_FEATURES);
    expect(fc.features.some(isClusterFeature)).toBe(true);
    expect(total(fc)).toBe(700);
    // A street-sized view at the same zoom still shows points only.
    const street = await mapFeatures({ bbox: [6.125, 51.36, 6.129, 51.3615], zoom: 18 });
    expect(street.features.length).toBeGreaterThan(0);
    expect(street.features.every((f) => !isClusterFeature(f))).toBe(true);
  });
});

describe("mapIssueRows (the map's issue properties, one hot statement)", () => {
  it("returns exactly the issues publicIssueWhere() finds, for every filter, with their properties", async () => {
    const created = await createIssues(
      [WEST, EAST].flatMap((buurt) =>
        (["afval", "groen"] as const).flatMap((theme) =>
          ["nieuw", "in_behandeling", "opgelost"].flatMap((status) =>
            ["public", "hidden", "unconfirmed"].map((visibility) => ({
              buurt,
              theme,
              status,
              visibility,
              supportCount: 3,
            })),
          ),
        ),
      ),
    );
    const ids = [...created.map((issue) => issue.id), 2_000_000_000];
    const filterSets: IssueFilters[] = [
      {},
      { theme: "groen" },
      { buurt: EAST.code },
      { status: "open" },
      { status: "gesloten" },
      { status: "opgelost" },
      { theme: "afval", buurt: WEST.code, status: "open" },
      { theme: "bestaat-niet" },
    ];
    for (const filters of filterSets) {
      const expected = await db.issue.findMany({
        where: { ...publicIssueWhere(filters), id: { in: ids } },
        select: {
          id: true,
          title: true,
          status: true,
          supportCount: true,
          theme: { select: { code: true } },
          buurt: { select: { name: true } },
        },
        orderBy: { id: "asc" },
      });
      const rows = (await mapIssueRows(ids, filters)).sort((a, b) => a.id - b.id);
      expect(rows, JSON.stringify(filters)).toEqual(
        expected.map((row) => ({ ...row, theme: row.theme.code, buurt: row.buurt.name })),
      );
    }
    expect((await mapIssueRows(ids)).length).toBe(created.length / 3);
    // One row per issue, also when an id is asked twice.
    expect(await mapIssueRows([created[0].id, created[0].id])).toHaveLength(1);
    expect(await mapIssueRows([])).toEqual([]);
  });
});

describe("GET /api/issues.geojson and /api/buurten.geojson", () => {
  async function get(query: string) {
    const { loader } = await import("~/routes/api.issues[.]geojson");
    const request = new Request(`http://localhost/api/issues.geojson${query}`);
    return loader({ request, params: {}, context: {} });
  }

  it("answers GeoJSON with a short public cache", async () => {
    await createIssues([{ lat: 51.362, lng: 6.127, title: "Via de API", theme: "groen" }]);
    const response = await get("?bbox=6.12,51.355,6.16,51.375&zoom=18&theme=groen&status=open");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/geo+json");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=5");
    const body = (await response.json()) as MapFeatureCollection;
    expect(body.type).toBe("FeatureCollection");
    expect(points(body).map((p) => p.title)).toEqual(["Via de API"]);
  });

  it("answers 400 with a Dutch message for bad parameters", async () => {
    const cases: Array<[string, RegExp]> = [
      ["?zoom=12", /Geef een kaartgebied mee/],
      ["?bbox=1,2,3&zoom=12", /precies 4 getallen/],
      ["?bbox=a,b,c,d&zoom=12", /alleen getallen/],
      ["?bbox=6.2,51.3,6.1,51.4&zoom=12", /minLon kleiner/],
      ["?bbox=6.1,51.3,6.2,91&zoom=12", /breedtegraden/],
      ["?bbox=6.1,51.3,6.2,51.4", /Geef een zoomniveau mee/],
      ["?bbox=6.1,51.3,6.2,51.4&zoom=23", /heel getal van 0 tot en met 22/],
      ["?bbox=6.1,51.3,6.2,51.4&zoom=12.5", /heel getal/],
      ["?bbox=6.1,51.3,6.2,51.4&zoom=12&status=kapot", /Onbekende status/],
      ["?bbox=6.1,51.3,6.2,51.4&zoom=12&theme=%3Cscript%3E", /Onbekend thema/],
      ["?bbox=6.1,51.3,6.2,51.4&zoom=12&buurt=a%20b", /Onbekende buurt/],
    ];
    for (const [query, message] of cases) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error: string };
      expect(body.error, query).toMatch(message);
    }
  });

  it("serves the buurt outlines with a long cache", async () => {
    const { loader } = await import("~/routes/api.buurten[.]geojson");
    const response = await loader({
      request: new Request("http://localhost/api/buurten.geojson"),
      params: {},
      context: {},
    });
    expect(response.headers.get("Content-Type")).toBe("application/geo+json");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=3600");
    const body = (await response.json()) as {
      type: string;
      features: Array<{ properties: { code: string; name: string } }>;
    };
    expect(body.type).toBe("FeatureCollection");
    expect(body.features.map((f) => f.properties.code)).toContain(WEST.code);
  });
});
