import { describe, expect, it } from "vitest";
import { firstName, formatAge } from "./format";

const now = new Date("2026-11-25T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe("formatAge", () => {
  it.each([
    [ago(10_000), "zojuist"],
    [ago(5 * 60_000), "5 minuten geleden"],
    [ago(3 * HOUR), "3 uur geleden"],
    [ago(DAY), "gisteren"],
    [ago(3 * DAY), "3 dagen geleden"],
    [ago(21 * DAY), "3 weken geleden"],
    [ago(100 * DAY), "3 maanden geleden"],
    [ago(800 * DAY), "2 jaar geleden"],
  ])("%s -> %s", (date, expected) => {
    expect(formatAge(date, now)).toBe(expected);
  });
});

describe("firstName", () => {
  it("shows only the first name", () => {
    expect(firstName("Sanne van der Berg")).toBe("Sanne");
    expect(firstName("  Joep ")).toBe("Joep");
    expect(firstName(null)).toBeNull();
  });
});
