import { Minus, Plus } from "lucide-react";
import { createElement, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { themeIcon } from "~/components/theme-icon";
import type { LatLng } from "~/domain/geo";
import { isClusterFeature, type MapFeature } from "~/domain/map-features";
import { t } from "~/i18n";
import { useLatest } from "~/utils/use-latest";
import { clusterStyle, cx, statusColor, type TileConfig } from "./map-shared";
import { loadBuurtOutlines, type BuurtOutlines } from "./outlines";
import { TILE_SIZE, pixelOrigin, pointToLatLng, project, tilesFor, type Size, type View } from "./view";

/**
 * The map as plain HTML and SVG, without Leaflet: basemap tiles, buurt outlines, clusters and
 * issues, a pin. It shows the same view the Leaflet map will show, so pages are complete and
 * light on first load; Leaflet (80 KB) is fetched when the pointer comes near the map and takes
 * over at the first real interaction (a click or tap, the wheel, a key, a zoom button). What that
 * interaction was is passed on (`MapIntent`), so the click that woke the map also counts.
 */

/** What woke the map: the Leaflet map carries it out once it is there. */
export type MapIntent = { point?: LatLng; zoomBy?: number; focus?: boolean };

export type StaticMapProps = TileConfig & {
  testId: string;
  label: string;
  /** Classes for the map box. */
  className: string;
  /** The view for a box of this size (null: not known yet, e.g. waiting for buurt outlines). */
  viewFor: (size: Size) => View | null;
  features?: readonly MapFeature[];
  pin?: LatLng | null;
  /** Shown above the pin (the buurt's name), like the Leaflet pin's tooltip. */
  pinLabel?: string | null;
  radiusMeters?: number;
  /** Starts loading Leaflet (pointer over the map, focus): no visible change yet. */
  onPrepare: () => void;
  /** Hands over to Leaflet. */
  onActivate: (intent: MapIntent) => void;
  /** Tells the parent the view once the box has a size (e.g. to load the issues in it). */
  onView?: (view: View, size: Size) => void;
  /** Overlays (status messages) inside the map box. */
  children?: ReactNode;
};

function useBoxSize() {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<Size | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const { width, height } = element.getBoundingClientRect();
      setSize((old) =>
        old && Math.round(old.width) === Math.round(width) && Math.round(old.height) === Math.round(height)
          ? old
          : { width: Math.round(width), height: Math.round(height) },
      );
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size] as const;
}

/** Buurt outlines for the static map; null while loading or when they could not be loaded. */
export function useBuurtOutlines() {
  const [outlines, setOutlines] = useState<BuurtOutlines | null>(null);
  useEffect(() => {
    let cancelled = false;
    loadBuurtOutlines()
      .then((collection) => {
        if (!cancelled) setOutlines(collection);
      })
      .catch(() => {
        // Without outlines the static map shows tiles and issues; Leaflet will try again.
      });
    return () => {
      cancelled = true;
    };
  }, []);
  return outlines;
}

function outlinePath(outlines: BuurtOutlines, view: View, size: Size) {
  const origin = pixelOrigin(view, size);
  const parts: string[] = [];
  for (const feature of outlines.features) {
    const polygons =
      feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        const points = ring.map(([lng, lat]) => {
          const p = project({ lat, lng }, view.zoom);
          return `${(p.x - origin.x).toFixed(1)} ${(p.y - origin.y).toFixed(1)}`;
        });
        parts.push(`M${points.join("L")}Z`);
      }
    }
  }
  return parts.join("");
}

function metersPerPixel(lat: number, zoom: number) {
  return (40075016.686 * Math.cos((lat * Math.PI) / 180)) / (TILE_SIZE * 2 ** zoom);
}

function StaticMarker({ feature, left, top }: { feature: MapFeature; left: number; top: number }) {
  if (isClusterFeature(feature)) {
    const count = feature.properties.count;
    const { size, fontSize } = clusterStyle(count);
    return (
      <span
        className="absolute flex items-center justify-center rounded-full border-[3px] border-white/90 bg-[rgba(11,72,67,.92)] font-bold text-white shadow-[0_1px_5px_rgba(0,0,0,.45)]"
        style={{
          left: left - size / 2,
          top: top - size / 2,
          width: size,
          height: size,
          fontSize,
        }}
      >
        {count.toLocaleString("nl-NL")}
      </span>
    );
  }
  const { id, theme, status } = feature.properties;
  return (
    <span
      data-issue-id={id}
      data-status={status}
      className="absolute flex h-8 w-8 items-center justify-center rounded-full border-2 border-white shadow-[0_1px_4px_rgba(0,0,0,.45)]"
      style={{
        left: left - 16,
        top: top - 16,
        background: statusColor(status),
      }}
    >
      {createElement(themeIcon(theme), {
        "aria-hidden": true,
        focusable: false,
        width: 18,
        height: 18,
        color: "#ffffff",
        strokeWidth: 2.25,
      })}
    </span>
  );
}

/** The teardrop pin of the location picker, as in leaflet.client's pinIcon. */
function StaticPin({ left, top, label }: { left: number; top: number; label?: string | null }) {
  return (
    <>
      {label ? (
        <span
          className="absolute -translate-x-1/2 -translate-y-full rounded border border-white bg-white px-1.5 py-0.5 text-xs whitespace-nowrap text-gray-900 shadow-[0_1px_3px_rgba(0,0,0,.4)]"
          style={{ left, top: top - 50 }}
        >
          {label}
        </span>
      ) : null}
      <svg
        aria-hidden="true"
        focusable="false"
        width="36"
        height="48"
        viewBox="0 0 36 48"
        className="absolute"
        style={{ left: left - 18, top: top - 47 }}
      >
        <path
          d="M18 1C8.6 1 1 8.4 1 17.6 1 30 18 47 18 47s17-17 17-29.4C35 8.4 27.4 1 18 1z"
          fill="#0e5c55"
          stroke="#ffffff"
          strokeWidth="2"
        />
        <circle cx="18" cy="17.5" r="6.5" fill="#ffffff" />
      </svg>
    </>
  );
}

/** A press that moved further than this before the click was a drag, not a tap on a place. */
const DRAG_PIXELS = 6;

const ZOOM_BUTTON =
  "flex h-[30px] w-[30px] items-center justify-center bg-white text-black hover:bg-gray-100 focus-visible:outline-3 focus-visible:outline-offset-0";

export function StaticMap({
  testId,
  label,
  className,
  viewFor,
  features = [],
  pin,
  pinLabel,
  radiusMeters,
  tileUrl,
  tileAttribution,
  onPrepare,
  onActivate,
  onView,
  children,
}: StaticMapProps) {
  const [ref, size] = useBoxSize();
  const pressedAt = useRef<{ x: number; y: number } | null>(null);
  const outlines = useBuurtOutlines();
  const view = size && size.width > 0 && size.height > 0 ? viewFor(size) : null;
  const viewKey = view && size ? `${view.zoom}/${view.center.lat}/${view.center.lng}/${size.width}x${size.height}` : "";

  const onViewRef = useLatest(onView);
  useEffect(() => {
    if (view && size) onViewRef.current?.(view, size);
    // viewKey stands for view and size.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [viewKey, onViewRef]);

  const path = useMemo(
    () => (outlines && view && size ? outlinePath(outlines, view, size) : ""),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [outlines, viewKey],
  );

  const origin = view && size ? pixelOrigin(view, size) : null;
  const at = (point: LatLng) => {
    const p = project(point, view!.zoom);
    return { left: p.x - origin!.x, top: p.y - origin!.y };
  };

  return (
    // The region is focusable, and a key or click wakes the interactive map (like Leaflet's box).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <div
      ref={ref}
      data-testid={testId}
      data-static-map=""
      data-zoom={view?.zoom}
      data-center-lat={view?.center.lat.toFixed(6)}
      data-center-lng={view?.center.lng.toFixed(6)}
      role="region"
      aria-label={label}
      tabIndex={0}
      className={cx("group relative isolate overflow-hidden bg-[#e8ece9] select-none", className)}
      onPointerEnter={onPrepare}
      onFocus={onPrepare}
      onTouchStart={onPrepare}
      onPointerDown={(event) => {
        pressedAt.current = { x: event.clientX, y: event.clientY };
      }}
      onClick={(event) => {
        if (!view || !size || event.target !== event.currentTarget.querySelector("[data-map-surface]")) return;
        // A drag (someone trying to pan) also ends in a click: it wakes the map, but is no place.
        const pressed = pressedAt.current;
        pressedAt.current = null;
        if (pressed && Math.hypot(event.clientX - pressed.x, event.clientY - pressed.y) > DRAG_PIXELS) {
          onActivate({});
          return;
        }
        const box = event.currentTarget.getBoundingClientRect();
        onActivate({ point: pointToLatLng(view, size, { x: event.clientX - box.left, y: event.clientY - box.top }) });
      }}
      onWheel={() => onActivate({})}
      onKeyDown={(event) => {
        if (event.target !== event.currentTarget) return;
        if (["Enter", " ", "+", "-", "=", "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"].includes(event.key)) {
          event.preventDefault();
          onActivate({ focus: true, zoomBy: event.key === "+" || event.key === "=" ? 1 : event.key === "-" ? -1 : 0 });
        }
      }}
    >
      {view && size && origin ? (
        <>
          {tileUrl
            ? tilesFor(tileUrl, view, size).map((tile) => (
                <img
                  key={tile.key}
                  src={tile.url}
                  alt=""
                  width={TILE_SIZE}
                  height={TILE_SIZE}
                  draggable={false}
                  decoding="async"
                  className="pointer-events-none absolute max-w-none opacity-0 transition-opacity duration-200"
                  style={{ left: tile.left, top: tile.top }}
                  // Like Leaflet: a tile shows once loaded; one that fails stays invisible.
                  onLoad={(event) => event.currentTarget.classList.remove("opacity-0")}
                />
              ))
            : null}
          <svg
            aria-hidden="true"
            focusable="false"
            className="pointer-events-none absolute inset-0"
            width={size.width}
            height={size.height}
          >
            <path d={path} fill="none" stroke="#0b4843" strokeWidth={1.5} strokeOpacity={0.65} />
            {pin && radiusMeters ? (
              <circle
                cx={at(pin).left}
                cy={at(pin).top}
                r={radiusMeters / metersPerPixel(pin.lat, view.zoom)}
                fill="#0b4843"
                fillOpacity={0.12}
                stroke="#0b4843"
                strokeWidth={2}
              />
            ) : null}
          </svg>
          {/* The surface that takes clicks; markers and pin lie on it and let clicks through. */}
          <div data-map-surface="" className="absolute inset-0" />
          <div aria-hidden="true" className="pointer-events-none absolute inset-0">
            {features.map((feature) => {
              const [lng, lat] = feature.geometry.coordinates;
              const { left, top } = at({ lat, lng });
              const key = isClusterFeature(feature) ? `c:${lng},${lat}` : `i:${feature.properties.id}`;
              return <StaticMarker key={key} feature={feature} left={left} top={top} />;
            })}
            {pin ? <StaticPin {...at(pin)} label={pinLabel} /> : null}
          </div>
        </>
      ) : null}
      <div className="absolute top-2.5 left-2.5 z-[1000] flex flex-col overflow-hidden rounded border-2 border-black/20 bg-clip-padding">
        <button
          type="button"
          className={cx(ZOOM_BUTTON, "border-b border-gray-300")}
          aria-label={t("map.zoomIn")}
          title={t("map.zoomIn")}
          onClick={() => onActivate({ zoomBy: 1 })}
        >
          <Plus aria-hidden="true" className="h-4 w-4" strokeWidth={3} />
        </button>
        <button
          type="button"
          className={ZOOM_BUTTON}
          aria-label={t("map.zoomOut")}
          title={t("map.zoomOut")}
          onClick={() => onActivate({ zoomBy: -1 })}
        >
          <Minus aria-hidden="true" className="h-4 w-4" strokeWidth={3} />
        </button>
      </div>
      <p className="absolute right-0 bottom-0 z-[1000] m-0 bg-white/80 px-1.5 text-xs leading-[1.4] text-gray-800">
        {tileAttribution ? (
          // TILE_ATTRIBUTION is the operator's own setting (HTML, as Leaflet takes it).
          <>
            <span dangerouslySetInnerHTML={{ __html: tileAttribution }} />,{" "}
          </>
        ) : null}
        {t("map.buurtAttribution")}
      </p>
      <p className="pointer-events-none absolute inset-x-0 top-2.5 z-[1000] mx-auto hidden w-fit rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-gray-900 shadow group-focus-visible:block">
        {t("map.keyboardHint")}
      </p>
      {children}
    </div>
  );
}
