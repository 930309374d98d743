import type { Locator } from "@playwright/test";

/** Web Mercator pixel coordinates at a zoom level (what Leaflet uses for EPSG:3857). */
function project(lat: number, lng: number, zoom: number) {
  const scale = 256 * 2 ** zoom;
  const sin = Math.sin((lat * Math.PI) / 180);
  return {
    x: ((lng + 180) / 360) * scale,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale,
  };
}

/**
 * The position (relative to the map box) of a place, read from the map's current view: the
 * map component exposes its centre and zoom as data attributes.
 */
export async function positionOf(map: Locator, lat: number, lng: number) {
  await map.waitFor();
  const [zoom, centerLat, centerLng] = await Promise.all(
    ["data-zoom", "data-center-lat", "data-center-lng"].map(async (name) => Number(await map.getAttribute(name))),
  );
  const box = await map.boundingBox();
  if (!box) throw new Error("map has no size");
  const target = project(lat, lng, zoom);
  const centre = project(centerLat, centerLng, zoom);
  return { x: box.width / 2 + (target.x - centre.x), y: box.height / 2 + (target.y - centre.y) };
}

export async function clickMapAt(map: Locator, lat: number, lng: number) {
  await map.click({ position: await positionOf(map, lat, lng) });
}
