import { Suspense, createElement, lazy, type ComponentType } from "react";
import { useRootData } from "~/root";
import { useHydrated } from "~/utils/use-hydrated";

/**
 * Parts of the map components that are safe on the server: no Leaflet here (Leaflet touches
 * `window` on import). The Leaflet modules end in `.client.tsx` and are loaded with React.lazy
 * only after hydration.
 */

export type TileConfig = { tileUrl?: string; tileAttribution?: string };

/** Basemap settings from the root loader (TILE_URL / TILE_ATTRIBUTION in the server's env). */
export function useTileConfig(): TileConfig {
  const env = useRootData()?.env;
  return { tileUrl: env?.TILE_URL, tileAttribution: env?.TILE_ATTRIBUTION };
}

export function cx(...classes: Array<string | false | null | undefined>) {
  return classes.filter(Boolean).join(" ");
}

/** A calm grey box of the map's size, shown on the server and while Leaflet loads. */
export function MapSkeleton({ className }: { className: string }) {
  return <div aria-hidden="true" className={cx("animate-pulse bg-[#e8ece9]", className)} />;
}

/**
 * A map component that renders Leaflet only in the browser: a grey box of the same size on the
 * server and until the lazily loaded `*.client.tsx` module is there. `load` is its import.
 */
export function clientOnlyMap<Props extends { className?: string }>(
  load: () => Promise<{ default: ComponentType<Props & TileConfig> }>,
  defaultClassName: string,
) {
  // React's lazy() types trip over generic props; the loaded component is what `load` returns.
  const Client = lazy(load) as unknown as ComponentType<Props & TileConfig>;
  return function ClientOnlyMap(props: Props) {
    const hydrated = useHydrated();
    const tiles = useTileConfig();
    const className = props.className ?? defaultClassName;
    const placeholder = <MapSkeleton className={`rounded-lg border border-gray-300 ${className}`} />;
    if (!hydrated) return placeholder;
    return (
      <Suspense fallback={placeholder}>
        {createElement(Client, { ...props, className, ...tiles })}
      </Suspense>
    );
  };
}
