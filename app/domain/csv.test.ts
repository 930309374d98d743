import { describe, expect, test } from "vitest";
import { CSV_BOM, csvField, toCsv } from "./csv";

describe("csv", () => {
  test("starts with a BOM and the header, ends lines with CRLF, separates with ;", () => {
    const csv = toCsv(["id", "titel"], [[1, "Losse tegel"], [2, "Lamp kapot"]]);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe("id;titel\r\n1;Losse tegel\r\n2;Lamp kapot\r\n");
  });

  test("quotes fields with ; and doubles quotes", () => {
    expect(csvField("a;b")).toBe('"a;b"');
    expect(csvField('zei "hoi"')).toBe('"zei ""hoi"""');
    expect(csvField("gewoon")).toBe("gewoon");
    expect(csvField("komma, mag")).toBe("komma, mag");
  });

  test("quotes fields with line breaks (CR, LF, CRLF) and keeps them", () => {
    expect(csvField("regel 1\nregel 2")).toBe('"regel 1\nregel 2"');
    expect(csvField("a\r\nb")).toBe('"a\r\nb"');
    expect(csvField("a\rb")).toBe('"a\rb"');
    const csv = toCsv(["x"], [["een\ntwee"]]);
    expect(csv).toBe(`${CSV_BOM}x\r\n"een\ntwee"\r\n`);
  });

  test("empty values, dates, numbers and booleans", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(0)).toBe("0");
    expect(csvField(true)).toBe("ja");
    expect(csvField(new Date("2026-03-02T10:00:00Z"))).toBe("2026-03-02T10:00:00.000Z");
  });

  test("an empty table is only the header", () => {
    expect(toCsv(["a", "b"], [])).toBe(`${CSV_BOM}a;b\r\n`);
  });
});
