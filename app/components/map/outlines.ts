import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { bboxOfGeometry, type Bbox } from "~/domain/geo";

/**
 * Buurt outlines for the maps: fetched once per page load and shared by every map on the page
 * (the static map before Leaflet loads, and the Leaflet maps). No Leaflet here.
 */

export type BuurtOutlineProps = { code: string; name: string; wijk: string };
export type BuurtOutlines = FeatureCollection<Polygon | MultiPolygon, BuurtOutlineProps>;
export type BuurtOutlineShape = { code: string; name: string; geometry: Polygon | MultiPolygon; bbox: Bbox };

let outlines: Promise<BuurtOutlines> | undefined;

export function loadBuurtOutlines(): Promise<BuurtOutlines> {
  outlines ??= fetch("/api/buurten.geojson", { headers: { Accept: "application/geo+json" } })
    .then(async (response) => {
      if (!response.ok) throw new Error(`buurten.geojson: HTTP ${response.status}`);
      return (await response.json()) as BuurtOutlines;
    })
    .catch((error: unknown) => {
      outlines = undefined; // try again next time (e.g. after being offline)
      throw error;
    });
  return outlines;
}

/** Outlines with their bounding boxes, ready for findBuurt (point-in-polygon). */
export function toBuurtShapes(collection: BuurtOutlines): BuurtOutlineShape[] {
  return collection.features.map((feature: Feature<Polygon | MultiPolygon, BuurtOutlineProps>) => ({
    code: feature.properties.code,
    name: feature.properties.name,
    geometry: feature.geometry,
    bbox: bboxOfGeometry(feature.geometry),
  }));
}
