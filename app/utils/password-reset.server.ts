import { t } from "~/i18n";
import { generateSessionToken, hashPassword, hashToken, isGeneratedToken } from "./auth.server";
import { db, type Tx } from "./db.server";
import { env } from "./env.server";
import { firstName } from "./format";
import { queueEmail } from "./mail.server";

/**
 * "Wachtwoord vergeten": a random token in a link by mail, only its SHA-256 in the database
 * (like sessions), valid for one hour and for one use. Setting the new password ends every
 * session of the account; the caller logs this device in again.
 */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

export function passwordResetUrl(token: string) {
  return `${env().PUBLIC_URL}/wachtwoord-herstellen/${token}`;
}

function passwordResetMailText(name: string, url: string) {
  const first = firstName(name);
  return [
    first ? t("mail.passwordReset.greeting", { name: first }) : t("mail.notification.greetingNoName"),
    "",
    t("mail.passwordReset.intro"),
    url,
    "",
    t("mail.passwordReset.validity"),
    "",
    t("mail.passwordReset.notYou"),
    "",
    t("mail.passwordReset.signature"),
  ].join("\n");
}

/**
 * Queues a reset mail when an account has this email, and does nothing otherwise: the caller
 * answers the same either way. The mail is sent even to people who opted out of mail, because
 * they asked for it (and it has no unsubscribe link for the same reason).
 */
export async function requestPasswordReset(email: string, now = new Date()) {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, anonymisedAt: true },
  });
  if (!user || user.anonymisedAt) return;
  await db.$transaction(async (tx) => {
    const token = await createPasswordResetToken(tx, user.id, now);
    await queueEmail(
      tx,
      {
        to: user.email,
        subject: t("mail.passwordReset.subject"),
        text: passwordResetMailText(user.name, passwordResetUrl(token)),
      },
      now,
    );
  });
}

/**
 * A fresh one-hour link for this account, in the caller's transaction; returns the token (only
 * its hash is stored). Also used to let someone who confirmed a report by mail choose a password.
 */
export async function createPasswordResetToken(tx: Tx, userId: string, now = new Date()) {
  const token = generateSessionToken();
  await tx.passwordResetToken.deleteMany({ where: { userId, expiresAt: { lte: now } } });
  await tx.passwordResetToken.create({
    data: { id: hashToken(token), userId, expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS), createdAt: now },
  });
  return token;
}

/** Whether a link still works: known, unused, less than an hour old, account not anonymised. */
export async function isValidPasswordResetToken(token: string | undefined, now = new Date()) {
  if (!isGeneratedToken(token)) return false;
  const row = await db.passwordResetToken.findUnique({
    where: { id: hashToken(token) },
    select: { expiresAt: true, usedAt: true, user: { select: { anonymisedAt: true } } },
  });
  return Boolean(row && !row.usedAt && row.expiresAt > now && !row.user.anonymisedAt);
}

/**
 * Sets the new password through a valid link and uses the link up. Returns the user's id, or
 * null when the link does not (or no longer) work; then nothing changed.
 */
export async function resetPasswordWithToken(token: string | undefined, password: string, now = new Date()) {
  // Checked before hashing: argon2 is deliberately slow, and bad links must stay cheap.
  if (!token || !(await isValidPasswordResetToken(token, now))) return null;
  const id = hashToken(token);
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    // Only one request can set usedAt, so two submits of the same link change the password once.
    const claimed = await tx.passwordResetToken.updateMany({
      where: { id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count === 0) return null;
    const { user } = await tx.passwordResetToken.findUniqueOrThrow({
      where: { id },
      select: { user: { select: { id: true, emailVerifiedAt: true } } },
    });
    await tx.user.update({
      where: { id: user.id },
      // Following the link proves the person reads this mailbox.
      data: { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now },
    });
    // Every session ends, a thief's included; earlier reset links stop working too.
    await tx.session.deleteMany({ where: { userId: user.id } });
    await tx.passwordResetToken.deleteMany({ where: { userId: user.id, id: { not: id } } });
    return user.id;
  });
}
