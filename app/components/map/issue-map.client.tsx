import { useNavigate } from "@remix-run/react";
import L from "leaflet";
import { useEffect, useState } from "react";
import { MapContainer, useMap } from "react-leaflet";
import {
  isClusterFeature,
  type ClusterPointProperties,
  type IssuePointProperties,
  type MapFeatureCollection,
} from "~/domain/map-features";
import { t, type MessageKey } from "~/i18n";
import {
  BaseLayers,
  CarryOut,
  ContainerAttributes,
  MAP_MAX_BOUNDS,
  MAP_MAX_ZOOM,
  MAP_MIN_ZOOM,
  RESIDENTIAL_BOUNDS,
  clusterIcon,
  issueIcon,
  loadBuurtOutlines,
} from "./leaflet.client";
import { useLatest } from "~/utils/use-latest";
import { MapStatus, cx, type MapLoadState, type TileConfig } from "./map-shared";
import type { MapIntent } from "./static-map";
import { BUURT_FIT, issuesUrl } from "./view";

export type IssueMapFilters = { theme?: string; buurt?: string; status?: string };
export type IssueMapProps = { filters: IssueMapFilters; className?: string };
type IssueMapClientProps = IssueMapProps & TileConfig & { intent?: MapIntent };

const DEBOUNCE_MS = 250;

/** When the list is filtered on one buurt, the map shows that buurt. */
function FitToBuurt({ code }: { code?: string }) {
  const map = useMap();
  useEffect(() => {
    if (!code) return;
    let cancelled = false;
    loadBuurtOutlines()
      .then((collection) => {
        const feature = collection.features.find((f) => f.properties.code === code);
        if (feature && !cancelled)
          map.fitBounds(L.geoJSON(feature).getBounds(), {
            padding: [BUURT_FIT.padding, BUURT_FIT.padding],
            maxZoom: BUURT_FIT.maxZoom,
          });
      })
      .catch(() => {
        // Without outlines the map keeps its view; the list is still filtered.
      });
    return () => {
      cancelled = true;
    };
  }, [code, map]);
  return null;
}

/** The home page map: clusters and issues from /api/issues.geojson for the current view. */
export default function IssueMapClient({ filters, className, tileUrl, tileAttribution, intent }: IssueMapClientProps) {
  const [state, setState] = useState<MapLoadState>("loading");
  return (
    <div className={cx("relative isolate", className ?? "h-80 w-full")}>
      <MapContainer
        bounds={RESIDENTIAL_BOUNDS}
        minZoom={MAP_MIN_ZOOM}
        maxZoom={MAP_MAX_ZOOM}
        maxBounds={MAP_MAX_BOUNDS}
        maxBoundsViscosity={0.8}
        className="h-full w-full"
      >
        <ContainerAttributes testId="issue-map" label={t("map.label")} />
        <CarryOut intent={intent} />
        <BaseLayers tileUrl={tileUrl} tileAttribution={tileAttribution} buurtTooltips />
        <FitToBuurt code={filters.buurt} />
        <IssueMarkers theme={filters.theme} buurt={filters.buurt} status={filters.status} onState={setState} />
      </MapContainer>
      <MapStatus state={state} />
    </div>
  );
}

type Entry = {
  marker: L.Marker;
  signature: string;
  props: IssuePointProperties | ClusterPointProperties;
};

function viewUrl(map: L.Map, filters: IssueMapFilters) {
  const bounds = map.getBounds().pad(0.15);
  const bbox = {
    minLng: bounds.getWest(),
    minLat: bounds.getSouth(),
    maxLng: bounds.getEast(),
    maxLat: bounds.getNorth(),
  };
  return issuesUrl(bbox, map.getZoom(), filters);
}

function statusLabel(status: string) {
  const label = t(`common.status.${status}` as MessageKey);
  return label.startsWith("common.") ? status : label;
}

function supportsText(count: number) {
  if (count === 0) return t("map.popup.supportsNone");
  if (count === 1) return t("map.popup.supportsOne");
  return t("map.popup.supportsMany", { count: count.toLocaleString("nl-NL") });
}

/** Popup content as DOM nodes (text via textContent, so titles cannot inject HTML). */
function popupContent(props: IssuePointProperties, navigate: (to: string) => void) {
  const root = document.createElement("div");
  root.className = "space-y-1 text-sm";
  root.style.minWidth = "11rem";

  const link = document.createElement("a");
  const href = `/meldingen/${props.id}`;
  link.href = href;
  link.textContent = props.title;
  link.className = "block text-base font-semibold";
  link.addEventListener("click", (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  });
  root.append(link);

  const line = (label: string | null, value: string) => {
    const p = document.createElement("p");
    p.style.margin = "0";
    if (label) {
      const strong = document.createElement("span");
      strong.className = "font-semibold";
      strong.textContent = `${label}: `;
      p.append(strong);
    }
    p.append(document.createTextNode(value));
    root.append(p);
  };
  line(t("map.popup.status"), statusLabel(props.status));
  line(t("map.popup.buurt"), props.buurt);
  line(null, supportsText(props.supportCount));
  return root;
}

/**
 * Loads the features for the current view on every moveend (debounced; a newer request aborts
 * the older one) and when the filters change, then updates the markers in place: markers that
 * stay in view are kept, so an open popup does not close when the map pans under it.
 */
function IssueMarkers({ theme, buurt, status, onState }: IssueMapFilters & { onState: (state: MapLoadState) => void }) {
  const map = useMap();
  const navigate = useNavigate();
  const navigateRef = useLatest(navigate);
  const onStateRef = useLatest(onState);

  useEffect(() => {
    const filters = { theme, buurt, status };
    const layer = L.layerGroup().addTo(map);
    const entries = new Map<string, Entry>();
    let controller: AbortController | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const createMarker = (key: string, feature: MapFeatureCollection["features"][number]) => {
      const [lng, lat] = feature.geometry.coordinates;
      const latlng = L.latLng(lat, lng);
      const props = feature.properties;
      if (isClusterFeature(feature)) {
        const cluster = feature.properties;
        const title = t("map.clusterTitle", { count: cluster.count.toLocaleString("nl-NL") });
        const marker = L.marker(latlng, {
          icon: clusterIcon(cluster.count),
          title,
          alt: title,
          keyboard: true,
          riseOnHover: true,
        });
        const entry: Entry = { marker, signature: "", props };
        marker.on("click", () => {
          const current = entry.props as ClusterPointProperties;
          const target = Math.min(Math.max(current.expansionZoom, map.getZoom() + 1), map.getMaxZoom());
          map.setView(marker.getLatLng(), target);
        });
        return entry;
      }
      const issue = feature.properties;
      const marker = L.marker(latlng, {
        icon: issueIcon(issue),
        title: issue.title,
        alt: issue.title,
        keyboard: true,
        riseOnHover: true,
      });
      const entry: Entry = { marker, signature: "", props };
      marker.bindPopup(() => popupContent(entry.props as IssuePointProperties, (to) => navigateRef.current(to)), {
        maxWidth: 280,
      });
      marker.on("popupopen", (event) => {
        const popup = event.popup.getElement();
        if (!popup) return;
        // Escape closes the popup and puts focus back on the marker (Leaflet's own Escape
        // handling only works while the map container itself has focus).
        popup.onkeydown = (keyEvent) => {
          if (keyEvent.key !== "Escape") return;
          keyEvent.stopPropagation();
          marker.closePopup();
          marker.getElement()?.focus();
        };
        // Opened with the keyboard (Enter on the marker): move focus to the link in the popup.
        if (document.activeElement === marker.getElement()) popup.querySelector("a")?.focus();
      });
      return entry;
    };

    const draw = (collection: MapFeatureCollection) => {
      const seen = new Set<string>();
      for (const feature of collection.features) {
        const [lng, lat] = feature.geometry.coordinates;
        const key = isClusterFeature(feature)
          ? `c:${lng},${lat},${feature.properties.count}`
          : `i:${feature.properties.id}`;
        const signature = `${lng},${lat}|${JSON.stringify(feature.properties)}`;
        seen.add(key);
        const existing = entries.get(key);
        if (existing) {
          if (existing.signature === signature) continue;
          existing.props = feature.properties;
          existing.signature = signature;
          existing.marker.setLatLng([lat, lng]);
          if (!isClusterFeature(feature)) {
            // setIcon re-creates the element from the options, so update the title there first.
            existing.marker.options.title = feature.properties.title;
            existing.marker.options.alt = feature.properties.title;
            existing.marker.setIcon(issueIcon(feature.properties));
          }
          continue;
        }
        const entry = createMarker(key, feature);
        entry.signature = signature;
        entries.set(key, entry);
        entry.marker.addTo(layer);
      }
      for (const [key, entry] of entries) {
        if (!seen.has(key)) {
          entry.marker.remove();
          entries.delete(key);
        }
      }
    };

    const load = async () => {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      try {
        const response = await fetch(viewUrl(map, filters), {
          signal: current.signal,
          headers: { Accept: "application/geo+json" },
        });
        if (!response.ok) throw new Error(`issues.geojson: HTTP ${response.status}`);
        const collection = (await response.json()) as MapFeatureCollection;
        if (current.signal.aborted) return;
        draw(collection);
        onStateRef.current(collection.features.length === 0 ? "empty" : "ok");
      } catch {
        if (current.signal.aborted) return;
        onStateRef.current("error");
      }
    };

    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), DEBOUNCE_MS);
    };

    map.on("moveend", schedule);
    void load();
    return () => {
      map.off("moveend", schedule);
      clearTimeout(timer);
      controller?.abort();
      layer.remove();
      entries.clear();
    };
  }, [map, theme, buurt, status, navigateRef, onStateRef]);

  return null;
}
