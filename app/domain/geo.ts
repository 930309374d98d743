import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import type { MultiPolygon, Polygon } from "geojson";

export type LatLng = { lat: number; lng: number };
export type Bbox = { minLng: number; minLat: number; maxLng: number; maxLat: number };

export type BuurtShape = {
  code: string;
  name: string;
  wijkName: string;
  geometry: Polygon | MultiPolygon;
  bbox: Bbox;
};

/** Bounding box of all 32 Blerick buurten (see prisma/data/blerick-buurten.README.md). */
export const BLERICK_BBOX: Bbox = { minLng: 6.071924, minLat: 51.343366, maxLng: 6.167551, maxLat: 51.421281 };
/** Where the map opens: residential Blerick, not the Trade-Port to the north-west. */
export const BLERICK_CENTER: LatLng = { lat: 51.3665, lng: 6.1395 };

export function bboxOfGeometry(geometry: Polygon | MultiPolygon): Bbox {
  const rings = geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat();
  const box = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  for (const ring of rings) {
    for (const [lng, lat] of ring) {
      box.minLng = Math.min(box.minLng, lng);
      box.minLat = Math.min(box.minLat, lat);
      box.maxLng = Math.max(box.maxLng, lng);
      box.maxLat = Math.max(box.maxLat, lat);
    }
  }
  return box;
}

export function bboxContains(box: Bbox, point: LatLng) {
  return point.lng >= box.minLng && point.lng <= box.maxLng && point.lat >= box.minLat && point.lat <= box.maxLat;
}

/**
 * The buurt a point lies in, or null outside Blerick (e.g. in the Maas). Points inside a hole
 * are outside that buurt. A point exactly on a border shared by two buurten belongs to the one
 * listed first, so the answer is deterministic.
 */
export function findBuurt<T extends Pick<BuurtShape, "geometry" | "bbox">>(
  point: LatLng,
  buurten: readonly T[],
): T | null {
  if (!Number.isFinite(point.lat) || !Number.isFinite(point.lng)) return null;
  for (const buurt of buurten) {
    if (!bboxContains(buurt.bbox, point)) continue;
    if (booleanPointInPolygon([point.lng, point.lat], buurt.geometry)) return buurt;
  }
  return null;
}

/** Centroid of the outer ring (area-weighted), used for "buurt centre" of approximate locations. */
export function polygonCentroid(geometry: Polygon | MultiPolygon): LatLng {
  const ring = geometry.type === "Polygon" ? geometry.coordinates[0] : geometry.coordinates[0][0];
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  }
  area /= 2;
  return { lng: x / (6 * area), lat: y / (6 * area) };
}

const EARTH_RADIUS_M = 6_371_008.8;

export const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/**
 * The haversine term of two points (0 for the same point, growing with the distance; the
 * distance is 2R·asin(√h)). Comparing it instead of distances saves the asin and sqrt; the
 * cosines of the latitudes can be passed in when they are known already.
 */
export function haversineTerm(
  a: LatLng,
  b: LatLng,
  cosA = Math.cos(toRadians(a.lat)),
  cosB = Math.cos(toRadians(b.lat)),
) {
  return Math.sin(toRadians(b.lat - a.lat) / 2) ** 2 + cosA * cosB * Math.sin(toRadians(b.lng - a.lng) / 2) ** 2;
}

/** Great-circle distance in metres. */
export function distanceMeters(a: LatLng, b: LatLng) {
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(haversineTerm(a, b)));
}

/** A bbox around a point, `meters` in each direction (for "nearby" queries). */
export function bboxAround(point: LatLng, meters: number): Bbox {
  const dLat = meters / 111_320;
  const dLng = meters / (111_320 * Math.cos((point.lat * Math.PI) / 180));
  return { minLat: point.lat - dLat, maxLat: point.lat + dLat, minLng: point.lng - dLng, maxLng: point.lng + dLng };
}
