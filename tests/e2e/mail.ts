/**
 * Mail in end-to-end tests: the SMTP server of global-setup.ts writes each message it receives
 * into tests/.tmp/mail/ as JSON; waitForMail() polls that folder.
 *
 *   const mail = await waitForMail({ to: user.email, subjectIncludes: "Nieuw wachtwoord" });
 *   const link = linkInMail(mail, "/wachtwoord-herstellen/");
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ReceivedMail } from "../smtp";
import { MAIL_DIR } from "./global-setup";

export type E2eMail = { to: string; subject: string; text: string };

function readMails(): ReceivedMail[] {
  if (!existsSync(MAIL_DIR)) return [];
  return readdirSync(MAIL_DIR)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(MAIL_DIR, name), "utf8")) as ReceivedMail);
}

/** The newest mail to `to` (and with `subjectIncludes` in its subject), waiting up to `timeoutMs`. */
export async function waitForMail({
  to,
  subjectIncludes,
  timeoutMs = 10_000,
}: {
  to: string;
  subjectIncludes?: string;
  timeoutMs?: number;
}): Promise<E2eMail> {
  const address = to.toLowerCase();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = readMails()
      .reverse()
      .find((mail) => mail.to.includes(address) && (!subjectIncludes || mail.subject.includes(subjectIncludes)));
    if (found) return { to: address, subject: found.subject, text: found.text };
    if (Date.now() > deadline) {
      throw new Error(`No mail to ${to}${subjectIncludes ? ` about "${subjectIncludes}"` : ""} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The first link in the mail whose path starts with `pathPrefix`, e.g. "/wachtwoord-herstellen/". */
export function linkInMail(mail: E2eMail, pathPrefix: string) {
  const link = mail.text
    .split(/\s+/)
    .find((word) => /^https?:\/\//.test(word) && new URL(word).pathname.startsWith(pathPrefix));
  if (!link) throw new Error(`No link to ${pathPrefix} in the mail "${mail.subject}":\n${mail.text}`);
  return link;
}
