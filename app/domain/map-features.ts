import type { Feature, Point } from "geojson";

/**
 * The pure half of the map API: bbox parsing, the 500-feature rule, and turning the output of
 * the cluster index (supercluster) plus fresh database rows into the GeoJSON the map draws.
 * No database and no supercluster import here, so it is cheap to unit-test.
 */

/** The map API never answers with more features than this (clusters + points). */
export const MAX_MAP_FEATURES = 500;

/**
 * Supercluster options. `extent: 256` makes `radius` mean screen pixels on Leaflet's 256 px
 * tiles. Above `maxZoom` (17) every issue is shown as its own marker.
 */
export const CLUSTER_OPTIONS = { radius: 60, extent: 256, maxZoom: 17, minZoom: 0, minPoints: 2 } as const;

/** Zoom levels the API accepts (Leaflet's range). */
export const MIN_ZOOM = 0;
export const MAX_ZOOM = 22;

/**
 * A request for a high zoom over a huge bbox would return every issue as a point. Real screens
 * are at most a few thousand pixels wide, so the zoom is lowered until the bbox fits in this
 * many pixels; that keeps the work per request independent of the number of issues.
 */
export const MAX_VIEWPORT_PIXELS = 8192;

/** `[minLng, minLat, maxLng, maxLat]`, the order of GeoJSON and supercluster. */
export type BboxTuple = [minLng: number, minLat: number, maxLng: number, maxLat: number];

export type BboxParseResult = { ok: true; bbox: BboxTuple } | { ok: false; error: string };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses `"minLon,minLat,maxLon,maxLat"` (WGS84 degrees) with a clear Dutch error. */
export function parseBbox(value: string | null | undefined): BboxParseResult {
  const fail = (error: string): BboxParseResult => ({ ok: false, error });
  if (value === null || value === undefined || value.trim() === "") {
    return fail("Geef een kaartgebied mee: bbox=minLon,minLat,maxLon,maxLat.");
  }
  const parts = value.split(",").map((part) => part.trim());
  if (parts.length !== 4) {
    return fail(`bbox moet precies 4 getallen hebben (minLon,minLat,maxLon,maxLat), maar heeft er ${parts.length}.`);
  }
  if (parts.some((part) => !NUMBER.test(part))) {
    return fail(
      "bbox mag alleen getallen bevatten, met een punt als decimaalteken (bijvoorbeeld 6.13,51.36,6.15,51.37).",
    );
  }
  const [minLng, minLat, maxLng, maxLat] = parts.map(Number);
  if (![minLng, minLat, maxLng, maxLat].every(Number.isFinite)) {
    return fail("bbox bevat een getal dat te groot is.");
  }
  if (minLng < -180 || maxLng > 180 || minLng > 180 || maxLng < -180) {
    return fail("De lengtegraden in bbox moeten tussen -180 en 180 liggen.");
  }
  if (minLat < -90 || maxLat > 90 || minLat > 90 || maxLat < -90) {
    return fail("De breedtegraden in bbox moeten tussen -90 en 90 liggen.");
  }
  if (minLng > maxLng) return fail("In bbox moet minLon kleiner zijn dan (of gelijk aan) maxLon.");
  if (minLat > maxLat) return fail("In bbox moet minLat kleiner zijn dan (of gelijk aan) maxLat.");
  return { ok: true, bbox: [minLng, minLat, maxLng, maxLat] };
}

const MAX_MERCATOR_LAT = 85.05112878;

/** Web-Mercator y in [0, 1] (0 = north). */
function mercatorY(lat: number) {
  const clamped = Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  return 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
}

/** The highest zoom at which `bbox` is at most `maxPixels` wide and high on 256 px tiles. */
export function maxZoomForBbox(bbox: BboxTuple, maxPixels = MAX_VIEWPORT_PIXELS, tileSize = 256) {
  const width = (bbox[2] - bbox[0]) / 360;
  const height = Math.abs(mercatorY(bbox[1]) - mercatorY(bbox[3]));
  const span = Math.max(width, height);
  if (span <= 0) return MAX_ZOOM;
  return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, Math.floor(Math.log2(maxPixels / (tileSize * span)) + 1e-9)));
}

/** What the cluster index stores per issue (nothing that changes often, nothing private). */
export type IndexPointProps = { id: number; theme: string; status: string };

type PointGeometry = { type: "Point"; coordinates: number[] };
export type RawPoint = { type: "Feature"; geometry: PointGeometry; properties: IndexPointProps };
export type RawCluster = {
  type: "Feature";
  geometry: PointGeometry;
  properties: { cluster: true; cluster_id: number; point_count: number };
};
export type RawFeature = RawPoint | RawCluster;

/** The part of a supercluster index the map API uses (a real `Supercluster` fits). */
export interface ClusterSource {
  getClusters(bbox: BboxTuple, zoom: number): RawFeature[];
  getClusterExpansionZoom(clusterId: number): number;
}

export function isRawCluster(feature: RawFeature): feature is RawCluster {
  return "cluster" in feature.properties && feature.properties.cluster === true;
}

/**
 * The features for a view, never more than `limit`: when the requested zoom gives too many,
 * cluster at a lower zoom until it fits. (If even zoom 0 is too many, which needs points spread
 * over the whole world, the largest clusters are kept.) Returns the zoom actually used.
 */
export function selectWithinLimit(
  source: Pick<ClusterSource, "getClusters">,
  bbox: BboxTuple,
  zoom: number,
  limit = MAX_MAP_FEATURES,
): { zoom: number; features: RawFeature[] } {
  let z = Math.min(Math.floor(zoom), CLUSTER_OPTIONS.maxZoom + 1, maxZoomForBbox(bbox));
  z = Math.max(MIN_ZOOM, z);
  for (;;) {
    const features = source.getClusters(bbox, z);
    if (features.length <= limit) return { zoom: z, features };
    if (z <= MIN_ZOOM) {
      const size = (f: RawFeature) => (isRawCluster(f) ? f.properties.point_count : 1);
      return { zoom: z, features: [...features].sort((a, b) => size(b) - size(a)).slice(0, limit) };
    }
    z -= 1;
  }
}

/** What the map shows for one issue; read fresh from the database for every answer. */
export type IssuePointProperties = {
  id: number;
  title: string;
  theme: string;
  status: string;
  supportCount: number;
  /** Buurt name */
  buurt: string;
};

export type ClusterPointProperties = { cluster: true; count: number; expansionZoom: number };

export type IssuePointFeature = Feature<Point, IssuePointProperties>;
export type ClusterPointFeature = Feature<Point, ClusterPointProperties>;
export type MapFeature = IssuePointFeature | ClusterPointFeature;
/** A GeoJSON FeatureCollection (assignable to FeatureCollection<Point>) of clusters and issues. */
export type MapFeatureCollection = { type: "FeatureCollection"; features: MapFeature[] };

export function isClusterFeature(feature: MapFeature): feature is ClusterPointFeature {
  return "cluster" in feature.properties && feature.properties.cluster === true;
}

/** The ids of the issues (not clusters) among raw features: the rows to read from the database. */
export function pointIds(features: readonly RawFeature[]) {
  const ids: number[] = [];
  for (const feature of features) if (!isRawCluster(feature)) ids.push(feature.properties.id);
  return ids;
}

/**
 * Raw index output + fresh rows -> the API's FeatureCollection. Points whose row is missing
 * (hidden or no longer matching the filters since the index was built) are left out.
 * A cluster's expansionZoom is at least one above the requested zoom, so clicking a cluster
 * always zooms in, also when the 500 rule clustered at a lower zoom.
 */
export function toFeatureCollection(
  features: readonly RawFeature[],
  rows: ReadonlyMap<number, IssuePointProperties>,
  expansionZoomOf: (clusterId: number) => number,
  requestedZoom: number,
  limit = MAX_MAP_FEATURES,
): MapFeatureCollection {
  const out: MapFeature[] = [];
  for (const feature of features) {
    if (out.length >= limit) break;
    const [lng, lat] = feature.geometry.coordinates;
    const geometry: Point = { type: "Point", coordinates: [round6(lng), round6(lat)] };
    if (isRawCluster(feature)) {
      const expansionZoom = Math.max(expansionZoomOf(feature.properties.cluster_id), Math.floor(requestedZoom) + 1);
      out.push({
        type: "Feature",
        geometry,
        properties: { cluster: true, count: feature.properties.point_count, expansionZoom },
      });
    } else {
      const row = rows.get(feature.properties.id);
      if (!row) continue;
      out.push({
        type: "Feature",
        geometry,
        properties: {
          id: row.id,
          title: row.title,
          theme: row.theme,
          status: row.status,
          supportCount: row.supportCount,
          buurt: row.buurt,
        },
      });
    }
  }
  return { type: "FeatureCollection", features: out };
}

function round6(value: number) {
  return Math.round(value * 1e6) / 1e6;
}
