import type { Feature, MultiPolygon, Polygon } from "geojson";
import L from "leaflet";
import iconRetinaUrl from "leaflet/dist/images/marker-icon-2x.png";
import iconUrl from "leaflet/dist/images/marker-icon.png";
import shadowUrl from "leaflet/dist/images/marker-shadow.png";
import { useEffect, useRef } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { TileLayer, useMap } from "react-leaflet";
import { themeIcon } from "~/components/theme-icon";
import { BLERICK_BBOX } from "~/domain/geo";
import { t } from "~/i18n";
import { clusterStyle, statusColor } from "./map-shared";
import { loadBuurtOutlines, type BuurtOutlineProps } from "./outlines";
import type { MapIntent } from "./static-map";
import { MAP_MAX_ZOOM, MAP_MIN_ZOOM, RESIDENTIAL_BBOX } from "./view";

/**
 * Leaflet helpers shared by the map components. Browser only: import this module from
 * `*.client.tsx` files that are loaded with React.lazy after hydration.
 */

// Leaflet's default marker images 404 under Vite (it guesses their path from CSS). We draw our
// own divIcons, but fix the default icon anyway so a plain L.marker never shows a broken image.
L.Icon.Default.imagePath = "";
L.Icon.Default.mergeOptions({ iconUrl, iconRetinaUrl, shadowUrl });
// The zoom buttons speak Dutch, like the static map's.
L.Control.Zoom.prototype.options.zoomInTitle = t("map.zoomIn");
L.Control.Zoom.prototype.options.zoomOutTitle = t("map.zoomOut");

export { MAP_MAX_ZOOM, MAP_MIN_ZOOM };
export { loadBuurtOutlines, toBuurtShapes, type BuurtOutlineProps, type BuurtOutlineShape } from "./outlines";

/** Panning stops a little outside Blerick: the map is about Blerick only. */
export const MAP_MAX_BOUNDS = L.latLngBounds(
  [BLERICK_BBOX.minLat - 0.08, BLERICK_BBOX.minLng - 0.12],
  [BLERICK_BBOX.maxLat + 0.08, BLERICK_BBOX.maxLng + 0.12],
);

/** Residential Blerick (wijken 21-27, without the Trade-Port): the home map's first view. */
export const RESIDENTIAL_BOUNDS = L.latLngBounds(
  [RESIDENTIAL_BBOX.minLat, RESIDENTIAL_BBOX.minLng],
  [RESIDENTIAL_BBOX.maxLat, RESIDENTIAL_BBOX.maxLng],
);

const LEAFLET_PREFIX = '<a href="https://leafletjs.com">Leaflet</a>';

function escapeHtml(value: string) {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const svgCache = new Map<string, string>();

/** The theme's lucide icon as an SVG string (white strokes), rendered once per theme. */
function themeSvg(code: string, size: number) {
  const key = `${code}:${size}`;
  let svg = svgCache.get(key);
  if (!svg) {
    const Icon = themeIcon(code);
    svg = renderToStaticMarkup(
      <Icon aria-hidden="true" focusable="false" width={size} height={size} color="#ffffff" strokeWidth={2.25} />,
    );
    svgCache.set(key, svg);
  }
  return svg;
}

/**
 * A round marker with the theme icon, coloured by status. The icon element is 44 px (a good
 * touch target); the visible circle is 32 px. `data-issue-id` lets browser tests find it.
 */
export function issueIcon({ id, theme, status }: { id?: number; theme: string; status: string }) {
  const idAttr = id === undefined ? "" : ` data-issue-id="${id}"`;
  const html =
    `<span${idAttr} data-status="${escapeHtml(status)}" style="display:flex;align-items:center;justify-content:center;` +
    `width:32px;height:32px;margin:6px;border-radius:9999px;background:${statusColor(status)};` +
    `border:2px solid #ffffff;box-shadow:0 1px 4px rgba(0,0,0,.45)">${themeSvg(theme, 18)}</span>`;
  return L.divIcon({
    html,
    className: "bb-issue-marker",
    iconSize: [44, 44],
    iconAnchor: [22, 22],
    popupAnchor: [0, -16],
  });
}

/** A cluster: a primary-coloured circle with the count, bigger for bigger groups. */
export function clusterIcon(count: number) {
  const { size, fontSize } = clusterStyle(count);
  const html =
    `<span style="display:flex;align-items:center;justify-content:center;width:${size}px;height:${size}px;` +
    `border-radius:9999px;background:rgba(11,72,67,.92);color:#ffffff;font-weight:700;font-size:${fontSize}px;` +
    `border:3px solid rgba(255,255,255,.9);box-shadow:0 1px 5px rgba(0,0,0,.45)">${count.toLocaleString("nl-NL")}</span>`;
  const box = Math.max(size, 44);
  return L.divIcon({
    html: `<span style="display:flex;align-items:center;justify-content:center;width:${box}px;height:${box}px">${html}</span>`,
    className: "bb-cluster-marker",
    iconSize: [box, box],
    iconAnchor: [box / 2, box / 2],
  });
}

/** The teardrop pin of the location picker (primary colour). */
export function pinIcon() {
  const html =
    `<svg aria-hidden="true" focusable="false" width="36" height="48" viewBox="0 0 36 48">` +
    `<path d="M18 1C8.6 1 1 8.4 1 17.6 1 30 18 47 18 47s17-17 17-29.4C35 8.4 27.4 1 18 1z" fill="#0e5c55" stroke="#ffffff" stroke-width="2"/>` +
    `<circle cx="18" cy="17.5" r="6.5" fill="#ffffff"/></svg>`;
  return L.divIcon({
    html,
    className: "bb-pin-marker",
    iconSize: [36, 48],
    iconAnchor: [18, 47],
    tooltipAnchor: [0, -44],
  });
}

/** Thin buurt outlines; with `tooltips` the buurt name shows on hover/tap. */
export function BuurtOutlinesLayer({ tooltips = false }: { tooltips?: boolean }) {
  const map = useMap();
  useEffect(() => {
    let layer: L.GeoJSON | undefined;
    let cancelled = false;
    loadBuurtOutlines()
      .then((collection) => {
        if (cancelled) return;
        layer = L.geoJSON(collection, {
          interactive: tooltips,
          style: { color: "#0b4843", weight: 1.5, opacity: 0.65, fill: tooltips, fillOpacity: 0 },
          onEachFeature: tooltips
            ? (feature: Feature<Polygon | MultiPolygon, BuurtOutlineProps>, featureLayer) => {
                featureLayer.bindTooltip(escapeHtml(feature.properties.name), { sticky: true, direction: "top" });
              }
            : undefined,
        });
        layer.addTo(map);
        layer.bringToBack();
      })
      .catch(() => {
        // Without outlines the map still works; the picker reports the problem itself.
      });
    return () => {
      cancelled = true;
      layer?.remove();
    };
  }, [map, tooltips]);
  return null;
}

/**
 * Basemap (when TILE_URL is set), attributions and buurt outlines. Without tiles (offline, or
 * the tile server is down) the grey background plus outlines still make a usable map.
 */
export function BaseLayers({
  tileUrl,
  tileAttribution,
  buurtTooltips = false,
}: {
  tileUrl?: string;
  tileAttribution?: string;
  buurtTooltips?: boolean;
}) {
  const map = useMap();
  useEffect(() => {
    const control = map.attributionControl;
    if (!control) return;
    control.setPrefix(LEAFLET_PREFIX);
    // app.css gives .leaflet-container the page font (16 px); keep the attribution line small
    // so it does not cover a phone-sized map.
    const box = control.getContainer();
    if (box) {
      box.style.fontSize = "0.75rem";
      box.style.lineHeight = "1.4";
    }
    const text = escapeHtml(t("map.buurtAttribution"));
    control.addAttribution(text);
    return () => {
      control.removeAttribution(text);
    };
  }, [map]);
  return (
    <>
      {tileUrl ? (
        <TileLayer url={tileUrl} attribution={tileAttribution} maxZoom={MAP_MAX_ZOOM} maxNativeZoom={19} />
      ) : null}
      <BuurtOutlinesLayer tooltips={buurtTooltips} />
    </>
  );
}

/**
 * Attributes for the Leaflet container (MapContainer does not pass data-* or aria props on):
 * a test id, and a labelled region so screen-reader users know what the focusable box is.
 * Also tells Leaflet when the box changes size (responsive layouts, a box that was hidden).
 */
export function ContainerAttributes({ testId, label }: { testId?: string; label: string }) {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    if (testId) container.setAttribute("data-testid", testId);
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", label);
  }, [map, testId, label]);
  useEffect(() => {
    // The current view as data attributes: browser tests turn a place into a pixel with it.
    const container = map.getContainer();
    const update = () => {
      const center = map.getCenter();
      container.dataset.zoom = String(map.getZoom());
      container.dataset.centerLat = center.lat.toFixed(6);
      container.dataset.centerLng = center.lng.toFixed(6);
    };
    update();
    map.on("moveend zoomend", update);
    return () => void map.off("moveend zoomend", update);
  }, [map]);
  useEffect(() => {
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => map.invalidateSize({ debounceMoveend: true }));
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map]);
  return null;
}

/**
 * Carries out, once, what woke the map on its static twin (static-map's MapIntent): a zoom
 * button, or a key (focus moves into the map). A clicked place is handled by the map's owner.
 */
export function CarryOut({ intent }: { intent?: MapIntent }) {
  const map = useMap();
  const done = useRef(false);
  useEffect(() => {
    if (!intent || done.current) return;
    done.current = true;
    if (intent.zoomBy) {
      map.setZoom(map.getZoom() + intent.zoomBy);
      const button = intent.zoomBy > 0 ? ".leaflet-control-zoom-in" : ".leaflet-control-zoom-out";
      if (!intent.focus) map.getContainer().querySelector<HTMLElement>(button)?.focus();
    }
    if (intent.focus) map.getContainer().focus();
  }, [intent, map]);
  return null;
}
