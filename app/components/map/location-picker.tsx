import { Crosshair, LocateFixed } from "lucide-react";
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { BLERICK_CENTER, findBuurt, type LatLng } from "~/domain/geo";
import { t } from "~/i18n";
import { useLatest } from "~/utils/use-latest";
import { cx, useTileConfig } from "./map-shared";
import { loadBuurtOutlines, toBuurtShapes, type BuurtOutlineShape } from "./outlines";
import { StaticMap, type MapIntent } from "./static-map";
import { initialZoom, type View } from "./view";

const loadClient = () => import("./location-picker.client");
const LocationPickerClient = lazy(loadClient);

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

/** What the Leaflet picker offers the form once it is there. */
export type PickerMapHandle = { center: () => LatLng; show: (point: LatLng, zoom: number) => void };

const DEFAULT_CLASS = "h-72 w-full sm:h-96";
const PIN_ZOOM = 17;

/** The first view: the chosen point up close, else Blerick (one step further out on phones). */
function startView(value: LatLng | null): View {
  if (value) return { center: value, zoom: PIN_ZOOM };
  return { center: BLERICK_CENTER, zoom: initialZoom(window.innerWidth) };
}

function round6(value: number) {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * "Waar?" map of the report form. Tap or click to place a draggable pin; points outside
 * Blerick (or in the Maas) place no pin and call onOutside. Includes "Gebruik mijn locatie".
 * The map starts static (no Leaflet): a click already places the pin; Leaflet takes over for
 * dragging, panning and zooming.
 */
export function LocationPicker({
  value,
  onChange,
  onOutside,
  onLocateError,
  className = DEFAULT_CLASS,
  radiusMeters,
  texts,
}: LocationPickerProps) {
  const tiles = useTileConfig();
  const [intent, setIntent] = useState<MapIntent | null>(null);
  const [view, setView] = useState<View | null>(null);
  const [shapes, setShapes] = useState<BuurtOutlineShape[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const shapesRef = useRef<BuurtOutlineShape[] | null>(null);
  const mapRef = useRef<PickerMapHandle | null>(null);
  /** A found location waiting for the Leaflet map, to zoom in on it. */
  const pendingShow = useRef<LatLng | null>(null);

  // The parent may pass new callbacks on every render: keep the latest without re-binding.
  const callbacks = useLatest({ onChange, onOutside, onLocateError });

  useEffect(() => {
    // The window's width decides the first zoom: only known in the browser.
    setView((current) => current ?? startView(value));
  }, [value]);

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

  const activate = useCallback(
    ({ point, ...rest }: MapIntent) => {
      if (point) choose(point);
      setIntent((current) => current ?? rest);
    },
    [choose],
  );

  const onReady = useCallback((handle: PickerMapHandle) => {
    mapRef.current = handle;
    if (pendingShow.current) handle.show(pendingShow.current, PIN_ZOOM);
    pendingShow.current = null;
  }, []);

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
    // The found place is shown up close: that needs the Leaflet map, so start loading it now.
    setIntent((current) => current ?? {});
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        const point = { lat: position.coords.latitude, lng: position.coords.longitude };
        if (!choose(point)) return;
        if (mapRef.current) mapRef.current.show(point, PIN_ZOOM);
        else pendingShow.current = point;
      },
      (error) => {
        if (error.code === error.PERMISSION_DENIED) fail(t("map.picker.geoDenied"));
        else if (error.code === error.TIMEOUT) fail(t("map.picker.geoTimeout"));
        else fail(t("map.picker.geoUnavailable"));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const placeAtCenter = () => {
    const center = mapRef.current?.center() ?? view?.center;
    if (center) choose(center);
  };

  const buurtName = useMemo(() => (value && shapes ? (findBuurt(value, shapes)?.name ?? null) : null), [value, shapes]);
  const label = texts?.label ?? t("map.picker.label");
  const markerTitle = texts?.markerTitle ?? t("map.picker.markerTitle");

  const staticMap = (
    <StaticMap
      testId="location-picker"
      label={label}
      className="h-full w-full"
      viewFor={() => view}
      pin={value}
      pinLabel={buurtName}
      radiusMeters={radiusMeters}
      onPrepare={() => void loadClient()}
      onActivate={activate}
      {...tiles}
    />
  );

  return (
    <div className="space-y-2">
      <p className="text-sm text-gray-700">{texts?.instructions ?? t("map.picker.instructions")}</p>
      <div className={cx("relative isolate overflow-hidden rounded-lg border border-gray-300", className)}>
        {intent && view ? (
          <Suspense fallback={staticMap}>
            <LocationPickerClient
              view={view}
              value={value}
              buurtName={buurtName}
              onPoint={choose}
              onReady={onReady}
              intent={intent}
              radiusMeters={radiusMeters}
              label={label}
              markerTitle={markerTitle}
              {...tiles}
            />
          </Suspense>
        ) : (
          staticMap
        )}
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
        <button type="button" className="btn-quiet" disabled={!view} onClick={placeAtCenter}>
          {t("map.picker.placeAtCenter")}
        </button>
      </div>
      <p role="status" aria-live="polite" className={cx("text-sm", message ? "font-semibold text-red-800" : "sr-only")}>
        {message ?? ""}
      </p>
    </div>
  );
}
