import {
  CLOSE_REASONS,
  isIssueStatus,
  rulesFor,
  type CloseReason,
  type IssueStatus,
} from "~/domain/issue-status";
import { canChangeStatus, isMemberOf, type Actor } from "~/domain/permissions";
import { audit } from "./audit.server";
import type { Tx } from "./db.server";
import { bumpIssuesVersion } from "./issues.server";
import { queueIssueNotifications } from "./notifications.server";
import { getSettings } from "./settings.server";

/** A change the workflow does not allow, or a missing message/reason: answer 400. */
export class TransitionError extends Error {}
/** The actor may not do this: answer 403, nothing changed. */
export class ForbiddenError extends Error {}

/**
 * Who makes the change: a person (permissions are checked) or the system on behalf of a
 * process that checked its own permission (seed data, merging a duplicate).
 */
export type ChangedBy =
  | { actor: Actor }
  | { system: "seed" | "merge"; actorId: string | null; organisationId: string | null };

type ChangeStatusInput = {
  issueId: number;
  to: IssueStatus;
  /** Shown to residents on the issue page. Required, except for reopening (the reason is shown). */
  publicMessage?: string;
  /** With gesloten_niet_opgelost. */
  closeReason?: CloseReason;
  /** With heropend: why it is reopened. */
  reason?: string;
  by: ChangedBy;
  /** Set by the triage function only: `getrieerd` is reached through the four questions. */
  viaTriage?: boolean;
  at?: Date;
};

/** The organisation a person acts for on this issue: the owner if they belong to it. */
export function actingOrganisation(actor: Actor, ownerOrganisationId: string | null) {
  if (isMemberOf(actor, ownerOrganisationId)) return ownerOrganisationId;
  return actor.memberships[0]?.organisationId ?? null;
}

/**
 * The only way an issue's status changes. Checks the workflow table and who may make the
 * change, requires a public message (or reason), then writes the status, the public timeline
 * entry, the audit entry and the notification job in the caller's transaction.
 */
export async function changeStatus(tx: Tx, input: ChangeStatusInput) {
  const issue = await tx.issue.findUnique({
    where: { id: input.issueId },
    select: { status: true, ownerOrganisationId: true, reporterId: true, closedAt: true, closeReason: true, firstResponseAt: true },
  });
  if (!issue) throw new TransitionError(`Issue ${input.issueId} does not exist`);
  if (!isIssueStatus(issue.status)) throw new TransitionError(`Unknown stored status ${issue.status}`);
  const rules = rulesFor(issue.status, input.to);
  if (rules.length === 0) throw new TransitionError(`Cannot change status from ${issue.status} to ${input.to}`);
  if (rules.every((rule) => rule.requires.includes("triage")) && !input.viaTriage) {
    throw new TransitionError("An issue is only 'getrieerd' through triage");
  }

  const requires = new Set(rules.flatMap((rule) => rule.requires));
  const reason = input.reason?.trim() || null;
  let message = input.publicMessage?.trim() ?? "";
  if (requires.has("reason")) {
    if (!reason) throw new TransitionError("A reason is required");
    if (!message) message = reason;
  }
  if (!message) throw new TransitionError("A public message is required with every status change");
  if (requires.has("close_reason") && (!input.closeReason || !CLOSE_REASONS.includes(input.closeReason))) {
    throw new TransitionError("A close reason is required");
  }

  const at = input.at ?? new Date();
  let actorId: string | null;
  let organisationId: string | null;
  if ("actor" in input.by) {
    const settings = await getSettings(tx);
    if (!canChangeStatus(input.by.actor, issue, input.to, { now: at, reopenWindowDays: settings.reopenWindowDays, viaTriage: input.viaTriage })) {
      throw new ForbiddenError(`Not allowed to change status to ${input.to}`);
    }
    actorId = input.by.actor.id;
    organisationId = input.by.actor.memberships.length ? actingOrganisation(input.by.actor, issue.ownerOrganisationId) : null;
  } else {
    actorId = input.by.actorId;
    organisationId = input.by.organisationId;
  }

  const closed = input.to === "opgelost" || input.to === "gesloten_niet_opgelost";
  const closeReason = input.to === "gesloten_niet_opgelost" ? (input.closeReason ?? null) : null;
  await tx.issue.update({
    where: { id: input.issueId },
    data: {
      status: input.to,
      closedAt: closed ? at : null,
      closeReason,
      updatedAt: at,
      // The first public word from a partner, for "time to first answer".
      ...(organisationId && !issue.firstResponseAt ? { firstResponseAt: at } : {}),
    },
  });
  await tx.issueEvent.create({
    data: {
      issueId: input.issueId,
      type: "status_changed",
      fromStatus: issue.status,
      toStatus: input.to,
      publicMessage: message,
      reason: closeReason ?? reason,
      actorId,
      organisationId,
      createdAt: at,
    },
  });
  await audit(tx, {
    issueId: input.issueId,
    actorId,
    action: "status",
    before: { status: issue.status, closeReason: issue.closeReason },
    after: { status: input.to, closeReason },
    at,
  });
  // Demo history is not news: the seed writes the past without notifying anyone.
  if (!("system" in input.by && input.by.system === "seed")) {
    await queueIssueNotifications(tx, { issueId: input.issueId, kind: "status_changed", message, toStatus: input.to, actorId });
  }
  await bumpIssuesVersion(tx);
}
