import { z } from "zod";
import { t } from "~/i18n";
import { CLOSE_REASONS, ISSUE_STATUSES } from "./issue-status";
import { withoutPersonalData } from "./personal-data";

import { APPROACHES, NATURES, SCOPES, type Scope } from "./triage-options";

/** The four questions: stored values (GLOSSARY.md), in ./triage-options without zod. */
export { APPROACHES, NATURES, SCOPES, type Approach, type Nature, type Scope } from "./triage-options";

const id = z.string().trim().min(1).max(40);
/** Public messages and reopen reasons are shown to everyone: no personal data in them. */
const message = (required: string) =>
  withoutPersonalData(
    z
      .string({ error: required })
      .trim()
      .min(5, t("triage.validation.messageTooShort"))
      .max(2000, t("triage.validation.messageTooLong")),
  );

export const triageSchema = z
  .object({
    intent: z.literal("triage"),
    nature: z.enum(NATURES, { error: t("triage.validation.natureRequired") }),
    rationale: z
      .string({ error: t("triage.validation.rationaleRequired") })
      .trim()
      .min(5, t("triage.validation.rationaleTooShort"))
      .max(2000, t("triage.validation.messageTooLong")),
    rationalePublic: z.boolean().optional(),
    ownerOrganisationId: id.or(z.undefined()).refine((v) => v !== undefined, t("triage.validation.ownerRequired")),
    ownerUserId: id.optional(),
    scope: z.enum(SCOPES, { error: t("triage.validation.scopeRequired") }),
    approach: z.enum(APPROACHES, { error: t("triage.validation.approachRequired") }),
    solutionIds: z.array(id).max(20).optional(),
    newApproach: z.string().trim().max(2000, t("triage.validation.messageTooLong")).optional(),
    /** With a new approach: continue to the solutions library with the description filled in. */
    makeSolution: z.boolean().optional(),
    publicMessage: message(t("triage.validation.publicMessageRequired")),
  })
  .superRefine((value, ctx) => {
    if (value.approach === "bestaande_oplossing" && !value.solutionIds?.length) {
      ctx.addIssue({ code: "custom", path: ["solutionIds"], message: t("triage.validation.solutionRequired") });
    }
    if (value.approach === "nieuwe_aanpak" && (!value.newApproach || value.newApproach.length < 10)) {
      ctx.addIssue({ code: "custom", path: ["newApproach"], message: t("triage.validation.newApproachRequired") });
    }
  });
export type TriageInput = z.infer<typeof triageSchema>;

export const statusSchema = z
  .object({
    intent: z.literal("status"),
    to: z.enum(ISSUE_STATUSES, { error: t("triage.validation.statusRequired") }),
    closeReason: z.enum(CLOSE_REASONS, { error: t("triage.validation.closeReasonRequired") }).optional(),
    publicMessage: message(t("triage.validation.publicMessageRequired")),
  })
  .superRefine((value, ctx) => {
    if (value.to === "gesloten_niet_opgelost" && !value.closeReason) {
      ctx.addIssue({ code: "custom", path: ["closeReason"], message: t("triage.validation.closeReasonRequired") });
    }
  });

/** A resident reopens their own solved issue (the reason is shown publicly). */
export const reopenSchema = z.object({
  intent: z.literal("reopen"),
  reason: message(t("triage.validation.reasonRequired")),
});

export const publicUpdateSchema = z.object({
  intent: z.literal("public-update"),
  publicMessage: message(t("triage.validation.publicMessageRequired")),
});

export const noteSchema = z.object({
  intent: z.literal("note"),
  body: z
    .string({ error: t("triage.validation.noteRequired") })
    .trim()
    .min(1, t("triage.validation.noteRequired"))
    .max(4000, t("triage.validation.messageTooLong")),
});

export const claimSchema = z.object({
  intent: z.literal("claim"),
  organisationId: id.or(z.undefined()).refine((v) => v !== undefined, t("triage.validation.ownerRequired")),
});

export const handoverSchema = z.object({
  intent: z.literal("handover"),
  toOrganisationId: id.or(z.undefined()).refine((v) => v !== undefined, t("triage.validation.handoverTargetRequired")),
  reason: z
    .string({ error: t("triage.validation.reasonRequired") })
    .trim()
    .min(5, t("triage.validation.reasonRequired"))
    .max(2000, t("triage.validation.messageTooLong")),
});

export const handoverResponseSchema = z.object({
  intent: z.enum(["handover-accept", "handover-decline"]),
  handoverId: id,
  responseReason: z.string().trim().max(2000, t("triage.validation.messageTooLong")).optional(),
});

export const mergeSchema = z.object({
  intent: z.literal("merge"),
  duplicateId: z.coerce
    .number({ error: t("triage.validation.duplicateRequired") })
    .int(t("triage.validation.duplicateRequired"))
    .min(1, t("triage.validation.duplicateRequired")),
});

/** The triage outcome in plain Dutch for residents, e.g. on the issue page. */
export function triageOutcomeText(outcome: {
  nature: string | null;
  scope: string | null;
  ownerName: string | null;
  solutionTitles: string[];
  newApproach: boolean;
}) {
  if (!outcome.nature || !outcome.scope || !outcome.ownerName) return null;
  const nature = outcome.nature === "structureel" ? t("triage.outcome.structural") : t("triage.outcome.incident");
  const scope = t(`triage.outcome.scope.${outcome.scope as Scope}`);
  const first = t("triage.outcome.sentence", { nature, scope });
  const how = outcome.solutionTitles.length
    ? t("triage.outcome.existing", {
        owner: outcome.ownerName,
        solutions: outcome.solutionTitles.map((title) => `'${title}'`).join(` ${t("triage.outcome.and")} `),
      })
    : outcome.newApproach
      ? t("triage.outcome.new", { owner: outcome.ownerName })
      : t("triage.outcome.ownerOnly", { owner: outcome.ownerName });
  return `${first} ${how}`;
}
