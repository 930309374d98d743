import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import { E2E_REMOTE_PORT } from "./lane";
import { prepareSecondInstance } from "./second-instance";

// The outbound Open311 client against a second instance of this app (its own database and
// port) that the test starts: configured by an admin, a failure while the other system is down,
// a retry, and the other system's messages coming back as public updates (polled every 2 s).
const DEMO_PASSWORD = "Blerick-demo-2026";
const IN_BLERICK = { lat: 51.3668, lng: 6.1525 };
const suffix = () => Math.random().toString(36).slice(2, 7);

test("an issue goes to the partner's own system once, after a failure and a retry, and its status comes back", async ({
  page,
  browser,
  insertUser,
  login,
  db,
}) => {
  test.setTimeout(150_000);
  const remotePrepared = prepareSecondInstance(E2E_REMOTE_PORT);
  const organisation = `Gemeente Koppeldorp ${suffix()}`;
  const admin = await insertUser({ roles: ["resident", "admin"] });
  const member = await insertUser({ organisations: [{ name: organisation, type: "gemeente" }] });
  const organisationId = (await db.organisation.findUniqueOrThrow({ where: { name: organisation } })).id;

  // 1. An admin connects the organisation to the other system (which is not running yet).
  await login(page, admin);
  await page.goto(`/admin/organisaties/${organisationId}`);
  await expect(page.getByText("Geen koppeling ingesteld.")).toBeVisible();
  await page.getByRole("link", { name: "Koppeling instellen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Koppeling met meldingensysteem");
  await page.getByLabel("Adres van de koppeling").fill("localhost-zonder-schema");
  await page.getByRole("button", { name: "Koppeling opslaan" }).click();
  await expect(page.getByText("Vul een volledig adres in dat begint met https:// of http://.").first()).toBeVisible();
  await page.getByLabel("Adres van de koppeling").fill(`http://127.0.0.1:${E2E_REMOTE_PORT}/open311/v2`);
  await page.getByLabel("API-sleutel").fill("demo-open311-key");
  await page.getByRole("textbox", { name: /^Afval/ }).fill("afval");
  await page.getByRole("button", { name: "Koppeling opslaan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "is opgeslagen" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // 2. A resident's report about dumped waste; a member of the organisation picks it up.
  const title = `Matras gedumpt bij de glasbak ${suffix()}`;
  const [theme, reporter] = await Promise.all([
    db.theme.findUniqueOrThrow({ where: { code: "afval" } }),
    insertUser({ name: "Noor Gerritsmolen" }),
  ]);
  const issue = await db.issue.create({
    data: {
      title,
      description: `${title}. Ligt er sinds gisteren.`,
      themeId: theme.id,
      buurtCode: "BU09832101",
      lat: IN_BLERICK.lat,
      lng: IN_BLERICK.lng,
      reporterId: reporter.id,
      events: { create: { type: "created" } },
    },
  });
  const partnerPage = await (await browser.newContext()).newPage();
  await login(partnerPage, member);
  await partnerPage.goto(`/partner/meldingen/${issue.id}`);
  await partnerPage.getByRole("button", { name: /Wij pakken dit op/ }).click();
  await expect(partnerPage.getByRole("status").filter({ hasText: "is nu eigenaar" })).toBeVisible();

  // 3. The other system is down: the send fails, visibly, with the next try planned.
  const panel = partnerPage.locator("#extern");
  await expect(async () => {
    await partnerPage.reload();
    await expect(panel.getByText("Versturen mislukt")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(panel.getByText(/Het systeem is niet bereikbaar/)).toBeVisible();
  await expect(panel.getByText(/Volgende poging:/)).toBeVisible();

  // 4. The other system comes up; the partner tries again at once.
  const remote = await remotePrepared;
  await remote.start();
  try {
    await panel.getByRole("button", { name: /Nu opnieuw proberen/ }).click();
    await expect(partnerPage.getByRole("status").filter({ hasText: "opnieuw te versturen" })).toBeVisible();
    await expect(async () => {
      await partnerPage.reload();
      await expect(panel.getByText("Verstuurd", { exact: true })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    const externalId = (await panel.getByText(/Nummer in dat systeem: \d+/).innerText()).match(/(\d+)/)![1];
    await expectNoSeriousA11yViolations(partnerPage);

    // The other system has it once, with the text and a link back, and nothing about the reporter.
    const found = (await (await fetch(`${remote.url}/open311/v2/requests/${externalId}.json`)).json()) as {
      description: string;
      service_code: string;
    }[];
    expect(found).toHaveLength(1);
    expect(found[0].service_code).toBe("afval");
    expect(found[0].description).toContain("Ligt er sinds gisteren.");
    expect(found[0].description).toContain(`/meldingen/${issue.id}`);
    expect(found[0].description).not.toContain("Gerritsmolen");
    const sameTitle = (await (await fetch(`${remote.url}/open311/v2/requests.json?service_code=afval`)).json()) as {
      description: string;
    }[];
    expect(sameTitle.filter((request) => request.description.includes(title))).toHaveLength(1);

    // 5. At the other system, Gemeente Venlo picks it up, then closes it as referred.
    const remotePage = await (await browser.newContext()).newPage();
    await remotePage.goto(`${remote.url}/inloggen?redirectTo=/partner/meldingen/${externalId}`);
    await remotePage.getByLabel("E-mailadres").fill("partner.gemeente@buurtbestuurt.test");
    await remotePage.getByLabel("Wachtwoord").fill(DEMO_PASSWORD);
    await remotePage.getByRole("button", { name: "Inloggen" }).click();
    await remotePage.getByRole("button", { name: /Wij pakken dit op/ }).click();
    await expect(remotePage.getByRole("status").filter({ hasText: "is nu eigenaar" })).toBeVisible();

    // 6. Our public page shows the message from their system.
    const publicPage = await (await browser.newContext()).newPage();
    const mirrored = `Bericht uit het meldingensysteem van ${organisation}: Gemeente Venlo pakt deze melding op.`;
    await expect(async () => {
      await publicPage.goto(`/meldingen/${issue.id}`);
      await expect(publicPage.getByText(mirrored)).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });

    const statusForm = remotePage.locator("#status-wijzigen");
    await statusForm.getByLabel("Gesloten zonder oplossing").check();
    await statusForm.getByLabel("Reden van sluiten").selectOption({ label: "Doorverwezen" });
    await statusForm.getByLabel("Bericht aan de bewoner").fill("Opgehaald door de milieustraat.");
    await statusForm.getByRole("button", { name: "Status wijzigen" }).click();
    await expect(remotePage.getByRole("status").filter({ hasText: "De status is gewijzigd" })).toBeVisible();

    await expect(async () => {
      await publicPage.reload();
      await expect(
        publicPage.getByText(
          `${organisation} heeft de melding in het eigen systeem afgehandeld. Opgehaald door de milieustraat.`,
        ),
      ).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    // Each message once.
    await expect(publicPage.getByText(mirrored)).toHaveCount(1);
    await partnerPage.reload();
    await expect(panel.getByText("Status daar: afgehandeld")).toBeVisible();
  } finally {
    await remote.stop();
  }
});
