import { useRootData } from "~/root";

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
