import { Suspense, lazy } from "react";
import { useHydrated } from "~/utils/use-hydrated";
import type { IssueMapProps } from "./issue-map.client";
import { MapSkeleton, useTileConfig } from "./map-shared";

export type { IssueMapFilters, IssueMapProps } from "./issue-map.client";

// Leaflet needs `window`: the real map is loaded in the browser only, after hydration.
const IssueMapClient = lazy(() => import("./issue-map.client"));

const DEFAULT_CLASS = "h-80 w-full";

/**
 * Map of public issues (clusters when zoomed out), following the filters. On the server and
 * while Leaflet loads it renders a grey placeholder of the same size; the page's list is the
 * accessible twin of the map.
 */
export function IssueMap({ filters, className = DEFAULT_CLASS }: IssueMapProps) {
  const hydrated = useHydrated();
  const tiles = useTileConfig();
  const placeholder = <MapSkeleton className={className} />;
  if (!hydrated) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <IssueMapClient filters={filters} className={className} {...tiles} />
    </Suspense>
  );
}
