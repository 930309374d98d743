import { Suspense, lazy } from "react";
import { useHydrated } from "~/utils/use-hydrated";
import type { LocationPickerProps } from "./location-picker.client";
import { MapSkeleton, useTileConfig } from "./map-shared";

export type { LocationPickerProps, PickedLocation } from "./location-picker.client";

// Leaflet needs `window`: the real picker is loaded in the browser only, after hydration.
const LocationPickerClient = lazy(() => import("./location-picker.client"));

const DEFAULT_CLASS = "h-72 w-full sm:h-96";

function PickerSkeleton({ className }: { className: string }) {
  return (
    <div className="space-y-2" aria-hidden="true">
      <div className="h-5 w-3/4 animate-pulse rounded bg-gray-200" />
      <MapSkeleton className={`rounded-lg border border-gray-300 ${className}`} />
      <div className="h-11 w-56 animate-pulse rounded-md bg-gray-200" />
    </div>
  );
}

/**
 * "Waar?" map of the report form. Tap or click to place a draggable pin; points outside
 * Blerick (or in the Maas) place no pin and call onOutside. Includes "Gebruik mijn locatie".
 */
export function LocationPicker(props: LocationPickerProps) {
  const hydrated = useHydrated();
  const tiles = useTileConfig();
  const className = props.className ?? DEFAULT_CLASS;
  const placeholder = <PickerSkeleton className={className} />;
  if (!hydrated) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <LocationPickerClient {...props} className={className} {...tiles} />
    </Suspense>
  );
}
