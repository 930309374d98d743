import { z } from "zod";
import { t } from "~/i18n";
import { withoutPersonalData } from "./personal-data";
import { DESCRIPTION_MAX, DESCRIPTION_MIN, TITLE_MAX, TITLE_MIN } from "./report-limits";

export * from "./report-limits";

const coordinate = (min: number, max: number) =>
  z.coerce
    .number({ error: t("report.validation.locationRequired") })
    .min(min, t("report.validation.locationRequired"))
    .max(max, t("report.validation.locationRequired"));

const base = z.object({
  themeCode: z
    .string({ error: t("report.validation.themeRequired") })
    .regex(/^[a-z0-9_-]{1,40}$/, t("report.validation.themeUnknown")),
  // Title and description are public: no email address, phone number or home address in them.
  title: withoutPersonalData(
    z
      .string({ error: t("report.validation.titleRequired") })
      .trim()
      .min(TITLE_MIN, t("report.validation.titleTooShort"))
      .max(TITLE_MAX, t("report.validation.titleTooLong")),
  ),
  description: withoutPersonalData(
    z
      .string({ error: t("report.validation.descriptionRequired") })
      .trim()
      .min(DESCRIPTION_MIN, t("report.validation.descriptionTooShort"))
      .max(DESCRIPTION_MAX, t("report.validation.descriptionTooLong")),
  ),
  /** Checked on the server from the bytes themselves (app/utils/photos.server.ts). */
  photo: z.unknown().optional(),
});

/**
 * Either a pin on the map (lat/lng, checked against the buurt polygons on the server) or a
 * chosen buurt with a description of the place (stored at the buurt centre, approximate).
 */
export const reportSchema = z.discriminatedUnion("locationMode", [
  base.extend({
    locationMode: z.literal("kaart"),
    lat: coordinate(-90, 90),
    lng: coordinate(-180, 180),
  }),
  base.extend({
    locationMode: z.literal("omschrijving"),
    buurtCode: z
      .string({ error: t("report.validation.buurtRequired") })
      .regex(/^BU\d{8}$/, t("report.validation.buurtRequired")),
    // Public too (issue page, Open311): a place, not a phone number or someone's home address.
    placeDescription: withoutPersonalData(
      z
        .string({ error: t("report.validation.placeRequired") })
        .trim()
        .min(3, t("report.validation.placeRequired"))
        .max(200, t("report.validation.placeTooLong")),
    ),
  }),
]);

export type ReportInput = z.infer<typeof reportSchema>;

/** The address a person without an account gives: the confirmation link goes there. */
export const confirmationEmail = z
  .string({ error: t("confirm.validation.emailRequired") })
  .trim()
  .toLowerCase()
  .min(1, t("confirm.validation.emailRequired"))
  .max(254, t("confirm.validation.emailInvalid"))
  .pipe(z.email({ error: t("confirm.validation.emailInvalid") }));

/** A report by someone who is not logged in: the same report plus the email to confirm it. */
export const anonymousReportSchema = reportSchema.and(z.object({ email: confirmationEmail }));

export type AnonymousReportInput = z.infer<typeof anonymousReportSchema>;

/** Supporting an issue without an account. */
export const anonymousSupportSchema = z.object({ email: confirmationEmail });
