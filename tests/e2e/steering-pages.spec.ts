import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";

// The steering group's reading pages, as a resident member of the steering group (no
// organisation) sees them: accessible, and without anything only partners may see.
test("a resident steering member reads the trends, the signals and the belangenkaart", async ({ page, insertUser, login }) => {
  // Three axe scans of heavy pages (the dashboard alone took 30 s on a busy CI machine once).
  test.setTimeout(120_000);
  const member = await insertUser({ roles: ["resident", "steering"] });
  await login(page, member);

  await page.goto("/stuurgroep");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("table").first()).toBeVisible();
  // Scan with the (Leaflet) trends map in place, so its controls and attribution are checked too.
  await expect(page.locator(".leaflet-container").first()).toBeVisible({ timeout: 60_000 });
  await expectNoSeriousA11yViolations(page);
  // Resident members see no partner workspace links such as internal notes or the werkbak.
  await expect(page.getByRole("link", { name: "Werkbak" })).toHaveCount(0);

  await page.goto("/stuurgroep/signalen");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.goto("/belangenkaart");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("table").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const csv = await page.request.get("/stuurgroep/export.csv");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
});

test("plain residents and anonymous visitors do not get into the steering pages", async ({ page, insertUser, login }) => {
  const anonymous = await page.request.get("/stuurgroep", { maxRedirects: 0 });
  expect(anonymous.status()).toBe(302);
  const resident = await insertUser();
  await login(page, resident);
  for (const path of ["/stuurgroep", "/stuurgroep/signalen", "/belangenkaart", "/stuurgroep/export.csv"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(403);
  }
});
