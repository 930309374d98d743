import { z } from "zod";
import { t } from "~/i18n";
import { reporterEditDeadline } from "./permissions";
import { FLAG_NOTE_MAX, FLAG_REASONS, FLAG_TARGET_TYPES, type FlagReason, type FlagTarget } from "./flags";
import { reportSchema } from "./report-schema";

export * from "./flags";

/**
 * Moderation rules without I/O: what can be flagged and why (flags.ts, re-exported here), the
 * moderators' actions and the text edit of an issue. Who may do what lives in permissions.ts.
 */

export const HIDE_NOTE_MAX = 300;
export const EDIT_REASON_MAX = 500;

/** At most this many flags per person or address per hour. */
export const FLAG_RATE_LIMIT = { limit: 10, windowMs: 60 * 60 * 1000 };

const cuidLike = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
const issueIdParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * The target of a flag, from the query string of the flag URL
 * (/moderatie/melden?melding=12&reactie=...). Null when it makes no sense.
 */
export function parseFlagTarget(search: URLSearchParams): FlagTarget | null {
  const issueId = issueIdParam.safeParse(search.get("melding"));
  if (!issueId.success) return null;
  const comment = search.get("reactie");
  const photo = search.get("foto");
  if (comment !== null && photo !== null) return null;
  if (comment !== null) {
    const commentId = cuidLike.safeParse(comment);
    return commentId.success ? { type: "comment", issueId: issueId.data, commentId: commentId.data } : null;
  }
  if (photo !== null) {
    const photoId = cuidLike.safeParse(photo);
    return photoId.success ? { type: "photo", issueId: issueId.data, photoId: photoId.data } : null;
  }
  return { type: "issue", issueId: issueId.data };
}

/** The flag form: a reason and an optional note (required with "anders"). */
export const flagSchema = z
  .object({
    reason: z.enum(FLAG_REASONS, { error: t("moderation.flag.validation.reasonRequired") }),
    note: z.string().trim().max(FLAG_NOTE_MAX, t("moderation.flag.validation.noteTooLong")).optional(),
  })
  .superRefine((value, context) => {
    if (value.reason === "anders" && !value.note) {
      context.addIssue({ code: "custom", path: ["note"], message: t("moderation.flag.validation.noteRequired") });
    }
  });

const targetFields = {
  targetType: z.enum(FLAG_TARGET_TYPES),
  /** The issue number for issues, the comment or photo id otherwise. */
  targetId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
};

/** Hiding needs a reason the public will see: a common one, or "anders" with the moderator's words. */
export const hideSchema = z
  .object({
    intent: z.literal("hide"),
    ...targetFields,
    reason: z.enum(FLAG_REASONS, { error: t("moderation.queue.validation.reasonRequired") }),
    note: z.string().trim().max(HIDE_NOTE_MAX, t("moderation.queue.validation.noteTooLong")).optional(),
  })
  .superRefine((value, context) => {
    if (value.reason === "anders" && !value.note) {
      context.addIssue({ code: "custom", path: ["note"], message: t("moderation.queue.validation.noteRequired") });
    }
  });

/** The actions of the moderation queue; every form sends its target and an intent. */
export const moderationActionSchema = z.discriminatedUnion("intent", [
  hideSchema,
  z.object({ intent: z.literal("dismiss"), ...targetFields }),
  z.object({ intent: z.literal("unhide"), ...targetFields }),
]);
export type ModerationAction = z.infer<typeof moderationActionSchema>;

/** The public reason of a hide: the common reason in words, with the moderator's note. */
export function hideReasonText(reason: FlagReason, note: string | undefined) {
  const text = note?.trim();
  if (reason === "anders") return text ?? "";
  const base = t(`moderation.queue.hideReasons.${reason}`);
  return text ? `${base}: ${text}` : base;
}

/** A stable key per target, for grouping flags and for telling forms apart. */
export function targetKey(target: { targetType: string; targetId: string }) {
  return `${target.targetType}:${target.targetId}`;
}

// The same limits and messages as the report form: the text stays a valid report.
const reportFields = reportSchema.options[0].shape;

/** The text edit of an issue: the reporter's own edit, or a moderator's edit with a reason. */
export function issueTextSchema(role: "reporter" | "moderator") {
  return z
    .object({
      title: reportFields.title,
      description: reportFields.description,
      reason: z.string().trim().max(EDIT_REASON_MAX, t("moderation.edit.reasonTooLong")).optional(),
    })
    .superRefine((value, context) => {
      if (role === "moderator" && !value.reason) {
        context.addIssue({ code: "custom", path: ["reason"], message: t("moderation.edit.reasonRequired") });
      }
    });
}
export type IssueTextInput = z.infer<ReturnType<typeof issueTextSchema>>;

/** "14:32": until when the reporter may edit the text, in the portal's time zone. */
export function editDeadlineTime(createdAt: Date | string) {
  return reporterEditDeadline({ createdAt }).toLocaleTimeString("nl-NL", {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Europe/Amsterdam",
  });
}
