import { Link } from "@remix-run/react";
import { ArrowLeft } from "lucide-react";
import { ORGANISATION_TYPES, type OrganisationType } from "~/domain/admin-schemas";
import { MEMBERSHIP_ROLES, ROLES, type MembershipRole, type Role } from "~/domain/permissions";
import { t } from "~/i18n";

/** Small shared pieces of the admin pages (/admin/*). */

export function organisationTypeLabel(type: string) {
  return (ORGANISATION_TYPES as readonly string[]).includes(type)
    ? t(`admin.organisationTypes.${type as OrganisationType}`)
    : type;
}

export const organisationTypeOptions = ORGANISATION_TYPES.map((type) => ({
  value: type,
  label: t(`admin.organisationTypes.${type}`),
}));

export function roleLabel(role: string) {
  return (ROLES as readonly string[]).includes(role) ? t(`admin.roles.${role as Role}`) : role;
}

export function membershipRoleLabel(role: string) {
  return (MEMBERSHIP_ROLES as readonly string[]).includes(role)
    ? t(`admin.membershipRoles.${role as MembershipRole}`)
    : role;
}

export const membershipRoleOptions = MEMBERSHIP_ROLES.map((role) => ({
  value: role,
  label: t(`admin.membershipRoles.${role}`),
}));

export function BackLink({ to, children }: { to: string; children: React.ReactNode }) {
  return (
    <Link to={to} className="inline-flex min-h-11 items-center gap-1">
      <ArrowLeft aria-hidden="true" className="h-4 w-4" />
      {children}
    </Link>
  );
}

/** A form-level message (e.g. after a stale page) that screen readers announce. */
export function FormAlert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border-l-8 border-red-700 bg-red-50 p-3 font-semibold text-red-900">
      {message}
    </p>
  );
}

/** The first message of a submission result, for small forms without fields of their own. */
export function firstError(result: { error?: Record<string, string[] | null> | null } | null | undefined) {
  return Object.values(result?.error ?? {})
    .flatMap((messages) => messages ?? [])
    .at(0);
}
