import type { Bbox, LatLng } from "~/domain/geo";

/**
 * Map views without Leaflet: Web Mercator (EPSG:3857) pixel maths that gives the same numbers
 * as Leaflet, so the static map (before Leaflet loads) and the Leaflet map show the same view.
 * Safe on the server and in the browser.
 */

export const TILE_SIZE = 256;
export const MAP_MIN_ZOOM = 11;
export const MAP_MAX_ZOOM = 19;
/** Leaflet's SphericalMercator clamps latitudes here. */
const MAX_LATITUDE = 85.0511287798;

/** Residential Blerick (wijken 21-27, without the Trade-Port): the home map's first view. */
export const RESIDENTIAL_BBOX: Bbox = { minLat: 51.343366, minLng: 6.077621, maxLat: 51.389572, maxLng: 6.162301 };

/** Zoom that shows residential Blerick around BLERICK_CENTER on a screen this wide. */
export function initialZoom(screenWidth: number) {
  return screenWidth < 640 ? 13 : 14;
}

/** How a map fits one buurt (the home map filtered on a buurt), static and Leaflet alike. */
export const BUURT_FIT = { padding: 16, maxZoom: 17 };

export type Point = { x: number; y: number };
export type Size = { width: number; height: number };
export type View = { center: LatLng; zoom: number };

/** Pixel coordinates of a place at a zoom level (Leaflet's map.project). */
export function project({ lat, lng }: LatLng, zoom: number): Point {
  const scale = TILE_SIZE * 2 ** zoom;
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  return {
    x: ((lng + 180) / 360) * scale,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale,
  };
}

/** The place at pixel coordinates (Leaflet's map.unproject). */
export function unproject({ x, y }: Point, zoom: number): LatLng {
  const scale = TILE_SIZE * 2 ** zoom;
  const n = Math.PI - (2 * Math.PI * y) / scale;
  return { lat: (180 / Math.PI) * Math.atan(Math.sinh(n)), lng: (x / scale) * 360 - 180 };
}

/**
 * The view Leaflet's fitBounds(bbox, { padding, maxZoom }) picks for a box of this size:
 * the highest whole zoom at which the bbox fits, centred on the bbox.
 */
export function fitBounds(
  bbox: Bbox,
  size: Size,
  {
    padding = 0,
    minZoom = MAP_MIN_ZOOM,
    maxZoom = MAP_MAX_ZOOM,
  }: { padding?: number; minZoom?: number; maxZoom?: number } = {},
): View {
  const sw = project({ lat: bbox.minLat, lng: bbox.minLng }, 0);
  const ne = project({ lat: bbox.maxLat, lng: bbox.maxLng }, 0);
  const width = Math.max(1, size.width - 2 * padding);
  const height = Math.max(1, size.height - 2 * padding);
  const scale = Math.min(width / Math.max(ne.x - sw.x, 1e-12), height / Math.max(sw.y - ne.y, 1e-12));
  // Leaflet rounds to 1/100 before flooring (zoomSnap 1), so 13.999999 counts as 14.
  const exact = Math.round(Math.log2(scale) * 100) / 100;
  const zoom = Math.max(minZoom, Math.min(maxZoom, Math.floor(exact)));
  const center = unproject({ x: (sw.x + ne.x) / 2, y: (sw.y + ne.y) / 2 }, 0);
  return { center, zoom };
}

/** Top-left pixel of a view of this size (Leaflet's pixel origin, rounded like Leaflet). */
export function pixelOrigin(view: View, size: Size): Point {
  const center = project(view.center, view.zoom);
  return { x: Math.round(center.x - size.width / 2), y: Math.round(center.y - size.height / 2) };
}

/** The place under a pixel of the box (x, y relative to its top-left corner). */
export function pointToLatLng(view: View, size: Size, point: Point): LatLng {
  const origin = pixelOrigin(view, size);
  return unproject({ x: origin.x + point.x, y: origin.y + point.y }, view.zoom);
}

/** The bbox a view of this size shows, grown by `pad` (a fraction, like Leaflet's bounds.pad). */
export function viewBbox(view: View, size: Size, pad = 0): Bbox {
  const origin = pixelOrigin(view, size);
  const extraX = size.width * pad;
  const extraY = size.height * pad;
  const nw = unproject({ x: origin.x - extraX, y: origin.y - extraY }, view.zoom);
  const se = unproject({ x: origin.x + size.width + extraX, y: origin.y + size.height + extraY }, view.zoom);
  return { minLat: se.lat, minLng: nw.lng, maxLat: nw.lat, maxLng: se.lng };
}

export type Tile = { key: string; url: string; left: number; top: number };

/** The basemap tiles (TILE_URL template with {z}/{x}/{y}, optional {s} and {r}) that cover a view. */
export function tilesFor(template: string, view: View, size: Size): Tile[] {
  const origin = pixelOrigin(view, size);
  const count = 2 ** view.zoom;
  const tiles: Tile[] = [];
  const firstX = Math.floor(origin.x / TILE_SIZE);
  const lastX = Math.floor((origin.x + size.width - 1) / TILE_SIZE);
  const firstY = Math.max(0, Math.floor(origin.y / TILE_SIZE));
  const lastY = Math.min(count - 1, Math.floor((origin.y + size.height - 1) / TILE_SIZE));
  for (let y = firstY; y <= lastY; y++) {
    for (let x = firstX; x <= lastX; x++) {
      const wrapped = ((x % count) + count) % count;
      const url = template
        .replace("{z}", String(view.zoom))
        .replace("{x}", String(wrapped))
        .replace("{y}", String(y))
        .replace("{s}", "abc"[Math.abs(wrapped + y) % 3])
        .replace("{r}", "");
      tiles.push({ key: `${view.zoom}/${x}/${y}`, url, left: x * TILE_SIZE - origin.x, top: y * TILE_SIZE - origin.y });
    }
  }
  return tiles;
}

export type IssueFilters = { theme?: string; buurt?: string; status?: string };

/** The map API's URL for a view: the view plus 15 % around it, so small pans show no empty edges. */
export function issuesUrl(bbox: Bbox, zoom: number, filters: IssueFilters) {
  const clamp = (value: number, limit: number) => Math.max(-limit, Math.min(limit, value)).toFixed(5);
  const params = new URLSearchParams({
    bbox: [clamp(bbox.minLng, 180), clamp(bbox.minLat, 90), clamp(bbox.maxLng, 180), clamp(bbox.maxLat, 90)].join(","),
    zoom: String(Math.max(0, Math.min(22, Math.round(zoom)))),
  });
  if (filters.theme) params.set("theme", filters.theme);
  if (filters.buurt) params.set("buurt", filters.buurt);
  if (filters.status) params.set("status", filters.status);
  return `/api/issues.geojson?${params}`;
}
