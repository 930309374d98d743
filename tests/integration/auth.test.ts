import { describe, expect, test } from "vitest";
import { action as accountAction } from "~/routes/account";
import { action as loginAction } from "~/routes/inloggen";
import { action as registerAction } from "~/routes/registreren";
import { action as logoutAction } from "~/routes/uitloggen";
import { getSessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { createUser, sessionCookieFor } from "../db-utils";

type Result =
  | Response
  | { data: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> }; init: ResponseInit | null };

async function call(
  fn: typeof loginAction,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
  clientAddress = "192.0.2.1",
) {
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers,
  });
  try {
    return (await fn({ request, params: {}, context: { clientAddress } })) as Result;
  } catch (thrown) {
    return thrown as Response;
  }
}
const status = (result: Result) => (result instanceof Response ? result.status : (result.init?.status ?? 200));
const formErrors = (result: Result) => (result instanceof Response ? [] : (result.data.error?.[""] ?? []));
const sessionCookieIn = (result: Result) =>
  (result as Response).headers
    .getSetCookie()
    .find((c) => c.startsWith("bb_session="))!
    .split(";")[0];

describe("register", () => {
  test("creates a resident with a hashed password and logs them in", async () => {
    const result = await call(registerAction, "/registreren", {
      name: "Marloes Hendriks",
      email: "Marloes@Example.test",
      password: "een-lange-zin-2026",
      buurtCode: "BU09832101",
      redirectTo: "/meldingen/nieuw",
    });
    expect(status(result)).toBe(302);
    expect((result as Response).headers.get("Location")).toBe("/meldingen/nieuw");
    const cookie = (result as Response).headers.getSetCookie().find((c) => c.startsWith("bb_session="))!;
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    const user = await db.user.findUniqueOrThrow({
      where: { email: "marloes@example.test" },
      include: { roles: true },
    });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.roles.map((r) => r.role)).toEqual(["resident"]);
    const sessionUser = await getSessionUser(
      new Request("http://localhost/", { headers: { Cookie: sessionCookieIn(result) } }),
    );
    expect(sessionUser?.id).toBe(user.id);
  });

  test("refuses a taken email, a short password and an unknown buurt, keeping the input", async () => {
    await createUser({ email: "bezet@example.test" });
    const taken = await call(registerAction, "/registreren", {
      name: "Ilse Tromp",
      email: "bezet@example.test",
      password: "1234567890",
    });
    expect(status(taken)).toBe(400);
    expect((taken as { data: { error: Record<string, string[]> } }).data.error.email[0]).toMatch(/al een account/);
    const short = await call(registerAction, "/registreren", {
      name: "Ilse Tromp",
      email: "ilse@example.test",
      password: "kort",
    });
    expect(
      (short as { data: { error: Record<string, string[]>; initialValue: Record<string, string> } }).data.error
        .password,
    ).toEqual(["Kies een wachtwoord van minstens 10 tekens."]);
    expect((short as { data: { initialValue: Record<string, string> } }).data.initialValue.name).toBe("Ilse Tromp");
    const buurt = await call(registerAction, "/registreren", {
      name: "Ilse Tromp",
      email: "ilse@example.test",
      password: "1234567890",
      buurtCode: "BU99999999",
    });
    expect(status(buurt)).toBe(400);
    expect(await db.user.count({ where: { email: "ilse@example.test" } })).toBe(0);
  });

  test("characters nobody sees are taken out: a name of zero-width spaces is no name; direction overrides go", async () => {
    const invisible = await call(registerAction, "/registreren", {
      name: "\u200B\u200B\u2060",
      email: "onzichtbaar@example.test",
      password: "1234567890",
    });
    expect(status(invisible)).toBe(400);
    expect((invisible as { data: { error: Record<string, string[]> } }).data.error.name).toEqual(["Vul je naam in."]);
    const turned = await call(registerAction, "/registreren", {
      name: "Ilse \u202Eomgekeerd\u202C Tromp",
      email: "omgekeerd@example.test",
      password: "1234567890",
    });
    expect(status(turned)).toBe(302);
    expect((await db.user.findUniqueOrThrow({ where: { email: "omgekeerd@example.test" } })).name).toBe("Ilse omgekeerd Tromp");
    // Passwords are left as typed: one with such a character still matches.
    const odd = await createUser({ email: "vreemd-wachtwoord@example.test", password: "wacht\u200Bwoord-123" });
    expect(status(await call(loginAction, "/inloggen", { email: odd.email, password: "wacht\u200Bwoord-123" }, {}, "192.0.2.90"))).toBe(302);
  });

  test("never redirects to another site after registering", async () => {
    const result = await call(registerAction, "/registreren", {
      name: "Bram Wolters",
      email: "bram@example.test",
      password: "1234567890",
      redirectTo: "//evil.example",
    });
    expect((result as Response).headers.get("Location")).toBe("/");
  });
});

describe("login", () => {
  test("logs in and returns to where the person was", async () => {
    const user = await createUser({ email: "lotte@example.test" });
    const result = await call(loginAction, "/inloggen", {
      email: "lotte@example.test",
      password: user.password,
      redirectTo: "/meldingen/3",
    });
    expect(status(result)).toBe(302);
    expect((result as Response).headers.get("Location")).toBe("/meldingen/3");
  });

  test("gives the same message for a wrong password and an unknown email", async () => {
    await createUser({ email: "henk@example.test" });
    const wrong = await call(loginAction, "/inloggen", { email: "henk@example.test", password: "verkeerd-wachtwoord" });
    const unknown = await call(loginAction, "/inloggen", {
      email: "niemand@example.test",
      password: "verkeerd-wachtwoord",
    });
    expect(status(wrong)).toBe(400);
    expect(formErrors(wrong)).toEqual(formErrors(unknown));
    expect(formErrors(wrong)[0]).toMatch(/klopt niet/);
    // The password is never sent back to the browser.
    expect(JSON.stringify(wrong)).not.toContain("verkeerd-wachtwoord");
  });

  test("is rate-limited per email: the 11th try in 15 minutes is refused even with the right password", async () => {
    const user = await createUser({ email: "gerda@example.test" });
    for (let i = 0; i < 10; i++) {
      await call(
        loginAction,
        "/inloggen",
        { email: "gerda@example.test", password: "fout-fout-fout" },
        {},
        `10.0.0.${i}`,
      );
    }
    const blocked = await call(
      loginAction,
      "/inloggen",
      { email: "gerda@example.test", password: user.password },
      {},
      "10.0.1.1",
    );
    expect(status(blocked)).toBe(429);
    expect(formErrors(blocked)[0]).toMatch(/15 minuten/);
  });

  test("does not trust a spoofed X-Forwarded-For header", async () => {
    for (let i = 0; i < 50; i++) {
      await call(
        loginAction,
        "/inloggen",
        { email: `spoof${i}@example.test`, password: "fout-fout-fout" },
        { "X-Forwarded-For": `203.0.113.${i}` },
        "198.51.100.9",
      );
    }
    const blocked = await call(
      loginAction,
      "/inloggen",
      { email: "spoof@example.test", password: "fout-fout-fout" },
      { "X-Forwarded-For": "203.0.113.200" },
      "198.51.100.9",
    );
    expect(status(blocked)).toBe(429);
  });

  test("is rate-limited per address across emails", async () => {
    for (let i = 0; i < 50; i++) {
      await call(
        loginAction,
        "/inloggen",
        { email: `onbekend${i}@example.test`, password: "fout-fout-fout" },
        {},
        "192.0.2.7",
      );
    }
    const blocked = await call(
      loginAction,
      "/inloggen",
      { email: "nog.een@example.test", password: "fout-fout-fout" },
      {},
      "192.0.2.7",
    );
    expect(status(blocked)).toBe(429);
  });

  test("only failures use up the limits: many residents log in one after another on one computer", async () => {
    const people = await Promise.all(Array.from({ length: 60 }, (_, i) => createUser({ email: `buurthuis${i}@example.test` })));
    for (const person of people) {
      expect(status(await call(loginAction, "/inloggen", { email: person.email, password: person.password }, {}, "192.0.2.60"))).toBe(302);
    }
    // The same person, again and again (a shared account at the desk).
    for (let i = 0; i < 15; i++) {
      expect(status(await call(loginAction, "/inloggen", { email: people[0]!.email, password: people[0]!.password }, {}, "192.0.2.61"))).toBe(302);
    }
    // Failures still count: ten wrong passwords, then even the right one waits.
    for (let i = 0; i < 10; i++) {
      await call(loginAction, "/inloggen", { email: people[1]!.email, password: "fout-fout-fout" }, {}, "192.0.2.62");
    }
    expect(status(await call(loginAction, "/inloggen", { email: people[1]!.email, password: people[1]!.password }, {}, "192.0.2.63"))).toBe(429);
  });

  test("logout deletes the session", async () => {
    const user = await createUser();
    const cookie = await sessionCookieFor(user.id);
    await call(logoutAction as typeof loginAction, "/uitloggen", {}, { Cookie: cookie });
    expect(await getSessionUser(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toBeNull();
  });

  test("an expired session is refused and removed", async () => {
    const user = await createUser();
    const cookie = await sessionCookieFor(user.id);
    await db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getSessionUser(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  test("a session past half its life is extended", async () => {
    const user = await createUser();
    const cookie = await sessionCookieFor(user.id);
    await db.session.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() + 5 * 86_400_000) },
    });
    await getSessionUser(new Request("http://localhost/", { headers: { Cookie: cookie } }));
    const session = await db.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });
});

describe("change password", () => {
  test("needs the current password, then ends all other sessions", async () => {
    const user = await createUser();
    const phone = await sessionCookieFor(user.id);
    const laptop = await sessionCookieFor(user.id);
    const wrong = await call(
      accountAction,
      "/account",
      { currentPassword: "niet-het-goede", newPassword: "nieuw-wachtwoord-123" },
      { Cookie: laptop },
    );
    expect(status(wrong)).toBe(400);
    const same = await call(accountAction, "/account", { currentPassword: user.password, newPassword: user.password }, { Cookie: laptop });
    expect(status(same)).toBe(400);
    expect((same as { data: { error?: Record<string, string[]> } }).data.error?.newPassword).toEqual(["Kies een ander wachtwoord dan je huidige."]);
    expect(await getSessionUser(new Request("http://localhost/", { headers: { Cookie: phone } }))).not.toBeNull();
    const ok = await call(
      accountAction,
      "/account",
      { currentPassword: user.password, newPassword: "nieuw-wachtwoord-123" },
      { Cookie: laptop },
    );
    expect(status(ok)).toBe(302);
    expect(await getSessionUser(new Request("http://localhost/", { headers: { Cookie: phone } }))).toBeNull();
    const fresh = sessionCookieIn(ok);
    expect((await getSessionUser(new Request("http://localhost/", { headers: { Cookie: fresh } })))?.id).toBe(user.id);
    const login = await call(loginAction, "/inloggen", { email: user.email, password: "nieuw-wachtwoord-123" });
    expect(status(login)).toBe(302);
  });
});
