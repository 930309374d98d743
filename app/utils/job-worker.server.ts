import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { db } from "./db.server";
import { env } from "./env.server";
import { jobHandlers, recurringJobs, type JobHandlers } from "./job-handlers.server";
import { closeMailTransport } from "./mail.server";
import { queueDueRecurringJobs } from "./recurring-jobs.server";
import { claimNextJob, type ClaimedJob } from "./sql.server";

/**
 * Runs queued jobs (jobs.server.ts) inside the app process. Every app server may run a worker:
 * jobs are claimed one at a time with an atomic UPDATE (sql.server.ts), so no job runs twice
 * at once. A lock older than LOCK_TIMEOUT_MS belongs to a worker that died (crash, deploy) and
 * is taken over. A failed job is retried after 30 s, 1 min, 2 min, ... (at most 1 hour apart)
 * until it has been tried maxAttempts times; then it is marked failed and left for a person.
 */
export const LOCK_TIMEOUT_MS = 5 * 60 * 1000;
const BASE_RETRY_MS = 30 * 1000;
const MAX_RETRY_MS = 60 * 60 * 1000;
const DEFAULT_BATCH = 25;

/** Wait before the next try after `failures` failed tries: 30 s x 2^(failures - 1), at most 1 hour. */
export function retryDelayMs(failures: number) {
  return Math.min(MAX_RETRY_MS, BASE_RETRY_MS * 2 ** Math.max(0, failures - 1));
}

/** Names this process in Job.lockedBy, so a stuck lock can be traced to a server. */
const WORKER_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

export type JobOutcome = { id: string; type: string; result: "completed" | "retry" | "failed"; error?: string };

export type RunDueJobsOptions = {
  /** The clock for this run; defaults to the real time. Tests pass a fixed time. */
  now?: Date;
  /** Most jobs to run in this call. */
  limit?: number;
  /** Defaults to the registry in job-handlers.server.ts; tests pass their own. */
  handlers?: JobHandlers;
  /** Written to Job.lockedBy; defaults to this process's id. */
  workerId?: string;
};

/**
 * Claims and runs due jobs one by one until none is due or `limit` have run. Jobs queued by a
 * handler with runAt <= now (such as the mails of a notification) run in the same call.
 */
export async function runDueJobs(options: RunDueJobsOptions = {}): Promise<JobOutcome[]> {
  const limit = options.limit ?? DEFAULT_BATCH;
  const handlers = options.handlers ?? jobHandlers;
  const workerId = options.workerId ?? WORKER_ID;
  const clock = () => options.now ?? new Date();
  const outcomes: JobOutcome[] = [];
  while (outcomes.length < limit) {
    const now = clock();
    const job = await claimNextJob(workerId, now, new Date(now.getTime() - LOCK_TIMEOUT_MS));
    if (!job) break;
    outcomes.push(await runJob(job, { claimedAt: now, clock, handlers, workerId }));
  }
  return outcomes;
}

async function runJob(
  job: ClaimedJob,
  {
    claimedAt,
    clock,
    handlers,
    workerId,
  }: { claimedAt: Date; clock: () => Date; handlers: JobHandlers; workerId: string },
): Promise<JobOutcome> {
  // Only the holder of this lock may finish the job: if the lock went stale and another worker
  // took the job over, this worker's late result is dropped instead of overwriting theirs.
  const ours = { id: job.id, lockedBy: workerId, lockedAt: claimedAt };
  try {
    const handler = handlers[job.type];
    if (!handler) throw new Error(`No handler for job type "${job.type}"`);
    const attempt = job.attempts + 1;
    const retryAt = attempt >= job.maxAttempts ? null : new Date(claimedAt.getTime() + retryDelayMs(attempt));
    await handler(JSON.parse(job.payload) as unknown, { jobId: job.id, now: claimedAt, attempt, retryAt });
    await db.job.updateMany({ where: ours, data: { completedAt: clock(), lockedAt: null, lockedBy: null } });
    return { id: job.id, type: job.type, result: "completed" };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const attempts = job.attempts + 1;
    const failed = attempts >= job.maxAttempts;
    const now = clock();
    await db.job.updateMany({
      where: ours,
      data: {
        attempts,
        lastError: message.slice(0, 2000),
        lockedAt: null,
        lockedBy: null,
        ...(failed ? { failedAt: now } : { runAt: new Date(now.getTime() + retryDelayMs(attempts)) }),
      },
    });
    if (failed) {
      console.error(`[jobs] ${job.type} ${job.id} failed for good after ${attempts} tries: ${message}`);
    } else {
      const next = new Date(now.getTime() + retryDelayMs(attempts)).toISOString();
      console.warn(
        `[jobs] ${job.type} ${job.id} try ${attempts} of ${job.maxAttempts} failed, next try at ${next}: ${message}`,
      );
    }
    return { id: job.id, type: job.type, result: failed ? "failed" : "retry", error: message };
  }
}

type WorkerState = {
  timer: NodeJS.Timeout | null;
  running: Promise<unknown> | null;
  stopped: boolean;
  /** Replaced on every start call, so a dev-server reload runs the newest code. */
  run: () => Promise<JobOutcome[]>;
};
const globalForWorker = globalThis as unknown as { __jobWorker?: WorkerState };

/**
 * Starts polling for due jobs every JOB_POLL_MS. Idempotent per process (also across
 * dev-server reloads). Not started under NODE_ENV=test: tests call runDueJobs() themselves.
 */
export function startJobWorker() {
  const config = env();
  if (config.NODE_ENV === "test") return;
  const run = async () => {
    await queueDueRecurringJobs(recurringJobs);
    return runDueJobs();
  };
  const existing = globalForWorker.__jobWorker;
  if (existing) {
    existing.run = run;
    return;
  }
  const state: WorkerState = { timer: null, running: null, stopped: false, run };
  globalForWorker.__jobWorker = state;

  const tick = async () => {
    state.timer = null;
    let busy = false;
    try {
      state.running = state.run();
      const outcomes = (await state.running) as JobOutcome[];
      busy = outcomes.length >= DEFAULT_BATCH;
    } catch (error) {
      console.error("[jobs] worker run failed", error);
    } finally {
      state.running = null;
    }
    if (!state.stopped) schedule(busy ? 0 : config.JOB_POLL_MS);
  };
  const schedule = (delay: number) => {
    state.timer = setTimeout(() => void tick(), delay);
    // The worker alone must not keep the process alive (tests, scripts, a graceful shutdown).
    state.timer.unref();
  };
  schedule(0);
}

/** Stops polling and waits for the job in progress, for a graceful shutdown. */
export async function stopJobWorker() {
  const state = globalForWorker.__jobWorker;
  if (state) {
    state.stopped = true;
    if (state.timer) clearTimeout(state.timer);
    await state.running?.catch(() => undefined);
    delete globalForWorker.__jobWorker;
  }
  closeMailTransport();
}
