import { z } from "zod";
import { t } from "~/i18n";

/**
 * Partnerschapskaart: which organisation plays which role per theme (GLOSSARY.md). The map is
 * data an administrator and coordinators edit; the triage form reads the trekker from it to
 * suggest an owner.
 */
export const PARTNERSHIP_ROLES = ["trekker", "bijdrager", "geinformeerd"] as const;
export type PartnershipRoleValue = (typeof PARTNERSHIP_ROLES)[number];
/** The form value for "no role" (the row is deleted). */
export const NO_PARTNERSHIP_ROLE = "geen";
export const PARTNERSHIP_CHOICES = [...PARTNERSHIP_ROLES, NO_PARTNERSHIP_ROLE] as const;
export type PartnershipChoice = (typeof PARTNERSHIP_CHOICES)[number];

export function isPartnershipRole(value: string): value is PartnershipRoleValue {
  return (PARTNERSHIP_ROLES as readonly string[]).includes(value);
}

/** Ids are cuids in the app and short codes in fixtures: letters, digits, - and _ only. */
const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

/** One row of the map: the roles of one organisation, keyed by theme id. */
export const partnershipRowSchema = z.object({
  organisationId: recordId,
  roles: z.record(recordId, z.enum(PARTNERSHIP_CHOICES, { error: t("admin.partnership.invalidRole") }), {
    error: t("admin.partnership.invalidRole"),
  }),
});
export type PartnershipRowInput = z.infer<typeof partnershipRowSchema>;

export type LeadStatus = { kind: "none" } | { kind: "one" } | { kind: "many"; count: number };

/** A theme should have exactly one trekker; none or several is shown as a warning. */
export function leadStatus(trekkerCount: number): LeadStatus {
  if (trekkerCount === 0) return { kind: "none" };
  if (trekkerCount === 1) return { kind: "one" };
  return { kind: "many", count: trekkerCount };
}
