import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";

// "Samenleven" has a trekker in the demo data (Bewonersondersteuning Blerick); the organisation
// made here becomes a second one, and is deleted at the end so other specs see the demo map.
const THEME = "Samenleven";

test("an admin adds an organisation, gives a person a membership and sets a trekker", async ({
  page,
  db,
  insertUser,
  login,
}) => {
  // Three pages with forms and three axe scans, usually the first test of a run (cold server):
  // it took 25-32 s on a busy 2-core CI machine, so it gets more than the default 30 s.
  test.setTimeout(60_000);
  const admin = await insertUser({ name: "Ilse ter Venlaer", roles: ["resident", "admin"] });
  const professional = await insertUser({ name: "Bram Gerritsmolen" });
  const organisation = `Zorgcoöperatie Blerick-Noord ${Math.random().toString(36).slice(2, 7)}`;
  await login(page, admin);

  try {
    // 1. Add the organisation; an empty form first shows what to fix.
    await page.goto("/admin/organisaties");
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Organisatie toevoegen" }).click();
    await expect(
      page.getByRole("alert").getByRole("link", { name: "Vul de naam van de organisatie in." }),
    ).toBeVisible();
    await page.getByLabel("Naam van de organisatie").fill(organisation);
    await page.getByLabel("Soort organisatie").selectOption({ label: "Welzijn" });
    await page.getByRole("button", { name: "Organisatie toevoegen" }).click();
    await expect(page.getByRole("heading", { level: 1, name: organisation })).toBeVisible();
    await expect(page.getByRole("status")).toContainText(`De organisatie ${organisation} is toegevoegd.`);

    // 2. Give a person a place in it, as coordinator.
    await page.getByLabel("E-mailadres van de persoon").fill(professional.email);
    await page.getByLabel("Coördinator").check();
    await page.getByRole("button", { name: "Persoon toevoegen" }).click();
    await expect(page.getByRole("link", { name: professional.name })).toBeVisible();
    await expect(page.getByLabel(`Rol van ${professional.name}`)).toHaveValue("coordinator");
    await expectNoSeriousA11yViolations(page);

    // 3. Make the organisation trekker of a theme on the partnerschapskaart.
    await page.goto("/partnerschapskaart");
    await page.getByRole("link", { name: `Aanpassen rollen van ${organisation}` }).click();
    await page.getByLabel(`${organisation}: rol bij ${THEME}`).selectOption("trekker");
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: `Opslaan rollen van ${organisation}` }).click();
    await expect(page.getByRole("status")).toContainText(`De rollen van ${organisation} zijn opgeslagen.`);
    const row = page.getByRole("row", { name: new RegExp(`^${organisation}`) });
    await expect(row.getByText("Trekker", { exact: true })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: new RegExp(THEME) })).toContainText("Meer dan één trekker (2)");
  } finally {
    await db.organisation.deleteMany({ where: { name: organisation } });
  }
});
