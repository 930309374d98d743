import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import { E2E_BASE_URL } from "./lane";

/** Every URL the page asks for (documents, scripts, styles, images, fetches), except data: and blob:. */
function recordRequests(page: Page) {
  const urls: string[] = [];
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith("data:") && !url.startsWith("blob:")) urls.push(url);
  });
  return urls;
}

/** The tile server from the root loader's public env: the one other host the browser may reach. */
async function tileHost(page: Page) {
  const tileUrl = await page.evaluate(
    () =>
      (window as unknown as { __remixContext: { state: { loaderData: { root: { env: { TILE_URL: string } } } } } })
        .__remixContext.state.loaderData.root.env.TILE_URL,
  );
  return new URL(tileUrl.replace(/\{[a-z]\}/g, "0")).host;
}

async function visitPublicPages(page: Page, issueId: number) {
  // The map loads after hydration and then asks for tiles: wait until it has.
  const appHost = new URL(E2E_BASE_URL).host;
  const tileRequest = page.waitForRequest((request) => new URL(request.url()).host !== appHost, { timeout: 30_000 });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await tileRequest;
  await page.goto(`/meldingen/${issueId}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/meldingen/nieuw");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
}

test("no trackers: requests only go to the app and the tile server; only the session cookie", async ({
  page,
  db,
  insertUser,
}) => {
  // Two rounds over three pages, each with the map: slow on a busy 2-core machine.
  test.setTimeout(120_000);
  const issue = await db.issue.findFirstOrThrow({ where: { visibility: "public" }, select: { id: true } });
  const requests = recordRequests(page);

  await visitPublicPages(page, issue.id);
  const allowed = new Set([new URL(E2E_BASE_URL).host, await tileHost(page)]);
  const foreign = requests.filter((url) => !allowed.has(new URL(url).host));
  expect(foreign, `requests to other hosts: ${foreign.join(", ")}`).toEqual([]);
  expect(requests.some((url) => new URL(url).host !== new URL(E2E_BASE_URL).host)).toBe(true); // the tiles
  // Not logged in: no cookies at all (the one-time confirmation cookie only follows a redirect).
  expect(await page.context().cookies()).toEqual([]);

  // Through the real login form: afterwards the session cookie is the only one left.
  const user = await insertUser();
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill(user.email);
  await page.getByLabel("Wachtwoord").fill(user.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent ingelogd");
  requests.length = 0;
  await visitPublicPages(page, issue.id);
  const foreignAfterLogin = requests.filter((url) => !allowed.has(new URL(url).host));
  expect(foreignAfterLogin).toEqual([]);
  const cookies = await page.context().cookies();
  expect(cookies.map((cookie) => cookie.name)).toEqual(["bb_session"]);
  expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("the privacy page is linked in the footer and explains the cookies", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Privacy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Privacy: wat we met je gegevens doen" })).toBeVisible();
  await expect(page.getByText("bb_session houdt je ingelogd")).toBeVisible();
  await expect(page.getByText(/Is je melding 12 maanden afgesloten/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("download your data from the account page", async ({ page, insertUser, login }) => {
  const user = await insertUser();
  await login(page, user);
  await page.goto("/account");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Mijn gegevens downloaden" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^buurt-bestuurt-mijn-gegevens-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(await readFile(await download.path(), "utf8")) as {
    account: { id: string; email: string; name: string };
    sessions: unknown[];
  };
  expect(data.account).toMatchObject({ id: user.id, email: user.email, name: user.name });
  expect(data.sessions).toHaveLength(1);
});

test("delete your account: password, logged out, issue stays without name", async ({ page, db, insertUser, login }) => {
  const user = await insertUser({ name: "Sanne Verwijdertest" });
  const [theme, buurt] = await Promise.all([
    db.theme.findFirstOrThrow({ where: { retiredAt: null } }),
    db.buurt.findFirstOrThrow(),
  ]);
  const issue = await db.issue.create({
    data: {
      title: "Losse stoeptegel bij de bushalte",
      description: "De tegel ligt al weken los.",
      themeId: theme.id,
      buurtCode: buurt.code,
      lat: buurt.centerLat,
      lng: buurt.centerLng,
      reporterId: user.id,
    },
  });
  await login(page, user);
  await page.goto(`/meldingen/${issue.id}`);
  await expect(page.getByText("Sanne", { exact: false }).first()).toBeVisible();

  await page.goto("/account");
  await page.getByRole("link", { name: "Account verwijderen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account verwijderen" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Je wachtwoord").fill("dit-is-niet-het-wachtwoord");
  await page.getByRole("button", { name: "Mijn account verwijderen" }).click();
  await expect(page.getByRole("alert")).toContainText("Dit wachtwoord klopt niet");

  await page.getByLabel("Je wachtwoord").fill(user.password);
  await page.getByRole("button", { name: "Mijn account verwijderen" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("status")).toContainText("Je account is verwijderd");
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain("bb_session");
  await expect(page.getByRole("link", { name: "Inloggen" }).first()).toBeAttached();

  await page.goto(`/meldingen/${issue.id}`);
  await expect(page.getByRole("heading", { level: 1, name: issue.title })).toBeVisible();
  await expect(page.getByText("Sanne")).toHaveCount(0);
  expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
    name: "Verwijderd account",
    email: `deleted-${user.id}@invalid`,
    passwordHash: null,
  });
  expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
});
