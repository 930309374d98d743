import Supercluster from "supercluster";
import {
  CLUSTER_OPTIONS,
  pointIds,
  selectWithinLimit,
  toFeatureCollection,
  type BboxTuple,
  type IndexPointProps,
  type MapFeatureCollection,
} from "~/domain/map-features";
import type { IssueFilters } from "~/domain/issue-filters";
import { db } from "./db.server";
import { issuesVersion, publicIssueWhere } from "./issues.server";
import { mapIssueRows } from "./sql.server";

/**
 * The map's cluster index. It is ONLY a cache: the database is the truth, and every request
 * first reads the change counter (`issuesVersion()`, a primary-key lookup). When the counter
 * moved, the index for those filters is rebuilt from the database, so several app servers
 * behind a load balancer all show the same map. One index per filter combination, kept in a
 * small LRU; concurrent requests share one build.
 */

const MAX_INDEXES = 24;

type Index = Supercluster<IndexPointProps, Record<string, never>>;
type Entry = { version: number; index: Promise<Index> };

// Map keeps insertion order: the first key is the least recently used.
const indexes = new Map<string, Entry>();
let builds = 0;

function cacheKey(filters: IssueFilters) {
  return `${filters.theme ?? ""}|${filters.buurt ?? ""}|${filters.status ?? ""}`;
}

async function buildIndex(filters: IssueFilters): Promise<Index> {
  builds += 1;
  // Scalar columns only (a relation select doubles the time at 100,000 issues); theme ids are
  // turned into codes with the (small) theme table.
  const [rows, themes] = await Promise.all([
    db.issue.findMany({
      where: publicIssueWhere(filters),
      select: { id: true, lat: true, lng: true, status: true, themeId: true },
    }),
    db.theme.findMany({ select: { id: true, code: true } }),
  ]);
  const themeCode = new Map(themes.map((theme) => [theme.id, theme.code]));
  const index: Index = new Supercluster({ ...CLUSTER_OPTIONS });
  index.load(
    rows.map((row) => ({
      type: "Feature" as const,
      geometry: { type: "Point" as const, coordinates: [row.lng, row.lat] },
      properties: { id: row.id, theme: themeCode.get(row.themeId) ?? "", status: row.status },
    })),
  );
  return index;
}

/** The cluster index for these filters, rebuilt when public issues changed since it was built. */
export async function getMapIndex(filters: IssueFilters = {}): Promise<Index> {
  // Read the version BEFORE the rows: an index labelled v then contains at least the data of v.
  const version = await issuesVersion();
  const key = cacheKey(filters);
  const cached = indexes.get(key);
  if (cached && cached.version >= version) {
    indexes.delete(key);
    indexes.set(key, cached);
    return cached.index;
  }
  const entry: Entry = { version, index: buildIndex(filters) };
  indexes.delete(key);
  indexes.set(key, entry);
  while (indexes.size > MAX_INDEXES) {
    const oldest = indexes.keys().next().value;
    if (oldest === undefined) break;
    indexes.delete(oldest);
  }
  entry.index.catch(() => {
    // A failed build must not stay cached.
    if (indexes.get(key) === entry) indexes.delete(key);
  });
  return entry.index;
}

export type MapFeaturesInput = { bbox: BboxTuple; zoom: number; filters?: IssueFilters };

/**
 * The map's features for a view: clusters (`{ cluster: true, count, expansionZoom }`) and issues
 * (`{ id, title, theme, status, supportCount, buurt }`), never more than 500. Titles, support
 * counts and buurt names are read fresh for the returned issues, again by publicIssueWhere's
 * rules (one hot statement: `mapIssueRows`).
 */
export async function mapFeatures({ bbox, zoom, filters = {} }: MapFeaturesInput): Promise<MapFeatureCollection> {
  const index = await getMapIndex(filters);
  const selected = selectWithinLimit(index, bbox, zoom);
  const ids = pointIds(selected.features);
  const rows = new Map((await mapIssueRows(ids, filters)).map((row) => [row.id, row]));
  return toFeatureCollection(selected.features, rows, (clusterId) => index.getClusterExpansionZoom(clusterId), zoom);
}

/** For tests: forget every index. */
export function clearMapIndexCache() {
  indexes.clear();
}

/** For tests and diagnostics: how many indexes were built since start, and how many are cached. */
export function mapIndexStats() {
  return { builds, cached: indexes.size };
}
