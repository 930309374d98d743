import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";

test("the /api page explains the feeds and APIs and is accessible", async ({ page }) => {
  await page.goto("/api");
  await expect(page.getByRole("heading", { level: 1, name: "Open data en API" })).toBeVisible();
  await expect(page.getByRole("link", { name: "OpenAPI-document (JSON)" })).toHaveAttribute(
    "href",
    "/api/openapi.json",
  );
  await expect(page.getByRole("heading", { name: "Hoe vaak mag je iets ophalen?" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("pages link their RSS feeds and the feeds answer RSS", async ({ page, request }) => {
  await page.goto("/?theme=afval");
  const feeds = page.locator('link[rel="alternate"][type="application/rss+xml"]');
  await expect(feeds).toHaveCount(2);
  await expect(feeds.nth(1)).toHaveAttribute("href", "/feeds/themas/afval.xml");

  const response = await request.get("/feeds/themas/afval.xml");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/rss+xml; charset=utf-8");
  expect(await response.text()).toContain('<rss version="2.0"');
});
