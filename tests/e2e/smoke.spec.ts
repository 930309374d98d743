import { expect, test } from "./fixtures";

test("/healthz answers ok", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok" });
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
