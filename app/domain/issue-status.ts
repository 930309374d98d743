/** Status workflow of an issue: stored values (GLOSSARY.md) and the allowed transitions as data. */
export const ISSUE_STATUSES = [
  "nieuw",
  "getrieerd",
  "in_behandeling",
  "opgelost",
  "gesloten_niet_opgelost",
  "heropend",
] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

export const OPEN_STATUSES: readonly IssueStatus[] = ["nieuw", "getrieerd", "in_behandeling", "heropend"];
export const CLOSED_STATUSES: readonly IssueStatus[] = ["opgelost", "gesloten_niet_opgelost"];
/** Issues waiting for the four questions. */
export const UNTRIAGED_STATUSES: readonly IssueStatus[] = ["nieuw", "heropend"];

export const CLOSE_REASONS = ["dubbele_melding", "doorverwezen", "niet_uitvoerbaar", "geen_actie_nodig"] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/**
 * Who may make a transition:
 * - `partner`: any member of any partner organisation;
 * - `owner`: a member of the issue's owner organisation;
 * - `reporter_window`: the reporter, within the reopen window after closing;
 * - `admin`: administrators may make every listed transition (so it is implied everywhere).
 * `getrieerd` is reached only through triage (the four questions), never a plain status change.
 */
export type TransitionActor = "partner" | "owner" | "reporter_window";
export type Requirement = "public_message" | "close_reason" | "reason" | "triage";

export type WorkflowRule = {
  from: readonly IssueStatus[];
  to: IssueStatus;
  who: readonly TransitionActor[];
  requires: readonly Requirement[];
};

export const WORKFLOW: readonly WorkflowRule[] = [
  { from: ["nieuw", "heropend"], to: "getrieerd", who: ["partner"], requires: ["triage", "public_message"] },
  {
    from: ["nieuw", "heropend"],
    to: "gesloten_niet_opgelost",
    who: ["partner"],
    requires: ["close_reason", "public_message"],
  },
  { from: ["getrieerd", "heropend"], to: "in_behandeling", who: ["owner"], requires: ["public_message"] },
  { from: ["getrieerd", "in_behandeling", "heropend"], to: "opgelost", who: ["owner"], requires: ["public_message"] },
  {
    from: ["getrieerd", "in_behandeling", "heropend"],
    to: "gesloten_niet_opgelost",
    who: ["owner"],
    requires: ["close_reason", "public_message"],
  },
  { from: ["opgelost"], to: "heropend", who: ["reporter_window", "owner"], requires: ["reason"] },
  { from: ["gesloten_niet_opgelost"], to: "heropend", who: ["owner"], requires: ["reason"] },
];

export function isIssueStatus(value: unknown): value is IssueStatus {
  return typeof value === "string" && (ISSUE_STATUSES as readonly string[]).includes(value);
}

/** The rules that allow from -> to (possibly two, with different actors). */
export function rulesFor(from: IssueStatus, to: IssueStatus) {
  return WORKFLOW.filter((rule) => rule.to === to && rule.from.includes(from));
}

export function canTransition(from: IssueStatus, to: IssueStatus) {
  return rulesFor(from, to).length > 0;
}

export function allowedTransitions(from: IssueStatus): IssueStatus[] {
  return [...new Set(WORKFLOW.filter((rule) => rule.from.includes(from)).map((rule) => rule.to))];
}

export function isClosed(status: IssueStatus) {
  return CLOSED_STATUSES.includes(status);
}

export const ISSUE_VISIBILITIES = ["public", "unconfirmed", "hidden"] as const;
export type IssueVisibility = (typeof ISSUE_VISIBILITIES)[number];
