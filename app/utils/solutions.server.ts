import { isAdmin, isMemberOf, type Actor } from "~/domain/permissions";
import type { SolutionInput } from "~/domain/solution-schema";
import { t } from "~/i18n";
import { audit } from "./audit.server";
import { db, type Tx } from "./db.server";
import { issueCardSelect, publicIssueWhere } from "./issues.server";

/**
 * The oplossingenbank: known approaches partners can apply to issues. A deleted solution keeps
 * its row (deletedAt) so the issues it was applied to keep their history, but it is gone from
 * every list, page and option.
 */

const SUMMARY_LENGTH = 220;

/** The first part of a text, cut at a word and marked with an ellipsis. */
function summarise(text: string, max = SUMMARY_LENGTH) {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\s.,;:]+$/, "")}…`;
}

/** Issues counted for a solution: only public ones, like everything residents see. */
const appliedPublicIssuesCount = {
  _count: { select: { issues: { where: { issue: publicIssueWhere() } } } },
} as const;

export async function listSolutions(filters: { themeCode?: string } = {}) {
  const rows = await db.solution.findMany({
    where: {
      deletedAt: null,
      ...(filters.themeCode ? { themes: { some: { theme: { code: filters.themeCode } } } } : {}),
    },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      description: true,
      responsibleOrganisation: { select: { name: true } },
      themes: {
        select: { theme: { select: { code: true, name: true } } },
        orderBy: [{ theme: { sortOrder: "asc" } }, { theme: { name: "asc" } }],
      },
      ...appliedPublicIssuesCount,
    },
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    summary: summarise(row.description),
    organisationName: row.responsibleOrganisation.name,
    themes: row.themes.map((link) => link.theme),
    appliedCount: row._count.issues,
  }));
}

/** One solution for its public page, or null when it does not exist or was deleted. */
export function findSolution(id: string) {
  return db.solution.findFirst({
    where: { id, deletedAt: null },
    select: {
      id: true,
      title: true,
      description: true,
      howToRequest: true,
      responsibleOrganisationId: true,
      responsibleOrganisation: { select: { name: true } },
      themes: {
        select: { theme: { select: { id: true, code: true, name: true } } },
        orderBy: [{ theme: { sortOrder: "asc" } }, { theme: { name: "asc" } }],
      },
      updatedAt: true,
    },
  });
}

/** The public issues a solution was applied to, newest first; hidden and unconfirmed never. */
export async function appliedPublicIssues(solutionId: string, take = 50) {
  const where = { ...publicIssueWhere(), solutions: { some: { solutionId } } };
  const [total, issues] = await Promise.all([
    db.issue.count({ where }),
    db.issue.findMany({ where, select: issueCardSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take }),
  ]);
  return { total, issues };
}

/**
 * Who may make an organisation responsible for a solution: admins any organisation, partner
 * members only their own. (A rule like those in permissions.ts, kept here until it moves there.)
 */
export function canAssignSolutionTo(actor: Actor | null | undefined, organisationId: string) {
  return isAdmin(actor) || isMemberOf(actor, organisationId);
}

/**
 * What the form offers: active themes (plus retired ones the solution already has, so an
 * edit does not drop them silently) and the organisations this actor may choose.
 */
export async function solutionFormOptions(actor: Actor, currentThemeIds: readonly string[] = []) {
  const [themes, organisations] = await Promise.all([
    db.theme.findMany({
      where: { OR: [{ retiredAt: null }, { id: { in: [...currentThemeIds] } }] },
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      select: { code: true, name: true },
    }),
    db.organisation.findMany({
      where: isAdmin(actor) ? {} : { id: { in: actor.memberships.map((m) => m.organisationId) } },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
  ]);
  return { themes, organisations };
}

export type CheckedSolution = {
  title: string;
  description: string;
  howToRequest: string;
  responsibleOrganisationId: string;
  themeIds: string[];
};

/**
 * The checks a zod schema cannot do: every theme code is an active theme (or one the solution
 * already has), and the organisation exists and may be chosen by this actor.
 * Returns field errors in the shape `submission.reply({ fieldErrors })` takes.
 */
export async function checkSolutionInput(
  actor: Actor,
  input: SolutionInput,
  currentThemeIds: readonly string[] = [],
): Promise<{ ok: true; value: CheckedSolution } | { ok: false; fieldErrors: Record<string, string[]> }> {
  const fieldErrors: Record<string, string[]> = {};
  const [themes, organisation] = await Promise.all([
    db.theme.findMany({
      where: { code: { in: input.themes }, OR: [{ retiredAt: null }, { id: { in: [...currentThemeIds] } }] },
      select: { id: true },
    }),
    db.organisation.findUnique({ where: { id: input.responsibleOrganisationId }, select: { id: true } }),
  ]);
  if (themes.length !== input.themes.length) fieldErrors.themes = [t("solutions.validation.themeUnknown")];
  if (!canAssignSolutionTo(actor, input.responsibleOrganisationId)) {
    // Checked before existence, so a partner learns nothing about organisation ids.
    fieldErrors.responsibleOrganisationId = [t("solutions.validation.organisationNotAllowed")];
  } else if (!organisation) {
    fieldErrors.responsibleOrganisationId = [t("solutions.validation.organisationUnknown")];
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return {
    ok: true,
    value: {
      title: input.title,
      description: input.description,
      howToRequest: input.howToRequest ?? "",
      responsibleOrganisationId: input.responsibleOrganisationId,
      themeIds: themes.map((theme) => theme.id),
    },
  };
}

function snapshot(value: CheckedSolution) {
  return {
    title: value.title,
    responsibleOrganisationId: value.responsibleOrganisationId,
    themeIds: [...value.themeIds].sort(),
  };
}

/** At most this many issues are linked to a new solution at once (a bulk triage's maximum). */
const MAX_LINKED_ISSUES = 50;

/**
 * "Maak hiervan een oplossing" after a triage that chose a new approach: of these issues, those
 * whose latest triage decision chose one and that this actor may speak for (who decided, the
 * members of the organisation that has the issue now, admins), with that decision, to link the
 * new solution to.
 */
export async function newApproachDecisions(actor: Actor, issueIds: readonly number[]) {
  if (issueIds.length === 0) return [];
  const issues = await db.issue.findMany({
    where: { id: { in: issueIds.slice(0, MAX_LINKED_ISSUES) } },
    select: {
      id: true,
      title: true,
      ownerOrganisationId: true,
      triageDecisions: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, approach: true, actorId: true },
      },
    },
    orderBy: { id: "asc" },
  });
  return issues.flatMap((issue) => {
    const decision = issue.triageDecisions[0];
    const mayLink =
      decision?.approach === "nieuwe_aanpak" &&
      (isAdmin(actor) || decision.actorId === actor.id || isMemberOf(actor, issue.ownerOrganisationId));
    return mayLink ? [{ issueId: issue.id, title: issue.title, decisionId: decision.id }] : [];
  });
}

export function createSolution(
  actorId: string,
  value: CheckedSolution,
  forIssues: readonly { issueId: number; decisionId: string }[] = [],
) {
  return db.$transaction(async (tx) => {
    const solution = await tx.solution.create({
      data: {
        title: value.title,
        description: value.description,
        howToRequest: value.howToRequest,
        responsibleOrganisationId: value.responsibleOrganisationId,
        createdById: actorId,
        themes: { create: value.themeIds.map((themeId) => ({ themeId })) },
      },
      select: { id: true },
    });
    await audit(tx, {
      issueId: null,
      actorId,
      action: "solution_created",
      after: { id: solution.id, ...snapshot(value) },
    });
    // The issues whose new approach this solution is: listed under it, and it on their page.
    for (const { issueId, decisionId } of forIssues) await applySolutions(tx, issueId, [solution.id], decisionId);
    return solution;
  });
}

/** The values an edit form starts from, or null when the solution does not exist or was deleted. */
export async function findSolutionForEdit(id: string) {
  const solution = await db.solution.findFirst({
    where: { id, deletedAt: null },
    select: {
      id: true,
      title: true,
      description: true,
      howToRequest: true,
      responsibleOrganisationId: true,
      themes: { select: { theme: { select: { id: true, code: true } } } },
    },
  });
  if (!solution) return null;
  return {
    id: solution.id,
    title: solution.title,
    description: solution.description,
    howToRequest: solution.howToRequest,
    responsibleOrganisationId: solution.responsibleOrganisationId,
    themeIds: solution.themes.map((link) => link.theme.id),
    themeCodes: solution.themes.map((link) => link.theme.code),
  };
}

export function updateSolution(
  actorId: string,
  before: { id: string; title: string; responsibleOrganisationId: string; themeIds: string[] },
  value: CheckedSolution,
) {
  return db.$transaction(async (tx) => {
    await tx.solution.update({
      where: { id: before.id },
      data: {
        title: value.title,
        description: value.description,
        howToRequest: value.howToRequest,
        responsibleOrganisationId: value.responsibleOrganisationId,
        themes: { deleteMany: {}, create: value.themeIds.map((themeId) => ({ themeId })) },
      },
      select: { id: true },
    });
    await audit(tx, {
      issueId: null,
      actorId,
      action: "solution_updated",
      before: {
        id: before.id,
        title: before.title,
        responsibleOrganisationId: before.responsibleOrganisationId,
        themeIds: [...before.themeIds].sort(),
      },
      after: { id: before.id, ...snapshot(value) },
    });
  });
}

/**
 * Soft delete: the row and its IssueSolution links stay (issue history), the solution leaves
 * every list. Returns false when it was already deleted.
 */
export function softDeleteSolution(actorId: string, solution: { id: string; title: string }) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.solution.updateMany({
      where: { id: solution.id, deletedAt: null },
      data: { deletedAt: new Date() },
    });
    if (count === 0) return false;
    await audit(tx, { issueId: null, actorId, action: "solution_deleted", before: solution });
    return true;
  });
}

/**
 * Choices for the triage form: every solution that is not deleted, those of this theme first
 * (`matchesTheme`), then all others, each group by title.
 */
export async function solutionOptionsForTheme(themeId: string) {
  const rows = await db.solution.findMany({
    where: { deletedAt: null },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      responsibleOrganisation: { select: { name: true } },
      themes: { where: { themeId }, select: { themeId: true } },
    },
  });
  const options = rows.map((row) => ({
    id: row.id,
    title: row.title,
    organisationName: row.responsibleOrganisation.name,
    matchesTheme: row.themes.length > 0,
  }));
  return [...options.filter((o) => o.matchesTheme), ...options.filter((o) => !o.matchesTheme)];
}

export type SolutionOption = Awaited<ReturnType<typeof solutionOptionsForTheme>>[number];

/**
 * Links solutions to an issue inside the caller's transaction (triage). Idempotent: a solution
 * already linked keeps its row and the decision that first applied it. Unknown and deleted
 * solution ids are skipped rather than failing the triage; the ids actually linked (new or
 * existing) are returned so the caller can compare.
 */
export async function applySolutions(
  tx: Tx,
  issueId: number,
  solutionIds: readonly string[],
  triageDecisionId: string | null,
) {
  const unique = [...new Set(solutionIds)];
  if (unique.length === 0) return [];
  const existing = await tx.solution.findMany({
    where: { id: { in: unique }, deletedAt: null },
    select: { id: true },
  });
  const valid = new Set(existing.map((s) => s.id));
  const applied = unique.filter((id) => valid.has(id));
  for (const solutionId of applied) {
    await tx.issueSolution.upsert({
      where: { issueId_solutionId: { issueId, solutionId } },
      create: { issueId, solutionId, triageDecisionId },
      update: {},
      select: { issueId: true },
    });
  }
  return applied;
}
