import { t } from "~/i18n";

/**
 * Charts of the trends dashboard as server-rendered SVG and tables: no chart library, works
 * without JavaScript, prints well. Every chart has a table twin with the same numbers; the SVG
 * itself is an image with a text alternative.
 */

export const NATURE_COLOURS = {
  incident: "#1d4ed8",
  structureel: "#b45309",
  onbeoordeeld: "#6b7280",
} as const;
type Nature = keyof typeof NATURE_COLOURS;
const NATURE_ORDER: Nature[] = ["structureel", "incident", "onbeoordeeld"];

export type MonthlyBar = { key: string; label: string; longLabel: string } & Record<Nature, number> & { total: number };

function niceMax(value: number) {
  if (value <= 5) return 5;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

const fmt = (value: number) => value.toLocaleString("nl-NL");

/** Stacked monthly bars (structureel, incident, nog niet beoordeeld) with a legend. */
export function MonthlyBarsChart({ bars }: { bars: MonthlyBar[] }) {
  const max = niceMax(Math.max(0, ...bars.map((b) => b.total)));
  const barWidth = 28;
  const gap = bars.length > 18 ? 8 : 16;
  const left = 40;
  const top = 10;
  const plotHeight = 180;
  const width = left + bars.length * (barWidth + gap) + gap;
  const height = top + plotHeight + 44;
  const ticks = [0, max / 4, max / 2, (3 * max) / 4, max];
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  return (
    <figure className="mt-3">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby="monthly-chart-title"
        className="h-auto w-full max-w-4xl"
        style={{ minWidth: Math.min(width, 600), maxWidth: Math.round(width * 1.6) }}
      >
        <title id="monthly-chart-title">{t("dashboard.monthly.chartLabel")}</title>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={left} x2={width} y1={y(tick)} y2={y(tick)} stroke="#d1d5db" strokeWidth={1} />
            <text x={left - 6} y={y(tick) + 4} textAnchor="end" fontSize={11} fill="#374151">
              {Number.isInteger(tick) ? fmt(tick) : ""}
            </text>
          </g>
        ))}
        {bars.map((bar, index) => {
          const x = left + gap + index * (barWidth + gap);
          let offset = 0;
          return (
            <g key={bar.key}>
              <title>
                {t("dashboard.monthly.barTitle", {
                  month: bar.longLabel,
                  total: bar.total,
                  incident: bar.incident,
                  structureel: bar.structureel,
                  onbeoordeeld: bar.onbeoordeeld,
                })}
              </title>
              {NATURE_ORDER.map((nature) => {
                const value = bar[nature];
                if (value === 0) return null;
                const h = (value / max) * plotHeight;
                offset += h;
                return (
                  <rect
                    key={nature}
                    x={x}
                    y={top + plotHeight - offset}
                    width={barWidth}
                    height={h}
                    fill={NATURE_COLOURS[nature]}
                    stroke="#ffffff"
                    strokeWidth={1}
                  />
                );
              })}
              {bar.total > 0 ? (
                <text x={x + barWidth / 2} y={y(bar.total) - 3} textAnchor="middle" fontSize={10} fill="#111827">
                  {fmt(bar.total)}
                </text>
              ) : null}
              <text
                x={x + barWidth / 2}
                y={top + plotHeight + 14}
                textAnchor="middle"
                fontSize={10}
                fill="#374151"
              >
                {bar.label.split(" ")[0]}
              </text>
              {index === 0 || bar.key.endsWith("-01") ? (
                <text x={x + barWidth / 2} y={top + plotHeight + 27} textAnchor="middle" fontSize={10} fill="#374151">
                  {bar.key.slice(0, 4)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <NatureLegend />
      </figcaption>
    </figure>
  );
}

export function NatureLegend() {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-sm">
      {NATURE_ORDER.map((nature) => (
        <li key={nature} className="flex items-center gap-2">
          <span aria-hidden="true" className="inline-block h-3.5 w-3.5 rounded-sm" style={{ background: NATURE_COLOURS[nature] }} />
          {t(`dashboard.natures.${nature}`)}
        </li>
      ))}
    </ul>
  );
}

/** Background and text colour of a heat-table cell: light to dark teal, text always readable. */
export function heatStyle(value: number, max: number) {
  if (value <= 0 || max <= 0) return { background: "#ffffff", color: "#6b7280" };
  const share = Math.sqrt(value / max);
  const shades = ["#eef7f6", "#d5ebe8", "#a8d5ce", "#6fbfb3", "#2f8f83", "#137068", "#0b4843"];
  const index = Math.min(shades.length - 1, Math.max(0, Math.ceil(share * (shades.length - 1))));
  return { background: shades[index], color: index >= 4 ? "#ffffff" : "#111827" };
}

export type HeatData = {
  themes: { code: string; name: string; total: number }[];
  buurten: { code: string; name: string; total: number }[];
  cells: Record<string, number>;
};

/** Theme (rows) x buurt (columns) as a table whose cells are shaded by their count. */
export function HeatTable({ heat }: { heat: HeatData }) {
  const max = Math.max(0, ...Object.values(heat.cells));
  return (
    <div
      role="region"
      aria-labelledby="heat-caption"
      tabIndex={0}
      className="mt-3 overflow-x-auto rounded-lg border border-gray-200 bg-white"
    >
      <table className="border-collapse text-sm">
        <caption id="heat-caption" className="px-3 py-2 text-left font-semibold">
          {t("dashboard.heat.caption")}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="sticky left-0 bg-gray-50 px-3 py-2 text-left">
              {t("dashboard.heat.theme")}
            </th>
            {heat.buurten.map((buurt) => (
              <th key={buurt.code} scope="col" className="bg-gray-50 px-1 py-2 align-bottom font-semibold">
                <span className="block max-w-[6rem] text-xs leading-tight break-words">{buurt.name}</span>
              </th>
            ))}
            <th scope="col" className="bg-gray-50 px-3 py-2 text-right">
              {t("dashboard.heat.total")}
            </th>
          </tr>
        </thead>
        <tbody>
          {heat.themes.map((theme) => (
            <tr key={theme.code} className="border-t border-gray-200">
              <th scope="row" className="sticky left-0 bg-white px-3 py-1.5 text-left font-semibold whitespace-nowrap">
                {theme.name}
              </th>
              {heat.buurten.map((buurt) => {
                const value = heat.cells[`${theme.code}|${buurt.code}`] ?? 0;
                return (
                  <td
                    key={buurt.code}
                    className="min-w-10 border border-white px-2 py-1.5 text-center tabular-nums"
                    style={heatStyle(value, max)}
                  >
                    {fmt(value)}
                  </td>
                );
              })}
              <td className="px-3 py-1.5 text-right font-semibold tabular-nums">{fmt(theme.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
