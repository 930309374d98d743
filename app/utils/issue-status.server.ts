import { canTransition, isIssueStatus, type IssueStatus } from "~/domain/issue-status";
import { bumpIssuesVersion } from "./issues.server";
import type { Tx } from "./db.server";

export class TransitionError extends Error {}

type ChangeStatusInput = {
  issueId: number;
  to: IssueStatus;
  /** Shown to residents on the issue page; required with every status change. */
  publicMessage: string;
  actorId: string | null;
  organisationId?: string | null;
  at?: Date;
};

/**
 * The only way an issue's status changes: checks the workflow table, writes the audit/timeline
 * row and tells the map cache, all inside the caller's transaction. Partner permission checks
 * happen before this call (app/domain/permissions.ts).
 */
export async function changeStatus(tx: Tx, input: ChangeStatusInput) {
  const message = input.publicMessage.trim();
  if (!message) throw new TransitionError("A public message is required with every status change");
  const issue = await tx.issue.findUnique({ where: { id: input.issueId }, select: { status: true } });
  if (!issue) throw new TransitionError(`Issue ${input.issueId} does not exist`);
  if (!isIssueStatus(issue.status)) throw new TransitionError(`Unknown stored status ${issue.status}`);
  if (!canTransition(issue.status, input.to)) {
    throw new TransitionError(`Cannot change status from ${issue.status} to ${input.to}`);
  }
  const at = input.at ?? new Date();
  const closed = input.to === "opgelost" || input.to === "gesloten_niet_opgelost";
  await tx.issue.update({
    where: { id: input.issueId },
    data: { status: input.to, closedAt: closed ? at : null, updatedAt: at },
  });
  await tx.issueEvent.create({
    data: {
      issueId: input.issueId,
      type: "status_changed",
      fromStatus: issue.status,
      toStatus: input.to,
      publicMessage: message,
      actorId: input.actorId,
      organisationId: input.organisationId ?? null,
      createdAt: at,
    },
  });
  await bumpIssuesVersion(tx);
}
