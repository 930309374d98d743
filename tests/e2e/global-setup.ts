/**
 * Playwright global setup: a real SMTP server on 127.0.0.1:3125 (SMTP_URL of the e2e server,
 * scripts/e2e-server.mjs) that writes every message it receives as JSON into tests/.tmp/mail/,
 * where tests read it with waitForMail() (tests/e2e/mail.ts). The returned function stops it.
 *
 * Order (checked in Playwright 1.65's runner): the webServer is started first, then this setup,
 * then the tests. The app only sends mail that tests cause, so the SMTP server is always up in
 * time; a mail sent without it would be retried (30 s later), not lost.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startSmtpServer } from "../smtp";
import { E2E_SMTP_PORT, E2E_TMP } from "./lane";

export { E2E_SMTP_PORT };
export const MAIL_DIR = path.join(E2E_TMP, "mail");

export default async function globalSetup() {
  rmSync(MAIL_DIR, { recursive: true, force: true });
  mkdirSync(MAIL_DIR, { recursive: true });
  let count = 0;
  const smtp = await startSmtpServer({
    port: E2E_SMTP_PORT,
    onMail(mail) {
      count += 1;
      const name = `${Date.now()}-${String(count).padStart(5, "0")}.json`;
      // Write under a temporary name and rename: a reader never sees half a file.
      const partial = path.join(MAIL_DIR, `.${name}.partial`);
      writeFileSync(partial, JSON.stringify(mail, null, 2));
      renameSync(partial, path.join(MAIL_DIR, name));
    },
  });
  return () => smtp.close();
}
