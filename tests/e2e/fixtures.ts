/**
 * Playwright fixtures: real rows in the e2e database (tests/.tmp/e2e.db, created by
 * scripts/e2e-server.mjs) and a real session cookie, so most tests skip the login form.
 *
 *   import { test, expect, expectNoSeriousA11yViolations } from "./fixtures";
 *   test("...", async ({ page, insertUser, login }) => {
 *     const user = await insertUser({ roles: ["admin"] });
 *     await login(page, user);
 *   });
 */
import { createHash, randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { hash } from "@node-rs/argon2";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { test as base, expect, type Page } from "@playwright/test";
import { PrismaClient } from "../../app/generated/prisma/client";
import { SqliteAdapterFactory } from "../../app/utils/sqlite-adapter.server";
import { E2E_DATABASE } from "./lane";

export { expect };

export const SESSION_COOKIE = "bb_session";
const SESSION_DAYS = 30;
export const DEFAULT_PASSWORD = "blerick-e2e-wachtwoord";

/** Fictional people of Blerick: common first names, made-up surnames. */
const FIRST_NAMES = [
  "Anouk",
  "Bram",
  "Daan",
  "Eline",
  "Fenna",
  "Gijs",
  "Ilse",
  "Joris",
  "Lotte",
  "Noor",
  "Ruud",
  "Sanne",
];
const LAST_NAMES = [
  "van Brakelhoven",
  "Kessenbroek",
  "de Wilgenkamp",
  "Maasveldt",
  "Vossenakker",
  "van Oeverdonk",
  "Gerritsmolen",
  "ter Venlaer",
  "Jansenbosch",
  "Peeterhuys",
];
const pick = <T>(values: readonly T[]) => values[Math.floor(Math.random() * values.length)];

export type Role = "resident" | "steering" | "admin" | "moderator";

export type InsertUserOptions = {
  roles?: Role[];
  email?: string;
  name?: string;
  password?: string;
  buurtCode?: string | null;
  /** Defaults to verified (now); null for an account that has not confirmed its email. */
  emailVerifiedAt?: Date | null;
  /** Partner memberships; the organisation is created when no organisation has this name. */
  organisations?: { name: string; type?: string; role?: "member" | "coordinator" }[];
};

export type TestUser = { id: string; name: string; email: string; password: string; roles: Role[] };

type Fixtures = {
  insertUser: (options?: InsertUserOptions) => Promise<TestUser>;
  login: (page: Page, user: Pick<TestUser, "id">) => Promise<void>;
};
type WorkerFixtures = { db: PrismaClient };

// argon2id is deliberately slow: hash the shared default password once per worker.
let defaultPasswordHash: Promise<string> | undefined;
const hashPassword = (password: string) =>
  hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 });

export const test = base.extend<Fixtures, WorkerFixtures>({
  db: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      // The app's adapter: BEGIN IMMEDIATE, so a test's read-then-write transaction waits for the
      // server's writes instead of failing with SQLITE_BUSY_SNAPSHOT.
      const db = new PrismaClient({
        adapter: new SqliteAdapterFactory({ url: `file:${E2E_DATABASE}`, timeout: 10_000 }),
      });
      await use(db);
      await db.$disconnect();
    },
    { scope: "worker" },
  ],

  insertUser: async ({ db }, use) => {
    const created: string[] = [];
    await use(async (options = {}) => {
      const name = options.name ?? `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
      const password = options.password ?? DEFAULT_PASSWORD;
      const passwordHash =
        password === DEFAULT_PASSWORD
          ? await (defaultPasswordHash ??= hashPassword(DEFAULT_PASSWORD))
          : await hashPassword(password);
      const roles = options.roles ?? ["resident"];
      const email =
        options.email ??
        `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.${randomBytes(4).toString("hex")}@example.test`;
      const user = await db.user.create({
        data: {
          name,
          email: email.toLowerCase(),
          passwordHash,
          buurtCode: options.buurtCode ?? null,
          emailVerifiedAt: options.emailVerifiedAt === undefined ? new Date() : options.emailVerifiedAt,
          roles: { create: roles.map((role) => ({ role })) },
          memberships: {
            create: (options.organisations ?? []).map((organisation) => ({
              role: organisation.role ?? "member",
              organisation: {
                connectOrCreate: {
                  where: { name: organisation.name },
                  create: { name: organisation.name, type: organisation.type ?? "overig" },
                },
              },
            })),
          },
        },
        select: { id: true, name: true, email: true },
      });
      created.push(user.id);
      return { ...user, password, roles };
    });
    // Sessions go with the user (cascade); issues and comments they made stay, without author.
    await db.user.deleteMany({ where: { id: { in: created } } });
  },

  login: async ({ db }, use) => {
    await use(async (page, user) => {
      // The app's recipe: a random token in the cookie, only its SHA-256 (hex) in the database.
      const token = encodeBase32LowerCaseNoPadding(randomBytes(20));
      const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000);
      await db.session.create({
        data: { id: createHash("sha256").update(token).digest("hex"), userId: user.id, expiresAt },
      });
      await page.context().addCookies([
        {
          name: SESSION_COOKIE,
          value: token,
          domain: "127.0.0.1",
          path: "/",
          httpOnly: true,
          sameSite: "Lax",
          expires: Math.floor(expiresAt.getTime() / 1000),
        },
      ]);
    });
  },
});

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Runs axe (WCAG 2.2 AA rules) on the current page and fails on serious or critical
 * violations, listing each rule with the elements it found.
 */
export async function expectNoSeriousA11yViolations(
  page: Page,
  options: { exclude?: string[]; disableRules?: string[] } = {},
) {
  // Legacy mode runs axe in the page itself. The default mode runs it per frame and then opens a
  // blank page to merge the results, which took longer than the checks (login page 1.15 s instead
  // of 0.65, dashboard 8.5 s instead of 5.2). It only matters for cross-origin iframes: the app has none.
  let builder = new AxeBuilder({ page }).withTags(WCAG_22_AA).setLegacyMode(true);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  if (options.disableRules?.length) builder = builder.disableRules(options.disableRules);
  const results = await builder.analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious
    .map((violation) => {
      const nodes = violation.nodes
        .slice(0, 10)
        .map((node) => `    - ${node.target.join(" ")}\n      ${node.failureSummary?.replace(/\n/g, "\n      ") ?? ""}`)
        .join("\n");
      const more = violation.nodes.length > 10 ? `\n    ... and ${violation.nodes.length - 10} more` : "";
      return `[${violation.impact}] ${violation.id}: ${violation.help}\n  ${violation.helpUrl}\n${nodes}${more}`;
    })
    .join("\n\n");
  expect(serious.length, `Accessibility violations on ${page.url()}:\n\n${report}`).toBe(0);
}
