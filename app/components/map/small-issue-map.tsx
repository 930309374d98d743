import { Suspense, lazy } from "react";
import { useHydrated } from "~/utils/use-hydrated";
import type { SmallIssueMapProps } from "./small-issue-map.client";
import { MapSkeleton, useTileConfig } from "./map-shared";

export type { SmallIssueMapProps } from "./small-issue-map.client";

const SmallIssueMapClient = lazy(() => import("./small-issue-map.client"));

const DEFAULT_CLASS = "h-56 w-full";

/** The issue page's small map (one marker, buurt outlines); a grey box on the server. */
export function SmallIssueMap(props: SmallIssueMapProps) {
  const hydrated = useHydrated();
  const tiles = useTileConfig();
  const className = props.className ?? DEFAULT_CLASS;
  const placeholder = <MapSkeleton className={`rounded-lg border border-gray-300 ${className}`} />;
  if (!hydrated) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <SmallIssueMapClient {...props} className={className} {...tiles} />
    </Suspense>
  );
}
