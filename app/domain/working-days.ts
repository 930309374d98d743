import { TIME_ZONE } from "./settings";

/**
 * Working days for targets ("a partner answers within 5 working days") and the figures built on
 * them. A working day is Monday to Friday, except Dutch public holidays, on the calendar of
 * Europe/Amsterdam: an instant belongs to the day it is in Blerick, whatever the server's zone.
 *
 * Bevrijdingsdag (5 May) counts as a holiday every year, not only in lustrum years. Many
 * partners (the municipality among them) close that day every year, and a target should not
 * run out on a day the office is closed; the cost is at most one day of extra leeway.
 *
 * Semantics, chosen so the functions agree with each other:
 * - `addWorkingDays(start, n)` is the deadline: the last millisecond of the n-th working day
 *   after the calendar day of `start` (the day of `start` itself never counts, even when it is a
 *   working day). An issue created Friday 17:00 with a target of 5 is due Friday next week,
 *   23:59:59.999 Amsterdam time.
 * - `workingDaysBetween(start, end)` counts whole working days elapsed: the working days that lie
 *   entirely after the calendar day of `start` and before the calendar day of `end`. An answer
 *   the same day or the next working day is 0; from a Monday to the Thursday after it is 2.
 * - So for a target n >= 1: `isPastTarget(start, now, n)` (now is after the deadline) holds
 *   exactly when `workingDaysBetween(start, now) >= n`: all n working days have fully passed.
 *   On the weekend after a Friday deadline the target is already past.
 */

/** A calendar date in Amsterdam as "YYYY-MM-DD". */
export type LocalDate = string;

const DAY_MS = 24 * 60 * 60 * 1000;

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function wallClock(instant: Date) {
  const parts: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return parts as Record<"year" | "month" | "day" | "hour" | "minute" | "second", number>;
}

function pad(value: number, length = 2) {
  return String(value).padStart(length, "0");
}

function toLocalDate(year: number, month: number, day: number): LocalDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function parseLocalDate(date: LocalDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** The calendar date of an instant in Amsterdam. */
export function localDate(instant: Date): LocalDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError("Invalid date");
  const { year, month, day } = wallClock(instant);
  return toLocalDate(year, month, day);
}

/** Calendar arithmetic on dates as such (UTC is used only as a zone without DST). */
function addCalendarDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  const shifted = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS);
  return toLocalDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

function weekday(date: LocalDate) {
  const { year, month, day } = parseLocalDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay(); // 0 = Sunday
}

/** Amsterdam's offset from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
function offsetAt(instant: number) {
  const { year, month, day, hour, minute, second } = wallClock(new Date(instant));
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant Amsterdam's calendar day `date` begins (midnight exists every day here: DST switches at 02:00/03:00). */
export function startOfLocalDay(date: LocalDate): Date {
  const { year, month, day } = parseLocalDate(date);
  const wallMidnight = Date.UTC(year, month - 1, day);
  const guess = wallMidnight - offsetAt(wallMidnight);
  const corrected = wallMidnight - offsetAt(guess);
  return new Date(corrected);
}

/** The instant Amsterdam's wall clock shows `hour:minute` on calendar day `date`. */
export function atLocalTime(date: LocalDate, hour: number, minute = 0): Date {
  const { year, month, day } = parseLocalDate(date);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const guess = wall - offsetAt(wall);
  return new Date(wall - offsetAt(guess));
}

/** The first instant strictly after `after` at which Amsterdam's wall clock shows `hour:minute`. */
export function nextLocalTime(after: Date, hour: number, minute = 0): Date {
  const today = atLocalTime(localDate(after), hour, minute);
  return today > after ? today : atLocalTime(addCalendarDays(localDate(after), 1), hour, minute);
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return toLocalDate(year, month, day);
}

const holidayCache = new Map<number, ReadonlySet<LocalDate>>();

/**
 * Dutch public holidays of a year, sorted: Nieuwjaarsdag, Goede Vrijdag, Eerste en Tweede
 * Paasdag, Koningsdag (26 April when the 27th is a Sunday), Bevrijdingsdag (every year, see
 * above), Hemelvaartsdag, Eerste en Tweede Pinksterdag, Eerste en Tweede Kerstdag.
 */
export function dutchPublicHolidays(year: number): LocalDate[] {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new RangeError(`Unsupported year: ${year}`);
  const easter = easterSunday(year);
  const kingsDay = toLocalDate(year, 4, 27);
  const holidays = [
    toLocalDate(year, 1, 1), // Nieuwjaarsdag
    addCalendarDays(easter, -2), // Goede Vrijdag
    easter, // Eerste Paasdag
    addCalendarDays(easter, 1), // Tweede Paasdag
    weekday(kingsDay) === 0 ? toLocalDate(year, 4, 26) : kingsDay, // Koningsdag
    toLocalDate(year, 5, 5), // Bevrijdingsdag
    addCalendarDays(easter, 39), // Hemelvaartsdag
    addCalendarDays(easter, 49), // Eerste Pinksterdag
    addCalendarDays(easter, 50), // Tweede Pinksterdag
    toLocalDate(year, 12, 25), // Eerste Kerstdag
    toLocalDate(year, 12, 26), // Tweede Kerstdag
  ];
  return holidays.sort();
}

function holidaySet(year: number) {
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(dutchPublicHolidays(year));
    holidayCache.set(year, set);
  }
  return set;
}

function isWorkingLocalDate(date: LocalDate) {
  const day = weekday(date);
  if (day === 0 || day === 6) return false;
  return !holidaySet(parseLocalDate(date).year).has(date);
}

/** Is this a working day in Amsterdam? A Date is an instant; a string is a calendar date (YYYY-MM-DD). */
export function isWorkingDay(date: Date | LocalDate): boolean {
  return isWorkingLocalDate(typeof date === "string" ? date : localDate(date));
}

/**
 * The deadline `days` working days after `start`: the end (last millisecond) of the `days`-th
 * working day after the calendar day of `start`. With 0 it is the end of the day of `start`.
 */
export function addWorkingDays(start: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number >= 0: ${days}`);
  let date = localDate(start);
  let left = days;
  while (left > 0) {
    date = addCalendarDays(date, 1);
    if (isWorkingLocalDate(date)) left -= 1;
  }
  return new Date(startOfLocalDay(addCalendarDays(date, 1)).getTime() - 1);
}

/**
 * Whole working days elapsed between two instants: the working days strictly between the
 * calendar day of `start` and the calendar day of `end` (both in Amsterdam). 0 when `end` is on
 * the same or the next day, or before `start`.
 */
export function workingDaysBetween(start: Date, end: Date): number {
  const last = localDate(end);
  let date = addCalendarDays(localDate(start), 1);
  let count = 0;
  while (date < last) {
    if (isWorkingLocalDate(date)) count += 1;
    date = addCalendarDays(date, 1);
  }
  return count;
}

/** Has the target of `targetDays` working days after `createdAt` passed at `now`? */
export function isPastTarget(createdAt: Date, now: Date, targetDays: number): boolean {
  return now.getTime() > addWorkingDays(createdAt, targetDays).getTime();
}

// For SQL: the same calendar as data ----------------------------------------------------------

/** A calendar date as a day number: days since 1970-01-01 (the date itself, not an instant). */
export function dayNumber(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/**
 * Every date from `first` to `last` (inclusive) with its ordinal: the working days from `first`
 * up to and including that date. Then for instants on days s and e (day numbers),
 * workingDaysBetween = max(0, ordinal(e - 1) - ordinal(s)): the working days strictly between.
 */
export function workingDayOrdinals(first: LocalDate, last: LocalDate): { day: number; ordinal: number }[] {
  const rows: { day: number; ordinal: number }[] = [];
  let ordinal = 0;
  for (let date = first; date <= last; date = addCalendarDays(date, 1)) {
    if (isWorkingLocalDate(date)) ordinal += 1;
    rows.push({ day: dayNumber(date), ordinal });
  }
  return rows;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * Amsterdam's offset from UTC between two instants, as the periods it holds: `[{ from, offsetMs }]`
 * sorted by `from` (ms since 1970), the first one in force at `start`. The calendar day of an
 * instant t is then the UTC day of t + offset, which SQL can compute for many rows. Offsets change
 * on whole UTC hours (twice a year here).
 */
export function utcOffsetPeriods(start: Date, end: Date): { from: number; offsetMs: number }[] {
  const first = Math.floor(start.getTime() / HOUR_MS) * HOUR_MS;
  const periods = [{ from: first, offsetMs: offsetAt(first) }];
  for (let probe = first + DAY_MS; probe - DAY_MS < end.getTime(); probe += DAY_MS) {
    const offsetMs = offsetAt(probe);
    if (offsetMs === periods[periods.length - 1].offsetMs) continue;
    // The change lies in (probe - 1 day, probe]: find its hour.
    let before = probe - DAY_MS;
    let after = probe;
    while (after - before > HOUR_MS) {
      const middle = before + Math.floor((after - before) / 2 / HOUR_MS) * HOUR_MS;
      if (offsetAt(middle) === offsetMs) after = middle;
      else before = middle;
    }
    periods.push({ from: after, offsetMs });
  }
  return periods;
}
