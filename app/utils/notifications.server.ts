import type { Tx } from "./db.server";
import { enqueueJob } from "./jobs.server";

/**
 * What happened to an issue that its reporter and followers should hear about. Queued in the
 * caller's transaction; the job handler (job-handlers.server.ts) fans it out to in-app
 * notifications and emails, leaving out the person who made the change.
 */
export type IssueUpdate = {
  issueId: number;
  kind: "triaged" | "status_changed" | "public_update" | "owner_changed" | "merged" | "decision";
  /** The public message shown to residents (never an internal note). */
  message: string;
  toStatus?: string | null;
  actorId?: string | null;
};

export async function queueIssueNotifications(tx: Tx, update: IssueUpdate) {
  await enqueueJob(tx, "notify_issue_update", update);
}
