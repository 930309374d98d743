import { z } from "zod";
import { t } from "~/i18n";
import { TIME_ZONE } from "./settings";

/**
 * The steering group's forms: the residents' agenda (add, move, remove), meetings, minutes and
 * decisions. Shared by the actions and the browser (conform); stored values per GLOSSARY.md.
 */
export const DECISION_PROGRESS = ["open", "loopt", "afgerond"] as const;
export type DecisionProgress = (typeof DECISION_PROGRESS)[number];
export const AGENDA_ITEM_KINDS = ["issue", "theme"] as const;

export function isDecisionProgress(value: unknown): value is DecisionProgress {
  return typeof value === "string" && (DECISION_PROGRESS as readonly string[]).includes(value);
}

/**
 * An item of the residents' agenda is known by what it is about, not by a row id: automatic
 * items have no row until the steering group orders or removes them. "issue:12", "theme:<id>".
 */
export type AgendaKey = `issue:${number}` | `theme:${string}`;
const AGENDA_KEY = /^(issue:[1-9]\d{0,9}|theme:[A-Za-z0-9_-]{1,40})$/;

export function agendaKey(item: { issueId: number | null; themeId: string | null }): AgendaKey {
  return item.issueId !== null ? `issue:${item.issueId}` : `theme:${item.themeId ?? ""}`;
}

export function parseAgendaKey(key: string): { issueId: number; themeId: null } | { issueId: null; themeId: string } {
  const [kind, value] = key.split(":");
  return kind === "issue" ? { issueId: Number(value), themeId: null } : { issueId: null, themeId: value! };
}

const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

const text = (min: number, max: number, required: string) =>
  z
    .string({ error: required })
    .trim()
    .min(min, required)
    .max(max, t("steering.validation.tooLong", { max: max.toLocaleString("nl-NL") }));

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, t("steering.validation.tooLong", { max: max.toLocaleString("nl-NL") }))
    .optional();

const agendaKeyField = z
  .string({ error: t("steering.validation.itemRequired") })
  .regex(AGENDA_KEY, t("steering.validation.itemRequired"));

/** Issue number or theme: which one the `kind` says. */
const subjectFields = {
  kind: z.enum(AGENDA_ITEM_KINDS, { error: t("steering.validation.kindRequired") }),
  issueId: z
    .number({ error: t("steering.validation.issueIdRequired") })
    .int(t("steering.validation.issueIdRequired"))
    .min(1, t("steering.validation.issueIdRequired"))
    .max(2_000_000_000, t("steering.validation.issueIdRequired"))
    .optional(),
  themeId: recordId.optional(),
};

function requireSubject(value: { kind: string; issueId?: number; themeId?: string }, ctx: z.RefinementCtx) {
  if (value.kind === "issue" && value.issueId === undefined) {
    ctx.addIssue({ code: "custom", path: ["issueId"], message: t("steering.validation.issueIdRequired") });
  }
  if (value.kind === "theme" && !value.themeId) {
    ctx.addIssue({ code: "custom", path: ["themeId"], message: t("steering.validation.themeRequired") });
  }
}

// The residents' agenda ------------------------------------------------------------------------

/**
 * At most this many items on the residents' agenda (more when the steering group placed more by
 * hand). Issues that qualify by themselves fill the places left, most supported first; the page
 * says how many more qualify. An agenda of thousands of issues is no agenda (and at 100,000
 * issues the uncapped page took 14 s and 42 MB).
 */
export const AGENDA_MAX_ITEMS = 30;

export const agendaAddSchema = z
  .object({
    intent: z.literal("add"),
    ...subjectFields,
    reason: text(5, 1000, t("steering.validation.reasonRequired")),
  })
  .superRefine(requireSubject);

export const agendaMoveSchema = z.object({
  intent: z.literal("move"),
  key: agendaKeyField,
  direction: z.enum(["up", "down"], { error: t("steering.validation.directionRequired") }),
});

export const agendaRemoveSchema = z.object({
  intent: z.literal("remove"),
  key: agendaKeyField,
  removedReason: text(5, 1000, t("steering.validation.reasonRequired")),
});

// Meetings -------------------------------------------------------------------------------------

const localDate = (message: string) =>
  z
    .string({ error: message })
    .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarDate(value), message);

export const meetingCreateSchema = z.object({
  intent: z.literal("create"),
  date: localDate(t("steering.validation.dateRequired")),
  time: z
    .string({ error: t("steering.validation.timeRequired") })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, t("steering.validation.timeRequired")),
  place: text(2, 200, t("steering.validation.placeRequired")),
});

export const meetingTakeSchema = z.object({
  intent: z.literal("take"),
  key: agendaKeyField,
});

export const meetingAddItemSchema = z
  .object({
    intent: z.literal("add-item"),
    ...subjectFields,
    reason: optionalText(1000),
  })
  .superRefine(requireSubject);

export const decisionSchema = z.object({
  intent: z.literal("decision"),
  itemId: recordId,
  text: text(5, 4000, t("steering.validation.decisionRequired")),
  ownerOrganisationId: recordId.optional(),
  deadline: localDate(t("steering.validation.deadlineInvalid")).optional(),
  progress: z.enum(DECISION_PROGRESS, { error: t("steering.validation.progressRequired") }),
  progressNote: optionalText(2000),
});
export type DecisionInput = z.infer<typeof decisionSchema>;

export const meetingNotesSchema = z.object({
  intent: z.literal("notes"),
  notes: optionalText(20_000),
});

/** /account: a resident member of the steering group agrees to be named on /agenda. */
export const steeringConsentSchema = z.object({
  intent: z.literal("steering-consent"),
  consent: z.boolean().optional(),
});

// Dates ----------------------------------------------------------------------------------------

function isCalendarDate(value: string) {
  const [year, month, day] = value.split("-").map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
}

const wallClockFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function wallClock(instant: Date) {
  const parts: Record<string, string> = {};
  for (const part of wallClockFormat.formatToParts(instant)) parts[part.type] = part.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The instant of a date and time on the clock in Amsterdam ("2026-03-12", "19:30"). */
export function amsterdamInstant(date: string, time = "00:00"): Date {
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!);
  const offset = (instant: number) => {
    const clock = wallClock(new Date(instant));
    const [y, mo, d] = clock.date.split("-").map(Number);
    const [h, mi] = clock.time.split(":").map(Number);
    return Date.UTC(y!, mo! - 1, d!, h!, mi!) - instant;
  };
  const guess = wall - offset(wall);
  return new Date(wall - offset(guess));
}

/** "YYYY-MM-DD" and "HH:MM" of an instant in Amsterdam, for date and time inputs. */
export function amsterdamDateTime(instant: Date | string) {
  return wallClock(new Date(instant));
}
