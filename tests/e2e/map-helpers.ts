import { expect, type Locator, type Page } from "@playwright/test";

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
  // The static map knows its view once the page has hydrated and measured the box.
  await expect(map).toHaveAttribute("data-zoom", /^\d+$/, { timeout: 30_000 });
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

/**
 * Wakes the interactive (Leaflet) map behind a static map with the keyboard, as a keyboard user
 * would (focus, Enter), and waits until Leaflet has taken over.
 */
export async function wakeMap(page: Page, testId: string) {
  const map = page.getByTestId(testId);
  await expect(map).toHaveAttribute("data-zoom", /^\d+$/, { timeout: 30_000 });
  await map.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId(testId)).toHaveClass(/leaflet-container/, { timeout: 30_000 });
}
