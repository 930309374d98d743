import { z } from "zod";
import { t } from "~/i18n";
import { MEMBERSHIP_ROLES, ROLES } from "./permissions";
import { settingsSchema, type Settings } from "./settings";

/** Form schemas of the admin area, shared by the actions and the browser (conform). */

/** Organisation.type values (schema.prisma); the labels live in the catalogue (admin.organisationTypes). */
export const ORGANISATION_TYPES = [
  "gemeente",
  "corporatie",
  "welzijn",
  "bewonersondersteuning",
  "politie",
  "hulpverlening",
  "overig",
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Ids are cuids in the app and short codes in fixtures: letters, digits, - and _ only. */
const recordId = (message?: string) =>
  z.string(message ? { error: message } : undefined).regex(/^[A-Za-z0-9_-]{1,40}$/, message);

const email = (required: string) =>
  z
    .string({ error: required })
    .trim()
    .toLowerCase()
    .max(254, t("admin.validation.emailInvalid"))
    .pipe(z.email({ error: t("admin.validation.emailInvalid") }));

const membershipRole = z.enum(MEMBERSHIP_ROLES, { error: t("admin.validation.membershipRoleRequired") });

// Organisations ------------------------------------------------------------------------------

const organisationFields = {
  name: z
    .string({ error: t("admin.validation.organisationNameRequired") })
    .trim()
    .min(1, t("admin.validation.organisationNameRequired"))
    .max(100, t("admin.validation.organisationNameTooLong")),
  type: z.enum(ORGANISATION_TYPES, { error: t("admin.validation.organisationTypeRequired") }),
  contactEmail: email(t("admin.validation.emailRequired")).optional(),
};

export const createOrganisationSchema = z.object({ intent: z.literal("create"), ...organisationFields });
export const updateOrganisationSchema = z.object({ intent: z.literal("update"), ...organisationFields });

export const addMemberSchema = z.object({
  intent: z.literal("addMember"),
  email: email(t("admin.validation.emailRequired")),
  role: membershipRole,
});
export const setMemberRoleSchema = z.object({ intent: z.literal("setRole"), userId: recordId(), role: membershipRole });
export const removeMemberSchema = z.object({ intent: z.literal("removeMember"), userId: recordId() });

// People -------------------------------------------------------------------------------------

export const peopleSearchSchema = z.object({
  q: z.string().trim().max(100, t("admin.validation.searchTooLong")).optional(),
});

export const personRolesSchema = z.object({
  intent: z.literal("roles"),
  roles: z
    .array(z.enum(ROLES, { error: t("admin.validation.rolesRequired") }), { error: t("admin.validation.rolesRequired") })
    .min(1, t("admin.validation.rolesRequired")),
});
export const addMembershipSchema = z.object({
  intent: z.literal("addMembership"),
  organisationId: recordId(t("admin.validation.organisationRequired")),
  role: membershipRole,
});
export const setMembershipRoleSchema = z.object({
  intent: z.literal("setRole"),
  organisationId: recordId(),
  role: membershipRole,
});
export const removeMembershipSchema = z.object({ intent: z.literal("removeMembership"), organisationId: recordId() });

// Settings and themes ------------------------------------------------------------------------

/** The bounds of a setting, read from settingsSchema so they live in one place. */
export function settingBounds(key: keyof Settings) {
  const field = settingsSchema.shape[key];
  return { min: field.minValue ?? 1, max: field.maxValue ?? Number.MAX_SAFE_INTEGER };
}

function wholeNumber(bounds: { min: number; max: number }, message: string) {
  return z.number({ error: message }).int(message).min(bounds.min, message).max(bounds.max, message);
}

const settingsKeys = Object.keys(settingsSchema.shape) as (keyof Settings)[];

/** The settings form: the same bounds as settingsSchema, with a Dutch message per field. */
export const settingsFormSchema = z.object(
  Object.fromEntries(
    settingsKeys.map((key) => {
      const bounds = settingBounds(key);
      return [key, wholeNumber(bounds, t("admin.validation.wholeNumber", bounds))];
    }),
  ) as Record<keyof Settings, z.ZodNumber>,
);

const resolutionBounds = settingBounds("resolutionTargetDays");

const themeFields = {
  name: z
    .string({ error: t("admin.validation.themeNameRequired") })
    .trim()
    .min(1, t("admin.validation.themeNameRequired"))
    .max(80, t("admin.validation.themeNameTooLong")),
  description: z.string().trim().max(500, t("admin.validation.themeDescriptionTooLong")).optional(),
  /** Empty means: use the default from the settings. */
  resolutionTargetDays: wholeNumber(
    resolutionBounds,
    t("admin.validation.wholeNumberOrEmpty", resolutionBounds),
  ).optional(),
};

/** The code becomes the Open311 service_code: lowercase letters, digits, - and _, never changed. */
export const THEME_CODE_PATTERN = /^[a-z0-9_-]{2,40}$/;

export const createThemeSchema = z.object({
  intent: z.literal("create"),
  code: z
    .string({ error: t("admin.validation.themeCodeRequired") })
    .trim()
    .toLowerCase()
    .regex(THEME_CODE_PATTERN, t("admin.validation.themeCodeInvalid")),
  ...themeFields,
});
/** No code field: a posted code is ignored (zod strips unknown keys). */
export const updateThemeSchema = z.object({ intent: z.literal("update"), ...themeFields });
export const retireThemeSchema = z.object({ intent: z.enum(["retire", "unretire"]), themeId: recordId() });
