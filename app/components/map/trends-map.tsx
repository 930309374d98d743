import { Suspense, lazy } from "react";
import { useHydrated } from "~/utils/use-hydrated";
import type { TrendsMapProps } from "./trends-map.client";
import { MapSkeleton, useTileConfig } from "./map-shared";

export type { BuurtFigure, TrendsMapProps } from "./trends-map.client";

// Leaflet needs `window`: the real map is loaded in the browser only, after hydration.
const TrendsMapClient = lazy(() => import("./trends-map.client"));

const DEFAULT_CLASS = "h-[28rem] w-full";

/**
 * The dashboard's map: buurten coloured by the number of issues (or per 1,000 residents) and a
 * heat grid of ~150 m cells counted on the server. A grey box on the server; the page's buurt
 * table is its accessible twin.
 */
export function TrendsMap(props: TrendsMapProps) {
  const hydrated = useHydrated();
  const tiles = useTileConfig();
  const className = props.className ?? DEFAULT_CLASS;
  const placeholder = <MapSkeleton className={`rounded-lg border border-gray-300 ${className}`} />;
  if (!hydrated) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <TrendsMapClient {...props} className={className} {...tiles} />
    </Suspense>
  );
}
