import { matchAlerts, sendAlertDigest } from "./alerts.server";
import { purgeUnconfirmed } from "./confirmations.server";
import type { JobType } from "./jobs.server";
import { sendQueuedEmail } from "./mail.server";
import { deliverIssueUpdate, deliverNewIssueMail } from "./notifications.server";
import { notifyModerators } from "./moderation.server";
import { pollExternalRequests, sendExternalRequest } from "./open311-client.server";
import { anonymiseClosedIssueReporters } from "./privacy.server";
import { dailyAt, every, type RecurringJobDefinition } from "./recurring-jobs.server";
import { env } from "./env.server";

/**
 * What each job type does. A handler gets the parsed JSON payload and throws to have the job
 * retried with backoff (job-worker.server.ts). Handlers may run more than once for one job (a
 * worker can die after the work but before marking it done), so they are written to be safe
 * to repeat.
 */
export type JobContext = {
  jobId: string;
  /** The worker's clock for this run (a fixed time in tests). */
  now: Date;
  /** 1 for the first try. */
  attempt: number;
  /** When the job runs again if this try throws; null on its last try. */
  retryAt: Date | null;
};

export type JobHandler = (payload: unknown, context: JobContext) => Promise<unknown>;

export type JobHandlers = Partial<Record<JobType, JobHandler>>;

export const jobHandlers: JobHandlers = {
  send_email: sendQueuedEmail,
  notify_issue_update: deliverIssueUpdate,
  notify_new_issue: deliverNewIssueMail,
  notify_moderators: notifyModerators,
  open311_send: sendExternalRequest,
  open311_poll: pollExternalRequests,
  match_alerts: matchAlerts,
  alert_digest: sendAlertDigest,
  purge_unconfirmed: purgeUnconfirmed,
  retention: anonymiseClosedIssueReporters,
};

/** Jobs queued on a schedule (recurring-jobs.server.ts); each type also needs a handler above. */
export const recurringJobs: RecurringJobDefinition[] = [
  // Read at each run, so the setting needs no restart of this module (and tests can set it).
  { type: "open311_poll", schedule: (after) => every(env().OPEN311_POLL_SECONDS * 1000)(after) },
  { type: "alert_digest", schedule: dailyAt(7) },
  // Reports and supports nobody confirmed by mail (confirmations.server.ts).
  { type: "purge_unconfirmed", schedule: every(60 * 60 * 1000) },
  // Reporters' identity on issues closed longer ago than the setting (privacy.server.ts).
  { type: "retention", schedule: dailyAt(3) },
];
