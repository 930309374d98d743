import L from "leaflet";
import { Crosshair, LocateFixed } from "lucide-react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Circle, MapContainer, Marker, Tooltip, useMap, useMapEvents } from "react-leaflet";
import { BLERICK_CENTER, findBuurt, type LatLng } from "~/domain/geo";
import { t } from "~/i18n";
import {
  BaseLayers,
  ContainerAttributes,
  MAP_MAX_BOUNDS,
  MAP_MAX_ZOOM,
  MAP_MIN_ZOOM,
  initialZoom,
  loadBuurtOutlines,
  pinIcon,
  toBuurtShapes,
  type BuurtOutlineShape,
} from "./leaflet.client";
import { useLatest } from "~/utils/use-latest";
import { cx, type TileConfig } from "./map-shared";

export type PickedLocation = { lat: number; lng: number; buurtCode: string; buurtName: string };

export type LocationPickerProps = {
  /** The chosen point (controlled by the parent), or null when none is chosen yet. */
  value: LatLng | null;
  /** A point inside Blerick was chosen (click/tap, drag, "midden", or "mijn locatie"). */
  onChange: (value: PickedLocation | null) => void;
  /** The point lies outside Blerick (or in the Maas): no pin was placed or moved. */
  onOutside: () => void;
  /** Optional: also told when "Gebruik mijn locatie" fails (the component shows the message itself). */
  onLocateError?: (message: string) => void;
  /** Classes for the map box (default "h-72 w-full sm:h-96"). */
  className?: string;
  /** Draws a circle of this radius around the pin (e-mailattenties: "within 250 m of here"). */
  radiusMeters?: number;
  /** Wording for other uses than the report form (defaults: "de plek van je melding"). */
  texts?: { label?: string; instructions?: string; markerTitle?: string };
};

const PIN_ZOOM = 17;

function round6(value: number) {
  return Math.round(value * 1e6) / 1e6;
}

/** The report form's "Waar?" map: tap to place a draggable pin; the buurt is found in the browser. */
export default function LocationPickerClient({
  value,
  onChange,
  onOutside,
  onLocateError,
  className,
  radiusMeters,
  texts,
  tileUrl,
  tileAttribution,
}: LocationPickerProps & TileConfig) {
  const [shapes, setShapes] = useState<BuurtOutlineShape[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const [map, setMap] = useState<L.Map | null>(null);
  const [view] = useState(() =>
    value
      ? { center: [value.lat, value.lng] as [number, number], zoom: PIN_ZOOM }
      : { center: [BLERICK_CENTER.lat, BLERICK_CENTER.lng] as [number, number], zoom: initialZoom() },
  );

  // The parent may pass new callbacks on every render: keep the latest without re-binding.
  const callbacks = useLatest({ onChange, onOutside, onLocateError });
  const shapesRef = useRef<BuurtOutlineShape[] | null>(null);

  const fetchShapes = useCallback(() => {
    return loadBuurtOutlines().then((collection) => {
      const result = toBuurtShapes(collection);
      shapesRef.current = result;
      setShapes(result);
      return result;
    });
  }, []);

  useEffect(() => {
    fetchShapes().catch(() => setMessage(t("map.buurtenError")));
  }, [fetchShapes]);

  /**
   * Checks a point and reports it; returns whether it was accepted. A point chosen before the
   * buurt outlines have loaded is checked once they are there, not dropped.
   */
  const choose = useCallback(
    function choosePoint(point: LatLng): boolean {
      const current = shapesRef.current;
      if (!current) {
        setMessage(t("map.picker.buurtenLoading"));
        fetchShapes()
          .then(() => {
            setMessage(null);
            choosePoint(point);
          })
          .catch(() => setMessage(t("map.buurtenError")));
        return false;
      }
      const buurt = findBuurt(point, current);
      if (!buurt) {
        callbacks.current.onOutside();
        return false;
      }
      setMessage(null);
      callbacks.current.onChange({
        lat: round6(point.lat),
        lng: round6(point.lng),
        buurtCode: buurt.code,
        buurtName: buurt.name,
      });
      return true;
    },
    [fetchShapes, callbacks],
  );

  const locate = () => {
    const fail = (text: string) => {
      setLocating(false);
      setMessage(text);
      callbacks.current.onLocateError?.(text);
    };
    if (typeof navigator === "undefined" || !("geolocation" in navigator)) {
      fail(t("map.picker.geoUnsupported"));
      return;
    }
    setLocating(true);
    setMessage(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        const point = { lat: position.coords.latitude, lng: position.coords.longitude };
        if (choose(point)) map?.setView([point.lat, point.lng], Math.max(map.getZoom(), PIN_ZOOM));
      },
      (error) => {
        if (error.code === error.PERMISSION_DENIED) fail(t("map.picker.geoDenied"));
        else if (error.code === error.TIMEOUT) fail(t("map.picker.geoTimeout"));
        else fail(t("map.picker.geoUnavailable"));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const buurtName = useMemo(() => (value && shapes ? (findBuurt(value, shapes)?.name ?? null) : null), [value, shapes]);

  return (
    <div className="space-y-2">
      <p className="text-sm text-gray-700">{texts?.instructions ?? t("map.picker.instructions")}</p>
      <div
        className={cx(
          "relative isolate overflow-hidden rounded-lg border border-gray-300",
          className ?? "h-72 w-full sm:h-96",
        )}
      >
        <MapContainer
          center={view.center}
          zoom={view.zoom}
          minZoom={MAP_MIN_ZOOM}
          maxZoom={MAP_MAX_ZOOM}
          maxBounds={MAP_MAX_BOUNDS}
          maxBoundsViscosity={0.8}
          className="h-full w-full"
          ref={setMap}
        >
          <ContainerAttributes testId="location-picker" label={texts?.label ?? t("map.picker.label")} />
          <BaseLayers tileUrl={tileUrl} tileAttribution={tileAttribution} />
          <ClickToChoose onPoint={choose} />
          {value && radiusMeters ? (
            <Circle
              center={[value.lat, value.lng]}
              radius={radiusMeters}
              pathOptions={{ color: "#0b4843", weight: 2, fillOpacity: 0.12 }}
              interactive={false}
            />
          ) : null}
          {value ? <Pin value={value} buurtName={buurtName} onDrop={choose} title={texts?.markerTitle} /> : null}
        </MapContainer>
        {/* Centre mark for "Zet de pin in het midden" (keyboard users pan with the arrow keys). */}
        <span
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 left-1/2 z-[500] h-6 w-6 -translate-x-1/2 -translate-y-1/2 text-primary-800 opacity-70"
        >
          <Crosshair className="h-6 w-6" strokeWidth={1.75} />
        </span>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-secondary" onClick={locate} disabled={locating}>
          <LocateFixed aria-hidden="true" className="h-5 w-5" />
          {locating ? t("map.picker.locating") : t("map.picker.useMyLocation")}
        </button>
        <button
          type="button"
          className="btn-quiet"
          disabled={!map}
          onClick={() => {
            if (map) choose(map.getCenter());
          }}
        >
          {t("map.picker.placeAtCenter")}
        </button>
      </div>
      <p role="status" aria-live="polite" className={cx("text-sm", message ? "font-semibold text-red-800" : "sr-only")}>
        {message ?? ""}
      </p>
    </div>
  );
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
  title = t("map.picker.markerTitle"),
}: {
  value: LatLng;
  buurtName: string | null;
  onDrop: (point: LatLng) => boolean;
  title?: string;
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
