import type { MultiPolygon, Polygon } from "geojson";
import { findBuurt, type BuurtShape, type LatLng } from "~/domain/geo";
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
