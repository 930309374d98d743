import { describe, expect, test } from "vitest";
import { MAX_DESCRIPTION_LENGTH } from "./open311";
import {
  externalDescription,
  mirroredUpdateMessage,
  parseServiceMapping,
  readErrorAnswer,
  readPostAnswer,
  readStatusAnswer,
  readTokenAnswer,
} from "./open311-client";

describe("reading answers of other GeoReport v2 servers", () => {
  test("POST requests: an id (string or number) or a token", () => {
    expect(
      readPostAnswer([{ service_request_id: "638344", service_notice: "Binnen 48 uur", account_id: null }]),
    ).toEqual({
      serviceRequestId: "638344",
      token: null,
      notice: "Binnen 48 uur",
    });
    expect(readPostAnswer([{ service_request_id: 12 }])).toMatchObject({ serviceRequestId: "12" });
    expect(readPostAnswer([{ token: "12345" }])).toMatchObject({ serviceRequestId: null, token: "12345" });
    expect(() => readPostAnswer([])).toThrow();
    expect(() => readPostAnswer([{ service_notice: "ok" }])).toThrow();
    expect(() => readPostAnswer({ service_request_id: "1" })).toThrow();
  });

  test("errors in the spec's format become one line of descriptions", () => {
    expect(readErrorAnswer([{ code: 403, description: "Invalid api_key" }])).toBe("Invalid api_key");
    expect(
      readErrorAnswer([
        { code: 400, description: "a" },
        { code: 400, description: "b" },
      ]),
    ).toBe("a; b");
    expect(readErrorAnswer("<html>")).toBeNull();
    expect(readErrorAnswer([])).toBeNull();
  });

  test("GET requests: statuses are normalised, unreadable entries are skipped", () => {
    expect(
      readStatusAnswer([
        { service_request_id: "1", status: "Open", status_notes: "  ", updated_datetime: "2026-03-02T10:00:00+01:00" },
        { service_request_id: 2, status: "closed", status_notes: "Klaar", updated_datetime: "gisteren" },
        { service_request_id: "3", status: "archived" },
        { status: "open" },
      ]),
    ).toEqual([
      { serviceRequestId: "1", status: "open", statusNotes: null, updatedAt: new Date("2026-03-02T09:00:00Z") },
      { serviceRequestId: "2", status: "closed", statusNotes: "Klaar", updatedAt: null },
    ]);
    expect(() => readStatusAnswer({})).toThrow();
  });

  test("GET tokens: the id once there is one", () => {
    expect(readTokenAnswer([{ service_request_id: "9", token: "t" }])).toBe("9");
    expect(readTokenAnswer([{ token: "t" }])).toBeNull();
  });
});

describe("what we send and what residents see", () => {
  test("the description stays within the spec's 4,000 characters and always keeps the link", () => {
    const text = externalDescription(
      { id: 7, title: "Lamp stuk", description: "x".repeat(5000), placeDescription: null, buurtName: "Centrum" },
      "https://buurtbestuurt.test",
    );
    expect(text.length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
    expect(text).toMatch(/Melding 7 op Buurt Bestuurt: https:\/\/buurtbestuurt.test\/meldingen\/7$/);
    expect(text.startsWith("Lamp stuk\n\n")).toBe(true);
  });

  test("service mappings keep only valid codes", () => {
    expect(parseServiceMapping('{"afval":"GROF","groen":"met spatie","x":3}')).toEqual({ afval: "GROF" });
    expect(parseServiceMapping("kapot")).toEqual({});
    expect(parseServiceMapping("[1]")).toEqual({});
  });

  test("only news is mirrored: new notes, closing, reopening", () => {
    const org = "Gemeente Venlo";
    expect(mirroredUpdateMessage(org, { status: null, notes: null }, { status: "open", notes: null })).toBeNull();
    expect(mirroredUpdateMessage(org, { status: "open", notes: "a" }, { status: "open", notes: "a" })).toBeNull();
    expect(mirroredUpdateMessage(org, { status: "open", notes: "a" }, { status: "open", notes: "b" })).toBe(
      "Bericht uit het meldingensysteem van Gemeente Venlo: b",
    );
    expect(mirroredUpdateMessage(org, { status: "open", notes: "a" }, { status: "closed", notes: "a" })).toBe(
      "Gemeente Venlo heeft de melding in het eigen systeem afgehandeld.",
    );
    expect(mirroredUpdateMessage(org, { status: "closed", notes: "a" }, { status: "open", notes: null })).toBe(
      "Gemeente Venlo heeft de melding in het eigen systeem weer geopend.",
    );
  });
});
