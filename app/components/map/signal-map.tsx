import { Suspense, lazy } from "react";
import { useHydrated } from "~/utils/use-hydrated";
import type { SignalMapProps } from "./signal-map.client";
import { MapSkeleton, useTileConfig } from "./map-shared";

export type { SignalMapGroup, SignalMapProps } from "./signal-map.client";

const SignalMapClient = lazy(() => import("./signal-map.client"));

const DEFAULT_CLASS = "h-80 w-full";

/** The "mogelijk structureel" groups on a map; a grey box on the server and before hydration. */
export function SignalMap(props: SignalMapProps) {
  const hydrated = useHydrated();
  const tiles = useTileConfig();
  const className = props.className ?? DEFAULT_CLASS;
  const placeholder = <MapSkeleton className={`rounded-lg border border-gray-300 ${className}`} />;
  if (!hydrated) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <SignalMapClient {...props} className={className} {...tiles} />
    </Suspense>
  );
}
