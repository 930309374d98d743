import { Suspense, createElement, lazy, type ComponentType } from "react";
import { STATUS_COLORS } from "~/components/status-badge";
import type { IssueStatus } from "~/domain/issue-status";
import { t } from "~/i18n";
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

export type MapLoadState = "loading" | "ok" | "empty" | "error";

/** "No issues here" or "could not load" over the map (nothing while loading or when fine). */
export function MapStatus({ state }: { state: MapLoadState }) {
  if (state !== "error" && state !== "empty") return null;
  return (
    <p
      role="status"
      className={cx(
        "pointer-events-none absolute inset-x-2 bottom-8 z-[900] mx-auto w-fit max-w-[95%] rounded-md px-3 py-1.5 text-center text-sm shadow",
        state === "error" ? "border border-red-700 bg-red-50 font-semibold text-red-800" : "bg-white/95 text-gray-800",
      )}
    >
      {state === "error" ? t("map.loadError") : t("map.empty")}
    </p>
  );
}

/** A marker's colour: its status's colour (the static and the Leaflet markers alike). */
export function statusColor(status: string) {
  return STATUS_COLORS[status as IssueStatus] ?? STATUS_COLORS.nieuw;
}

/** A cluster's circle: bigger for bigger groups, a smaller font from 1,000 on. */
export function clusterStyle(count: number) {
  return { size: count < 10 ? 36 : count < 100 ? 44 : count < 1000 ? 52 : 60, fontSize: count < 1000 ? 15 : 13 };
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
    return <Suspense fallback={placeholder}>{createElement(Client, { ...props, className, ...tiles })}</Suspense>;
  };
}
