import type L from "leaflet";
import { useEffect, useMemo, useRef } from "react";
import { Circle, MapContainer, Marker, Tooltip, useMap, useMapEvents } from "react-leaflet";
import type { LatLng } from "~/domain/geo";
import { useLatest } from "~/utils/use-latest";
import {
  BaseLayers,
  CarryOut,
  ContainerAttributes,
  MAP_MAX_BOUNDS,
  MAP_MAX_ZOOM,
  MAP_MIN_ZOOM,
  pinIcon,
} from "./leaflet.client";
import type { PickerMapHandle } from "./location-picker";
import type { TileConfig } from "./map-shared";
import type { MapIntent } from "./static-map";
import type { View } from "./view";

export type LocationPickerClientProps = TileConfig & {
  /** The first view: the same as the static map's, so the switch does not jump. */
  view: View;
  value: LatLng | null;
  buurtName: string | null;
  /** A click or a dropped pin; returns whether the point was accepted. */
  onPoint: (point: LatLng) => boolean;
  onReady: (handle: PickerMapHandle) => void;
  intent: MapIntent;
  radiusMeters?: number;
  label: string;
  markerTitle: string;
};

/** The Leaflet part of the report form's "Waar?" map: the logic lives in LocationPicker. */
export default function LocationPickerClient({
  view,
  value,
  buurtName,
  onPoint,
  onReady,
  intent,
  radiusMeters,
  label,
  markerTitle,
  tileUrl,
  tileAttribution,
}: LocationPickerClientProps) {
  return (
    <MapContainer
      center={[view.center.lat, view.center.lng]}
      zoom={view.zoom}
      minZoom={MAP_MIN_ZOOM}
      maxZoom={MAP_MAX_ZOOM}
      maxBounds={MAP_MAX_BOUNDS}
      maxBoundsViscosity={0.8}
      className="h-full w-full"
    >
      <ContainerAttributes testId="location-picker" label={label} />
      <BaseLayers tileUrl={tileUrl} tileAttribution={tileAttribution} />
      <Ready onReady={onReady} />
      <CarryOut intent={intent} />
      <ClickToChoose onPoint={onPoint} />
      {value && radiusMeters ? (
        <Circle
          center={[value.lat, value.lng]}
          radius={radiusMeters}
          pathOptions={{ color: "#0b4843", weight: 2, fillOpacity: 0.12 }}
          interactive={false}
        />
      ) : null}
      {value ? <Pin value={value} buurtName={buurtName} onDrop={onPoint} title={markerTitle} /> : null}
    </MapContainer>
  );
}

function Ready({ onReady }: { onReady: (handle: PickerMapHandle) => void }) {
  const map = useMap();
  useEffect(() => {
    onReady({
      center: () => map.getCenter(),
      show: (point, zoom) => map.setView([point.lat, point.lng], Math.max(map.getZoom(), zoom)),
    });
  }, [map, onReady]);
  return null;
}

function ClickToChoose({ onPoint }: { onPoint: (point: LatLng) => boolean }) {
  useMapEvents({
    click(event) {
      onPoint({ lat: event.latlng.lat, lng: event.latlng.lng });
    },
  });
  return null;
}

/** The draggable pin. A drop outside Blerick puts it back where it was. */
function Pin({
  value,
  buurtName,
  onDrop,
  title,
}: {
  value: LatLng;
  buurtName: string | null;
  onDrop: (point: LatLng) => boolean;
  title: string;
}) {
  const map = useMap();
  const icon = useMemo(() => pinIcon(), []);
  const markerRef = useRef<L.Marker | null>(null);
  const valueRef = useLatest(value);

  // Keep a newly chosen pin in view (e.g. after "Gebruik mijn locatie" or a restored form).
  useEffect(() => {
    if (!map.getBounds().contains([value.lat, value.lng])) map.panTo([value.lat, value.lng]);
  }, [map, value.lat, value.lng]);

  const eventHandlers = useMemo(
    () => ({
      dragend() {
        const marker = markerRef.current;
        if (!marker) return;
        const { lat, lng } = marker.getLatLng();
        if (!onDrop({ lat, lng })) marker.setLatLng([valueRef.current.lat, valueRef.current.lng]);
      },
    }),
    [onDrop, valueRef],
  );

  return (
    <Marker
      ref={markerRef}
      position={[value.lat, value.lng]}
      draggable
      icon={icon}
      title={title}
      alt={title}
      keyboard
      eventHandlers={eventHandlers}
    >
      {buurtName ? (
        <Tooltip permanent direction="top">
          {buurtName}
        </Tooltip>
      ) : null}
    </Marker>
  );
}
