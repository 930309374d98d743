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

const TRANSITIONS: Record<IssueStatus, readonly IssueStatus[]> = {
  nieuw: ["getrieerd", "in_behandeling", "opgelost", "gesloten_niet_opgelost"],
  getrieerd: ["in_behandeling", "opgelost", "gesloten_niet_opgelost"],
  in_behandeling: ["opgelost", "gesloten_niet_opgelost"],
  opgelost: ["heropend"],
  gesloten_niet_opgelost: ["heropend"],
  heropend: ["getrieerd", "in_behandeling", "opgelost", "gesloten_niet_opgelost"],
};

export function isIssueStatus(value: unknown): value is IssueStatus {
  return typeof value === "string" && (ISSUE_STATUSES as readonly string[]).includes(value);
}

export function canTransition(from: IssueStatus, to: IssueStatus) {
  return TRANSITIONS[from].includes(to);
}

export function allowedTransitions(from: IssueStatus): readonly IssueStatus[] {
  return TRANSITIONS[from];
}

export function isClosed(status: IssueStatus) {
  return CLOSED_STATUSES.includes(status);
}

export const ISSUE_VISIBILITIES = ["public", "unconfirmed", "hidden"] as const;
export type IssueVisibility = (typeof ISSUE_VISIBILITIES)[number];
