import Supercluster from "supercluster";
import { describe, expect, it } from "vitest";
import {
  CLUSTER_OPTIONS,
  MAX_MAP_FEATURES,
  isClusterFeature,
  maxZoomForBbox,
  parseBbox,
  pointIds,
  selectWithinLimit,
  toFeatureCollection,
  type BboxTuple,
  type IndexPointProps,
  type IssuePointProperties,
  type RawFeature,
} from "./map-features";

const BLERICK: BboxTuple = [6.071924, 51.343366, 6.167551, 51.421281];

describe("parseBbox", () => {
  it("accepts four numbers in lon,lat,lon,lat order", () => {
    expect(parseBbox("6.12,51.35,6.16,51.38")).toEqual({ ok: true, bbox: [6.12, 51.35, 6.16, 51.38] });
    expect(parseBbox(" -1.5 , -2 ,+3e0, .5 ")).toEqual({ ok: true, bbox: [-1.5, -2, 3, 0.5] });
    expect(parseBbox("-180,-90,180,90")).toEqual({ ok: true, bbox: [-180, -90, 180, 90] });
    // A point-sized box is allowed.
    expect(parseBbox("6.1,51.3,6.1,51.3").ok).toBe(true);
  });

  it("asks for a bbox when it is missing or empty", () => {
    for (const value of [null, undefined, "", "   "]) {
      const result = parseBbox(value);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/Geef een kaartgebied mee/);
    }
  });

  it("rejects the wrong number of values", () => {
    for (const value of ["6.1,51.3,6.2", "6.1,51.3,6.2,51.4,1", "6.1", "6.1;51.3;6.2;51.4"]) {
      const result = parseBbox(value);
      expect(result.ok, value).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/precies 4 getallen/);
    }
  });

  it("rejects things that are not plain numbers", () => {
    for (const value of [
      "a,51.3,6.2,51.4",
      "6.1,,6.2,51.4",
      "NaN,1,2,3",
      "Infinity,1,2,3",
      "0x10,1,2,3",
      "6.1 ,51.3,6.2,51 .4",
    ]) {
      const result = parseBbox(value);
      expect(result.ok, value).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/getallen|precies 4/);
    }
    // Dutch decimal commas give the wrong count, with a message about the count.
    expect(parseBbox("6,13,51,36,6,15,51,37")).toEqual({ ok: false, error: expect.stringMatching(/heeft er 8/) });
  });

  it("rejects numbers too large to be finite", () => {
    const result = parseBbox("1e400,1,2,3");
    expect(result.ok).toBe(false);
  });

  it("rejects min greater than max", () => {
    const lng = parseBbox("6.2,51.3,6.1,51.4");
    expect(lng).toEqual({ ok: false, error: expect.stringMatching(/minLon kleiner/) });
    const lat = parseBbox("6.1,51.4,6.2,51.3");
    expect(lat).toEqual({ ok: false, error: expect.stringMatching(/minLat kleiner/) });
  });

  it("rejects coordinates out of range", () => {
    expect(parseBbox("-181,0,1,1")).toEqual({ ok: false, error: expect.stringMatching(/lengtegraden.*-180 en 180/) });
    expect(parseBbox("0,0,180.5,1")).toEqual({ ok: false, error: expect.stringMatching(/lengtegraden/) });
    expect(parseBbox("0,-91,1,1")).toEqual({ ok: false, error: expect.stringMatching(/breedtegraden.*-90 en 90/) });
    expect(parseBbox("0,0,1,90.01")).toEqual({ ok: false, error: expect.stringMatching(/breedtegraden/) });
  });
});

describe("maxZoomForBbox", () => {
  it("allows street zoom for a street-sized box and lowers it for a huge box", () => {
    expect(maxZoomForBbox([6.13, 51.36, 6.142, 51.366])).toBeGreaterThanOrEqual(18);
    const blerick = maxZoomForBbox(BLERICK);
    expect(blerick).toBeGreaterThanOrEqual(14);
    expect(blerick).toBeLessThanOrEqual(17);
    expect(maxZoomForBbox([-180, -90, 180, 90])).toBe(5);
    expect(maxZoomForBbox([6, 51, 6, 51])).toBe(22);
  });
});

function randomPoints(
  count: number,
  seed = 1,
): Array<{ type: "Feature"; geometry: { type: "Point"; coordinates: number[] }; properties: IndexPointProps }> {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: count }, (_, i) => ({
    type: "Feature" as const,
    geometry: {
      type: "Point" as const,
      coordinates: [
        BLERICK[0] + random() * (BLERICK[2] - BLERICK[0]),
        BLERICK[1] + random() * (BLERICK[3] - BLERICK[1]),
      ],
    },
    properties: { id: i + 1, theme: "afval", status: "nieuw" },
  }));
}

function countOf(features: RawFeature[]) {
  return features.reduce((sum, f) => sum + ("cluster" in f.properties ? f.properties.point_count : 1), 0);
}

describe("selectWithinLimit (the 500 rule)", () => {
  const index = new Supercluster<IndexPointProps, Record<string, never>>({ ...CLUSTER_OPTIONS }).load(
    randomPoints(5000),
  );

  it("keeps the requested zoom when the answer fits", () => {
    const result = selectWithinLimit(index, BLERICK, 12);
    expect(result.zoom).toBe(12);
    expect(result.features.length).toBeLessThanOrEqual(MAX_MAP_FEATURES);
    expect(countOf(result.features)).toBe(5000);
  });

  it("clusters at a lower zoom when the requested zoom gives more than 500 features", () => {
    expect(index.getClusters(BLERICK, 18).length).toBeGreaterThan(MAX_MAP_FEATURES);
    const result = selectWithinLimit(index, BLERICK, 18);
    expect(result.zoom).toBeLessThan(18);
    expect(result.features.length).toBeLessThanOrEqual(MAX_MAP_FEATURES);
    expect(countOf(result.features)).toBe(5000);
  });

  it("uses a smaller limit when asked and never goes below zoom 0", () => {
    const result = selectWithinLimit(index, BLERICK, 15, 3);
    expect(result.features.length).toBeLessThanOrEqual(3);
  });

  it("keeps the biggest clusters when even zoom 0 is too many", () => {
    const fake = {
      getClusters: (): RawFeature[] =>
        Array.from({ length: 800 }, (_, i) => ({
          type: "Feature" as const,
          geometry: { type: "Point" as const, coordinates: [i / 10, 0] },
          properties: { cluster: true as const, cluster_id: i, point_count: i + 2 },
        })),
    };
    const result = selectWithinLimit(fake, [-180, -90, 180, 90], 0);
    expect(result.features).toHaveLength(MAX_MAP_FEATURES);
    expect(result.features[0].properties).toMatchObject({ point_count: 801 });
  });

  it("lowers an absurd zoom for a huge bbox before asking the index", () => {
    const zooms: number[] = [];
    const spy = {
      getClusters: (_bbox: BboxTuple, zoom: number) => {
        zooms.push(zoom);
        return [];
      },
    };
    selectWithinLimit(spy, [-180, -90, 180, 90], 22);
    expect(zooms).toEqual([5]);
    zooms.length = 0;
    selectWithinLimit(spy, [6.13, 51.36, 6.131, 51.361], 22);
    expect(zooms).toEqual([CLUSTER_OPTIONS.maxZoom + 1]);
  });
});

describe("toFeatureCollection", () => {
  const raw: RawFeature[] = [
    {
      type: "Feature",
      geometry: { type: "Point", coordinates: [6.1234567, 51.3654321] },
      properties: { cluster: true, cluster_id: 77, point_count: 12 },
    },
    {
      type: "Feature",
      geometry: { type: "Point", coordinates: [6.14, 51.37] },
      properties: { id: 5, theme: "afval", status: "nieuw" },
    },
    {
      type: "Feature",
      geometry: { type: "Point", coordinates: [6.15, 51.38] },
      properties: { id: 6, theme: "groen", status: "nieuw" },
    },
  ];
  const rows = new Map<number, IssuePointProperties>([
    [
      5,
      {
        id: 5,
        title: "Volle container",
        theme: "afval",
        status: "in_behandeling",
        supportCount: 3,
        buurt: "Vossener-Noord",
      },
    ],
  ]);

  it("gives clusters only cluster, count and expansionZoom", () => {
    const fc = toFeatureCollection(raw, rows, () => 15, 12);
    const cluster = fc.features[0];
    expect(isClusterFeature(cluster)).toBe(true);
    expect(cluster.properties).toEqual({ cluster: true, count: 12, expansionZoom: 15 });
    expect(cluster.geometry).toEqual({ type: "Point", coordinates: [6.123457, 51.365432] });
  });

  it("gives points the fresh row's fields and leaves out points without a row", () => {
    const fc = toFeatureCollection(raw, rows, () => 15, 12);
    expect(fc.type).toBe("FeatureCollection");
    expect(fc.features).toHaveLength(2);
    const point = fc.features[1];
    expect(isClusterFeature(point)).toBe(false);
    expect(point.properties).toEqual({
      id: 5,
      title: "Volle container",
      theme: "afval",
      status: "in_behandeling",
      supportCount: 3,
      buurt: "Vossener-Noord",
    });
    expect(point.properties).not.toHaveProperty("cluster");
  });

  it("makes clicking a cluster always zoom in", () => {
    const fc = toFeatureCollection(raw, rows, () => 9, 12);
    expect(fc.features[0].properties).toMatchObject({ expansionZoom: 13 });
  });

  it("never returns more than the limit", () => {
    const many: RawFeature[] = Array.from({ length: 700 }, (_, i) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [6.1, 51.3] },
      properties: { cluster: true, cluster_id: i, point_count: 2 },
    }));
    expect(toFeatureCollection(many, rows, () => 15, 12).features).toHaveLength(MAX_MAP_FEATURES);
  });

  it("lists the issue ids to read", () => {
    expect(pointIds(raw)).toEqual([5, 6]);
  });
});
