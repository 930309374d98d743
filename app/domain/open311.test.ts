import { describe, expect, test } from "vitest";
import {
  attributesFor,
  open311Status,
  parseIsoDate,
  titleFromDescription,
  toXml,
  validateAttributes,
  XML_ITEMS,
  type Open311Attribute,
} from "./open311";
import { escapeXml } from "./xml";

describe("toXml", () => {
  test("escapes text and drops characters XML cannot carry", () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>\u0001`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;",
    );
  });

  test("objects, lists with item names, null as empty element, booleans and numbers", () => {
    const xml = toXml(
      "service_requests",
      [{ service_request_id: "7", account_id: null, lat: 51.5, metadata: false, description: "a < b & c" }],
      XML_ITEMS,
    );
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n' +
        "<service_requests><request><service_request_id>7</service_request_id><account_id/><lat>51.5</lat>" +
        "<metadata>false</metadata><description>a &lt; b &amp; c</description></request></service_requests>\n",
    );
  });

  test("nested lists (service definition) and error documents", () => {
    expect(toXml("errors", [{ code: 404, description: "Niet gevonden" }], XML_ITEMS)).toContain(
      "<errors><error><code>404</code><description>Niet gevonden</description></error></errors>",
    );
    const xml = toXml("service_definition", { service_code: "afval", attributes: attributesFor("afval") }, XML_ITEMS);
    expect(xml).toContain("<attributes><attribute><variable>true</variable><code>soort_afval</code>");
    expect(xml).toContain("<values><value><key>grofvuil</key><name>Grofvuil</name></value>");
  });

  test("refuses element names that are not XML names and lists without an item name", () => {
    expect(() => toXml("a b", "x", {})).toThrow();
    expect(() => toXml("things", [1], {})).toThrow();
  });
});

describe("titleFromDescription", () => {
  test("first sentence", () => {
    expect(titleFromDescription("Lamp kapot. Al twee weken!")).toBe("Lamp kapot.");
    expect(titleFromDescription("  Geen punt aan het eind  ")).toBe("Geen punt aan het eind");
  });
  test("at most 80 characters, cut at a word", () => {
    const title = titleFromDescription(`${"woord ".repeat(30)}einde.`);
    expect(title.length).toBeLessThanOrEqual(80);
    expect(title.endsWith("…")).toBe(true);
    expect(title).not.toMatch(/wo…$/);
  });
});

test("status: open for nieuw/getrieerd/in_behandeling/heropend, closed otherwise", () => {
  expect(["nieuw", "getrieerd", "in_behandeling", "heropend"].map(open311Status)).toEqual([
    "open",
    "open",
    "open",
    "open",
  ]);
  expect(["opgelost", "gesloten_niet_opgelost"].map(open311Status)).toEqual(["closed", "closed"]);
});

test("parseIsoDate accepts the spec's ISO 8601 forms only", () => {
  expect(parseIsoDate("2010-04-14T06:37:38-08:00")?.toISOString()).toBe("2010-04-14T14:37:38.000Z");
  expect(parseIsoDate("2010-04-14T06:37:38Z")?.toISOString()).toBe("2010-04-14T06:37:38.000Z");
  expect(parseIsoDate("2010-04-14")).not.toBeNull();
  for (const bad of ["14-04-2010", "gisteren", "2010-13-01", "2010-04-14 06:37", ""])
    expect(parseIsoDate(bad)).toBeNull();
});

describe("validateAttributes", () => {
  const required: Open311Attribute = { ...attributesFor("afval")[0], required: true };
  test("lists: known keys become labelled lines", () => {
    expect(validateAttributes(attributesFor("afval"), new Map([["soort_afval", ["tuinafval"]]]))).toEqual({
      ok: true,
      lines: ["Soort afval: Tuinafval"],
    });
    expect(validateAttributes(attributesFor("afval"), new Map())).toEqual({ ok: true, lines: [] });
  });
  test("unknown values, unknown codes, two values for a single list, missing required answers", () => {
    expect(validateAttributes(attributesFor("afval"), new Map([["soort_afval", ["kernafval"]]])).ok).toBe(false);
    expect(validateAttributes(attributesFor("afval"), new Map([["kleur", ["rood"]]])).ok).toBe(false);
    expect(validateAttributes(attributesFor("afval"), new Map([["soort_afval", ["grofvuil", "overig"]]])).ok).toBe(
      false,
    );
    expect(validateAttributes([required], new Map()).ok).toBe(false);
    expect(validateAttributes([], new Map([["x", ["y"]]])).ok).toBe(false);
  });
  test("themes without a definition", () => {
    expect(attributesFor("verkeer")).toEqual([]);
    expect(attributesFor("constructor")).toEqual([]);
  });
});
