import { z } from "zod";
import { t } from "~/i18n";

/**
 * Belangenkaart (interest map): how much each party, a partner organisation or a resident
 * group, cares about each theme (GLOSSARY.md). The steering group keeps it; read beside the
 * partnerschapskaart it shows themes that matter a lot to someone but have no trekker.
 */
export const PARTY_KINDS = ["organisatie", "bewonersgroep"] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];
export const INTEREST_LEVELS = ["hoog", "midden", "laag"] as const;
export type InterestLevel = (typeof INTEREST_LEVELS)[number];
/** The form value for "no interest recorded" (the row is deleted). */
export const NO_INTEREST = "geen";
export const INTEREST_CHOICES = [...INTEREST_LEVELS, NO_INTEREST] as const;
export type InterestChoice = (typeof INTEREST_CHOICES)[number];
export const NOTE_MAX = 300;

export function isInterestLevel(value: string): value is InterestLevel {
  return (INTEREST_LEVELS as readonly string[]).includes(value);
}

export function isPartyKind(value: string): value is PartyKind {
  return (PARTY_KINDS as readonly string[]).includes(value);
}

/** Ids are cuids in the app and short codes in fixtures: letters, digits, - and _ only. */
const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

export const addPartySchema = z.object({
  intent: z.literal("add"),
  name: z
    .string({ error: t("interests.validation.nameRequired") })
    .trim()
    .min(2, t("interests.validation.nameRequired"))
    .max(100, t("interests.validation.nameTooLong")),
  kind: z.enum(PARTY_KINDS, { error: t("interests.validation.kindRequired") }),
});

/**
 * One row of the map: the interests of one party, keyed by theme id. A partner organisation
 * without a party yet is addressed by `organisationId`; saving creates its party.
 */
export const interestRowSchema = z
  .object({
    intent: z.literal("save"),
    partyId: recordId.optional(),
    organisationId: recordId.optional(),
    levels: z.record(recordId, z.enum(INTEREST_CHOICES, { error: t("interests.validation.levelInvalid") }), {
      error: t("interests.validation.levelInvalid"),
    }),
    notes: z.record(recordId, z.string().trim().max(NOTE_MAX, t("interests.validation.noteTooLong"))).optional(),
  })
  .refine((value) => !!value.partyId !== !!value.organisationId, {
    message: t("interests.validation.partyUnknown"),
    path: ["partyId"],
  });
export type InterestRowInput = z.infer<typeof interestRowSchema>;

export const removePartySchema = z.object({ intent: z.literal("remove"), partyId: recordId });

/**
 * Themes where at least one party has interest `hoog` but no organisation is trekker: someone
 * cares a lot and nobody leads. In theme order.
 */
export function highInterestWithoutTrekker<T extends { id: string; trekkerIds: readonly string[] }>(
  themes: readonly T[],
  interests: readonly { themeId: string; level: string }[],
): T[] {
  const high = new Set(interests.filter((i) => i.level === "hoog").map((i) => i.themeId));
  return themes.filter((theme) => high.has(theme.id) && theme.trekkerIds.length === 0);
}

/** Circle radius for the graphical view: bigger means more interest. */
export const LEVEL_RADIUS: Record<InterestLevel, number> = { hoog: 15, midden: 10, laag: 5 };
