import { readFileSync } from "node:fs";
import type { FeatureCollection, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { bboxAround, bboxOfGeometry, distanceMeters, findBuurt, polygonCentroid, type BuurtShape } from "./geo";

function shape(code: string, geometry: Polygon): BuurtShape {
  return { code, name: code, wijkName: "Test", geometry, bbox: bboxOfGeometry(geometry) };
}

// Two unit squares side by side sharing the edge x = 1; the left one has a square hole.
const left = shape("LEFT", {
  type: "Polygon",
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ],
    [
      [0.4, 0.4],
      [0.6, 0.4],
      [0.6, 0.6],
      [0.4, 0.6],
      [0.4, 0.4],
    ],
  ],
});
const right = shape("RIGHT", {
  type: "Polygon",
  coordinates: [
    [
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 0],
    ],
  ],
});
const squares = [left, right];
const at = (lng: number, lat: number) => findBuurt({ lat, lng }, squares)?.code ?? null;

describe("findBuurt (point in polygon)", () => {
  it("finds the polygon a point lies in", () => {
    expect(at(0.2, 0.2)).toBe("LEFT");
    expect(at(1.5, 0.5)).toBe("RIGHT");
  });
  it("treats a point inside a hole as outside that polygon", () => {
    expect(at(0.5, 0.5)).toBeNull();
  });
  it("counts the edge of a hole as part of the polygon around it", () => {
    expect(at(0.4, 0.5)).toBe("LEFT");
  });
  it("gives a point on a shared border to the first polygon, deterministically", () => {
    expect(at(1, 0.5)).toBe("LEFT");
    expect(findBuurt({ lat: 0.5, lng: 1 }, [right, left])?.code).toBe("RIGHT");
  });
  it("includes outer edges and corners", () => {
    expect(at(0, 0.5)).toBe("LEFT");
    expect(at(2, 1)).toBe("RIGHT");
  });
  it("answers null outside every polygon and for non-numbers", () => {
    expect(at(2.0001, 0.5)).toBeNull();
    expect(at(-0.0001, 0.5)).toBeNull();
    expect(findBuurt({ lat: Number.NaN, lng: 0.5 }, squares)).toBeNull();
    expect(findBuurt({ lat: Infinity, lng: 0.5 }, squares)).toBeNull();
  });
});

describe("the real Blerick buurten", () => {
  const collection = JSON.parse(
    readFileSync(new URL("../../prisma/data/blerick-buurten.geojson", import.meta.url), "utf8"),
  ) as FeatureCollection<Polygon, { code: string; name: string; wijk: string }>;
  const buurten = collection.features.map((f) => ({
    ...shape(f.properties.code, f.geometry),
    name: f.properties.name,
  }));

  it("has all 32 buurten", () => {
    expect(buurten).toHaveLength(32);
  });
  it("puts Blerick station in Blerick-Centrum", () => {
    expect(findBuurt({ lat: 51.368, lng: 6.1525 }, buurten)?.name).toBe("Blerick-Centrum");
  });
  it("puts Venlo station, across the Maas, outside Blerick", () => {
    expect(findBuurt({ lat: 51.3645, lng: 6.172 }, buurten)).toBeNull();
  });
  it("has a centre inside every buurt for approximate locations", () => {
    for (const buurt of buurten) {
      const centre = polygonCentroid(buurt.geometry);
      // Not every centroid of a concave shape lies inside; the seed corrects those, so only
      // check that it falls within the buurt's bounding box here.
      expect(centre.lat).toBeGreaterThanOrEqual(buurt.bbox.minLat);
      expect(centre.lat).toBeLessThanOrEqual(buurt.bbox.maxLat);
    }
  });
});

describe("distances", () => {
  it("measures about 111 km per degree of latitude", () => {
    expect(distanceMeters({ lat: 51, lng: 6 }, { lat: 52, lng: 6 })).toBeCloseTo(111_195, -2);
  });
  it("builds a bbox that contains points at the given distance", () => {
    const centre = { lat: 51.3665, lng: 6.1395 };
    const box = bboxAround(centre, 150);
    expect(distanceMeters(centre, { lat: box.maxLat, lng: centre.lng })).toBeCloseTo(150, 0);
    expect(distanceMeters(centre, { lat: centre.lat, lng: box.maxLng })).toBeCloseTo(150, 0);
  });
});
