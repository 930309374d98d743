import { db, type Tx } from "./db.server";

/**
 * The job queue (outbox): work that must happen after a change commits (mail, notifications)
 * is written as a Job row in the same transaction as the change, and a worker in the app
 * process runs it (see app/utils/job-worker.server.ts). Several app servers may run workers.
 */
export type JobType = "notify_issue_update" | "send_email" | (string & {});

export async function enqueueJob(tx: Tx, type: JobType, payload: unknown, runAt: Date = new Date()) {
  await tx.job.create({ data: { type, payload: JSON.stringify(payload), runAt } });
}

export function pendingJobCount() {
  return db.job.count({ where: { completedAt: null, failedAt: null } });
}
