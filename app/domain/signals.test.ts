import { describe, expect, it } from "vitest";
import { distanceMeters } from "./geo";
import { findSignalGroups, isSignalCandidate, neighbourIndexes, type SignalCandidate, type SignalRule } from "./signals";

const NOW = new Date("2026-06-01T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const RULE: SignalRule = { now: NOW, windowDays: 90, minIssues: 3, radiusMeters: 250 };
const ORIGIN = { lat: 51.3665, lng: 6.1395 };
const EARTH_RADIUS_M = 6_371_008.8;

/** A point `north` metres north and `east` metres east of the origin (north is exact on a meridian). */
function at(north: number, east = 0) {
  return {
    lat: ORIGIN.lat + (north / EARTH_RADIUS_M) * (180 / Math.PI),
    lng: ORIGIN.lng + (east / (EARTH_RADIUS_M * Math.cos((ORIGIN.lat * Math.PI) / 180))) * (180 / Math.PI),
  };
}

let nextId = 1;
function issue(north: number, overrides: Partial<SignalCandidate> & { east?: number; daysAgo?: number } = {}): SignalCandidate {
  const { east = 0, daysAgo = 1, ...rest } = overrides;
  return {
    id: nextId++,
    themeId: "afval",
    ...at(north, east),
    createdAt: new Date(NOW.getTime() - daysAgo * DAY),
    visibility: "public",
    locationApproximate: false,
    nature: null,
    duplicateOfId: null,
    closeReason: null,
    ...rest,
  };
}

const ids = (groups: ReturnType<typeof findSignalGroups>) => groups.map((g) => g.issues.map((i) => i.id));

describe("mogelijk structureel", () => {
  it("flags three issues of one theme within 250 m of their centre", () => {
    const issues = [issue(0), issue(100), issue(-100)];
    const groups = findSignalGroups(issues, RULE);
    expect(groups).toHaveLength(1);
    expect(groups[0].issues).toHaveLength(3);
    expect(groups[0].themeId).toBe("afval");
    expect(distanceMeters(groups[0].centre, ORIGIN)).toBeLessThan(0.01);
  });

  it("counts exactly 250 m as within the radius (inclusive), 251 m as outside", () => {
    expect(distanceMeters(ORIGIN, at(250))).toBeCloseTo(250, 6);
    expect(findSignalGroups([issue(-250), issue(0), issue(250)], RULE)).toHaveLength(1);
    expect(findSignalGroups([issue(-251), issue(0), issue(251)], RULE)).toHaveLength(0);
  });

  it("needs at least signalMinIssues issues", () => {
    expect(findSignalGroups([issue(0), issue(10)], RULE)).toHaveLength(0);
    expect(findSignalGroups([issue(0), issue(10)], { ...RULE, minIssues: 2 })).toHaveLength(1);
  });

  it("uses the rolling window: 89 days old counts, 91 days old does not (90 exactly counts)", () => {
    expect(findSignalGroups([issue(0, { daysAgo: 89 }), issue(10), issue(20)], RULE)).toHaveLength(1);
    expect(findSignalGroups([issue(0, { daysAgo: 91 }), issue(10), issue(20)], RULE)).toHaveLength(0);
    expect(isSignalCandidate(issue(0, { daysAgo: 90 }), RULE)).toBe(true);
    // Created after `now` (clock skew in a test): not in the window.
    expect(isSignalCandidate(issue(0, { daysAgo: -1 }), RULE)).toBe(false);
  });

  it("never groups issues of different themes", () => {
    const issues = [issue(0), issue(10, { themeId: "verkeer" }), issue(20), issue(30, { themeId: "groen" })];
    expect(findSignalGroups(issues, RULE)).toHaveLength(0);
    const groups = findSignalGroups(
      [...issues, issue(40, { themeId: "verkeer" }), issue(50, { themeId: "verkeer" })],
      RULE,
    );
    expect(groups).toHaveLength(1);
    expect(groups[0].themeId).toBe("verkeer");
  });

  it("leaves out approximate locations, structural, duplicates and non-public issues", () => {
    const base = [issue(0), issue(10)];
    const without = (extra: SignalCandidate) => findSignalGroups([...base, extra], RULE);
    expect(without(issue(20))).toHaveLength(1); // control
    expect(without(issue(20, { locationApproximate: true }))).toHaveLength(0);
    expect(without(issue(20, { nature: "structureel" }))).toHaveLength(0);
    expect(without(issue(20, { nature: "incident" }))).toHaveLength(1);
    expect(without(issue(20, { duplicateOfId: 1 }))).toHaveLength(0);
    expect(without(issue(20, { closeReason: "dubbele_melding" }))).toHaveLength(0);
    expect(without(issue(20, { closeReason: "niet_uitvoerbaar" }))).toHaveLength(1);
    expect(without(issue(20, { visibility: "hidden" }))).toHaveLength(0);
    expect(without(issue(20, { visibility: "unconfirmed" }))).toHaveLength(0);
  });

  it("finds two separate groups, largest first, each issue in one group", () => {
    const far = [issue(5000), issue(5010), issue(5020), issue(5030)];
    const near = [issue(0), issue(10), issue(20)];
    const groups = findSignalGroups([...near, ...far, issue(2500)], RULE);
    expect(ids(groups)).toEqual([far.map((i) => i.id), near.map((i) => i.id)]);
  });

  it("trims a chain longer than eps to the members within eps of the centre", () => {
    // Five issues 200 m apart on a line (800 m long): DBSCAN links them all into one cluster.
    const chain = [0, 200, 400, 600, 800].map((north) => issue(north));
    const groups = findSignalGroups(chain, RULE);
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group.issues).toHaveLength(3);
    for (const member of group.issues) expect(distanceMeters(group.centre, member)).toBeLessThanOrEqual(250);
    expect(group.spreadMeters).toBeLessThanOrEqual(250);
    // The trimmed members (2 left over) are too few for a group of their own.
    expect(group.issues.map((i) => i.id)).toEqual([chain[1].id, chain[2].id, chain[3].id]);
  });

  it("re-clusters what a trim drops, so a long chain can give two groups", () => {
    // Two blobs 600 m apart, linked by bridge issues 200 m apart into one DBSCAN cluster.
    const left = [0, 10, 20, 30, 40].map((north) => issue(north, { east: 0 }));
    const right = [0, 10, 20, 30, 40].map((north) => issue(north, { east: 600 }));
    const bridge = [issue(20, { east: 200 }), issue(20, { east: 400 })];
    const groups = findSignalGroups([...left, ...bridge, ...right], RULE);
    expect(groups.length).toBe(2);
    expect(groups.map((g) => g.issues.length)).toEqual([6, 6]);
    for (const group of groups) {
      expect(group.issues.length).toBeGreaterThanOrEqual(3);
      for (const member of group.issues) expect(distanceMeters(group.centre, member)).toBeLessThanOrEqual(250.000001);
    }
    const all = groups.flatMap((g) => g.issues.map((i) => i.id));
    expect(new Set(all).size).toBe(all.length);
  });

  it("is deterministic: input order does not change the answer", () => {
    const issues = [issue(0), issue(120), issue(240), issue(360), issue(3000), issue(3050), issue(3100, { daysAgo: 5 })];
    const forward = findSignalGroups(issues, RULE);
    const backward = findSignalGroups([...issues].reverse(), RULE);
    expect(ids(backward)).toEqual(ids(forward));
    expect(forward.map((g) => g.centre)).toEqual(backward.map((g) => g.centre));
  });

  it("reports the date range and sorts issues by creation date", () => {
    const issues = [issue(0, { daysAgo: 3 }), issue(10, { daysAgo: 30 }), issue(20, { daysAgo: 10 })];
    const [group] = findSignalGroups(issues, RULE);
    expect(group.issues.map((i) => i.id)).toEqual([issues[1].id, issues[2].id, issues[0].id]);
    expect(group.firstCreatedAt).toEqual(issues[1].createdAt);
    expect(group.lastCreatedAt).toEqual(issues[0].createdAt);
  });
});

describe("neighbour search (grid of radius-wide cells)", () => {
  it("finds exactly the points within the radius, as comparing every pair does", () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const radius of [25, 250, 2000]) {
      for (let round = 0; round < 20; round++) {
        // Dense and sparse sets around Blerick, with repeated points and points on cell edges.
        const spread = [0.002, 0.02, 0.2][round % 3]!;
        const points = Array.from({ length: 150 }, () => ({
          lat: 51.37 + (random() - 0.5) * spread,
          lng: 6.15 + (random() - 0.5) * spread * 1.6,
        }));
        points.push({ ...points[0]! }, { lat: points[1]!.lat + radius / 111_195, lng: points[1]!.lng });
        const expected = points.map((p) =>
          points.flatMap((q, index) => (distanceMeters(p, q) <= radius + 1e-6 ? [index] : [])),
        );
        expect(neighbourIndexes(points, radius)).toEqual(expected);
      }
    }
  });
});
