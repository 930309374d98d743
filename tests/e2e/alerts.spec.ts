import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import type { ReceivedMail } from "../smtp";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import { MAIL_DIR } from "./global-setup";
import { linkInMail, waitForMail } from "./mail";

const VOSSENER_NOORD = "BU09832402";
const BLERICK_CENTRUM = "BU09832101";

/** Every mail to this address so far, with headers (waitForMail returns text only). */
function mailsTo(address: string): ReceivedMail[] {
  if (!existsSync(MAIL_DIR)) return [];
  return readdirSync(MAIL_DIR)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(MAIL_DIR, name), "utf8")) as ReceivedMail)
    .filter((mail) => mail.to.includes(address.toLowerCase()));
}

/** A resident reports an issue through the form, describing the place instead of using the map. */
async function reportIssue(page: Page, buurtCode: string, title: string) {
  await page.goto("/meldingen/nieuw");
  await page.getByLabel("Ik beschrijf de plek").check();
  await page.getByLabel("Buurt", { exact: true }).selectOption(buurtCode);
  await page.getByLabel("Omschrijf de plek").fill("Bij het speelveld achter de school");
  await page.getByText("Afval en zwerfvuil", { exact: true }).click();
  await page.getByLabel("Titel").fill(title);
  await page.getByLabel("Omschrijving").fill("De afvalbak zit al dagen vol en het afval waait over straat.");
  await page.getByRole("button", { name: "Melding versturen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return Number(page.url().match(/\/meldingen\/(\d+)/)![1]);
}

test("someone without an account gets mail about new issues in their buurt, and unsubscribes with one click", async ({
  page,
  browser,
  db,
  insertUser,
  login,
}) => {
  test.setTimeout(60_000);
  const suffix = Math.random().toString(36).slice(2, 8);
  const email = `buurtmail.${suffix}@example.test`;

  // Subscribe without an account.
  await page.goto("/attenties");
  await expect(page.getByRole("heading", { level: 1, name: "Meldingen in je buurt per e-mail" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Nieuwe meldingen in een buurt").check();
  await page.getByLabel("Buurt", { exact: true }).selectOption(VOSSENER_NOORD);
  await page.getByLabel("Direct: een mail bij elke nieuwe melding").check();
  await page.getByRole("button", { name: "E-mailattentie aanvragen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kijk in je mail" })).toBeVisible();

  // Confirm through the link in the mail (the page asks first: mail scanners open links).
  const confirmation = await waitForMail({ to: email, subjectIncludes: "Bevestig je e-mailattentie" });
  expect(confirmation.text).toContain("Nieuwe meldingen in Vossener-Noord (direct).");
  await page.goto(linkInMail(confirmation, "/attenties/bevestigen/"));
  await expect(page.getByText("Nieuwe meldingen in Vossener-Noord (direct)")).toBeVisible();
  await page.getByRole("button", { name: "Ja, zet de attentie aan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Je e-mailattentie staat aan" })).toBeVisible();
  await expect.poll(() => db.alertSubscription.count({ where: { email, confirmedAt: { not: null } } })).toBe(1);

  // A resident reports one issue in another buurt, then one in Vossener-Noord.
  const residentContext = await browser.newContext();
  const resident = await residentContext.newPage();
  await login(resident, await insertUser({ name: "Lotte Maasveldt" }));
  const elsewhereTitle = `Volle afvalbak in het centrum ${suffix}`;
  const elsewhereId = await reportIssue(resident, BLERICK_CENTRUM, elsewhereTitle);
  const matchingTitle = `Volle afvalbak bij het speelveld ${suffix}`;
  const matchingId = await reportIssue(resident, VOSSENER_NOORD, matchingTitle);
  await residentContext.close();

  const alert = await waitForMail({ to: email, subjectIncludes: matchingTitle });
  expect(alert.subject).toBe(`Nieuwe melding in Vossener-Noord: ${matchingTitle}`);
  expect(alert.text).toContain(`/meldingen/${matchingId}`);
  expect(alert.text).not.toContain("Lotte");
  const unsubscribeLink = linkInMail(alert, "/attenties/afmelden/");
  const received = mailsTo(email).find((mail) => mail.subject === alert.subject)!;
  expect(received.headers["list-unsubscribe"]).toBe(`<${unsubscribeLink}>`);
  expect(received.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

  // The issue elsewhere was matched (its job ran) but produced no mail.
  await expect
    .poll(async () =>
      (await db.job.findMany({ where: { type: "match_alerts" }, select: { payload: true, completedAt: true } })).some(
        (job) => job.completedAt && JSON.parse(job.payload).issueId === elsewhereId,
      ),
    )
    .toBe(true);
  expect(await db.alertDelivery.count({ where: { issueId: elsewhereId, subscription: { email } } })).toBe(0);
  expect(mailsTo(email).map((mail) => mail.subject)).toEqual([
    "Bevestig je e-mailattentie van Buurt Bestuurt",
    alert.subject,
  ]);

  // Unsubscribe through the link: the page asks, the button does it.
  await page.goto(unsubscribeLink);
  await expect(page.getByRole("heading", { level: 1, name: "Afmelden voor e-mailattentie" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  expect(await db.alertSubscription.count({ where: { email } })).toBe(1);
  await page.getByRole("button", { name: "Afmelden", exact: true }).click();
  await expect(page.getByText("Klaar. Je krijgt geen mail meer voor deze attentie.")).toBeVisible();
  expect(await db.alertSubscription.count({ where: { email } })).toBe(0);
});

test("a logged-in resident picks a circle on the map and manages the alert on /account", async ({
  page,
  db,
  insertUser,
  login,
}) => {
  const user = await insertUser();
  await login(page, user);
  await page.goto("/attenties");
  await expect(page.getByLabel("E-mailadres")).toHaveValue(user.email);
  await page.getByLabel("Nieuwe meldingen dicht bij een plek op de kaart").check();
  const picker = page.getByTestId("location-picker");
  await expect(picker).toBeVisible();
  await page.getByRole("button", { name: "Zet de pin in het midden van de kaart" }).click();
  await expect(page.getByText(/^Gekozen plek in /)).toBeVisible();
  await page.getByLabel("500 meter").check();
  await expectNoSeriousA11yViolations(page, { exclude: [".leaflet-container"] });
  await page.getByRole("button", { name: "E-mailattentie aanzetten" }).click();

  // A verified account needs no confirmation mail: straight to the list on /account.
  await expect(page).toHaveURL(/\/account#attenties$/);
  const section = page.getByRole("region", { name: "Mijn e-mailattenties" });
  await expect(section.getByText(/Nieuwe meldingen binnen 500 meter van een plek in /)).toBeVisible();
  await section.getByLabel("Hoe vaak", { exact: true }).selectOption("dagelijks");
  await section.getByRole("button", { name: /^Opslaan: hoe vaak/ }).click();
  await expect(page.getByText("Opgeslagen. Je krijgt deze mail nu één keer per dag.")).toBeVisible();
  await expect
    .poll(async () => (await db.alertSubscription.findFirst({ where: { userId: user.id } }))?.frequency)
    .toBe("dagelijks");
  await section.getByRole("button", { name: /^Verwijderen: / }).click();
  await expect(section.getByText("Je hebt nog geen e-mailattenties.")).toBeVisible();
});
