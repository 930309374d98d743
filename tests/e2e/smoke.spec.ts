import { expect, test } from "./fixtures";

test("/healthz answers ok", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok" });
});

test("the files browsers and crawlers ask for by name are served as files", async ({ request }) => {
  // Without them each request ran the app's root loader and rendered the 404 page.
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toBe("image/x-icon");
  expect((await icon.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  const touchIcon = await request.get("/apple-touch-icon.png");
  expect(touchIcon.status()).toBe(200);
  expect(touchIcon.headers()["content-type"]).toBe("image/png");
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(robots.headers()["content-type"]).toMatch(/^text\/plain/);
  const rules = await robots.text();
  expect(rules).toContain("Disallow: /admin");
  // Public pages stay crawlable: no rule is a prefix of them.
  const disallowed = [...rules.matchAll(/^Disallow: (\S+)$/gm)].map(([, rule]) => rule);
  for (const publicPath of ["/", "/meldingen/1", "/partnerschapskaart", "/besluiten", "/oplossingen", "/attenties"]) {
    expect(disallowed.filter((rule) => !rule.includes("*") && publicPath.startsWith(rule))).toEqual([]);
  }
});

test("the home page loads in Dutch", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
});

test("an unknown address and a refused page keep the site's header and footer", async ({ page, insertUser, login }) => {
  const response = await page.goto("/bestaat-niet");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagina niet gevonden");
  await expect(page.getByRole("link", { name: "Buurt Bestuurt" })).toBeVisible();
  await expect(page.getByRole("contentinfo")).toContainText("Blerick");

  // Logged in, the header says so on a 404 too (the root loader ran), and on a 403.
  await login(page, await insertUser());
  expect((await page.goto("/bestaat-ook-niet"))?.status()).toBe(404);
  await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();
  expect((await page.goto("/admin"))?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Geen toegang");
  await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();
});

test("switching between logging in and signing up keeps one way back, never a nested one", async ({ page }) => {
  await page.goto("/inloggen?redirectTo=%2Fagenda");
  const main = page.getByRole("main");
  for (let round = 0; round < 3; round++) {
    await main.getByRole("link", { name: "Maak een account" }).click();
    await expect(page).toHaveURL(/\/registreren\?redirectTo=%2Fagenda$/);
    await page.getByRole("banner").getByRole("link", { name: "Inloggen" }).click();
    await expect(page).toHaveURL(/\/inloggen\?redirectTo=%2Fagenda$/);
  }
});

test("the home page's filters apply at once and keep the keyboard's place", async ({ page }) => {
  await page.goto("/");
  const theme = page.getByLabel("Thema", { exact: true });
  await theme.focus();
  await page.keyboard.press("ArrowDown");
  await expect(page).toHaveURL(/[?&]theme=[a-z]+/);
  const first = new URL(page.url()).searchParams.get("theme");
  // Still on the same list: the next arrow goes on to the next theme.
  await expect(theme).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect.poll(() => new URL(page.url()).searchParams.get("theme")).not.toBe(first);
  await expect(theme).toBeFocused();
  // "Filters wissen" puts the list back, on the same element.
  await page.getByRole("link", { name: "Filters wissen" }).click();
  await expect(theme).toHaveValue("");
});

test("from an issue opened in the filtered list, 'Terug naar alle meldingen' returns to that list", async ({ page }) => {
  await page.goto("/?status=alle&sort=steun");
  await page.getByRole("main").locator("article h3 a").first().click();
  await expect(page).toHaveURL(/\/meldingen\/\d+$/);
  await page.getByRole("link", { name: "Terug naar alle meldingen" }).click();
  await expect(page).toHaveURL(/\/\?status=alle&sort=steun$/);
});
