import { isIssueStatus, UNTRIAGED_STATUSES, type CloseReason, type IssueStatus } from "~/domain/issue-status";
import {
  canClaim,
  canHandOver,
  canMerge,
  canPostPublicUpdate,
  canRespondToHandover,
  canTriage,
  canWriteInternalNote,
  type Actor,
} from "~/domain/permissions";
import type { TriageInput } from "~/domain/triage";
import { t } from "~/i18n";
import { audit } from "./audit.server";
import { db, type Tx } from "./db.server";
import { actingOrganisation, changeStatus, ForbiddenError, TransitionError } from "./issue-status.server";
import { bumpIssuesVersion, publicIssueWhere } from "./issues.server";
import { queueIssueNotifications } from "./notifications.server";
import { queueExternalSend } from "./open311-client.server";
import { applySolutions } from "./solutions.server";
import { moveFollowers, moveSupports } from "./sql.server";

/** A user-facing problem with the input (answered as a field or form error, status 400). */
export class TriageInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

async function loadIssue(tx: Tx, issueId: number) {
  const issue = await tx.issue.findFirst({
    where: { ...publicIssueWhere(), id: issueId },
    select: {
      id: true,
      status: true,
      ownerOrganisationId: true,
      ownerUserId: true,
      reporterId: true,
      closedAt: true,
      nature: true,
      scope: true,
      firstResponseAt: true,
      themeId: true,
    },
  });
  if (!issue) throw new TransitionError(`Issue ${issueId} not found or not public`);
  return issue;
}

/**
 * The four questions. A new decision row each time (re-triage keeps history); the issue gets
 * the owner and answers; an untriaged issue becomes `getrieerd` with the public message.
 */
export async function triageIssue(actor: Actor, issueId: number, input: TriageInput, at = new Date()) {
  return db.$transaction(async (tx) => {
    const issue = await loadIssue(tx, issueId);
    if (!canTriage(actor, issue)) throw new ForbiddenError("Not allowed to triage this issue");

    const owner = await tx.organisation.findUnique({ where: { id: input.ownerOrganisationId! }, select: { id: true } });
    if (!owner) throw new TriageInputError("ownerOrganisationId", t("triage.errors.unknownOrganisation"));
    if (input.ownerUserId) {
      const membership = await tx.membership.findUnique({
        where: { userId_organisationId: { userId: input.ownerUserId, organisationId: owner.id } },
      });
      if (!membership) throw new TriageInputError("ownerUserId", t("triage.errors.ownerNotMember"));
    }
    const solutionIds = input.approach === "bestaande_oplossing" ? [...new Set(input.solutionIds ?? [])] : [];
    if (solutionIds.length) {
      const found = await tx.solution.count({ where: { id: { in: solutionIds }, deletedAt: null } });
      if (found !== solutionIds.length) throw new TriageInputError("solutionIds", t("triage.errors.unknownSolution"));
    }

    const decision = await tx.triageDecision.create({
      data: {
        issueId,
        actorId: actor.id,
        actorOrganisationId: actingOrganisation(actor, issue.ownerOrganisationId),
        nature: input.nature,
        rationale: input.rationale,
        rationalePublic: input.rationalePublic ?? false,
        ownerOrganisationId: owner.id,
        ownerUserId: input.ownerUserId ?? null,
        scope: input.scope,
        approach: input.approach,
        newApproach: input.approach === "nieuwe_aanpak" ? (input.newApproach ?? null) : null,
        publicMessage: input.publicMessage,
        createdAt: at,
      },
      select: { id: true },
    });
    await applySolutions(tx, issueId, solutionIds, decision.id);
    // The status changes before the new owner is written: the right to triage is the actor's on
    // the issue as it is (unowned: any partner; claimed: its owner), not on the result.
    const untriaged = (UNTRIAGED_STATUSES as readonly string[]).includes(issue.status);
    if (untriaged) {
      await changeStatus(tx, {
        issueId,
        to: "getrieerd",
        publicMessage: input.publicMessage,
        by: { actor },
        viaTriage: true,
        at,
      });
    }
    await tx.issue.update({
      where: { id: issueId },
      data: {
        ownerOrganisationId: owner.id,
        ownerUserId: input.ownerUserId ?? null,
        nature: input.nature,
        scope: input.scope,
        triagedAt: at,
        updatedAt: at,
        ...(issue.firstResponseAt ? {} : { firstResponseAt: at }),
      },
    });
    await audit(tx, {
      issueId,
      actorId: actor.id,
      action: "triage",
      before: { owner: issue.ownerOrganisationId, nature: issue.nature, scope: issue.scope, status: issue.status },
      after: {
        owner: owner.id,
        ownerUser: input.ownerUserId ?? null,
        nature: input.nature,
        scope: input.scope,
        approach: input.approach,
        solutionIds,
      },
      at,
    });
    await queueExternalSend(tx, issueId, owner.id, at);

    if (!untriaged) {
      // Re-triage keeps the status; residents still get the new outcome and message.
      await tx.issueEvent.create({
        data: {
          issueId,
          type: "triaged",
          publicMessage: input.publicMessage,
          actorId: actor.id,
          organisationId: actingOrganisation(actor, owner.id),
          createdAt: at,
        },
      });
      await queueIssueNotifications(tx, { issueId, kind: "triaged", message: input.publicMessage, actorId: actor.id });
      await bumpIssuesVersion(tx);
    }
    return decision;
  });
}

/** A status change by a person (permissions and workflow checked in changeStatus). */
export async function transitionIssue(
  actor: Actor,
  issueId: number,
  input: { to: IssueStatus; publicMessage?: string; closeReason?: CloseReason; reason?: string },
) {
  return db.$transaction(async (tx) => {
    await loadIssue(tx, issueId);
    await changeStatus(tx, { issueId, ...input, by: { actor } });
  });
}

/** "Wij pakken dit op": take an issue without owner for one's own organisation. */
export async function claimIssue(actor: Actor, issueId: number, organisationId: string, at = new Date()) {
  return db.$transaction(async (tx) => {
    const issue = await loadIssue(tx, issueId);
    if (!canClaim(actor, issue, organisationId)) throw new ForbiddenError("Not allowed to claim");
    const organisation = await tx.organisation.findUniqueOrThrow({
      where: { id: organisationId },
      select: { name: true },
    });
    await tx.issue.update({
      where: { id: issueId },
      data: {
        ownerOrganisationId: organisationId,
        updatedAt: at,
        ...(issue.firstResponseAt ? {} : { firstResponseAt: at }),
      },
    });
    const message = t("triage.page.claimed", { organisation: organisation.name });
    await tx.issueEvent.create({
      data: {
        issueId,
        type: "owner_changed",
        publicMessage: message,
        actorId: actor.id,
        organisationId,
        createdAt: at,
      },
    });
    await audit(tx, {
      issueId,
      actorId: actor.id,
      action: "claim",
      before: { owner: null },
      after: { owner: organisationId },
      at,
    });
    await queueExternalSend(tx, issueId, organisationId, at);
    await queueIssueNotifications(tx, { issueId, kind: "owner_changed", message, actorId: actor.id });
  });
}

export async function requestHandover(
  actor: Actor,
  issueId: number,
  toOrganisationId: string,
  reason: string,
  at = new Date(),
) {
  return db.$transaction(async (tx) => {
    const issue = await loadIssue(tx, issueId);
    if (!issue.ownerOrganisationId || !canHandOver(actor, issue)) throw new ForbiddenError("Not allowed to hand over");
    if (toOrganisationId === issue.ownerOrganisationId) {
      throw new TriageInputError("toOrganisationId", t("triage.handover.sameOrganisation"));
    }
    const target = await tx.organisation.findUnique({ where: { id: toOrganisationId }, select: { id: true } });
    if (!target) throw new TriageInputError("toOrganisationId", t("triage.errors.unknownOrganisation"));
    if (await tx.handover.count({ where: { issueId, status: "pending" } })) {
      throw new TriageInputError("toOrganisationId", t("triage.handover.alreadyPending"));
    }
    const handover = await tx.handover.create({
      data: {
        issueId,
        fromOrganisationId: issue.ownerOrganisationId,
        toOrganisationId,
        reason,
        requestedById: actor.id,
        createdAt: at,
      },
      select: { id: true },
    });
    await audit(tx, {
      issueId,
      actorId: actor.id,
      action: "handover_requested",
      before: { owner: issue.ownerOrganisationId },
      after: { to: toOrganisationId, reason },
      at,
    });
    return handover;
  });
}

export async function respondToHandover(
  actor: Actor,
  issueId: number,
  handoverId: string,
  accept: boolean,
  responseReason: string | undefined,
  at = new Date(),
) {
  return db.$transaction(async (tx) => {
    const issue = await loadIssue(tx, issueId);
    const handover = await tx.handover.findFirst({
      where: { id: handoverId, issueId, status: "pending" },
      select: {
        id: true,
        toOrganisationId: true,
        fromOrganisationId: true,
        toOrganisation: { select: { name: true } },
      },
    });
    if (!handover) throw new TransitionError("No pending hand-over");
    if (!canRespondToHandover(actor, handover)) throw new ForbiddenError("Not allowed to respond to this hand-over");
    if (!accept && !responseReason?.trim()) {
      throw new TriageInputError("responseReason", t("triage.handover.declineReasonRequired"));
    }
    await tx.handover.update({
      where: { id: handover.id },
      data: {
        status: accept ? "accepted" : "declined",
        responseReason: responseReason?.trim() || null,
        respondedById: actor.id,
        respondedAt: at,
      },
    });
    if (accept) {
      await tx.issue.update({
        where: { id: issueId },
        data: { ownerOrganisationId: handover.toOrganisationId, ownerUserId: null, updatedAt: at },
      });
      const message = t("triage.handover.publicMessage", { organisation: handover.toOrganisation.name });
      await tx.issueEvent.create({
        data: {
          issueId,
          type: "owner_changed",
          publicMessage: message,
          actorId: actor.id,
          organisationId: handover.toOrganisationId,
          createdAt: at,
        },
      });
      await queueIssueNotifications(tx, { issueId, kind: "owner_changed", message, actorId: actor.id });
      await queueExternalSend(tx, issueId, handover.toOrganisationId, at);
    }
    await audit(tx, {
      issueId,
      actorId: actor.id,
      action: accept ? "handover_accepted" : "handover_declined",
      before: { owner: issue.ownerOrganisationId },
      after: {
        owner: accept ? handover.toOrganisationId : issue.ownerOrganisationId,
        responseReason: responseReason ?? null,
      },
      at,
    });
  });
}

/** A public message without a status change. */
export async function postPublicUpdate(actor: Actor, issueId: number, message: string, at = new Date()) {
  return db.$transaction(async (tx) => {
    const issue = await loadIssue(tx, issueId);
    if (!canPostPublicUpdate(actor, issue)) throw new ForbiddenError("Not allowed to post an update");
    const organisationId = actingOrganisation(actor, issue.ownerOrganisationId);
    await tx.issueEvent.create({
      data: {
        issueId,
        type: "public_update",
        publicMessage: message,
        actorId: actor.id,
        organisationId,
        createdAt: at,
      },
    });
    if (!issue.firstResponseAt) await tx.issue.update({ where: { id: issueId }, data: { firstResponseAt: at } });
    await audit(tx, { issueId, actorId: actor.id, action: "public_update", after: { message }, at });
    await queueIssueNotifications(tx, { issueId, kind: "public_update", message, actorId: actor.id });
  });
}

export async function addInternalNote(actor: Actor, issueId: number, body: string) {
  if (!canWriteInternalNote(actor)) throw new ForbiddenError("Not allowed to write notes");
  return db.$transaction(async (tx) => {
    const issue = await loadIssue(tx, issueId);
    await tx.internalNote.create({
      data: { issueId, authorId: actor.id, organisationId: actingOrganisation(actor, issue.ownerOrganisationId), body },
    });
  });
}

/**
 * Marks `duplicateId` as a duplicate of `keptId`: it is closed as `dubbele_melding` pointing to
 * the kept issue, and its supports and followers move over without counting anyone twice.
 */
export async function mergeDuplicate(actor: Actor, keptId: number, duplicateId: number, at = new Date()) {
  if (keptId === duplicateId) throw new TriageInputError("duplicateId", t("triage.merge.self"));
  return db.$transaction(async (tx) => {
    const kept = await loadIssue(tx, keptId);
    if (!canMerge(actor, kept)) throw new ForbiddenError("Not allowed to merge into this issue");
    const duplicate = await tx.issue.findFirst({
      where: { ...publicIssueWhere(), id: duplicateId },
      select: { id: true, status: true, ownerOrganisationId: true },
    });
    if (!duplicate) throw new TriageInputError("duplicateId", t("triage.merge.notFound", { id: duplicateId }));
    if (!canMerge(actor, kept, duplicate)) throw new TriageInputError("duplicateId", t("triage.merge.otherOwner", { id: duplicateId }));
    if (
      !isIssueStatus(duplicate.status) ||
      duplicate.status === "opgelost" ||
      duplicate.status === "gesloten_niet_opgelost"
    ) {
      throw new TriageInputError("duplicateId", t("triage.merge.closed", { id: duplicateId }));
    }
    const message = t("triage.merge.publicMessage", { id: keptId });
    // The duplicate may be untriaged (nieuw/heropend -> closed by a partner) or triaged by
    // another owner: merging is authorised on the kept issue, so the close runs as "merge".
    await changeStatus(tx, {
      issueId: duplicateId,
      to: "gesloten_niet_opgelost",
      closeReason: "dubbele_melding",
      publicMessage: message,
      by: { system: "merge", actorId: actor.id, organisationId: actingOrganisation(actor, kept.ownerOrganisationId) },
      at,
    });
    await tx.issue.update({ where: { id: duplicateId }, data: { duplicateOfId: keptId } });
    await moveSupports(tx, duplicateId, keptId);
    await moveFollowers(tx, duplicateId, keptId);
    await audit(tx, { issueId: keptId, actorId: actor.id, action: "merge", after: { duplicateId }, at });
    await audit(tx, { issueId: duplicateId, actorId: actor.id, action: "merge", after: { duplicateOf: keptId }, at });
  });
}
