import { z } from "zod";
import { t } from "~/i18n";

/** Limits of a solution in the oplossingenbank. */
export const SOLUTION_TITLE_MIN = 5;
export const SOLUTION_TITLE_MAX = 120;
export const SOLUTION_DESCRIPTION_MIN = 10;
export const SOLUTION_DESCRIPTION_MAX = 4000;
export const SOLUTION_HOW_TO_REQUEST_MAX = 2000;

const themeCode = z
  .string({ error: t("solutions.validation.themesRequired") })
  .regex(/^[a-z0-9_-]{1,40}$/, t("solutions.validation.themeUnknown"));

/**
 * The create and edit form of a solution, shared by the actions and the browser (conform).
 * Themes are sent by code (a checkbox per theme); whether each code is an active theme and
 * whether the actor may choose the organisation is checked on the server.
 */
export const solutionSchema = z.object({
  title: z
    .string({ error: t("solutions.validation.titleRequired") })
    .trim()
    .min(SOLUTION_TITLE_MIN, t("solutions.validation.titleTooShort"))
    .max(SOLUTION_TITLE_MAX, t("solutions.validation.titleTooLong")),
  description: z
    .string({ error: t("solutions.validation.descriptionRequired") })
    .trim()
    .min(SOLUTION_DESCRIPTION_MIN, t("solutions.validation.descriptionTooShort"))
    .max(SOLUTION_DESCRIPTION_MAX, t("solutions.validation.descriptionTooLong")),
  howToRequest: z
    .string()
    .trim()
    .max(SOLUTION_HOW_TO_REQUEST_MAX, t("solutions.validation.howToRequestTooLong"))
    .optional(),
  themes: z
    .array(themeCode, { error: t("solutions.validation.themesRequired") })
    .min(1, t("solutions.validation.themesRequired"))
    .max(50, t("solutions.validation.themeUnknown"))
    .transform((codes) => [...new Set(codes)]),
  responsibleOrganisationId: z
    .string({ error: t("solutions.validation.organisationRequired") })
    .min(1, t("solutions.validation.organisationRequired"))
    .max(40, t("solutions.validation.organisationRequired")),
});

export type SolutionInput = z.output<typeof solutionSchema>;

/** Deletion from the detail page; only sent from the confirmation step. */
export const deleteSolutionSchema = z.object({ intent: z.literal("delete") });
