import { nextLocalTime } from "~/domain/working-days";
import { db } from "./db.server";
import { enqueueJob, type JobType } from "./jobs.server";

/**
 * Jobs that run on a schedule (daily alert digest, polling external systems, clean-ups). Each
 * has one RecurringJob row holding its next due time. Whichever worker sees it due first moves
 * that time on with a compare-and-set and queues one ordinary job (with an id derived from the
 * slot), so with several app servers each slot still runs exactly once, with the queue's retries.
 */
export type Schedule = (after: Date) => Date;

export type RecurringJobDefinition = {
  /** Also the job type queued for each run. The list lives in job-handlers.server.ts. */
  type: JobType;
  schedule: Schedule;
};

export const every =
  (milliseconds: number): Schedule =>
  (after) =>
    new Date(after.getTime() + milliseconds);

/** Daily at a wall-clock time in Blerick (Europe/Amsterdam), whatever the server's zone. */
export const dailyAt =
  (hour: number, minute = 0): Schedule =>
  (after) =>
    nextLocalTime(after, hour, minute);

/**
 * Queues one job for every recurring job that is due at `now`. A job seen for the first time
 * is first due at its next slot after `now`, not at once. Returns the types queued.
 */
export async function queueDueRecurringJobs(
  jobs: readonly RecurringJobDefinition[],
  now = new Date(),
): Promise<string[]> {
  const queued: string[] = [];
  // Runs on every worker tick: one read for all schedules, writes only when one is due.
  const rows = await db.recurringJob.findMany({ where: { name: { in: jobs.map((job) => job.type) } } });
  const nextRunAt = new Map(rows.map((row) => [row.name, row.nextRunAt]));
  for (const job of jobs) {
    const slot = nextRunAt.get(job.type);
    if (!slot) {
      await db.recurringJob.createMany({ data: [{ name: job.type, nextRunAt: job.schedule(now) }] }).catch(() => {
        // Another server created it first: fine, it holds the same schedule.
      });
      continue;
    }
    if (slot > now) continue;
    const won = await db.$transaction(async (tx) => {
      const moved = await tx.recurringJob.updateMany({
        where: { name: job.type, nextRunAt: slot },
        data: { nextRunAt: job.schedule(now) },
      });
      if (moved.count !== 1) return false;
      await enqueueJob(tx, job.type, { scheduledFor: slot.toISOString() }, now, {
        id: `recurring:${job.type}:${slot.toISOString()}`,
      });
      return true;
    });
    if (won) queued.push(job.type);
  }
  return queued;
}
