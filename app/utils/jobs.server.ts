import { db, type Tx } from "./db.server";

/**
 * The job queue (outbox): work that must happen after a change commits (mail, notifications)
 * is written as a Job row in the same transaction as the change, and a worker in the app
 * process runs it (see app/utils/job-worker.server.ts). Several app servers may run workers.
 */
export type JobType = "notify_issue_update" | "notify_new_issue" | "send_email" | (string & {});

/**
 * Queues a job in the caller's transaction. `id` is for handlers that queue follow-up jobs:
 * an id derived from their own job id lets a repeated run see that it already queued them.
 */
export async function enqueueJob(
  tx: Tx,
  type: JobType,
  payload: unknown,
  runAt: Date = new Date(),
  options: { id?: string } = {},
) {
  await tx.job.create({ data: { id: options.id, type, payload: JSON.stringify(payload), runAt } });
}

export function pendingJobCount() {
  return db.job.count({ where: { completedAt: null, failedAt: null } });
}
