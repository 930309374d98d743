/**
 * A real SMTP server for tests (the `smtp-server` package), listening on 127.0.0.1 only: the
 * app sends through nodemailer exactly as in production, and tests read what arrived. No mail
 * ever leaves the machine. Plain SMTP without TLS or login, like a local relay.
 *
 *   const smtp = await startSmtpServer();          // a free port
 *   process.env.SMTP_URL = smtp.url;
 *   ...
 *   const mail = await smtp.waitFor((m) => m.to.includes("anouk@example.test"));
 *   await smtp.close();
 *
 * No imports from the app, so Playwright's global setup can use it too.
 */
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = {
  /** Envelope recipients (RCPT TO), lower case. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string | null;
  /** Raw header values by lower-case name (last one wins), e.g. headers["list-unsubscribe"]. */
  headers: Record<string, string>;
  receivedAt: string;
  /** The SMTP connection it came over (smtp-server's session id). */
  connectionId: string;
};

export type TestSmtpServer = {
  port: number;
  /** For SMTP_URL: smtp://127.0.0.1:PORT */
  url: string;
  /** Everything received so far, oldest first. */
  messages: ReceivedMail[];
  clear(): void;
  /** The first message (received already or arriving within `timeoutMs`) that matches. */
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
};

export async function startSmtpServer(
  options: { port?: number; onMail?: (mail: ReceivedMail) => void | Promise<void> } = {},
): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    disableReverseLookup: true,
    // The app keeps its SMTP connections open (a pool): close() ends them after this, not 30 s.
    closeTimeout: 100,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          const headers: Record<string, string> = {};
          for (const { key, line } of parsed.headerLines) {
            headers[key.toLowerCase()] = line.slice(line.indexOf(":") + 1).trim();
          }
          const mail: ReceivedMail = {
            to: session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            subject: parsed.subject ?? "",
            text: (parsed.text ?? "").replace(/\r\n/g, "\n"),
            html: typeof parsed.html === "string" ? parsed.html : null,
            headers,
            receivedAt: new Date().toISOString(),
            connectionId: session.id,
          };
          await options.onMail?.(mail);
          messages.push(mail);
          for (const wake of waiters) wake();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  // A broken client connection must not crash the test process.
  server.on("error", () => undefined);
  const { port } = server.server.address() as AddressInfo;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    clear: () => void messages.splice(0),
    waitFor(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (!found) return false;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(found);
          return true;
        };
        const wake = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`No matching mail within ${timeoutMs} ms (received ${messages.length})`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
