import { distanceMeters, haversineTerm, toRadians, type LatLng } from "./geo";

/**
 * "Mogelijk structureel": several issues of one theme close together within a short time
 * suggest a recurring pattern rather than one-off incidents. This module is the pure rule; the
 * server loads candidates (signals.server.ts) and the steering group reviews the groups.
 *
 * The rule, per theme:
 * 1. Candidates: public issues created in the rolling window (`windowDays` before `now`,
 *    inclusive, so an issue exactly `windowDays` old still counts), not triaged as structural,
 *    not a duplicate (no `duplicateOfId`, not closed as `dubbele_melding`) and with a pinned
 *    location (approximate locations are buurt centres, they would form false groups).
 * 2. DBSCAN with eps = `radiusMeters` and minPts = `minIssues` (a point counts itself), great-
 *    circle (haversine) distance, neighbours at exactly eps included.
 * 3. DBSCAN clusters can be chains far wider than eps. The signal promises "each issue within
 *    eps of the group's centre", with the centre the mean lat/lng of the group, so every cluster
 *    is trimmed: while some member lies farther than eps from the centre, drop the farthest one
 *    (ties: the highest id) and recompute the centre. The group is flagged when at least
 *    minPts members remain. The dropped members are clustered again by the same rule, so a long
 *    chain can yield several groups (each issue belongs to at most one group).
 * Distances are inclusive (<= eps, with a micrometre of tolerance for floating point).
 * Output is deterministic: groups by size (largest first), then newest issue, then lowest id;
 * issues within a group by creation date, then id.
 */

export type SignalCandidate = LatLng & {
  id: number;
  themeId: string;
  createdAt: Date | string;
  visibility: string;
  locationApproximate: boolean;
  nature: string | null;
  duplicateOfId: number | null;
  closeReason: string | null;
};

export type SignalRule = {
  now: Date;
  windowDays: number;
  minIssues: number;
  radiusMeters: number;
};

export type SignalGroup<T extends SignalCandidate> = {
  themeId: string;
  centre: LatLng;
  radiusMeters: number;
  /** Distance of the farthest issue from the centre, rounded to whole metres. */
  spreadMeters: number;
  issues: T[];
  firstCreatedAt: Date;
  lastCreatedAt: Date;
};

const DAY = 24 * 60 * 60 * 1000;
/** Floating point tolerance for "exactly eps" (a micrometre). */
const EPSILON_METERS = 1e-6;

const time = (value: Date | string) => new Date(value).getTime();

/** The start of the rolling window: issues created at or after this moment count. */
export function signalWindowStart(now: Date, windowDays: number) {
  return new Date(now.getTime() - windowDays * DAY);
}

export function isSignalCandidate(issue: SignalCandidate, rule: Pick<SignalRule, "now" | "windowDays">) {
  const created = time(issue.createdAt);
  return (
    issue.visibility === "public" &&
    !issue.locationApproximate &&
    issue.nature !== "structureel" &&
    issue.duplicateOfId === null &&
    issue.closeReason !== "dubbele_melding" &&
    Number.isFinite(issue.lat) &&
    Number.isFinite(issue.lng) &&
    created >= signalWindowStart(rule.now, rule.windowDays).getTime() &&
    created <= rule.now.getTime()
  );
}

function within(a: LatLng, b: LatLng, radius: number) {
  return distanceMeters(a, b) <= radius + EPSILON_METERS;
}

function byId<T extends { id: number }>(a: T, b: T) {
  return a.id - b.id;
}

/**
 * For each point (sorted by id), the indexes of the points within `radius` of it, itself
 * included, in ascending order. A grid of cells at least `radius` wide finds the candidates: a
 * neighbour is in the same or an adjacent cell, so only those are measured (comparing every pair
 * was seconds for a few thousand issues).
 */
export function neighbourIndexes(sorted: readonly LatLng[], radius: number): number[][] {
  if (sorted.length === 0) return [];
  // Degrees per metre: latitude is constant, longitude grows towards the poles; the widest cell
  // in longitude (at the highest latitude present) keeps "adjacent cell" sufficient everywhere.
  // A loop, not Math.max(...list): a spread of 100,000+ arguments overflows the stack.
  let maxAbsLat = 0;
  for (const p of sorted) maxAbsLat = Math.max(maxAbsLat, Math.abs(p.lat));
  const latStep = (radius + 1) / 111_000;
  const lngStep = (radius + 1) / (111_000 * Math.max(Math.cos(toRadians(Math.min(maxAbsLat, 89) + 0.5)), 0.01));
  const cellOf = (p: LatLng) => [Math.floor(p.lat / latStep), Math.floor(p.lng / lngStep)] as const;
  const cells = new Map<string, number[]>();
  sorted.forEach((p, index) => {
    const [row, column] = cellOf(p);
    const key = `${row}:${column}`;
    const cell = cells.get(key);
    if (cell) cell.push(index);
    else cells.set(key, [index]);
  });
  return sorted.map((p) => {
    const [row, column] = cellOf(p);
    const found: number[] = [];
    for (let dRow = -1; dRow <= 1; dRow++) {
      for (let dColumn = -1; dColumn <= 1; dColumn++) {
        for (const index of cells.get(`${row + dRow}:${column + dColumn}`) ?? []) {
          if (within(p, sorted[index], radius)) found.push(index);
        }
      }
    }
    return found.sort((a, b) => a - b);
  });
}

/** Classic DBSCAN over points sorted by id (so border points are assigned deterministically). */
function dbscan<T extends SignalCandidate>(points: T[], radius: number, minPts: number): T[][] {
  const sorted = [...points].sort(byId);
  const neighbours = neighbourIndexes(sorted, radius);
  const label = new Map<number, number>(); // id -> cluster index; -1 = noise
  const clusters: T[][] = [];
  sorted.forEach((point, index) => {
    if (label.has(point.id)) return;
    if (neighbours[index].length < minPts) {
      label.set(point.id, -1);
      return;
    }
    const cluster: T[] = [];
    const clusterIndex = clusters.length;
    clusters.push(cluster);
    const queue = [index];
    for (let head = 0; head < queue.length; head++) {
      const current = queue[head];
      const p = sorted[current];
      const previous = label.get(p.id);
      if (previous !== undefined && previous !== -1) continue;
      label.set(p.id, clusterIndex);
      cluster.push(p);
      if (neighbours[current].length < minPts) continue; // border point: do not expand
      for (const q of neighbours[current]) {
        const qLabel = label.get(sorted[q].id);
        if (qLabel === undefined || qLabel === -1) queue.push(q);
      }
    }
  });
  return clusters;
}

export function centreOf(points: readonly LatLng[]): LatLng {
  const lat = points.reduce((sum, p) => sum + p.lat, 0) / points.length;
  const lng = points.reduce((sum, p) => sum + p.lng, 0) / points.length;
  return { lat, lng };
}

/**
 * Drops the farthest member until all are within `radius` of the mean centre. The farthest is
 * found by the haversine term (geo.ts; it grows with the distance), with each member's latitude
 * cosine computed once: a cluster of thousands is trimmed one member at a time.
 */
function trim<T extends SignalCandidate>(cluster: T[], radius: number) {
  const kept = [...cluster];
  const cosLat = new Map(kept.map((p) => [p.id, Math.cos(toRadians(p.lat))]));
  const dropped: T[] = [];
  while (kept.length > 0) {
    const centre = centreOf(kept);
    const cosCentre = Math.cos(toRadians(centre.lat));
    let farthest = -1;
    let farthestH = -Infinity;
    kept.forEach((p, index) => {
      const h = haversineTerm(centre, p, cosCentre, cosLat.get(p.id)!);
      if (h > farthestH || (h === farthestH && p.id > kept[farthest].id)) {
        farthest = index;
        farthestH = h;
      }
    });
    if (distanceMeters(centre, kept[farthest]) <= radius + EPSILON_METERS) return { kept, dropped, centre };
    dropped.push(...kept.splice(farthest, 1));
  }
  return { kept, dropped, centre: null };
}

function groupsOfTheme<T extends SignalCandidate>(themeId: string, issues: T[], rule: SignalRule) {
  const groups: SignalGroup<T>[] = [];
  const pending = dbscan(issues, rule.radiusMeters, rule.minIssues);
  while (pending.length) {
    const cluster = pending.shift()!;
    const { kept, dropped, centre } = trim(cluster, rule.radiusMeters);
    if (centre && kept.length >= rule.minIssues) {
      const sorted = [...kept].sort((a, b) => time(a.createdAt) - time(b.createdAt) || a.id - b.id);
      groups.push({
        themeId,
        centre,
        radiusMeters: rule.radiusMeters,
        spreadMeters: Math.round(Math.max(...sorted.map((p) => distanceMeters(centre, p)))),
        issues: sorted,
        firstCreatedAt: new Date(sorted[0].createdAt),
        lastCreatedAt: new Date(sorted[sorted.length - 1].createdAt),
      });
    }
    // Each round removes at least one member from consideration, so this ends.
    if (dropped.length >= rule.minIssues) pending.push(...dbscan(dropped, rule.radiusMeters, rule.minIssues));
  }
  return groups;
}

/** The "mogelijk structureel" groups among `issues` (non-candidates are left out here). */
export function findSignalGroups<T extends SignalCandidate>(issues: readonly T[], rule: SignalRule): SignalGroup<T>[] {
  const byTheme = new Map<string, T[]>();
  for (const issue of issues) {
    if (!isSignalCandidate(issue, rule)) continue;
    const theme = byTheme.get(issue.themeId);
    if (theme) theme.push(issue);
    else byTheme.set(issue.themeId, [issue]);
  }
  const groups = [...byTheme.keys()].sort().flatMap((themeId) => groupsOfTheme(themeId, byTheme.get(themeId)!, rule));
  return groups.sort(
    (a, b) =>
      b.issues.length - a.issues.length ||
      b.lastCreatedAt.getTime() - a.lastCreatedAt.getTime() ||
      Math.min(...a.issues.map((i) => i.id)) - Math.min(...b.issues.map((i) => i.id)),
  );
}
