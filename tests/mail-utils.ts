/**
 * Mail in integration tests: a real SMTP server (tests/smtp.ts) per test file, with the app's
 * SMTP_URL pointed at it, and a helper that runs queued jobs the way the worker does.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { env } from "~/utils/env.server";
import { runDueJobs } from "~/utils/job-worker.server";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "./smtp";

export type { ReceivedMail };

/** Registers beforeAll/afterAll hooks; the returned object works inside tests. */
export function setupTestSmtpServer() {
  let server: TestSmtpServer | undefined;
  let previous: string | null = null;
  const current = () => {
    if (!server) throw new Error("The test SMTP server is not running (use it inside a test)");
    return server;
  };
  beforeAll(async () => {
    server = await startSmtpServer();
    // The configuration is read once per process and cached (db.server.ts reads it on import),
    // so the address goes into that object; setting process.env now would come too late.
    const config = env();
    previous = config.SMTP_URL;
    config.SMTP_URL = server.url;
  });
  beforeEach(() => server?.clear());
  afterAll(async () => {
    env().SMTP_URL = previous;
    await server?.close();
  });
  return {
    get url() {
      return current().url;
    },
    get messages() {
      return current().messages;
    },
    /** Messages to this address (envelope recipient). */
    to(address: string) {
      return current().messages.filter((mail) => mail.to.includes(address.toLowerCase()));
    },
    waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number) {
      return current().waitFor(predicate, timeoutMs);
    },
  };
}

/** Runs every job due at `now` (default: the real time), including jobs those jobs queue. */
export function runAllJobs(now?: Date) {
  return runDueJobs({ now, limit: 1000 });
}

/** The first http(s) link in a mail text that starts with `prefix`. */
export function linkIn(text: string, prefix: string) {
  const link = text.split(/\s+/).find((word) => word.startsWith(prefix));
  if (!link) throw new Error(`No link starting with ${prefix} in:\n${text}`);
  return link;
}
