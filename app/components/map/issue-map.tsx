import { Suspense, lazy, useCallback, useEffect, useState } from "react";
import { bboxOfGeometry } from "~/domain/geo";
import type { MapFeature, MapFeatureCollection } from "~/domain/map-features";
import { t } from "~/i18n";
import type { IssueMapProps } from "./issue-map.client";
import { MapStatus, type MapLoadState, useTileConfig } from "./map-shared";
import { StaticMap, useBuurtOutlines, type MapIntent } from "./static-map";
import { BUURT_FIT, RESIDENTIAL_BBOX, fitBounds, issuesUrl, viewBbox, type Size, type View } from "./view";

export type { IssueMapFilters, IssueMapProps } from "./issue-map.client";

const loadClient = () => import("./issue-map.client");
const IssueMapClient = lazy(loadClient);

const DEFAULT_CLASS = "h-80 w-full";

/**
 * Map of public issues (clusters when zoomed out), following the filters. It starts as a static
 * map (tiles, outlines and the same clusters, no Leaflet); Leaflet loads when the pointer comes
 * near and takes over at the first interaction. The page's list is the accessible twin of the map.
 */
export function IssueMap({ filters, className = DEFAULT_CLASS }: IssueMapProps) {
  const tiles = useTileConfig();
  const [intent, setIntent] = useState<MapIntent | null>(null);
  const outlines = useBuurtOutlines();
  const [shown, setShown] = useState<{ view: View; size: Size } | null>(null);
  const [features, setFeatures] = useState<readonly MapFeature[]>([]);
  const [state, setState] = useState<MapLoadState>("loading");

  const buurtShape = filters.buurt ? outlines?.features.find((f) => f.properties.code === filters.buurt) : undefined;
  const viewFor = useCallback(
    (size: Size): View =>
      buurtShape ? fitBounds(bboxOfGeometry(buurtShape.geometry), size, BUURT_FIT) : fitBounds(RESIDENTIAL_BBOX, size),
    [buurtShape],
  );
  const onView = useCallback((view: View, size: Size) => setShown({ view, size }), []);
  const { theme, buurt, status } = filters;
  const url = shown
    ? issuesUrl(viewBbox(shown.view, shown.size, 0.15), shown.view.zoom, { theme, buurt, status })
    : null;

  useEffect(() => {
    if (!url || intent) return;
    const controller = new AbortController();
    fetch(url, { signal: controller.signal, headers: { Accept: "application/geo+json" } })
      .then(async (response) => {
        if (!response.ok) throw new Error(`issues.geojson: HTTP ${response.status}`);
        const collection = (await response.json()) as MapFeatureCollection;
        setFeatures(collection.features);
        setState(collection.features.length === 0 ? "empty" : "ok");
      })
      .catch(() => {
        if (!controller.signal.aborted) setState("error");
      });
    return () => controller.abort();
  }, [url, intent]);

  const staticMap = (
    <StaticMap
      testId="issue-map"
      label={t("map.label")}
      className={className}
      viewFor={viewFor}
      features={features}
      onPrepare={() => void loadClient()}
      onActivate={setIntent}
      onView={onView}
      {...tiles}
    >
      <MapStatus state={state} />
    </StaticMap>
  );
  if (!intent) return staticMap;
  return (
    <Suspense fallback={staticMap}>
      <IssueMapClient filters={filters} className={className} intent={intent} {...tiles} />
    </Suspense>
  );
}
