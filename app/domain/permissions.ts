/**
 * Who may do what, in one place. Loaders and actions call these rules; the UI uses the same
 * rules only to hide what a user may not do. Partner rules (triage, ownership) extend this file.
 */
export const ROLES = ["resident", "steering", "admin", "moderator"] as const;
export type Role = (typeof ROLES)[number];

export type Actor = {
  id: string;
  roles: readonly Role[];
  memberships: readonly { organisationId: string; role: string }[];
};

/** Actions that depend only on who the actor is, not on a particular record. */
export type Permission = "issue:report" | "issue:support" | "comment:create" | "admin:access";

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  resident: ["issue:report", "issue:support", "comment:create"],
  steering: ["issue:report", "issue:support", "comment:create"],
  moderator: ["issue:report", "issue:support", "comment:create"],
  admin: ["issue:report", "issue:support", "comment:create", "admin:access"],
};

export function hasPermission(actor: Pick<Actor, "roles"> | null, permission: Permission) {
  if (!actor) return false;
  return actor.roles.some((role) => ROLE_PERMISSIONS[role]?.includes(permission));
}

export function isPartner(actor: Pick<Actor, "memberships"> | null) {
  return !!actor && actor.memberships.length > 0;
}

export function canDeleteComment(actor: Pick<Actor, "id" | "roles"> | null, comment: { authorId: string | null }) {
  if (!actor) return false;
  if (comment.authorId !== null && comment.authorId === actor.id) return true;
  return actor.roles.includes("moderator") || actor.roles.includes("admin");
}
