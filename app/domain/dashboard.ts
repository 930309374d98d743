import { z } from "zod";
import { addWorkingDays, dayNumber, isWorkingDay, localDate, startOfLocalDay, type LocalDate } from "./working-days";

/**
 * Pure helpers of the structural trends dashboard (/stuurgroep): the URL filters, month buckets
 * on the Amsterdam calendar, medians in working days, the heat grid and choropleth classes.
 * No I/O here; app/utils/dashboard.server.ts does the queries.
 */

// Filters -------------------------------------------------------------------------------------

export const PERIOD_MONTHS = [3, 6, 12, 24] as const;
export const DEFAULT_PERIOD_MONTHS = 12;
/** A from-to period may span at most this many months (the table gets one column per month). */
export const MAX_PERIOD_MONTHS = 36;

const monthParam = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .optional()
  .catch(undefined);

/** Everything in the URL of /stuurgroep and /stuurgroep/export.csv; bad values fall back to "all". */
export const dashboardQuerySchema = z.object({
  theme: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/)
    .optional()
    .catch(undefined),
  buurt: z
    .string()
    .regex(/^BU\d{8}$/)
    .optional()
    .catch(undefined),
  organisatie: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .optional()
    .catch(undefined),
  periode: z.enum(["3", "6", "12", "24", "eigen"]).catch(String(DEFAULT_PERIOD_MONTHS) as "12"),
  van: monthParam,
  tot: monthParam,
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

export function parseDashboardQuery(params: URLSearchParams): DashboardQuery {
  const raw: Record<string, string | undefined> = {};
  for (const key of ["theme", "buurt", "organisatie", "periode", "van", "tot"]) raw[key] = params.get(key) || undefined;
  return dashboardQuerySchema.parse(raw);
}

/** The query as URL search params (without empty values), e.g. for the CSV link. */
export function dashboardQueryToSearch(query: DashboardQuery) {
  const params = new URLSearchParams();
  if (query.theme) params.set("theme", query.theme);
  if (query.buurt) params.set("buurt", query.buurt);
  if (query.organisatie) params.set("organisatie", query.organisatie);
  if (query.periode !== String(DEFAULT_PERIOD_MONTHS)) params.set("periode", query.periode);
  if (query.periode === "eigen") {
    if (query.van) params.set("van", query.van);
    if (query.tot) params.set("tot", query.tot);
  }
  return params.toString();
}

// Months on the Amsterdam calendar -----------------------------------------------------------

/** "YYYY-MM" */
export type MonthKey = string;
export type MonthBucket = { key: MonthKey; start: Date; end: Date };
export type Period = { months: MonthBucket[]; start: Date; end: Date };

/** The month an instant falls in, in Amsterdam (31 Dec 23:30 UTC is already January there). */
export function monthKey(instant: Date): MonthKey {
  return localDate(instant).slice(0, 7);
}

export function addMonths(key: MonthKey, count: number): MonthKey {
  const year = Number(key.slice(0, 4));
  const month = Number(key.slice(5, 7)) - 1 + count;
  const y = year + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  return `${String(y).padStart(4, "0")}-${String(m + 1).padStart(2, "0")}`;
}

export function monthsBetween(from: MonthKey, to: MonthKey) {
  const diff =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
  return diff + 1;
}

/** Month buckets from `from` to `to` inclusive; each starts at local midnight of the 1st. */
export function monthBuckets(from: MonthKey, to: MonthKey): MonthBucket[] {
  const buckets: MonthBucket[] = [];
  for (let key = from; key <= to; key = addMonths(key, 1)) {
    buckets.push({
      key,
      start: startOfLocalDay(`${key}-01` as LocalDate),
      end: startOfLocalDay(`${addMonths(key, 1)}-01` as LocalDate),
    });
  }
  return buckets;
}

/**
 * The months the dashboard shows: the last N months including the current one, or a chosen
 * from-to range (swapped when reversed, capped at MAX_PERIOD_MONTHS, not past this month).
 */
export function resolvePeriod(query: Pick<DashboardQuery, "periode" | "van" | "tot">, now: Date): Period {
  const current = monthKey(now);
  let from: MonthKey;
  let to: MonthKey;
  if (query.periode === "eigen" && (query.van || query.tot)) {
    from = query.van ?? query.tot!;
    to = query.tot ?? current;
    if (from > to) [from, to] = [to, from];
    if (to > current) to = current;
    if (from > to) from = to;
    if (monthsBetween(from, to) > MAX_PERIOD_MONTHS) from = addMonths(to, -(MAX_PERIOD_MONTHS - 1));
  } else {
    const count = query.periode === "eigen" ? DEFAULT_PERIOD_MONTHS : Number(query.periode);
    to = current;
    from = addMonths(current, -(count - 1));
  }
  const months = monthBuckets(from, to);
  return { months, start: months[0].start, end: months[months.length - 1].end };
}

const monthFormat = new Intl.DateTimeFormat("nl-NL", { month: "short", year: "numeric", timeZone: "UTC" });
const longMonthFormat = new Intl.DateTimeFormat("nl-NL", { month: "long", year: "numeric", timeZone: "UTC" });

/** "jan 2026" (short) or "januari 2026" (long). */
export function monthLabel(key: MonthKey, long = false) {
  const date = new Date(Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, 15));
  return (long ? longMonthFormat : monthFormat).format(date).replace(".", "");
}

// Medians in working days --------------------------------------------------------------------

/** The median of the values (mean of the middle two for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The median of a multiset given as value -> how often (what a GROUP BY returns), with the same
 * rule as median(): the middle value, or the mean of the two middle ones.
 */
export function histogramMedian(counts: ReadonlyMap<number, number>): number | null {
  let total = 0;
  for (const count of counts.values()) total += count;
  if (total === 0) return null;
  const values = [...counts.keys()].sort((a, b) => a - b);
  /** The value at 0-based position `index` of the sorted multiset. */
  const at = (index: number) => {
    let seen = 0;
    for (const value of values) {
      seen += counts.get(value)!;
      if (index < seen) return value;
    }
    return values[values.length - 1];
  };
  const middle = Math.floor(total / 2);
  return total % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * workingDaysBetween, memoised for many rows: the Amsterdam date only changes on whole UTC
 * hours (offsets are whole hours), so each hour is mapped to its calendar day once; and a
 * running total of working days is kept per calendar day in one contiguous array that grows
 * a day at a time, so every day is checked once however many rows there are (the dashboard
 * calls this for tens of thousands of rows). Gives exactly the same answers as
 * workingDaysBetween.
 */
export function createWorkingDayCounter() {
  const dayByHour = new Map<number, number>();
  /**
   * totals[i] = working days on (anchor, first + i] (negative before the anchor), where the
   * anchor is the first day asked for and `first` the earliest day asked for so far.
   */
  const totals: number[] = [];
  let first = NaN;

  const fromDayNumber = (day: number): LocalDate => new Date(day * 86_400_000).toISOString().slice(0, 10);

  /** The Amsterdam calendar day of an instant (a Date or epoch ms), as a day number (days since 1970-01-01). */
  const dayOf = (instant: Date | number) => {
    const hour = Math.floor((typeof instant === "number" ? instant : instant.getTime()) / HOUR_MS);
    let day = dayByHour.get(hour);
    if (day === undefined) {
      day = dayNumber(localDate(new Date(hour * HOUR_MS)));
      dayByHour.set(hour, day);
    }
    return day;
  };

  /** Working days on (anchor, day], negative for days before the anchor. */
  const runningTotal = (day: number): number => {
    if (Number.isNaN(first)) {
      first = day;
      totals.push(0);
    }
    // A day before the first one: prepend its totals (relative to the same anchor day).
    if (day < first) {
      totals.unshift(...recountFront(day, first));
      first = day;
    }
    for (let d = first + totals.length; d <= day; d++) {
      totals.push(totals[totals.length - 1] + (isWorkingDay(fromDayNumber(d)) ? 1 : 0));
    }
    return totals[day - first];
  };

  /** Totals for days `day` .. `oldFirst - 1`, from the total of `oldFirst` (kept as it is). */
  const recountFront = (day: number, oldFirst: number) => {
    const front = new Array<number>(oldFirst - day);
    // total(d) = total(d + 1) - (working(d + 1) ? 1 : 0), walking back from total(oldFirst).
    let total = totals[0];
    for (let d = oldFirst - 1; d >= day; d--) {
      if (isWorkingDay(fromDayNumber(d + 1))) total -= 1;
      front[d - day] = total;
    }
    return front;
  };

  return function between(start: Date | number, end: Date | number): number {
    const startDay = dayOf(start);
    const endDay = dayOf(end);
    if (endDay <= startDay) return 0;
    // Working days strictly after the start day and strictly before the end day.
    return Math.max(0, runningTotal(endDay - 1) - runningTotal(startDay));
  };
}

// Heat grid ---------------------------------------------------------------------------------

/** Cell size of the heat layer: fine enough for a street, coarse enough to keep people unidentifiable. */
export const GRID_CELL_METERS = 150;
/** Fixed origin (south-west of Blerick) so cells stay put whatever the filters are. */
export const GRID_ORIGIN = { lat: 51.34, lng: 6.07 } as const;
const METERS_PER_DEGREE_LAT = 111_320;

export type GridSpec = { originLat: number; originLng: number; cellLat: number; cellLng: number };

/** Cell size in degrees at Blerick's latitude (a degree of longitude is shorter up north). */
export function gridSpec(cellMeters = GRID_CELL_METERS): GridSpec {
  const cellLat = cellMeters / METERS_PER_DEGREE_LAT;
  const cellLng = cellMeters / (METERS_PER_DEGREE_LAT * Math.cos(((GRID_ORIGIN.lat + 0.04) * Math.PI) / 180));
  return { originLat: GRID_ORIGIN.lat, originLng: GRID_ORIGIN.lng, cellLat, cellLng };
}

/** Row and column of the cell a point falls in. */
export function cellOf(spec: GridSpec, lat: number, lng: number) {
  return {
    row: Math.floor((lat - spec.originLat) / spec.cellLat),
    col: Math.floor((lng - spec.originLng) / spec.cellLng),
  };
}

/** South-west and north-east corners of a cell, as [lat, lng] pairs (what L.rectangle takes). */
export function cellBounds(spec: GridSpec, row: number, col: number): [[number, number], [number, number]] {
  const south = spec.originLat + row * spec.cellLat;
  const west = spec.originLng + col * spec.cellLng;
  return [
    [south, west],
    [south + spec.cellLat, west + spec.cellLng],
  ];
}

// Choropleth --------------------------------------------------------------------------------

export const CHOROPLETH_COLOURS = ["#edf8f6", "#b7e1da", "#6fbfb3", "#2f8f83", "#0b4843"] as const;

/**
 * Upper bounds of up to five classes for the values (quantiles of the non-zero values, rounded
 * up to "nice" numbers, without duplicates). Zero is always its own class ("geen").
 */
export function choroplethBreaks(values: readonly number[], classCount = CHOROPLETH_COLOURS.length - 1): number[] {
  const positive = values.filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  if (positive.length === 0) return [];
  const breaks: number[] = [];
  for (let i = 1; i <= classCount; i++) {
    const index = Math.min(positive.length - 1, Math.ceil((i / classCount) * positive.length) - 1);
    const value = niceCeil(positive[index]);
    if (!breaks.includes(value) && (breaks.length === 0 || value > breaks[breaks.length - 1])) breaks.push(value);
  }
  return breaks;
}

/** Counts stay whole; rates are rounded up to one decimal. */
function niceCeil(value: number) {
  return Number.isInteger(value) ? value : Math.ceil(value * 10) / 10;
}

/** 0 for "none", otherwise 1 + the index of the first break the value does not exceed. */
export function choroplethClass(value: number | null, breaks: readonly number[]): number {
  if (value === null || !(value > 0) || breaks.length === 0) return 0;
  const index = breaks.findIndex((limit) => value <= limit);
  return (index === -1 ? breaks.length - 1 : index) + 1;
}

/** Legend rows: the range each class covers, e.g. "0", "0,1 – 2", "2,1 – 5". */
export function choroplethLegend(breaks: readonly number[], decimals: number) {
  const format = (v: number) => v.toLocaleString("nl-NL", { maximumFractionDigits: decimals });
  const step = decimals > 0 ? 1 / 10 ** decimals : 1;
  const rows = [{ classIndex: 0, from: 0, to: 0, label: "0" }];
  let lower = 0;
  breaks.forEach((limit, i) => {
    const from = Math.round((lower + step) * 10 ** decimals) / 10 ** decimals;
    rows.push({
      classIndex: i + 1,
      from,
      to: limit,
      label: from >= limit ? format(limit) : `${format(from)} – ${format(limit)}`,
    });
    lower = limit;
  });
  return rows;
}

/** Issues per 1,000 residents (one decimal), or null without a population. */
export function per1000(count: number, population: number | null | undefined): number | null {
  if (!population || population <= 0) return null;
  return Math.round((count / population) * 10_000) / 10;
}

// Targets as cut-off instants ----------------------------------------------------------------

/**
 * The instant before which a start is past a target of `days` working days at `now`:
 * isPastTarget(start, now, days) holds exactly when start < targetCutoff(now, days). The
 * deadline only depends on the calendar day of the start and grows with it, so the cut-off is
 * the local midnight after the last day whose deadline has passed. Lets the database count
 * overdue issues with a plain comparison instead of reading every open issue.
 */
export function targetCutoff(now: Date, days: number): Date {
  let day = localDate(now);
  // At most `days` working days plus weekends and holidays back; a year is far more than enough.
  for (let step = 0; step < 400; step++) {
    if (now.getTime() > addWorkingDays(startOfLocalDay(day), days).getTime()) {
      return startOfLocalDay(nextDay(day));
    }
    day = previousDay(day);
  }
  return startOfLocalDay(day);
}

function shiftDay(date: LocalDate, delta: number): LocalDate {
  const ms =
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + delta * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}
const nextDay = (date: LocalDate) => shiftDay(date, 1);
const previousDay = (date: LocalDate) => shiftDay(date, -1);
