import { describe, expect, test } from "vitest";
import { alertMatches, alertSubscribeSchema, describeAlert } from "./alerts";
import { distanceMeters } from "./geo";

const issue = { lat: 51.369859, lng: 6.134016, buurtCode: "BU09832402", themeId: "afval" };
const none = { buurtCode: null, themeId: null, lat: null, lng: null, radiusMeters: null };

describe("alertMatches", () => {
  test("buurt and theme compare the issue's buurt and theme; a retired theme stays quiet", () => {
    expect(alertMatches({ ...none, kind: "buurt", buurtCode: "BU09832402" }, issue)).toBe(true);
    expect(alertMatches({ ...none, kind: "buurt", buurtCode: "BU09832101" }, issue)).toBe(false);
    expect(alertMatches({ ...none, kind: "thema", themeId: "afval" }, issue)).toBe(true);
    expect(alertMatches({ ...none, kind: "thema", themeId: "verkeer" }, issue)).toBe(false);
    expect(alertMatches({ ...none, kind: "thema", themeId: "afval", themeRetired: true }, issue)).toBe(false);
  });

  test("a circle includes its edge and nothing beyond it", () => {
    const centre = { lat: issue.lat - 0.002, lng: issue.lng };
    const distance = distanceMeters(centre, issue);
    const circle = (radiusMeters: number) => ({ ...none, kind: "straal", ...centre, radiusMeters });
    expect(alertMatches(circle(distance), issue)).toBe(true);
    expect(alertMatches(circle(distance - 0.5), issue)).toBe(false);
    expect(alertMatches({ ...none, kind: "straal", radiusMeters: 1000 }, issue)).toBe(false);
    expect(alertMatches({ ...none, kind: "postcode" }, issue)).toBe(false);
  });
});

describe("alertSubscribeSchema", () => {
  const base = { email: " Noor@Example.TEST ", frequency: "direct" };
  test("reads only the chosen kind's fields", () => {
    const parsed = alertSubscribeSchema.parse({
      ...base,
      kind: "straal",
      lat: "51.37",
      lng: "6.13",
      radiusMeters: "500",
      buurtCode: "",
    });
    expect(parsed).toEqual({
      email: "noor@example.test",
      frequency: "direct",
      kind: "straal",
      lat: 51.37,
      lng: 6.13,
      radiusMeters: 500,
    });
  });
  test.each(["0", "300", "1001", "-250", "abc"])("refuses radius %s", (radiusMeters) => {
    expect(
      alertSubscribeSchema.safeParse({ ...base, kind: "straal", lat: "51.37", lng: "6.13", radiusMeters }).success,
    ).toBe(false);
  });
});

test("describeAlert", () => {
  expect(describeAlert({ kind: "straal", radiusMeters: 1000, centreBuurtName: "Hazenkamp" })).toBe(
    "Nieuwe meldingen binnen 1 kilometer van een plek in Hazenkamp",
  );
  expect(describeAlert({ kind: "thema", themeName: "Jongeren", themeRetired: true })).toBe(
    "Nieuwe meldingen over Jongeren (dit thema bestaat niet meer)",
  );
});
