import L from "leaflet";
import { Fragment, useMemo } from "react";
import { Circle, CircleMarker, MapContainer, Marker, Tooltip } from "react-leaflet";
import { t } from "~/i18n";
import {
  BaseLayers,
  ContainerAttributes,
  MAP_MAX_BOUNDS,
  MAP_MAX_ZOOM,
  MAP_MIN_ZOOM,
  RESIDENTIAL_BOUNDS,
  issueIcon,
} from "./leaflet.client";
import { cx, type TileConfig } from "./map-shared";

export type SignalMapGroup = {
  number: number;
  label: string;
  centre: { lat: number; lng: number };
  radiusMeters: number;
  issues: { id: number; title: string; lat: number; lng: number; status: string }[];
  theme: string;
};

export type SignalMapProps = { groups: SignalMapGroup[]; className?: string };

/**
 * The "mogelijk structureel" groups: a circle of the signal radius around each group's centre
 * plus its issues. Read-only overview; the list on the page carries the same information.
 */
export default function SignalMapClient({ groups, className, tileUrl, tileAttribution }: SignalMapProps & TileConfig) {
  const bounds = useMemo(() => {
    if (groups.length === 0) return RESIDENTIAL_BOUNDS;
    const box = L.latLngBounds([]);
    for (const group of groups) {
      // A circle's bounds need a map; approximate with the radius in degrees.
      const dLat = group.radiusMeters / 111_320;
      const dLng = group.radiusMeters / (111_320 * Math.cos((group.centre.lat * Math.PI) / 180));
      box.extend([group.centre.lat - dLat, group.centre.lng - dLng]);
      box.extend([group.centre.lat + dLat, group.centre.lng + dLng]);
    }
    return box;
  }, [groups]);
  const touch = L.Browser.mobile;
  return (
    <div
      className={cx("relative isolate overflow-hidden rounded-lg border border-gray-300", className ?? "h-80 w-full")}
    >
      <MapContainer
        bounds={bounds}
        boundsOptions={{ padding: [32, 32], maxZoom: 16 }}
        minZoom={MAP_MIN_ZOOM}
        maxZoom={MAP_MAX_ZOOM}
        maxBounds={MAP_MAX_BOUNDS}
        className="h-full w-full"
        dragging={!touch}
        scrollWheelZoom={false}
        touchZoom
      >
        <ContainerAttributes testId="signal-map" label={t("interests.signals.mapLabel")} />
        <BaseLayers tileUrl={tileUrl} tileAttribution={tileAttribution} />
        {groups.map((group) => (
          <Fragment key={group.number}>
            <Circle
              center={[group.centre.lat, group.centre.lng]}
              radius={group.radiusMeters}
              interactive={false}
              pathOptions={{ color: "#b45309", weight: 2, fillColor: "#f59e0b", fillOpacity: 0.15 }}
            />
            {/* The label sits on the circle's northern edge, so it never covers a marker at the centre. */}
            <CircleMarker
              center={[group.centre.lat + group.radiusMeters / 111_320, group.centre.lng]}
              radius={0}
              interactive={false}
              pathOptions={{ opacity: 0, fillOpacity: 0 }}
            >
              <Tooltip direction="top" permanent offset={[0, -2]}>
                {t("interests.signals.groupNumber", { number: group.number })}
              </Tooltip>
            </CircleMarker>
            {group.issues.map((issue) => (
              <Marker
                key={issue.id}
                position={[issue.lat, issue.lng]}
                icon={issueIcon({ id: issue.id, theme: group.theme, status: issue.status })}
                title={`#${issue.id} ${issue.title}`}
                keyboard={false}
              />
            ))}
          </Fragment>
        ))}
      </MapContainer>
    </div>
  );
}
