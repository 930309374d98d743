import { describe, expect, test } from "vitest";
import {
  addWorkingDays,
  dayNumber,
  dutchPublicHolidays,
  easterSunday,
  isPastTarget,
  isWorkingDay,
  localDate,
  startOfLocalDay,
  utcOffsetPeriods,
  workingDayOrdinals,
  workingDaysBetween,
} from "./working-days";

/** An Amsterdam wall-clock time with its offset written out, so the tests do not depend on the machine's zone. */
const at = (iso: string) => new Date(iso);

describe("easter and holidays", () => {
  test.each([
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2019, "2019-04-21"],
    [2038, "2038-04-25"],
  ])("Easter %i is on %s", (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  test("the holidays of 2025, sorted", () => {
    expect(dutchPublicHolidays(2025)).toEqual([
      "2025-01-01", // Nieuwjaarsdag
      "2025-04-18", // Goede Vrijdag
      "2025-04-20", // Eerste Paasdag
      "2025-04-21", // Tweede Paasdag
      "2025-04-26", // Koningsdag: the 27th is a Sunday
      "2025-05-05", // Bevrijdingsdag
      "2025-05-29", // Hemelvaartsdag
      "2025-06-08", // Eerste Pinksterdag
      "2025-06-09", // Tweede Pinksterdag
      "2025-12-25",
      "2025-12-26",
    ]);
  });

  test("Koningsdag is the 27th unless that is a Sunday", () => {
    expect(dutchPublicHolidays(2024)).toContain("2024-04-27");
    expect(dutchPublicHolidays(2025)).toContain("2025-04-26");
    expect(dutchPublicHolidays(2025)).not.toContain("2025-04-27");
    expect(dutchPublicHolidays(2026)).toContain("2026-04-27");
  });

  test("Bevrijdingsdag counts every year, also outside lustrum years", () => {
    expect(dutchPublicHolidays(2026)).toContain("2026-05-05");
    expect(isWorkingDay("2026-05-05")).toBe(false);
  });

  test("2026: Hemelvaart and Pinksteren follow Easter", () => {
    const holidays = dutchPublicHolidays(2026);
    expect(holidays).toContain("2026-04-03"); // Goede Vrijdag
    expect(holidays).toContain("2026-04-06"); // Tweede Paasdag
    expect(holidays).toContain("2026-05-14"); // Hemelvaartsdag
    expect(holidays).toContain("2026-05-25"); // Tweede Pinksterdag
  });
});

describe("isWorkingDay", () => {
  test("weekdays, weekends and holidays", () => {
    expect(isWorkingDay("2025-06-10")).toBe(true); // Tuesday
    expect(isWorkingDay("2025-06-14")).toBe(false); // Saturday
    expect(isWorkingDay("2025-06-15")).toBe(false); // Sunday
    expect(isWorkingDay("2025-06-09")).toBe(false); // Tweede Pinksterdag
  });

  test("an instant counts on Amsterdam's calendar, not UTC's", () => {
    // Friday 23:30 UTC is already Saturday 01:30 in Amsterdam (summer time).
    expect(isWorkingDay(at("2025-06-13T23:30:00Z"))).toBe(false);
    // Sunday 22:30 UTC is Monday 00:30 in Amsterdam (winter time).
    expect(isWorkingDay(at("2025-01-12T23:30:00Z"))).toBe(true);
    expect(localDate(at("2025-01-12T23:30:00Z"))).toBe("2025-01-13");
  });
});

describe("startOfLocalDay", () => {
  test("midnight in winter and summer time and on both DST switch days", () => {
    expect(startOfLocalDay("2025-01-15").toISOString()).toBe("2025-01-14T23:00:00.000Z");
    expect(startOfLocalDay("2025-07-15").toISOString()).toBe("2025-07-14T22:00:00.000Z");
    expect(startOfLocalDay("2025-03-30").toISOString()).toBe("2025-03-29T23:00:00.000Z"); // clocks go forward at 02:00
    expect(startOfLocalDay("2025-03-31").toISOString()).toBe("2025-03-30T22:00:00.000Z");
    expect(startOfLocalDay("2025-10-26").toISOString()).toBe("2025-10-25T22:00:00.000Z"); // clocks go back at 03:00
    expect(startOfLocalDay("2025-10-27").toISOString()).toBe("2025-10-26T23:00:00.000Z");
  });
});

describe("addWorkingDays", () => {
  test("Friday 17:00 plus 5 working days is the end of Friday next week", () => {
    const created = at("2025-06-13T17:00:00+02:00"); // Friday
    const deadline = addWorkingDays(created, 5);
    expect(deadline.toISOString()).toBe("2025-06-20T21:59:59.999Z"); // Friday 23:59:59.999 Amsterdam
    expect(isPastTarget(created, at("2025-06-20T23:59:59+02:00"), 5)).toBe(false);
    expect(isPastTarget(created, at("2025-06-21T00:00:00+02:00"), 5)).toBe(true);
    expect(isPastTarget(created, at("2025-06-23T09:00:00+02:00"), 5)).toBe(true);
  });

  test("the day itself does not count, also when it is a working day or created just before midnight", () => {
    expect(addWorkingDays(at("2025-06-10T00:00:00+02:00"), 1).toISOString()).toBe("2025-06-11T21:59:59.999Z");
    expect(addWorkingDays(at("2025-06-10T23:59:00+02:00"), 1).toISOString()).toBe("2025-06-11T21:59:59.999Z");
    expect(addWorkingDays(at("2025-06-10T10:00:00+02:00"), 0).toISOString()).toBe("2025-06-10T21:59:59.999Z");
  });

  test("a report on Saturday counts from Monday", () => {
    expect(addWorkingDays(at("2025-06-14T12:00:00+02:00"), 1).toISOString()).toBe("2025-06-16T21:59:59.999Z");
  });

  test("across Christmas, a weekend and New Year", () => {
    // Tuesday 23 December 2025; 24 Dec (Wed) counts, 25/26 are holidays, 27/28 weekend.
    const created = at("2025-12-23T10:00:00+01:00");
    expect(localDate(addWorkingDays(created, 1))).toBe("2025-12-24");
    expect(localDate(addWorkingDays(created, 2))).toBe("2025-12-29");
    expect(localDate(addWorkingDays(created, 5))).toBe("2026-01-02"); // 29, 30, 31 Dec, 2 Jan (1 Jan is a holiday)
    // Whole days elapsed by Monday 5 January: 24, 29, 30, 31 December and 2 January.
    expect(workingDaysBetween(created, at("2026-01-05T09:00:00+01:00"))).toBe(5);
  });

  test("across the spring DST switch the deadline is still midnight local time", () => {
    // Thursday 27 March 2025 (winter time); the clocks go forward on Sunday 30 March.
    const deadline = addWorkingDays(at("2025-03-27T15:00:00+01:00"), 2);
    expect(localDate(deadline)).toBe("2025-03-31");
    expect(deadline.toISOString()).toBe("2025-03-31T21:59:59.999Z"); // 23:59:59.999 summer time
  });

  test("across the autumn DST switch", () => {
    // Friday 24 October 2025 (summer time); the clocks go back on Sunday 26 October.
    const deadline = addWorkingDays(at("2025-10-24T09:00:00+02:00"), 1);
    expect(deadline.toISOString()).toBe("2025-10-27T22:59:59.999Z"); // Monday 23:59:59.999 winter time
  });

  test("refuses negative and fractional days", () => {
    expect(() => addWorkingDays(new Date(), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date(), 1.5)).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  test("counts whole working days only: same day and next day are 0, end before start is 0", () => {
    const monday = at("2025-06-16T09:00:00+02:00");
    expect(workingDaysBetween(monday, at("2025-06-16T17:00:00+02:00"))).toBe(0);
    expect(workingDaysBetween(monday, at("2025-06-17T08:00:00+02:00"))).toBe(0);
    expect(workingDaysBetween(monday, at("2025-06-18T00:00:00+02:00"))).toBe(1); // Tuesday has fully passed
    expect(workingDaysBetween(monday, at("2025-06-13T08:00:00+02:00"))).toBe(0);
  });

  test("Friday 17:00: five whole working days have passed only once the next Friday is over", () => {
    const friday = at("2025-06-13T17:00:00+02:00");
    expect(workingDaysBetween(friday, at("2025-06-16T08:30:00+02:00"))).toBe(0);
    expect(workingDaysBetween(friday, at("2025-06-20T23:59:59+02:00"))).toBe(4);
    expect(workingDaysBetween(friday, at("2025-06-21T00:00:00+02:00"))).toBe(5);
    expect(workingDaysBetween(friday, at("2025-06-23T09:00:00+02:00"))).toBe(5);
  });

  test("skips the Easter and King's Day holidays of 2025", () => {
    // After Thursday 17 April, before Tuesday 29 April: 18 (Good Friday) and 21 (Easter Monday)
    // are holidays, 26 (King's Day) falls on a Saturday: 22, 23, 24, 25, 28 remain.
    expect(workingDaysBetween(at("2025-04-17T12:00:00+02:00"), at("2025-04-29T12:00:00+02:00"))).toBe(5);
  });

  test("across both DST switches", () => {
    // Friday 28 March 2025 to Wednesday 2 April: 31 March and 1 April.
    expect(workingDaysBetween(at("2025-03-28T23:30:00+01:00"), at("2025-04-02T00:30:00+02:00"))).toBe(2);
    // Friday 24 October to Tuesday 28 October: 27 October only.
    expect(workingDaysBetween(at("2025-10-24T23:30:00+02:00"), at("2025-10-28T00:30:00+01:00"))).toBe(1);
  });

  test("agrees with addWorkingDays and isPastTarget for every start hour over six weeks", () => {
    for (let hour = 0; hour < 24 * 42; hour += 5) {
      const start = new Date(Date.UTC(2025, 2, 20) + hour * 60 * 60 * 1000); // over the spring DST switch and Easter
      for (const days of [1, 2, 3, 5, 10]) {
        const deadline = addWorkingDays(start, days);
        const justAfter = new Date(deadline.getTime() + 1);
        expect(isPastTarget(start, deadline, days)).toBe(false);
        expect(isPastTarget(start, justAfter, days)).toBe(true);
        expect(workingDaysBetween(start, deadline)).toBe(days - 1);
        expect(workingDaysBetween(start, justAfter)).toBe(days);
      }
    }
  });
});

describe("the calendar as data (for SQL)", () => {
  test("utcOffsetPeriods: winter time, summer time from the last Sunday of March 01:00 UTC, and back", () => {
    const periods = utcOffsetPeriods(new Date("2026-01-10T12:34:00Z"), new Date("2027-01-01T00:00:00Z"));
    expect(periods).toEqual([
      { from: Date.parse("2026-01-10T12:00:00Z"), offsetMs: 3_600_000 },
      { from: Date.parse("2026-03-29T01:00:00Z"), offsetMs: 7_200_000 },
      { from: Date.parse("2026-10-25T01:00:00Z"), offsetMs: 3_600_000 },
    ]);
  });

  test("day number + ordinals give workingDaysBetween for any two instants", () => {
    const ordinals = new Map(workingDayOrdinals("2024-01-01", "2027-12-31").map((row) => [row.day, row.ordinal]));
    const periods = utcOffsetPeriods(new Date("2024-01-01T00:00:00Z"), new Date("2027-12-31T00:00:00Z"));
    const dayOf = (t: number) => {
      const offset = periods.filter((period) => period.from <= t).at(-1)!.offsetMs;
      return Math.floor((t + offset) / 86_400_000);
    };
    expect(dayOf(Date.parse("2026-03-29T00:59:59Z"))).toBe(dayNumber("2026-03-29"));
    expect(dayOf(Date.parse("2026-06-30T22:30:00Z"))).toBe(dayNumber("2026-07-01"));
    expect(dayOf(Date.parse("2026-12-31T23:30:00Z"))).toBe(dayNumber("2027-01-01"));
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const start = Date.parse("2024-01-02T00:00:00Z");
    for (let i = 0; i < 2000; i++) {
      const a = start + Math.floor(random() * 3.5 * 365 * 86_400_000);
      const b = a + Math.floor((random() - 0.1) * 60 * 86_400_000);
      const fromSql = Math.max(0, ordinals.get(dayOf(b) - 1)! - ordinals.get(dayOf(a))!);
      expect(fromSql, `${new Date(a).toISOString()} -> ${new Date(b).toISOString()}`).toBe(
        workingDaysBetween(new Date(a), new Date(b)),
      );
    }
  });
});
