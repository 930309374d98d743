import { describe, expect, it } from "vitest";
import { ISSUE_STATUSES, WORKFLOW, allowedTransitions, canTransition, isClosed, isIssueStatus, rulesFor } from "./issue-status";

describe("issue status workflow", () => {
  it("knows exactly the statuses of the glossary", () => {
    expect(ISSUE_STATUSES).toEqual(["nieuw", "getrieerd", "in_behandeling", "opgelost", "gesloten_niet_opgelost", "heropend"]);
    expect(isIssueStatus("open")).toBe(false);
    expect(isIssueStatus("heropend")).toBe(true);
  });

  it("follows the table of the triage issue exactly", () => {
    const allowed = ISSUE_STATUSES.flatMap((from) => allowedTransitions(from).map((to) => `${from}->${to}`)).sort();
    expect(allowed).toEqual(
      [
        "nieuw->getrieerd",
        "heropend->getrieerd",
        "nieuw->gesloten_niet_opgelost",
        "heropend->gesloten_niet_opgelost",
        "getrieerd->in_behandeling",
        "heropend->in_behandeling",
        "getrieerd->opgelost",
        "in_behandeling->opgelost",
        "heropend->opgelost",
        "getrieerd->gesloten_niet_opgelost",
        "in_behandeling->gesloten_niet_opgelost",
        "opgelost->heropend",
        "gesloten_niet_opgelost->heropend",
      ].sort(),
    );
  });

  it("never skips triage: nieuw cannot go straight to in_behandeling or opgelost", () => {
    expect(canTransition("nieuw", "in_behandeling")).toBe(false);
    expect(canTransition("nieuw", "opgelost")).toBe(false);
    expect(canTransition("opgelost", "nieuw")).toBe(false);
    expect(canTransition("nieuw", "nieuw")).toBe(false);
  });

  it("only closed issues can be reopened", () => {
    for (const status of ISSUE_STATUSES) {
      expect(allowedTransitions(status).includes("heropend")).toBe(isClosed(status));
    }
  });

  it("requires a public message or a reason on every transition (no silent closes)", () => {
    for (const rule of WORKFLOW) {
      expect(rule.requires.some((r) => r === "public_message" || r === "reason")).toBe(true);
    }
    for (const rule of rulesFor("getrieerd", "gesloten_niet_opgelost")) expect(rule.requires).toContain("close_reason");
  });

  it("lets the reporter reopen only a solved issue", () => {
    expect(rulesFor("opgelost", "heropend")[0].who).toContain("reporter_window");
    expect(rulesFor("gesloten_niet_opgelost", "heropend")[0].who).not.toContain("reporter_window");
  });
});
