import { z } from "zod";

/**
 * Settings administrators edit (stored in the Setting table as JSON per key). Every setting
 * has a default here, so a fresh database works without any rows.
 */
export const settingsSchema = z.object({
  /** A partner answers (triages) a new issue within this many working days. */
  triageTargetDays: z.number().int().min(1).max(60),
  /** Default resolution target in working days; a theme may set its own. */
  resolutionTargetDays: z.number().int().min(1).max(365),
  /** Issues with at least this many supports go on the residents' agenda. */
  agendaSupportThreshold: z.number().int().min(1).max(1000),
  /** The reporter may reopen a solved issue within this many days. */
  reopenWindowDays: z.number().int().min(1).max(365),
  /** "Mogelijk structureel": at least this many issues of one theme close together... */
  signalMinIssues: z.number().int().min(2).max(50),
  /** ...created within this many days (rolling window)... */
  signalWindowDays: z.number().int().min(7).max(365),
  /** ...each within this many metres of the group's centre. */
  signalRadiusMeters: z.number().int().min(25).max(2000),
  /** The reporter's name and contact details leave a closed issue this many months after closing. */
  reporterRetentionMonths: z.number().int().min(1).max(120),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  triageTargetDays: 5,
  resolutionTargetDays: 20,
  agendaSupportThreshold: 10,
  reopenWindowDays: 30,
  signalMinIssues: 3,
  signalWindowDays: 90,
  signalRadiusMeters: 250,
  reporterRetentionMonths: 12,
};

/** Working days are counted in this time zone (weekends and Dutch public holidays skipped). */
export const TIME_ZONE = "Europe/Amsterdam";
