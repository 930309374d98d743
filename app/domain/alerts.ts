import { z } from "zod";
import { t } from "~/i18n";
import { distanceMeters, type LatLng } from "./geo";

/**
 * E-mailattenties (area alerts): rules without I/O. A subscription is about one buurt, a circle
 * around a point, or one theme, and mails either at once or in a daily digest.
 */
export const ALERT_KINDS = ["buurt", "straal", "thema"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_FREQUENCIES = ["direct", "dagelijks"] as const;
export type AlertFrequency = (typeof ALERT_FREQUENCIES)[number];

export const ALERT_RADII = [100, 250, 500, 1000] as const;
export const MAX_ALERT_RADIUS = Math.max(...ALERT_RADII);

/** How long a confirmation link works, and when unconfirmed subscriptions are wiped. */
export const CONFIRM_TTL_MS = 48 * 60 * 60 * 1000;
export const UNCONFIRMED_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export function isAlertFrequency(value: unknown): value is AlertFrequency {
  return ALERT_FREQUENCIES.includes(value as AlertFrequency);
}

const email = z
  .string({ error: t("alerts.validation.emailRequired") })
  .trim()
  .toLowerCase()
  .max(254, t("alerts.validation.emailInvalid"))
  .pipe(z.email({ error: t("alerts.validation.emailInvalid") }));

const frequency = z.enum(ALERT_FREQUENCIES, { error: t("alerts.validation.frequencyRequired") });

const coordinate = (min: number, max: number) =>
  z.coerce
    .number({ error: t("alerts.validation.placeRequired") })
    .min(min, t("alerts.validation.placeRequired"))
    .max(max, t("alerts.validation.placeRequired"));

const base = z.object({ email, frequency });

/**
 * The subscribe form. Only the fields of the chosen kind are read, so a form posted without
 * JavaScript (all fields present) works too. Whether the buurt or theme exists and the point
 * lies in Blerick is checked on the server.
 */
export const alertSubscribeSchema = z.discriminatedUnion(
  "kind",
  [
    base.extend({
      kind: z.literal("buurt"),
      buurtCode: z
        .string({ error: t("alerts.validation.buurtRequired") })
        .regex(/^BU\d{8}$/, t("alerts.validation.buurtRequired")),
    }),
    base.extend({
      kind: z.literal("straal"),
      lat: coordinate(-90, 90),
      lng: coordinate(-180, 180),
      radiusMeters: z
        .string({ error: t("alerts.validation.radiusInvalid") })
        .refine((value) => ALERT_RADII.some((radius) => String(radius) === value), t("alerts.validation.radiusInvalid"))
        .transform(Number),
    }),
    base.extend({
      kind: z.literal("thema"),
      themeCode: z
        .string({ error: t("alerts.validation.themeRequired") })
        .regex(/^[a-z0-9_-]{1,40}$/, t("alerts.validation.themeUnknown")),
    }),
  ],
  { error: t("alerts.validation.kindRequired") },
);

export type AlertSubscribeInput = z.infer<typeof alertSubscribeSchema>;

/** Changing how often mail comes, on /account. */
export const alertFrequencySchema = z.object({
  subscriptionId: z.string().min(1).max(64),
  frequency,
});

export const alertDeleteSchema = z.object({ subscriptionId: z.string().min(1).max(64) });

export type AlertCriteria = {
  kind: string;
  buurtCode: string | null;
  themeId: string | null;
  lat: number | null;
  lng: number | null;
  radiusMeters: number | null;
  /** Subscriptions to a theme that was retired later stay quiet (the theme is no longer offered). */
  themeRetired?: boolean;
};

export type AlertIssue = LatLng & { buurtCode: string; themeId: string };

/** Whether a new issue is one this subscription asked about. A circle includes its edge. */
export function alertMatches(subscription: AlertCriteria, issue: AlertIssue) {
  switch (subscription.kind) {
    case "buurt":
      return subscription.buurtCode === issue.buurtCode;
    case "thema":
      return subscription.themeId === issue.themeId && !subscription.themeRetired;
    case "straal":
      if (subscription.lat === null || subscription.lng === null || subscription.radiusMeters === null) return false;
      return distanceMeters({ lat: subscription.lat, lng: subscription.lng }, issue) <= subscription.radiusMeters;
    default:
      return false;
  }
}

export function radiusLabel(meters: number) {
  return meters === 1000 ? t("alerts.describe.kilometer") : t("alerts.describe.meters", { meters });
}

/** "Nieuwe meldingen in Vossener-Noord", for pages and mail. */
export function describeAlert(subscription: {
  kind: string;
  buurtName?: string | null;
  themeName?: string | null;
  themeRetired?: boolean;
  radiusMeters?: number | null;
  /** The buurt the centre of a circle lies in. */
  centreBuurtName?: string | null;
}) {
  switch (subscription.kind) {
    case "buurt":
      return t("alerts.describe.buurt", { buurt: subscription.buurtName ?? "" });
    case "thema":
      return t(subscription.themeRetired ? "alerts.describe.themaRetired" : "alerts.describe.thema", {
        theme: subscription.themeName ?? "",
      });
    default: {
      const radius = radiusLabel(subscription.radiusMeters ?? 0);
      return subscription.centreBuurtName
        ? t("alerts.describe.straal", { radius, buurt: subscription.centreBuurtName })
        : t("alerts.describe.straalOutside", { radius });
    }
  }
}

export function frequencyLabel(frequency: string) {
  return frequency === "dagelijks" ? t("alerts.describe.dagelijks") : t("alerts.describe.direct");
}
