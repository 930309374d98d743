import type { FieldMetadata } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { ArrowLeft } from "lucide-react";
import { ORGANISATION_TYPES, settingBounds, type OrganisationType } from "~/domain/admin-schemas";
import { MEMBERSHIP_ROLES, ROLES, type MembershipRole, type Role } from "~/domain/permissions";
import { t } from "~/i18n";
import { ErrorSummary, SelectField, TextareaField, TextField } from "./form-fields";

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

type TextFieldMeta = FieldMetadata<string | undefined | null> | FieldMetadata<string>;

/** Name, type and contact email of an organisation: the same fields when adding and editing. */
export function OrganisationFields({
  fields,
  formErrors,
}: {
  fields: { name: TextFieldMeta; type: TextFieldMeta; contactEmail: TextFieldMeta };
  formErrors?: string[];
}) {
  return (
    <>
      <ErrorSummary
        formErrors={formErrors}
        items={[
          { id: fields.name.id, label: t("admin.organisations.name"), errors: fields.name.errors },
          { id: fields.type.id, label: t("admin.organisations.type"), errors: fields.type.errors },
          { id: fields.contactEmail.id, label: t("admin.organisations.contactEmail"), errors: fields.contactEmail.errors },
        ]}
      />
      <TextField
        field={fields.name}
        label={t("admin.organisations.name")}
        hint={t("admin.organisations.nameHint")}
        inputProps={{ maxLength: 100 }}
      />
      <SelectField
        field={fields.type}
        label={t("admin.organisations.type")}
        placeholder={t("admin.organisations.typePlaceholder")}
        options={organisationTypeOptions}
      />
      <TextField
        field={fields.contactEmail}
        label={t("admin.organisations.contactEmail")}
        hint={t("admin.organisations.contactEmailHint")}
        optional
        type="email"
        autoComplete="off"
      />
    </>
  );
}

/** Name, description and resolution target of a theme: the same fields when adding and editing. */
export function ThemeFields({
  fields,
  defaultResolutionDays,
}: {
  fields: { name: TextFieldMeta; description: TextFieldMeta; resolutionTargetDays: FieldMetadata<unknown> };
  defaultResolutionDays: number;
}) {
  const bounds = settingBounds("resolutionTargetDays");
  return (
    <>
      <TextField field={fields.name} label={t("admin.themes.name")} hint={t("admin.themes.nameHint")} inputProps={{ maxLength: 80 }} />
      <TextareaField
        field={fields.description}
        label={t("admin.themes.description")}
        hint={t("admin.themes.descriptionHint")}
        optional
        rows={3}
      />
      <TextField
        field={fields.resolutionTargetDays as never}
        label={t("admin.themes.resolutionTargetDays")}
        hint={t("admin.themes.resolutionTargetDaysHint", { days: defaultResolutionDays })}
        optional
        type="number"
        inputProps={{ min: bounds.min, max: bounds.max, step: 1, inputMode: "numeric", className: "input w-32" }}
      />
    </>
  );
}
