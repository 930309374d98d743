import type { Feature, MultiPolygon, Polygon } from "geojson";
import L from "leaflet";
import { useEffect, useId, useState } from "react";
import { MapContainer, useMap } from "react-leaflet";
import { CHOROPLETH_COLOURS, cellBounds, choroplethClass, choroplethLegend, type GridSpec } from "~/domain/dashboard";
import { t } from "~/i18n";
import {
  BaseLayers,
  ContainerAttributes,
  MAP_MAX_BOUNDS,
  MAP_MAX_ZOOM,
  MAP_MIN_ZOOM,
  RESIDENTIAL_BOUNDS,
  loadBuurtOutlines,
  type BuurtOutlineProps,
} from "./leaflet.client";
import { cx, type TileConfig } from "./map-shared";

export type BuurtFigure = {
  code: string;
  name: string;
  count: number;
  population: number | null;
  per1000: number | null;
};
export type TrendsMapProps = {
  buurten: BuurtFigure[];
  breaks: { count: number[]; per1000: number[] };
  /** Query string of the dashboard's filters, passed on to the grid resource route. */
  search: string;
  className?: string;
};
type Measure = "count" | "per1000";
type GridAnswer = { grid: GridSpec; cells: [number, number, number][] };

const NO_POPULATION = "#d1d5db";

function escapeHtml(value: string) {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function ChoroplethLayer({ buurten, breaks, measure }: { buurten: BuurtFigure[]; breaks: number[]; measure: Measure }) {
  const map = useMap();
  useEffect(() => {
    let layer: L.GeoJSON | undefined;
    let cancelled = false;
    const byCode = new Map(buurten.map((b) => [b.code, b]));
    loadBuurtOutlines()
      .then((collection) => {
        if (cancelled) return;
        layer = L.geoJSON(collection, {
          style: (feature) => {
            const figure = feature ? byCode.get((feature.properties as BuurtOutlineProps).code) : undefined;
            const value = measure === "count" ? (figure?.count ?? 0) : (figure?.per1000 ?? null);
            const fill =
              measure === "per1000" && value === null
                ? NO_POPULATION
                : CHOROPLETH_COLOURS[choroplethClass(value, breaks)];
            return { color: "#0b4843", weight: 1.2, opacity: 0.8, fillColor: fill, fillOpacity: 0.7 };
          },
          onEachFeature: (feature: Feature<Polygon | MultiPolygon, BuurtOutlineProps>, featureLayer) => {
            const figure = byCode.get(feature.properties.code);
            const name = feature.properties.name;
            const count = figure?.count ?? 0;
            const text =
              measure === "count"
                ? t("dashboard.map.tooltip", { name, count })
                : figure?.per1000 === null || figure?.per1000 === undefined
                  ? t("dashboard.map.tooltipNoPopulation", { name, count })
                  : t("dashboard.map.tooltipPer1000", {
                      name,
                      count,
                      value: figure.per1000.toLocaleString("nl-NL", { maximumFractionDigits: 1 }),
                    });
            featureLayer.bindTooltip(escapeHtml(text), { sticky: true, direction: "top" });
          },
        });
        layer.addTo(map);
        layer.bringToBack();
      })
      .catch(() => {
        // Without outlines the grid still shows; the buurt table has the same figures.
      });
    return () => {
      cancelled = true;
      layer?.remove();
    };
  }, [map, buurten, breaks, measure]);
  return null;
}

function heatColour(count: number, max: number) {
  const share = max > 0 ? Math.sqrt(count / max) : 0;
  const shades = ["#fde0c5", "#fbb27a", "#f4793e", "#d9480f", "#9a2a06"];
  return shades[Math.min(shades.length - 1, Math.floor(share * shades.length))];
}

function GridLayer({ search, onError }: { search: string; onError: (failed: boolean) => void }) {
  const map = useMap();
  useEffect(() => {
    const controller = new AbortController();
    const group = L.layerGroup().addTo(map);
    fetch(`/api/stuurgroep/grid${search ? `?${search}` : ""}`, {
      signal: controller.signal,
      headers: { Accept: "application/json" },
    })
      .then(async (response) => {
        if (!response.ok) throw new Error(`grid: HTTP ${response.status}`);
        const answer = (await response.json()) as GridAnswer;
        const max = Math.max(0, ...answer.cells.map((cell) => cell[2]));
        for (const [row, col, count] of answer.cells) {
          L.rectangle(cellBounds(answer.grid, row, col), {
            color: heatColour(count, max),
            weight: 0.5,
            fillColor: heatColour(count, max),
            fillOpacity: 0.75,
          })
            .bindTooltip(escapeHtml(t("dashboard.map.cellTooltip", { count })), { direction: "top" })
            .addTo(group);
        }
        onError(false);
      })
      .catch((error: unknown) => {
        if ((error as Error).name !== "AbortError") onError(true);
      });
    return () => {
      controller.abort();
      group.remove();
    };
  }, [map, search, onError]);
  return null;
}

export default function TrendsMapClient({
  buurten,
  breaks,
  search,
  className,
  tileUrl,
  tileAttribution,
}: TrendsMapProps & TileConfig) {
  const [measure, setMeasure] = useState<Measure>("count");
  const [showGrid, setShowGrid] = useState(true);
  const [gridFailed, setGridFailed] = useState(false);
  const id = useId();
  const activeBreaks = measure === "count" ? breaks.count : breaks.per1000;
  const legend = choroplethLegend(activeBreaks, measure === "count" ? 0 : 1);
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-end gap-x-6 gap-y-2">
        <fieldset>
          <legend className="text-sm font-semibold">{t("dashboard.map.measure")}</legend>
          <div className="flex flex-wrap gap-x-4">
            {(["count", "per1000"] as const).map((value) => (
              <label key={value} className="flex min-h-11 cursor-pointer items-center gap-2">
                <input
                  type="radio"
                  name={`${id}-measure`}
                  value={value}
                  checked={measure === value}
                  onChange={() => setMeasure(value)}
                  className="h-5 w-5 accent-primary-700"
                />
                {t(value === "count" ? "dashboard.map.absolute" : "dashboard.map.per1000")}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex min-h-11 cursor-pointer items-center gap-2">
          <input
            type="checkbox"
            checked={showGrid}
            onChange={(event) => setShowGrid(event.target.checked)}
            className="h-5 w-5 accent-primary-700"
          />
          {t("dashboard.map.heatLayer")}
        </label>
      </div>
      <div className="grid gap-4 lg:grid-cols-[1fr_14rem]">
        <div className={cx("relative isolate overflow-hidden rounded-lg border border-gray-300", className)}>
          <MapContainer
            bounds={RESIDENTIAL_BOUNDS}
            minZoom={MAP_MIN_ZOOM}
            maxZoom={MAP_MAX_ZOOM}
            maxBounds={MAP_MAX_BOUNDS}
            maxBoundsViscosity={0.8}
            scrollWheelZoom={false}
            className="h-full w-full"
          >
            <ContainerAttributes testId="trends-map" label={t("dashboard.map.label")} />
            <BaseLayers tileUrl={tileUrl} tileAttribution={tileAttribution} />
            <ChoroplethLayer buurten={buurten} breaks={activeBreaks} measure={measure} />
            {showGrid ? <GridLayer search={search} onError={setGridFailed} /> : null}
          </MapContainer>
          {gridFailed && showGrid ? (
            <p
              role="status"
              className="absolute inset-x-2 bottom-8 z-[900] mx-auto w-fit rounded-md border border-red-700 bg-red-50 px-3 py-1.5 text-sm font-semibold text-red-800"
            >
              {t("dashboard.map.gridError")}
            </p>
          ) : null}
        </div>
        <div className="text-sm">
          <h3 className="font-semibold">{t("dashboard.map.legendTitle")}</h3>
          <p className="mt-1">{t(measure === "count" ? "dashboard.map.absolute" : "dashboard.map.per1000")}</p>
          <ul className="mt-2 space-y-1">
            {legend.map((row) => (
              <li key={row.classIndex} className="flex items-center gap-2">
                <span
                  aria-hidden="true"
                  className="inline-block h-4 w-6 rounded-sm border border-gray-400"
                  style={{ background: CHOROPLETH_COLOURS[row.classIndex] }}
                />
                {row.classIndex === 0 ? t("dashboard.map.legendNone") : row.label}
              </li>
            ))}
            {measure === "per1000" ? (
              <li className="flex items-center gap-2">
                <span
                  aria-hidden="true"
                  className="inline-block h-4 w-6 rounded-sm border border-gray-400"
                  style={{ background: NO_POPULATION }}
                />
                {t("dashboard.map.legendNoPopulation")}
              </li>
            ) : null}
            {showGrid ? (
              <li className="flex items-center gap-2">
                <span
                  aria-hidden="true"
                  className="inline-block h-4 w-6 rounded-sm"
                  style={{ background: "linear-gradient(90deg,#fde0c5,#9a2a06)" }}
                />
                {t("dashboard.map.gridLegend")}
              </li>
            ) : null}
          </ul>
        </div>
      </div>
    </div>
  );
}
