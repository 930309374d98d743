/**
 * What can be flagged and why, without zod: the flag form's parts that the browser needs on
 * first load (the issue page). The schemas are in moderation.ts, which re-exports these.
 */

export const FLAG_TARGET_TYPES = ["issue", "comment", "photo"] as const;
export type FlagTargetType = (typeof FLAG_TARGET_TYPES)[number];

/** Why a visitor flags something; also the common reasons a moderator hides something for. */
export const FLAG_REASONS = ["persoonsgegevens", "beledigend", "spam", "onjuist", "anders"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export const FLAG_NOTE_MAX = 500;

export type FlagTarget =
  | { type: "issue"; issueId: number }
  | { type: "comment"; issueId: number; commentId: string }
  | { type: "photo"; issueId: number; photoId: string };

/** The flag URL of a target (the form posts there; without JavaScript it is also the page). */
export function flagPath(target: FlagTarget) {
  const search = new URLSearchParams({ melding: String(target.issueId) });
  if (target.type === "comment") search.set("reactie", target.commentId);
  if (target.type === "photo") search.set("foto", target.photoId);
  return `/moderatie/melden?${search.toString()}`;
}
