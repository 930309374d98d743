import { rulesFor, UNTRIAGED_STATUSES, type IssueStatus } from "./issue-status";

/**
 * Who may do what, in one place. Loaders and actions call these rules; the UI uses the same
 * rules only to hide what a user may not do. Everything here is pure and unit-tested as a
 * matrix (permissions.test.ts).
 */
export const ROLES = ["resident", "steering", "admin", "moderator"] as const;
export type Role = (typeof ROLES)[number];
export const MEMBERSHIP_ROLES = ["member", "coordinator"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export type Actor = {
  id: string;
  roles: readonly Role[];
  memberships: readonly { organisationId: string; role: string }[];
};
type MaybeActor = Actor | null | undefined;

export type IssueForPermissions = {
  status: string;
  ownerOrganisationId: string | null;
  reporterId: string | null;
  closedAt: Date | string | null;
};

/** Actions that depend only on who the actor is, not on a particular record. */
export type Permission = "issue:report" | "issue:support" | "comment:create" | "admin:access";

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  resident: ["issue:report", "issue:support", "comment:create"],
  steering: ["issue:report", "issue:support", "comment:create"],
  moderator: ["issue:report", "issue:support", "comment:create"],
  admin: ["issue:report", "issue:support", "comment:create", "admin:access"],
};

export function hasPermission(actor: Pick<Actor, "roles"> | null | undefined, permission: Permission) {
  if (!actor) return false;
  return actor.roles.some((role) => ROLE_PERMISSIONS[role]?.includes(permission));
}

export function isAdmin(actor: MaybeActor) {
  return !!actor && actor.roles.includes("admin");
}

/** A partner is a user with at least one membership in an organisation. */
export function isPartner(actor: Pick<Actor, "memberships"> | null | undefined) {
  return !!actor && actor.memberships.length > 0;
}

export function isMemberOf(actor: MaybeActor, organisationId: string | null | undefined) {
  return !!actor && !!organisationId && actor.memberships.some((m) => m.organisationId === organisationId);
}

export function isCoordinatorOf(actor: MaybeActor, organisationId: string | null | undefined) {
  return (
    !!actor &&
    !!organisationId &&
    actor.memberships.some((m) => m.organisationId === organisationId && m.role === "coordinator")
  );
}

/** Triage queue, internal notes and the audit trail: partner members and admins only. */
export function canSeePartnerArea(actor: MaybeActor) {
  return isPartner(actor) || isAdmin(actor);
}

export function isUntriaged(issue: Pick<IssueForPermissions, "status">) {
  return (UNTRIAGED_STATUSES as readonly string[]).includes(issue.status);
}

/**
 * Answer the four questions: any partner member for an untriaged issue (nieuw, heropend);
 * re-triage of a triaged issue only by coordinators of its owner organisation. Admins always.
 */
export function canTriage(actor: MaybeActor, issue: Pick<IssueForPermissions, "status" | "ownerOrganisationId">) {
  if (isAdmin(actor)) return true;
  if (isUntriaged(issue)) return isPartnerFor(actor, issue);
  if (issue.status === "opgelost" || issue.status === "gesloten_niet_opgelost") return false;
  return isCoordinatorOf(actor, issue.ownerOrganisationId);
}

/**
 * A partner's right on an untriaged issue (triage it, close it): any partner while nobody owns
 * it; once an organisation claimed it (or owned it before it was reopened), only that
 * organisation's members. Others ask for a hand-over instead of taking or closing it.
 */
function isPartnerFor(actor: MaybeActor, issue: Pick<IssueForPermissions, "ownerOrganisationId">) {
  return issue.ownerOrganisationId === null ? isPartner(actor) : isMemberOf(actor, issue.ownerOrganisationId);
}

/** "Wij pakken dit op": an issue without owner, for one's own organisation. */
export function canClaim(
  actor: MaybeActor,
  issue: Pick<IssueForPermissions, "ownerOrganisationId">,
  organisationId: string,
) {
  return issue.ownerOrganisationId === null && isMemberOf(actor, organisationId);
}

/** Hand over: members of the owner organisation only (admins are not in this row of the spec). */
export function canHandOver(actor: MaybeActor, issue: Pick<IssueForPermissions, "ownerOrganisationId">) {
  return isMemberOf(actor, issue.ownerOrganisationId);
}

/** Accept or decline a hand-over: members of the receiving organisation only. */
export function canRespondToHandover(actor: MaybeActor, handover: { toOrganisationId: string }) {
  return isMemberOf(actor, handover.toOrganisationId);
}

/** Public updates without a status change: the owner organisation and admins. */
export function canPostPublicUpdate(actor: MaybeActor, issue: Pick<IssueForPermissions, "ownerOrganisationId">) {
  return isAdmin(actor) || isMemberOf(actor, issue.ownerOrganisationId);
}

/** Send an issue to an organisation's own Open311 system again: its members and admins. */
export function canRetryExternalSend(actor: MaybeActor, request: { organisationId: string }) {
  return isAdmin(actor) || isMemberOf(actor, request.organisationId);
}

export function canWriteInternalNote(actor: MaybeActor) {
  return canSeePartnerArea(actor);
}

/**
 * Merge a duplicate into the kept issue: members of the kept issue's owner organisation, when
 * the duplicate has no owner or the same one (merging closes the duplicate: another
 * organisation's issue is theirs to close). Without `duplicate`: may this actor merge into
 * `kept` at all (the form on the page).
 */
export function canMerge(
  actor: MaybeActor,
  kept: Pick<IssueForPermissions, "ownerOrganisationId">,
  duplicate?: Pick<IssueForPermissions, "ownerOrganisationId">,
) {
  if (isAdmin(actor)) return true;
  if (!isMemberOf(actor, kept.ownerOrganisationId)) return false;
  return !duplicate || duplicate.ownerOrganisationId === null || isMemberOf(actor, duplicate.ownerOrganisationId);
}

export function canCreateSolution(actor: MaybeActor) {
  return isPartner(actor) || isAdmin(actor);
}

export function canEditSolution(actor: MaybeActor, solution: { responsibleOrganisationId: string }) {
  return isAdmin(actor) || isMemberOf(actor, solution.responsibleOrganisationId);
}

/** Partnerschapskaart: admins edit every row, coordinators their own organisation's row. */
export function canEditPartnershipRow(actor: MaybeActor, organisationId: string) {
  return isAdmin(actor) || isCoordinatorOf(actor, organisationId);
}

/** Partnerschapskaart, read-only: partner members, steering group members and admins. */
export function canViewPartnershipMap(actor: MaybeActor) {
  return canSeePartnerArea(actor) || (!!actor && actor.roles.includes("steering"));
}

export function isSteeringMember(actor: MaybeActor) {
  return !!actor && actor.roles.includes("steering");
}

/**
 * Steering group work: set the residents' agenda (add, order, remove with a reason), meetings
 * and their minutes and decisions, and the belangenkaart. Steering group members and admins.
 */
export function canManageSteering(actor: MaybeActor) {
  return isSteeringMember(actor) || isAdmin(actor);
}

/** The structural trends dashboard (/stuurgroep): steering group, partner members, admins. */
export function canViewDashboard(actor: MaybeActor) {
  return isSteeringMember(actor) || canSeePartnerArea(actor);
}

/** The belangenkaart, read-only: partner members, steering group members and admins. */
export function canViewInterestMap(actor: MaybeActor) {
  return canViewDashboard(actor);
}

/** Beheer (organisations, people, themes, settings): admins only. */
export function canAdminister(actor: MaybeActor) {
  return hasPermission(actor, "admin:access");
}

/**
 * Set a person's global roles: admins, except that nobody takes away their own admin role
 * (lock-out protection: another admin has to do it, so there is always an admin left).
 */
export function canSetRoles(actor: MaybeActor, target: { id: string }, roles: readonly string[]) {
  if (!actor || !canAdminister(actor)) return false;
  return actor.id !== target.id || roles.includes("admin");
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * May this actor move the issue to `to`? Checks the workflow table (issue-status.ts) and who
 * each rule allows. Admins may make every listed transition. `getrieerd` is only reached
 * through triage, so plain status changes to it are refused here.
 */
export function canChangeStatus(
  actor: MaybeActor,
  issue: IssueForPermissions,
  to: IssueStatus,
  options: { now?: Date; reopenWindowDays?: number; viaTriage?: boolean } = {},
) {
  if (!actor) return false;
  const from = issue.status as IssueStatus;
  const rules = rulesFor(from, to);
  if (rules.length === 0) return false;
  if (rules.every((rule) => rule.requires.includes("triage")) && !options.viaTriage) return false;
  if (isAdmin(actor)) return true;
  const now = options.now ?? new Date();
  const window = (options.reopenWindowDays ?? 30) * DAY;
  return rules.some((rule) =>
    rule.who.some((who) => {
      if (who === "partner") return isPartnerFor(actor, issue);
      if (who === "owner") return isMemberOf(actor, issue.ownerOrganisationId);
      // who === "reporter_window": the reporter, within the window after closing.
      return (
        issue.reporterId !== null &&
        issue.reporterId === actor.id &&
        issue.closedAt !== null &&
        now.getTime() - new Date(issue.closedAt).getTime() <= window
      );
    }),
  );
}

export function canDeleteComment(
  actor: Pick<Actor, "id" | "roles"> | null | undefined,
  comment: { authorId: string | null },
) {
  if (!actor) return false;
  if (comment.authorId !== null && comment.authorId === actor.id) return true;
  return actor.roles.includes("moderator") || actor.roles.includes("admin");
}

/* ---------------------------------------------------------------------------------------------
 * Moderation
 * ------------------------------------------------------------------------------------------- */

/** The moderation queue: hide, dismiss, unhide and edit any issue's text. Moderators and admins. */
export function canModerate(actor: Pick<Actor, "roles"> | null | undefined) {
  return !!actor && (actor.roles.includes("moderator") || actor.roles.includes("admin"));
}

/**
 * "Ongepast melden": everybody, also without an account (the lowest possible threshold). Abuse
 * is limited by rate limits and one open flag per person or address, not by this rule.
 */
export function canFlag(_actor: MaybeActor) {
  return true;
}

/**
 * Content a moderator hid stays readable for the people who handle issues: moderators, admins
 * and partner members (with a banner). Also the earlier versions of an issue's text.
 */
export function canSeeHiddenContent(actor: MaybeActor) {
  return canModerate(actor) || isPartner(actor);
}

/** Reporters may change the title and description of their own issue this long after posting. */
export const REPORTER_EDIT_WINDOW_MS = 60 * 60 * 1000;

export type IssueForTextEdit = {
  reporterId: string | null;
  createdAt: Date | string;
  visibility: string;
};

/**
 * Who edits an issue's text, and in which role: the reporter within the first hour after posting
 * (not once a moderator hid it), otherwise moderators and admins (their edits keep history and
 * are shown as "bewerkt door moderator"). Null: may not edit.
 */
export function issueTextEditorRole(
  actor: MaybeActor,
  issue: IssueForTextEdit,
  now: Date = new Date(),
): "reporter" | "moderator" | null {
  if (!actor) return null;
  const isReporter = issue.reporterId !== null && issue.reporterId === actor.id;
  if (isReporter && issue.visibility !== "hidden" && now.getTime() < reporterEditDeadline(issue).getTime()) {
    return "reporter";
  }
  return canModerate(actor) ? "moderator" : null;
}

export function canEditIssueText(actor: MaybeActor, issue: IssueForTextEdit, now: Date = new Date()) {
  return issueTextEditorRole(actor, issue, now) !== null;
}

/** Until when the reporter may edit (exclusive). */
export function reporterEditDeadline(issue: Pick<IssueForTextEdit, "createdAt">) {
  return new Date(new Date(issue.createdAt).getTime() + REPORTER_EDIT_WINDOW_MS);
}
