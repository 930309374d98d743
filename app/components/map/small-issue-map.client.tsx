import L from "leaflet";
import { useMemo } from "react";
import { MapContainer, Marker } from "react-leaflet";
import { t } from "~/i18n";
import { BaseLayers, ContainerAttributes, MAP_MAX_ZOOM, MAP_MIN_ZOOM, issueIcon } from "./leaflet.client";
import { cx, type TileConfig } from "./map-shared";

export type SmallIssueMapProps = {
  lat: number;
  lng: number;
  theme: string;
  status: string;
  /** Classes for the map box (default "h-56 w-full"). */
  className?: string;
};

/** A small, mostly static map for the issue page: one marker plus buurt outlines. */
export default function SmallIssueMapClient({
  lat,
  lng,
  theme,
  status,
  className,
  tileUrl,
  tileAttribution,
}: SmallIssueMapProps & TileConfig) {
  const icon = useMemo(() => issueIcon({ theme, status }), [theme, status]);
  // On phones a one-finger drag should scroll the page, not the map.
  const touch = L.Browser.mobile;
  return (
    <div
      className={cx("relative isolate overflow-hidden rounded-lg border border-gray-300", className ?? "h-56 w-full")}
    >
      <MapContainer
        center={[lat, lng]}
        zoom={16}
        minZoom={MAP_MIN_ZOOM}
        maxZoom={MAP_MAX_ZOOM}
        className="h-full w-full"
        dragging={!touch}
        scrollWheelZoom={false}
        boxZoom={false}
        keyboard={false}
        doubleClickZoom
        touchZoom
      >
        <ContainerAttributes testId="small-issue-map" label={t("map.small.label")} />
        <BaseLayers tileUrl={tileUrl} tileAttribution={tileAttribution} />
        <Marker
          position={[lat, lng]}
          icon={icon}
          interactive={false}
          keyboard={false}
          title={t("map.small.markerTitle")}
        />
      </MapContainer>
    </div>
  );
}
