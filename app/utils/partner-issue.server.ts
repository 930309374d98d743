import { allowedTransitions, isIssueStatus } from "~/domain/issue-status";
import {
  canChangeStatus,
  canClaim,
  canHandOver,
  canMerge,
  canPostPublicUpdate,
  canRespondToHandover,
  canTriage,
  type Actor,
} from "~/domain/permissions";
import { db } from "./db.server";
import { findPublicIssue } from "./issues.server";
import { trekkerFor } from "./partnership.server";
import { getSettings } from "./settings.server";
import { solutionOptionsForTheme } from "./solutions.server";

function parseJson(value: string | null) {
  if (!value) return null;
  try {
    return JSON.parse(value) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Everything the partner workspace of one issue shows, with what this actor may do. */
export async function loadPartnerIssue(actor: Actor, issueId: number) {
  const issue = await findPublicIssue(issueId, {
    id: true,
    title: true,
    description: true,
    status: true,
    createdAt: true,
    closedAt: true,
    closeReason: true,
    supportCount: true,
    reporterId: true,
    nature: true,
    scope: true,
    duplicateOfId: true,
    locationApproximate: true,
    placeDescription: true,
    ownerOrganisationId: true,
    ownerOrganisation: { select: { id: true, name: true } },
    ownerUser: { select: { name: true } },
    theme: { select: { id: true, code: true, name: true } },
    buurt: { select: { name: true, wijkName: true } },
    reporter: { select: { name: true } },
    // Contact details of reports from other systems (Open311): for partners only.
    reporterName: true,
    reporterEmail: true,
    reporterPhone: true,
    photos: { where: { visibility: "public" }, select: { fileName: true } },
  });
  if (!issue) return null;

  const [settings, organisations, trekker, solutionOptions, decisions, notes, auditEntries, handovers, events] = await Promise.all([
    getSettings(),
    db.organisation.findMany({
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        memberships: { select: { user: { select: { id: true, name: true } } }, orderBy: { user: { name: "asc" } } },
      },
    }),
    trekkerFor(issue.theme.id),
    solutionOptionsForTheme(issue.theme.id),
    db.triageDecision.findMany({
      where: { issueId },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        nature: true,
        rationale: true,
        rationalePublic: true,
        scope: true,
        approach: true,
        newApproach: true,
        publicMessage: true,
        ownerOrganisationId: true,
        ownerUserId: true,
        createdAt: true,
        actor: { select: { name: true } },
        ownerOrganisation: { select: { name: true } },
        solutions: { select: { solution: { select: { id: true, title: true } } } },
      },
    }),
    db.internalNote.findMany({
      where: { issueId },
      orderBy: { createdAt: "asc" },
      select: { id: true, body: true, createdAt: true, author: { select: { name: true } }, organisationId: true },
    }),
    db.auditEntry.findMany({
      where: { issueId },
      orderBy: { createdAt: "asc" },
      select: { id: true, action: true, before: true, after: true, createdAt: true, actor: { select: { name: true } } },
    }),
    db.handover.findMany({
      where: { issueId },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        status: true,
        reason: true,
        responseReason: true,
        createdAt: true,
        toOrganisationId: true,
        fromOrganisation: { select: { name: true } },
        toOrganisation: { select: { name: true } },
      },
    }),
    db.issueEvent.findMany({
      where: { issueId, publicMessage: { not: null } },
      orderBy: { createdAt: "asc" },
      select: { id: true, type: true, toStatus: true, publicMessage: true, createdAt: true },
    }),
  ]);

  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  const permissionIssue = {
    status: issue.status,
    ownerOrganisationId: issue.ownerOrganisationId,
    reporterId: issue.reporterId,
    closedAt: issue.closedAt,
  };
  const statusTargets = isIssueStatus(issue.status)
    ? allowedTransitions(issue.status).filter((to) =>
        canChangeStatus(actor, permissionIssue, to, { reopenWindowDays: settings.reopenWindowDays }),
      )
    : [];
  const pendingHandover = handovers.find((h) => h.status === "pending") ?? null;

  return {
    issue,
    organisations: organisations.map((o) => ({
      id: o.id,
      name: o.name,
      members: o.memberships.map((m) => m.user),
    })),
    trekker: trekker ? { id: trekker, name: orgName.get(trekker) ?? "" } : null,
    solutionOptions,
    decisions,
    notes: notes.map((note) => ({ ...note, organisationName: note.organisationId ? (orgName.get(note.organisationId) ?? null) : null })),
    auditEntries: auditEntries.map((entry) => ({ ...entry, before: parseJson(entry.before), after: parseJson(entry.after) })),
    handovers,
    pendingHandover,
    events,
    can: {
      triage: canTriage(actor, permissionIssue),
      claimFor: actor.memberships
        .filter((m) => canClaim(actor, permissionIssue, m.organisationId))
        .map((m) => ({ id: m.organisationId, name: orgName.get(m.organisationId) ?? "" })),
      handOver: canHandOver(actor, permissionIssue) && !pendingHandover && issue.ownerOrganisationId !== null,
      respondToHandover: pendingHandover ? canRespondToHandover(actor, pendingHandover) : false,
      publicUpdate: canPostPublicUpdate(actor, permissionIssue),
      merge: canMerge(actor, permissionIssue),
      statusTargets,
    },
  };
}
