import { dayNumber, localDate, workingDayOrdinals } from "~/domain/working-days";
import { insertWorkingDays, workingDayCoverage } from "./sql.server";

/**
 * The WorkingDay table (prisma/schema.prisma): app/domain/working-days.ts's calendar as rows, so
 * SQL can count working days. It is derived data: filled here on first use, from 2000-01-01 to
 * the end of next year, by whichever app server needs it first (others add nothing: every server
 * computes the same rows). Should the holiday rules ever change, a migration empties the table.
 */
export const CALENDAR_FIRST_DATE = "2000-01-01";
export const calendarStart = () => new Date(`${CALENDAR_FIRST_DATE}T00:00:00+01:00`);

let coveredUntil = Number.NEGATIVE_INFINITY;
let filling: Promise<void> | null = null;

/** Makes sure the table covers 2000-01-01 up to 31 December of the year after `now` (Amsterdam). */
export async function ensureWorkingDayCalendar(now = new Date()) {
  const lastDate = `${Number(localDate(now).slice(0, 4)) + 1}-12-31`;
  const last = dayNumber(lastDate);
  if (coveredUntil >= last) return;
  filling ??= (async () => {
    const first = dayNumber(CALENDAR_FIRST_DATE);
    const coverage = await workingDayCoverage();
    const complete =
      coverage.first === first &&
      coverage.last !== null &&
      coverage.last >= last &&
      coverage.count === coverage.last - first + 1;
    if (!complete) await insertWorkingDays(workingDayOrdinals(CALENDAR_FIRST_DATE, lastDate));
    coveredUntil = Math.max(coveredUntil, complete ? coverage.last! : last);
  })().finally(() => {
    filling = null;
  });
  await filling;
  // A second caller with a later `now` may have waited on a shorter fill.
  if (coveredUntil < last) await ensureWorkingDayCalendar(now);
}

/** For tests: forget what this process knows about the table. */
export function forgetWorkingDayCalendar() {
  coveredUntil = Number.NEGATIVE_INFINITY;
}
