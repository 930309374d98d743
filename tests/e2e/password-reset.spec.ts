import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import { linkInMail, waitForMail } from "./mail";

test("forgot password: mail, link, new password, logged in; the link works once", async ({ page, insertUser }) => {
  const user = await insertUser({ name: "Noor Peeterhuys" });

  await page.goto("/inloggen");
  await page.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Wachtwoord vergeten" })).toBeVisible();
  await page.getByLabel("E-mailadres").fill(user.email);
  await page.getByRole("button", { name: "Stuur mij een link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kijk in je mail" })).toBeVisible();

  const mail = await waitForMail({ to: user.email, subjectIncludes: "Nieuw wachtwoord" });
  expect(mail.text).toContain("Hallo Noor,");
  const link = linkInMail(mail, "/wachtwoord-herstellen/");

  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Nieuw wachtwoord kiezen" })).toBeVisible();
  await page.getByLabel("Nieuw wachtwoord").fill("kort");
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page.getByText("Kies een wachtwoord van minstens 10 tekens.").first()).toBeVisible();
  // One axe run, on the form in its error state (the forgot-password form is built the same way).
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Nieuw wachtwoord").fill("mijn-nieuwe-blerick-zin");
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page).toHaveURL("/");
  await expect(
    page.getByRole("status").filter({ hasText: "Je wachtwoord is gewijzigd. Je bent ingelogd." }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Mijn account" }).first()).toBeAttached();

  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Deze link werkt niet meer" })).toBeVisible();
});
