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

test("moving an agenda item keeps the keyboard on it", async ({ page, db, insertUser, login }) => {
  // Two open issues of its own far above the support threshold, so the agenda has two to order.
  const theme = await db.theme.findFirstOrThrow({ where: { retiredAt: null } });
  const reporter = await insertUser();
  for (const supportCount of [900, 899]) {
    await db.issue.create({
      data: {
        title: `Agendapunt om te ordenen ${supportCount}`,
        description: "Een melding met veel steun, om de volgorde van de agenda te testen.",
        themeId: theme.id,
        buurtCode: "BU09832101",
        lat: 51.3665,
        lng: 6.1395,
        reporterId: reporter.id,
        supportCount,
        status: "getrieerd",
        events: { create: { type: "created", actorId: reporter.id } },
      },
    });
  }
  const member = await insertUser({ roles: ["resident", "steering"] });
  await login(page, member);
  await page.goto("/agenda");
  const items = page.locator('section[aria-labelledby="agenda-list-title"] > ol > li');
  const second = items.nth(1);
  const up = second.getByRole("button", { name: /omhoog/ });
  const key = (await up.getAttribute("id"))!.replace(/^move-up-/, "");
  await up.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "De volgorde is aangepast." })).toBeVisible();
  // Now first: its "omhoog" is off, so the keyboard is on its "omlaag".
  await expect(items.first().getByRole("button", { name: /omlaag/ })).toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(`move-down-${key}`);
});
