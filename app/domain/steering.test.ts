import { describe, expect, test } from "vitest";
import { agendaKey, amsterdamDateTime, amsterdamInstant, decisionSchema, meetingCreateSchema, parseAgendaKey } from "./steering";

describe("meeting times on the clock in Venlo", () => {
  test("winter (UTC+1) and summer (UTC+2)", () => {
    expect(amsterdamInstant("2026-01-15", "19:30").toISOString()).toBe("2026-01-15T18:30:00.000Z");
    expect(amsterdamInstant("2026-07-01", "19:30").toISOString()).toBe("2026-07-01T17:30:00.000Z");
    expect(amsterdamInstant("2026-06-30").toISOString()).toBe("2026-06-29T22:00:00.000Z");
  });
  test("round trip for the date and time inputs", () => {
    expect(amsterdamDateTime(amsterdamInstant("2026-03-29", "10:15"))).toEqual({ date: "2026-03-29", time: "10:15" });
    expect(amsterdamDateTime(amsterdamInstant("2026-10-25", "00:00"))).toEqual({ date: "2026-10-25", time: "00:00" });
  });
});

describe("forms", () => {
  test("a meeting needs a real date, a time and a place", () => {
    expect(meetingCreateSchema.safeParse({ intent: "create", date: "2026-02-29", time: "19:30", place: "Buurthuis" }).success).toBe(false);
    expect(meetingCreateSchema.safeParse({ intent: "create", date: "2028-02-29", time: "19:30", place: "Buurthuis" }).success).toBe(true);
  });
  test("a decision's progress is open, loopt or afgerond", () => {
    const base = { intent: "decision", itemId: "abc", text: "Een besluit" };
    expect(decisionSchema.safeParse({ ...base, progress: "loopt" }).success).toBe(true);
    expect(decisionSchema.safeParse({ ...base, progress: "klaar" }).success).toBe(false);
  });
  test("agenda keys", () => {
    expect(agendaKey({ issueId: 12, themeId: null })).toBe("issue:12");
    expect(parseAgendaKey("theme:abc")).toEqual({ issueId: null, themeId: "abc" });
  });
});
