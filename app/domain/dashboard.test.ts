import { describe, expect, test } from "vitest";
import {
  addMonths,
  cellBounds,
  cellOf,
  choroplethBreaks,
  choroplethClass,
  choroplethLegend,
  createWorkingDayCounter,
  dashboardQueryToSearch,
  gridSpec,
  histogramMedian,
  median,
  monthBuckets,
  monthKey,
  parseDashboardQuery,
  per1000,
  resolvePeriod,
} from "./dashboard";
import { workingDaysBetween } from "./working-days";

describe("median", () => {
  test("odd, even, empty", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
  });

  test("of a histogram (value -> count) equals the median of the values it stands for", () => {
    expect(histogramMedian(new Map())).toBeNull();
    expect(histogramMedian(new Map([[4, 1]]))).toBe(4);
    let seed = 11;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let round = 0; round < 300; round++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 12));
      const counts = new Map<number, number>();
      for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
      expect(histogramMedian(counts)).toBe(median(values));
    }
  });
});

describe("months in Amsterdam", () => {
  test("an instant late on 31 December UTC is January in Amsterdam", () => {
    expect(monthKey(new Date("2025-12-31T23:30:00Z"))).toBe("2026-01");
    expect(monthKey(new Date("2025-12-31T22:30:00Z"))).toBe("2025-12");
    // Summer time (+2): 31 March 22:30 UTC is 1 April 00:30.
    expect(monthKey(new Date("2026-03-31T22:30:00Z"))).toBe("2026-04");
  });

  test("addMonths crosses years both ways", () => {
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2025-11", 14)).toBe("2027-01");
  });

  test("buckets start at local midnight of the 1st", () => {
    const [march, april] = monthBuckets("2026-03", "2026-04");
    expect(march.start.toISOString()).toBe("2026-02-28T23:00:00.000Z");
    expect(march.end.toISOString()).toBe("2026-03-31T22:00:00.000Z");
    expect(april.start).toEqual(march.end);
  });

  test("the last N months include the current one", () => {
    const now = new Date("2026-12-01T18:00:00Z");
    const period = resolvePeriod({ periode: "12" }, now);
    expect(period.months.map((m) => m.key)).toHaveLength(12);
    expect(period.months[0].key).toBe("2026-01");
    expect(period.months[11].key).toBe("2026-12");
    expect(resolvePeriod({ periode: "3" }, now).months.map((m) => m.key)).toEqual(["2026-10", "2026-11", "2026-12"]);
  });

  test("a chosen range is swapped when reversed, capped at 36 months and at this month", () => {
    const now = new Date("2026-12-01T18:00:00Z");
    expect(resolvePeriod({ periode: "eigen", van: "2026-05", tot: "2026-03" }, now).months.map((m) => m.key)).toEqual([
      "2026-03",
      "2026-04",
      "2026-05",
    ]);
    expect(resolvePeriod({ periode: "eigen", van: "2020-01", tot: "2026-12" }, now).months).toHaveLength(36);
    expect(resolvePeriod({ periode: "eigen", van: "2026-11", tot: "2027-06" }, now).months.map((m) => m.key)).toEqual([
      "2026-11",
      "2026-12",
    ]);
  });
});

describe("query", () => {
  test("bad values fall back, good values survive the round trip", () => {
    const query = parseDashboardQuery(new URLSearchParams("theme=afval&buurt=BU09832402&periode=x&van=2026-13"));
    expect(query).toMatchObject({ theme: "afval", buurt: "BU09832402", periode: "12", van: undefined });
    expect(dashboardQueryToSearch(query)).toBe("theme=afval&buurt=BU09832402");
    const own = parseDashboardQuery(new URLSearchParams("periode=eigen&van=2026-01&tot=2026-06&organisatie=abc"));
    expect(dashboardQueryToSearch(own)).toBe("organisatie=abc&periode=eigen&van=2026-01&tot=2026-06");
  });
});

describe("working day counter", () => {
  test("agrees with workingDaysBetween across weekends, holidays and DST", () => {
    const between = createWorkingDayCounter();
    const start = Date.parse("2025-12-15T00:00:00Z");
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 400; i++) {
      const a = new Date(start + random() * 200 * 86_400_000);
      const b = new Date(a.getTime() + random() * 60 * 86_400_000);
      expect(between(a, b)).toBe(workingDaysBetween(a, b));
      expect(between(b, a)).toBe(workingDaysBetween(b, a));
    }
  });

  test("Koningsdag and a weekend are skipped", () => {
    const between = createWorkingDayCounter();
    // Friday 24 April 2026 -> Wednesday 29 April: Mon 27 April is Koningsdag, so only Tuesday 28 counts.
    expect(between(new Date("2026-04-24T09:00:00+02:00"), new Date("2026-04-29T09:00:00+02:00"))).toBe(1);
  });
});

describe("grid", () => {
  test("a point lies inside the bounds of its own cell; cells are about 150 m", () => {
    const spec = gridSpec();
    const { row, col } = cellOf(spec, 51.3665, 6.1395);
    const [[south, west], [north, east]] = cellBounds(spec, row, col);
    expect(51.3665).toBeGreaterThanOrEqual(south);
    expect(51.3665).toBeLessThan(north);
    expect(6.1395).toBeGreaterThanOrEqual(west);
    expect(6.1395).toBeLessThan(east);
    expect((north - south) * 111_320).toBeCloseTo(150, 0);
    expect((east - west) * 111_320 * Math.cos((51.38 * Math.PI) / 180)).toBeCloseTo(150, 0);
  });
});

describe("choropleth", () => {
  test("breaks are increasing without duplicates; zero is its own class", () => {
    const breaks = choroplethBreaks([0, 1, 1, 1, 2, 5, 9, 20]);
    expect(breaks).toEqual([...new Set(breaks)].sort((a, b) => a - b));
    expect(breaks[breaks.length - 1]).toBe(20);
    expect(choroplethClass(0, breaks)).toBe(0);
    expect(choroplethClass(null, breaks)).toBe(0);
    expect(choroplethClass(1, breaks)).toBe(1);
    expect(choroplethClass(20, breaks)).toBe(breaks.length);
    expect(choroplethBreaks([0, 0])).toEqual([]);
  });

  test("legend labels", () => {
    expect(choroplethLegend([1, 4, 10], 0).map((row) => row.label)).toEqual(["0", "1", "2 – 4", "5 – 10"]);
    expect(choroplethLegend([0.5, 2.5], 1).map((row) => row.label)).toEqual(["0", "0,1 – 0,5", "0,6 – 2,5"]);
  });

  test("per 1,000 residents", () => {
    expect(per1000(3, 1500)).toBe(2);
    expect(per1000(1, 3000)).toBe(0.3);
    expect(per1000(3, null)).toBeNull();
    expect(per1000(3, 0)).toBeNull();
  });
});

describe("target cut-off", () => {
  test("start < cut-off exactly when isPastTarget", async () => {
    const { isPastTarget } = await import("./working-days");
    const { targetCutoff } = await import("./dashboard");
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const days of [1, 5, 20]) {
      for (let i = 0; i < 40; i++) {
        const now = new Date(Date.parse("2026-01-01T00:00:00Z") + random() * 365 * 86_400_000);
        const cutoff = targetCutoff(now, days);
        for (let j = 0; j < 25; j++) {
          const start = new Date(now.getTime() - random() * 50 * 86_400_000);
          expect(start < cutoff).toBe(isPastTarget(start, now, days));
        }
        // Just around the cut-off too.
        expect(isPastTarget(new Date(cutoff.getTime() - 1), now, days)).toBe(true);
        expect(isPastTarget(cutoff, now, days)).toBe(false);
      }
    }
  });
});
