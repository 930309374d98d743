import { describe, expect, it } from "vitest";
import { ISSUE_STATUSES, allowedTransitions, canTransition, isClosed, isIssueStatus } from "./issue-status";

describe("issue status workflow", () => {
  it("knows exactly the statuses of the glossary", () => {
    expect(ISSUE_STATUSES).toEqual([
      "nieuw",
      "getrieerd",
      "in_behandeling",
      "opgelost",
      "gesloten_niet_opgelost",
      "heropend",
    ]);
    expect(isIssueStatus("open")).toBe(false);
    expect(isIssueStatus("heropend")).toBe(true);
  });

  it("allows the normal path and reopening, but not skipping back", () => {
    expect(canTransition("nieuw", "getrieerd")).toBe(true);
    expect(canTransition("getrieerd", "in_behandeling")).toBe(true);
    expect(canTransition("in_behandeling", "opgelost")).toBe(true);
    expect(canTransition("opgelost", "heropend")).toBe(true);
    expect(canTransition("opgelost", "nieuw")).toBe(false);
    expect(canTransition("in_behandeling", "nieuw")).toBe(false);
    expect(canTransition("nieuw", "heropend")).toBe(false);
    expect(canTransition("nieuw", "nieuw")).toBe(false);
  });

  it("only closed issues can be reopened", () => {
    for (const status of ISSUE_STATUSES) {
      expect(allowedTransitions(status).includes("heropend")).toBe(isClosed(status));
    }
  });
});
