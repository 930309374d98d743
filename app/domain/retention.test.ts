import { expect, test } from "vitest";
import { monthsBefore } from "./retention";

test("calendar months back, same time of day", () => {
  expect(monthsBefore(new Date("2026-06-15T03:00:00Z"), 12).toISOString()).toBe("2025-06-15T03:00:00.000Z");
  expect(monthsBefore(new Date("2026-01-10T12:30:00Z"), 1).toISOString()).toBe("2025-12-10T12:30:00.000Z");
  expect(monthsBefore(new Date("2026-03-01T00:00:00Z"), 26).toISOString()).toBe("2024-01-01T00:00:00.000Z");
});

test("a day the target month lacks becomes its last day", () => {
  expect(monthsBefore(new Date("2026-03-31T08:00:00Z"), 1).toISOString()).toBe("2026-02-28T08:00:00.000Z");
  expect(monthsBefore(new Date("2025-03-31T08:00:00Z"), 13).toISOString()).toBe("2024-02-29T08:00:00.000Z");
});
