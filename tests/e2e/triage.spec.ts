import type { Browser, Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, test, type TestUser } from "./fixtures";
import { waitForMail } from "./mail";
import { clickMapAt } from "./map-helpers";

// Demo data (prisma/seed-data.ts): Gemeente Venlo is the trekker of "Verlichting" and offers
// the solution "Storing straatverlichting doorzetten"; Woonwenz is another partner.
const GEMEENTE = "Gemeente Venlo";
const WOONWENZ = "Woonwenz";
const IN_BLERICK = { lat: 51.3668, lng: 6.1525 };
const CENTRUM = "BU09832101";

async function pageFor(
  browser: Browser,
  login: (page: Page, user: Pick<TestUser, "id">) => Promise<void>,
  user: TestUser,
) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, user);
  return page;
}

const suffix = () => Math.random().toString(36).slice(2, 7);

test("resident reports, the trekker triages, the owner solves with messages, mails arrive, the reporter reopens", async ({
  page,
  browser,
  insertUser,
  login,
}) => {
  test.setTimeout(90_000);
  const reporter = await insertUser({ name: "Fenna Maasveldt" });
  const follower = await insertUser({ name: "Gijs Vossenakker" });
  const member = await insertUser({ name: "Joris Kessenbroek", organisations: [{ name: GEMEENTE }] });

  // 1. The resident reports a broken lamp on the map.
  await login(page, reporter);
  await page.goto("/meldingen/nieuw");
  await clickMapAt(page.getByTestId("location-picker"), IN_BLERICK.lat, IN_BLERICK.lng);
  await page.getByText("Verlichting", { exact: true }).click();
  const title = `Lamp bij de fietsenstalling is stuk ${suffix()}`;
  await page.getByLabel("Titel").fill(title);
  await page.getByLabel("Omschrijving").fill("Het is 's avonds aardedonker op het pad naar het station.");
  await page.getByRole("button", { name: "Melding versturen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const issueId = page.url().match(/\/meldingen\/(\d+)/)![1];

  // A neighbour follows it.
  const followerPage = await pageFor(browser, login, follower);
  await followerPage.goto(`/meldingen/${issueId}`);
  // The button turns pressed before the server has saved the follow (optimistic): wait for the
  // answer, or the status changes below could come before it and the follower get no mail.
  const followed = followerPage.waitForResponse(
    (r) => r.url().includes(`/meldingen/${issueId}/volgen`) && r.request().method() === "POST",
  );
  await followerPage.getByRole("button", { name: "Volgen" }).click();
  await followed;
  await expect(followerPage.getByRole("button", { name: "Volgen" })).toHaveAttribute("aria-pressed", "true");

  // 2. A member of the trekker organisation finds it in the queue.
  const partnerPage = await pageFor(browser, login, member);
  await partnerPage.goto("/partner/triage");
  await partnerPage.getByLabel("Alleen thema's waarvan mijn organisatie trekker is").check();
  await partnerPage.getByRole("link", { name: new RegExp(title) }).click();
  await expect(partnerPage.getByRole("heading", { level: 2, name: "De vier vragen" })).toBeVisible();
  await expectNoSeriousA11yViolations(partnerPage);

  // 3. The four questions; the owner is pre-filled with the trekker.
  await expect(partnerPage.getByLabel("Organisatie", { exact: true })).toHaveValue(/.+/);
  await expect(partnerPage.getByLabel("Organisatie", { exact: true }).locator("option:checked")).toHaveText(
    `${GEMEENTE} (trekker)`,
  );
  // The form's checks (zod) load at first use, not with the page; then an incomplete triage is
  // refused in the browser, without a request.
  const triageForm = partnerPage.locator("form").filter({ has: partnerPage.getByLabel("Waarom?") });
  await expect(triageForm).toHaveAttribute("data-validation", "server");
  await partnerPage.getByLabel("Waarom?").focus();
  await expect(triageForm).toHaveAttribute("data-validation", "loaded");
  const posts: string[] = [];
  const countPost = (request: { method(): string; url(): string }) => {
    if (request.method() === "POST") posts.push(request.url());
  };
  partnerPage.on("request", countPost);
  await partnerPage.getByRole("button", { name: "Beoordeling opslaan" }).click();
  await expect(partnerPage.getByText("Kies incident of structureel.").first()).toBeVisible();
  expect(posts).toEqual([]);
  partnerPage.off("request", countPost);
  await partnerPage.getByLabel("Incident: een losse gebeurtenis").check();
  await partnerPage.getByLabel("Waarom?").fill("Eén kapotte lamp, geen eerdere meldingen hier.");
  await partnerPage.getByLabel("Alleen op deze plek").check();
  await partnerPage.getByLabel("Er is een bestaande oplossing").check();
  await partnerPage.getByLabel(/Storing straatverlichting doorzetten/).check();
  await partnerPage
    .locator("#beoordelen")
    .getByLabel("Bericht aan de bewoner")
    .fill("We geven de storing door aan de beheerder van de verlichting.");
  await partnerPage.getByRole("button", { name: "Beoordeling opslaan" }).click();
  await expect(partnerPage.getByRole("status").filter({ hasText: "De beoordeling is opgeslagen" })).toBeVisible();

  // 4. The resident sees the outcome in plain Dutch and the owner.
  await page.reload();
  await expect(
    page.getByText(
      `Dit is een incident op deze plek. ${GEMEENTE} pakt het op met de bestaande aanpak 'Storing straatverlichting doorzetten'.`,
    ),
  ).toBeVisible();
  await expect(page.locator("dd").filter({ hasText: GEMEENTE })).toBeVisible();

  // 5. The owner moves it on with messages.
  const statusForm = partnerPage.locator("#status-wijzigen");
  await statusForm.getByLabel("In behandeling").check();
  await statusForm.getByLabel("Bericht aan de bewoner").fill("De monteur komt donderdag.");
  await statusForm.getByRole("button", { name: "Status wijzigen" }).click();
  await expect(partnerPage.getByRole("status").filter({ hasText: "De status is gewijzigd" })).toBeVisible();
  await statusForm.getByLabel("Opgelost").check();
  await statusForm.getByLabel("Bericht aan de bewoner").fill("De lamp brandt weer.");
  await statusForm.getByRole("button", { name: "Status wijzigen" }).click();
  // The toast of the first change says the same and shows for 8 s: wait for the new status itself.
  await expect(statusForm.getByText(/^Nu:/)).toContainText("Opgelost");
  await expect(partnerPage.getByRole("status").filter({ hasText: "De status is gewijzigd" })).toBeVisible();

  // 6. Reporter and follower both get both mails (on the real SMTP server of the test).
  for (const person of [reporter, follower]) {
    const working = await waitForMail({
      to: person.email,
      subjectIncludes: `Status gewijzigd: In behandeling: ${title}`,
    });
    expect(working.text).toContain("De monteur komt donderdag.");
    const solved = await waitForMail({ to: person.email, subjectIncludes: `Status gewijzigd: Opgelost: ${title}` });
    expect(solved.text).toContain("De lamp brandt weer.");
    expect(solved.text).toContain(`/meldingen/${issueId}`);
  }

  // 7. It is not really fixed: the reporter reopens it.
  await page.reload();
  await page.getByLabel("Wat is er nog mis?").fill("Na twee dagen is hij weer uit.");
  await page.getByRole("button", { name: "Melding heropenen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "De melding is heropend" })).toBeVisible();
  await expect(page.getByText("Heropend").first()).toBeVisible();
  await expect(page.getByText("Na twee dagen is hij weer uit.")).toBeVisible();
});

/** An issue already triaged by Gemeente Venlo, written straight into the e2e database. */
async function triagedIssue(
  db: import("../../app/generated/prisma/client").PrismaClient,
  title: string,
  supporters: string[] = [],
) {
  const [theme, gemeente] = await Promise.all([
    db.theme.findUniqueOrThrow({ where: { code: "verlichting" } }),
    db.organisation.findUniqueOrThrow({ where: { name: GEMEENTE } }),
  ]);
  const issue = await db.issue.create({
    data: {
      title,
      description: `${title}. Voor een test.`,
      themeId: theme.id,
      buurtCode: CENTRUM,
      lat: IN_BLERICK.lat,
      lng: IN_BLERICK.lng,
      status: "getrieerd",
      visibility: "public",
      ownerOrganisationId: gemeente.id,
      supportCount: supporters.length,
      events: { create: { type: "created" } },
      supports: { create: supporters.map((userId) => ({ userId })) },
    },
  });
  return issue.id;
}

test("hand-over: declined with a reason, then accepted; the public page shows the new owner", async ({
  browser,
  insertUser,
  login,
  db,
}) => {
  test.setTimeout(60_000);
  const owner = await insertUser({ organisations: [{ name: GEMEENTE }] });
  const receiver = await insertUser({ organisations: [{ name: WOONWENZ }] });
  const title = `Lamp in de portiek flikkert ${suffix()}`;
  const id = await triagedIssue(db, title);

  const ownerPage = await pageFor(browser, login, owner);
  const receiverPage = await pageFor(browser, login, receiver);
  const askHandover = async () => {
    await ownerPage.goto(`/partner/meldingen/${id}`);
    const panel = ownerPage.locator("#overdragen");
    await panel.getByLabel("Aan welke organisatie?").selectOption({ label: WOONWENZ });
    await panel.getByLabel("Waarom?").fill("De portiek is van de corporatie.");
    await panel.getByRole("button", { name: "Overdracht vragen" }).click();
    await expect(ownerPage.getByRole("status").filter({ hasText: "De overdracht is gevraagd" })).toBeVisible();
  };

  await askHandover();
  // The receiving organisation sees it in its queue and declines; a reason is required.
  await receiverPage.goto("/partner/triage");
  await receiverPage.getByRole("link", { name: new RegExp(title) }).click();
  await receiverPage.getByRole("button", { name: "Weigeren" }).click();
  await expect(receiverPage.getByText("Leg uit waarom je de overdracht weigert.")).toBeVisible();
  await receiverPage.getByLabel(/Toelichting/).fill("De lamp hangt aan de gevel van de gemeente.");
  await receiverPage.getByRole("button", { name: "Weigeren" }).click();
  await expect(receiverPage.getByRole("status").filter({ hasText: "De overdracht is geweigerd." })).toBeVisible();
  await expect(receiverPage.locator("dd").filter({ hasText: GEMEENTE })).toBeVisible();

  await askHandover();
  await receiverPage.goto(`/partner/meldingen/${id}`);
  await receiverPage.getByRole("button", { name: "Accepteren" }).click();
  await expect(receiverPage.getByRole("status").filter({ hasText: "Jullie zijn nu eigenaar" })).toBeVisible();

  const publicPage = await browser.newPage();
  await publicPage.goto(`/meldingen/${id}`);
  await expect(publicPage.locator("dd").filter({ hasText: WOONWENZ })).toBeVisible();
  await expect(publicPage.getByText(`Deze melding is overgedragen aan ${WOONWENZ}.`)).toBeVisible();
});

test("merging a duplicate keeps support counts right; internal notes never reach the public", async ({
  browser,
  insertUser,
  login,
  db,
  request,
}) => {
  test.setTimeout(60_000);
  const owner = await insertUser({ organisations: [{ name: GEMEENTE }] });
  const [a, b, c] = [await insertUser(), await insertUser(), await insertUser()];
  const kept = await triagedIssue(db, `Donkere steeg achter de school ${suffix()}`, [a.id, b.id]);
  const duplicate = await triagedIssue(db, `Geen licht in de steeg ${suffix()}`, [b.id, c.id]);

  const ownerPage = await pageFor(browser, login, owner);
  await ownerPage.goto(`/partner/meldingen/${kept}`);
  const merge = ownerPage.locator("#samenvoegen");
  await merge.getByLabel("Nummer van de dubbele melding").fill(String(kept));
  await merge.getByRole("button", { name: "Samenvoegen" }).click();
  await expect(ownerPage.getByText("Een melding kan niet met zichzelf worden samengevoegd.")).toBeVisible();
  await merge.getByLabel("Nummer van de dubbele melding").fill(String(duplicate));
  await merge.getByRole("button", { name: "Samenvoegen" }).click();
  await expect(ownerPage.getByRole("status").filter({ hasText: `Melding ${duplicate} is samengevoegd` })).toBeVisible();

  // a, b and c each count once on the kept issue.
  const anonymous = await browser.newPage();
  await anonymous.goto(`/meldingen/${kept}`);
  // Visitors without an account can support by email: the button shows the merged count.
  await expect(anonymous.locator("summary", { hasText: "Steun (3)" })).toBeVisible();
  await anonymous.goto(`/meldingen/${duplicate}`);
  await expect(anonymous.getByText(`Deze melding gaat over hetzelfde als melding ${kept}.`).first()).toBeVisible();
  await expect(anonymous.getByText("Gesloten zonder oplossing").first()).toBeVisible();

  // An internal note: visible to partners only.
  const note = `Intern: bewoner op nummer 7 heeft sleutel van de poort ${suffix()}`;
  await ownerPage.getByLabel("Nieuwe notitie").fill(note);
  await ownerPage.getByRole("button", { name: "Notitie opslaan" }).click();
  await expect(ownerPage.getByText(note)).toBeVisible();

  const residentPage = await pageFor(browser, login, a);
  await residentPage.goto(`/meldingen/${kept}`);
  await expect(residentPage.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await residentPage.content()).not.toContain(note);
  const forbidden = await residentPage.goto(`/partner/meldingen/${kept}`);
  expect(forbidden?.status()).toBe(403);
  await anonymous.goto(`/meldingen/${kept}`);
  expect(await anonymous.content()).not.toContain(note);
  const geojson = await request.get("/api/issues.geojson?bbox=6.10,51.34,6.20,51.40&zoom=18");
  expect(geojson.ok()).toBe(true);
  expect(await geojson.text()).not.toContain("sleutel van de poort");
});
