import type { MultiPolygon, Polygon } from "geojson";
import { findBuurt, type BuurtShape, type LatLng } from "~/domain/geo";
import { audit } from "./audit.server";
import { db } from "./db.server";

export type BuurtRecord = BuurtShape & { wijkCode: string; center: LatLng };

// Buurt boundaries are reference data that change once a year at most: read them once per process.
let cache: Promise<BuurtRecord[]> | undefined;

export function loadBuurten(): Promise<BuurtRecord[]> {
  cache ??= db.buurt
    .findMany({ orderBy: { code: "asc" } })
    .then((rows) =>
      rows.map((row) => ({
        code: row.code,
        name: row.name,
        wijkCode: row.wijkCode,
        wijkName: row.wijkName,
        geometry: JSON.parse(row.geometry) as Polygon | MultiPolygon,
        bbox: { minLat: row.minLat, minLng: row.minLng, maxLat: row.maxLat, maxLng: row.maxLng },
        center: { lat: row.centerLat, lng: row.centerLng },
      })),
    )
    .catch((error) => {
      cache = undefined;
      throw error;
    });
  return cache;
}

/** For tests: read the buurten from the database again on the next call. */
export function forgetBuurten() {
  cache = undefined;
}

export async function buurtAt(point: LatLng) {
  return findBuurt(point, await loadBuurten());
}

/** Buurt outlines as a GeoJSON FeatureCollection for the map (about 10 KB). */
export async function buurtenFeatureCollection() {
  const buurten = await loadBuurten();
  return {
    type: "FeatureCollection" as const,
    features: buurten.map((b) => ({
      type: "Feature" as const,
      properties: { code: b.code, name: b.name, wijk: b.wijkName },
      geometry: b.geometry,
    })),
  };
}

export async function buurtOptions() {
  const buurten = await loadBuurten();
  return buurten
    .map((b) => ({ code: b.code, name: b.name, wijkName: b.wijkName }))
    .sort((a, b) => a.name.localeCompare(b.name, "nl"));
}

/** Highest population an administrator can enter for one buurt (Blerick's largest has ~5,000). */
export const MAX_BUURT_POPULATION = 100_000;

/**
 * Saves buurt populations (null = unknown), only the ones that changed, with an audit entry.
 * Returns how many buurten changed. Unknown codes are ignored (the form lists every buurt).
 */
export async function saveBuurtPopulations(actorId: string, values: Map<string, number | null>) {
  return db.$transaction(async (tx) => {
    const rows = await tx.buurt.findMany({ select: { code: true, population: true } });
    const changed = rows.filter((row) => values.has(row.code) && values.get(row.code) !== row.population);
    for (const row of changed) {
      await tx.buurt.update({ where: { code: row.code }, data: { population: values.get(row.code) ?? null } });
    }
    if (changed.length) {
      await audit(tx, {
        issueId: null,
        actorId,
        action: "buurt_population_updated",
        before: changed.map((row) => ({ code: row.code, population: row.population })),
        after: changed.map((row) => ({ code: row.code, population: values.get(row.code) ?? null })),
      });
    }
    return changed.length;
  });
}
