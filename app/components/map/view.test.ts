import { describe, expect, it } from "vitest";
import {
  RESIDENTIAL_BBOX,
  fitBounds,
  issuesUrl,
  pixelOrigin,
  pointToLatLng,
  project,
  tilesFor,
  unproject,
  viewBbox,
} from "./view";

describe("map views without Leaflet", () => {
  it("projects like Leaflet's EPSG:3857 and back", () => {
    // Leaflet's way: SphericalMercator (R = 6378137) then Transformation(0.5/(pi R), 0.5, -0.5/(pi R), 0.5).
    const R = 6378137;
    const d = Math.PI / 180;
    const scale = 256 * 2 ** 14;
    const mercatorX = R * 6.1395 * d;
    const mercatorY = R * Math.log(Math.tan(Math.PI / 4 + (51.3665 * d) / 2));
    const point = project({ lat: 51.3665, lng: 6.1395 }, 14);
    expect(point.x).toBeCloseTo(scale * ((0.5 / (Math.PI * R)) * mercatorX + 0.5), 6);
    expect(point.y).toBeCloseTo(scale * ((-0.5 / (Math.PI * R)) * mercatorY + 0.5), 6);
    const back = unproject(point, 14);
    expect(back.lat).toBeCloseTo(51.3665, 9);
    expect(back.lng).toBeCloseTo(6.1395, 9);
  });

  it("fits a bbox like Leaflet's fitBounds: the highest whole zoom that shows all of it", () => {
    // Values measured in the browser: Leaflet chose zoom 13 for a 732x866 box, 12 for 356x378.
    expect(fitBounds(RESIDENTIAL_BBOX, { width: 732, height: 866 }).zoom).toBe(13);
    expect(fitBounds(RESIDENTIAL_BBOX, { width: 356, height: 378 }).zoom).toBe(12);
    const { center } = fitBounds(RESIDENTIAL_BBOX, { width: 732, height: 866 });
    expect(center.lat.toFixed(6)).toBe("51.366475");
    expect(center.lng.toFixed(6)).toBe("6.119961");
    // Padding and the maximum zoom count: a tiny box is shown at the maximum zoom.
    const tiny = { minLat: 51.37, minLng: 6.13, maxLat: 51.3701, maxLng: 6.1301 };
    expect(fitBounds(tiny, { width: 400, height: 300 }, { padding: 16, maxZoom: 17 }).zoom).toBe(17);
  });

  it("turns a pixel of the box into the place under it", () => {
    const view = { center: { lat: 51.3665, lng: 6.1395 }, zoom: 15 };
    const size = { width: 400, height: 300 };
    const origin = pixelOrigin(view, size);
    const place = { lat: 51.368, lng: 6.142 };
    const p = project(place, 15);
    const found = pointToLatLng(view, size, { x: p.x - origin.x, y: p.y - origin.y });
    expect(found.lat).toBeCloseTo(place.lat, 9);
    expect(found.lng).toBeCloseTo(place.lng, 9);
    // The centre pixel is (about) the centre.
    const middle = pointToLatLng(view, size, { x: 200, y: 150 });
    expect(middle.lat).toBeCloseTo(51.3665, 4);
    expect(middle.lng).toBeCloseTo(6.1395, 4);
  });

  it("covers the box with tiles, and fills the template", () => {
    const view = { center: { lat: 51.3665, lng: 6.1395 }, zoom: 14 };
    const size = { width: 600, height: 400 };
    const tiles = tilesFor("https://{s}.tiles.test/{z}/{x}/{y}.png{r}", view, size);
    const xs = new Set(tiles.map((tile) => tile.left));
    const ys = new Set(tiles.map((tile) => tile.top));
    expect(tiles).toHaveLength(xs.size * ys.size);
    expect(Math.min(...xs)).toBeLessThanOrEqual(0);
    expect(Math.max(...xs) + 256).toBeGreaterThanOrEqual(600);
    expect(Math.min(...ys)).toBeLessThanOrEqual(0);
    expect(Math.max(...ys) + 256).toBeGreaterThanOrEqual(400);
    expect(tiles[0].url).toMatch(/^https:\/\/[abc]\.tiles\.test\/14\/\d+\/\d+\.png$/);
  });

  it("asks the map API for the view plus 15 % around it, with the filters", () => {
    const view = { center: { lat: 51.3665, lng: 6.1395 }, zoom: 14 };
    const size = { width: 400, height: 300 };
    const inner = viewBbox(view, size);
    const outer = viewBbox(view, size, 0.15);
    expect(outer.minLng).toBeLessThan(inner.minLng);
    expect(outer.maxLat).toBeGreaterThan(inner.maxLat);
    const url = new URL(issuesUrl(outer, 14, { theme: "afval", status: "open" }), "http://x");
    expect(url.pathname).toBe("/api/issues.geojson");
    expect(url.searchParams.get("zoom")).toBe("14");
    expect(url.searchParams.get("theme")).toBe("afval");
    expect(url.searchParams.get("buurt")).toBeNull();
    expect(url.searchParams.get("bbox")!.split(",").map(Number)).toEqual([
      Number(outer.minLng.toFixed(5)),
      Number(outer.minLat.toFixed(5)),
      Number(outer.maxLng.toFixed(5)),
      Number(outer.maxLat.toFixed(5)),
    ]);
  });
});
