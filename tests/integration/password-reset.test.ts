import { describe, expect, test } from "vitest";
import { action as forgotAction, loader as forgotLoader } from "~/routes/wachtwoord-vergeten";
import { action as resetAction, loader as resetLoader } from "~/routes/wachtwoord-herstellen.$token";
import { getSessionUser, hashToken, verifyPassword } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import {
  isValidPasswordResetToken,
  PASSWORD_RESET_TTL_MS,
  requestPasswordReset,
  resetPasswordWithToken,
} from "~/utils/password-reset.server";
import { createUser, sessionCookieFor } from "../db-utils";
import { linkIn, runAllJobs, setupTestSmtpServer } from "../mail-utils";

const smtp = setupTestSmtpServer();

type Result = Response | { data: Record<string, unknown>; init: ResponseInit | null };

async function settle(run: () => Promise<unknown>): Promise<Result> {
  try {
    return (await run()) as Result;
  } catch (thrown) {
    return thrown as Response;
  }
}
const statusOf = (result: Result) => (result instanceof Response ? result.status : (result.init?.status ?? 200));

let address = 0;
function forgot(email: string, clientAddress = `198.51.100.${++address}`) {
  return settle(() =>
    forgotAction({
      request: new Request("http://localhost/wachtwoord-vergeten", {
        method: "POST",
        body: new URLSearchParams({ email }),
      }),
      params: {},
      context: { clientAddress },
    }),
  );
}

function openLink(token: string) {
  return settle(() =>
    resetLoader({
      request: new Request(`http://localhost/wachtwoord-herstellen/${token}`),
      params: { token },
      context: {},
    }),
  );
}

function reset(token: string, password: string) {
  return settle(() =>
    resetAction({
      request: new Request(`http://localhost/wachtwoord-herstellen/${token}`, {
        method: "POST",
        body: new URLSearchParams({ password }),
      }),
      params: { token },
      context: {},
    }),
  );
}

/** Sends the queued mail and returns the token from the link in it. */
async function tokenFromMail(email: string, now?: Date) {
  await runAllJobs(now);
  const mail = await smtp.waitFor((message) => message.to.includes(email));
  return linkIn(mail.text, `${env().PUBLIC_URL}/wachtwoord-herstellen/`).split("/").pop()!;
}

describe("forgot password", () => {
  test("the answer is the same whether or not the email has an account; only an account gets mail", async () => {
    const user = await createUser({ name: "Eline van Oeverdonk" });
    const known = await forgot(user.email.toUpperCase());
    const unknown = await forgot("niemand@example.test");
    for (const result of [known, unknown]) {
      expect(statusOf(result)).toBe(302);
      expect((result as Response).headers.get("Location")).toBe("/wachtwoord-vergeten?verstuurd");
    }
    await runAllJobs();
    expect(smtp.messages.flatMap((mail) => mail.to)).toEqual([user.email]);

    const [mail] = smtp.messages;
    expect(mail.subject).toBe("Nieuw wachtwoord voor Buurt Bestuurt");
    expect(mail.text).toContain("Hallo Eline,");
    expect(mail.text).toContain("De link werkt 1 uur en maar één keer.");
    const token = linkIn(mail.text, `${env().PUBLIC_URL}/wachtwoord-herstellen/`).split("/").pop()!;
    // Only the hash is stored.
    const rows = await db.passwordResetToken.findMany({ where: { userId: user.id } });
    expect(rows.map((row) => row.id)).toEqual([hashToken(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);

    const page = await forgotLoader({
      request: new Request("http://localhost/wachtwoord-vergeten?verstuurd"),
      params: {},
      context: {},
    });
    expect(page).toEqual({ sent: true });
  });

  test("an invalid email is answered next to the field, with the input kept", async () => {
    const result = await forgot("geen-email");
    expect(statusOf(result)).toBe(400);
    const reply = (result as { data: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } })
      .data;
    expect(reply.error?.email?.[0]).toMatch(/geldig e-mailadres/);
    expect(reply.initialValue?.email).toBe("geen-email");
  });

  test("rate limited per email, the same for unknown emails, so the limit reveals nothing", async () => {
    const user = await createUser();
    for (const email of [user.email, "onbekend.adres@example.test"]) {
      for (let i = 0; i < 5; i++) expect(statusOf(await forgot(email))).toBe(302);
      const blocked = await forgot(email);
      expect(statusOf(blocked)).toBe(429);
      expect((blocked as { data: { error?: Record<string, string[]> } }).data.error?.[""]).toEqual([
        "Je hebt te vaak een link aangevraagd. Wacht een uur en probeer het dan opnieuw.",
      ]);
    }
  });

  test("rate limited per address across emails", async () => {
    const statuses = [];
    for (let i = 0; i < 21; i++) statuses.push(statusOf(await forgot(`persoon${i}@example.test`, "203.0.113.9")));
    expect(statuses.slice(0, 20).every((status) => status === 302)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

describe("choosing a new password with the link", () => {
  test("sets the password, ends every other session, logs in, and the link works only once", async () => {
    const user = await createUser();
    const otherDevice = await sessionCookieFor(user.id);
    await requestPasswordReset(user.email);
    const token = await tokenFromMail(user.email);

    expect(statusOf(await openLink(token))).toBe(200);

    // The same password rules as registration; the link stays usable after a mistake.
    const tooShort = await reset(token, "kort");
    expect(statusOf(tooShort)).toBe(400);
    expect(JSON.stringify((tooShort as { data: unknown }).data)).toContain("minstens 10 tekens");
    expect(await isValidPasswordResetToken(token)).toBe(true);

    const done = (await reset(token, "een-nieuw-lang-wachtwoord")) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/");
    const cookies = done.headers.getSetCookie();
    const session = cookies.find((cookie) => cookie.startsWith("bb_session="))!.split(";")[0];
    expect(cookies.some((cookie) => cookie.startsWith("bb_toast="))).toBe(true);

    const sessionUser = await getSessionUser(new Request("http://localhost/", { headers: { Cookie: session } }));
    expect(sessionUser?.id).toBe(user.id);
    expect(await getSessionUser(new Request("http://localhost/", { headers: { Cookie: otherDevice } }))).toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);

    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(passwordHash, "een-nieuw-lang-wachtwoord")).toBe(true);
    expect(await verifyPassword(passwordHash, user.password)).toBe(false);

    // Used: the page says so (404), and a second submit changes nothing.
    const again = await openLink(token);
    expect(statusOf(again)).toBe(404);
    expect((again as { data: Record<string, unknown> }).data.valid).toBe(false);
    const second = await reset(token, "nog-een-ander-wachtwoord");
    expect(statusOf(second)).toBe(404);
    expect((second as { data: Record<string, unknown> }).data.invalidLink).toBe(true);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toBe(passwordHash);
  });

  test("a link expires after one hour", async () => {
    const user = await createUser();
    const requestedAt = new Date(Date.now() - 30 * 60 * 1000);
    await requestPasswordReset(user.email, requestedAt);
    const token = await tokenFromMail(user.email, requestedAt);

    const justBefore = new Date(requestedAt.getTime() + PASSWORD_RESET_TTL_MS - 1000);
    const justAfter = new Date(requestedAt.getTime() + PASSWORD_RESET_TTL_MS + 1000);
    expect(await isValidPasswordResetToken(token, justBefore)).toBe(true);
    expect(await isValidPasswordResetToken(token, justAfter)).toBe(false);
    expect(await resetPasswordWithToken(token, "een-nieuw-lang-wachtwoord", justAfter)).toBeNull();
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(passwordHash, user.password)).toBe(true);
  });

  test("using one link makes earlier links stop working", async () => {
    const user = await createUser();
    await requestPasswordReset(user.email);
    const first = await tokenFromMail(user.email);
    smtp.messages.splice(0);
    await requestPasswordReset(user.email);
    const second = await tokenFromMail(user.email);
    expect(first).not.toBe(second);
    expect(await isValidPasswordResetToken(first)).toBe(true);

    expect(await resetPasswordWithToken(second, "een-nieuw-lang-wachtwoord")).toBe(user.id);
    expect(await isValidPasswordResetToken(first)).toBe(false);
  });

  test("two submits at once change the password once", async () => {
    const user = await createUser();
    await requestPasswordReset(user.email);
    const token = await tokenFromMail(user.email);
    const results = await Promise.all([
      resetPasswordWithToken(token, "eerste-nieuwe-wachtwoord"),
      resetPasswordWithToken(token, "tweede-nieuwe-wachtwoord"),
    ]);
    expect(results.filter((result) => result === user.id)).toHaveLength(1);
  });

  test("made-up and tampered links show the friendly page, never a 500", async () => {
    const user = await createUser();
    await requestPasswordReset(user.email);
    const token = await tokenFromMail(user.email);
    const tampered = token.slice(0, -1) + (token.endsWith("a") ? "b" : "a");
    for (const bad of [tampered, "onzin", "", "A".repeat(32), `${token}x`, "../../etc/passwd"]) {
      expect(statusOf(await openLink(bad)), bad).toBe(404);
      expect(statusOf(await reset(bad, "een-nieuw-lang-wachtwoord")), bad).toBe(404);
    }
    expect(await isValidPasswordResetToken(token)).toBe(true);
  });
});
