import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import { linkInMail, waitForMail } from "./mail";

/** Reporting and supporting without an account: the form, the mail on the real SMTP server, the link. */

// Each test walks a whole flow (form, mail, link, checks); on a busy 2-core machine that takes a while.
test.describe.configure({ timeout: 90_000 });

const suffix = () => randomBytes(3).toString("hex");
const emailFor = (name: string) => `${name}.${suffix()}@example.test`;

/** Where the public (and every API client) could find an issue. */
async function publicSightings(
  request: APIRequestContext,
  issue: { id: number; title: string; lat: number; lng: number },
) {
  const around = `${issue.lng - 0.002},${issue.lat - 0.002},${issue.lng + 0.002},${issue.lat + 0.002}`;
  const geojson = (await (await request.get(`/api/issues.geojson?bbox=${around}&zoom=22`)).json()) as {
    features: { properties: { id?: number } }[];
  };
  const feed = await (await request.get("/feeds/meldingen.xml")).text();
  const open311 = (await (await request.get("/open311/v2/requests.json")).json()) as { service_request_id: string }[];
  const list = await (await request.get("/")).text();
  return {
    map: geojson.features.some((feature) => feature.properties.id === issue.id),
    list: list.includes(issue.title),
    feed: feed.includes(issue.title),
    open311: open311.some((row) => row.service_request_id === String(issue.id)),
    open311One: (await request.get(`/open311/v2/requests/${issue.id}.json`)).status() === 200,
    page: (await request.get(`/meldingen/${issue.id}`)).status() === 200,
  };
}

async function fillDescribedPlace(page: Page) {
  await page.getByLabel("Ik beschrijf de plek").check();
  await page.getByLabel("Buurt", { exact: true }).selectOption({ label: "Blerick-Centrum (Blerick-Midden)" });
  await page.getByLabel("Omschrijf de plek").fill("Bij het bankje naast de bushalte aan de Kazernestraat");
}

test("report without an account: mail, click, public; before the click it is nowhere public", async ({
  page,
  db,
  request,
}) => {
  const email = emailFor("wessel.vossenakker");
  const title = `Kapotte lantaarn bij de bushalte ${suffix()}`;
  await page.goto("/meldingen/nieuw");
  await expect(page.getByRole("heading", { name: "Melden zonder account" })).toBeVisible();
  await fillDescribedPlace(page);
  await page.getByText("Verlichting", { exact: true }).click();
  await page.getByLabel("Titel").fill(title);
  await page
    .getByLabel("Omschrijving")
    .fill("De lantaarn bij de bushalte is al dagen uit. Het is 's avonds erg donker.");
  await page.getByRole("button", { name: "Melding versturen" }).click();
  // Without the address the form asks for it, keeping what was typed.
  await expect(page.getByText("Vul je e-mailadres in.").first()).toBeVisible();
  await expect(page.getByLabel("Titel")).toHaveValue(title);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByRole("button", { name: "Melding versturen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kijk in je mail" })).toBeVisible();

  const issue = await db.issue.findFirstOrThrow({ where: { title } });
  expect(issue.visibility).toBe("unconfirmed");
  const mail = await waitForMail({ to: email, subjectIncludes: "Bevestig je melding" });
  expect(mail.text).toContain(title);
  const link = linkInMail(mail, "/bevestigen/");

  // Before the click: not on the map, in the list, the feeds, Open311 or its own page.
  expect(await publicSightings(request, issue)).toEqual({
    map: false,
    list: false,
    feed: false,
    open311: false,
    open311One: false,
    page: false,
  });

  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Bevestig je melding" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Ja, zet mijn melding op de kaart" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bedankt! Je melding staat op de kaart" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Maak een account: kies een wachtwoord" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  expect(await publicSightings(request, issue)).toEqual({
    map: true,
    list: true,
    feed: true,
    open311: true,
    open311One: true,
    page: true,
  });

  const setPassword = await page.getByRole("link", { name: "Kies een wachtwoord" }).getAttribute("href");
  // The link works once.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Je hebt dit al bevestigd" })).toBeVisible();

  // "Maak een account": choose a password and be logged in, with the report as one's own.
  await page.goto(setPassword!);
  await page.getByLabel("Nieuw wachtwoord").fill("een-lange-zin-voor-de-buurt");
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page.getByRole("link", { name: "Mijn meldingen" })).toBeVisible();
  await page.getByRole("link", { name: "Mijn meldingen" }).click();
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test("without JavaScript: the buurt + place description path reports, and the link confirms", async ({
  browser,
  db,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const email = emailFor("noor.maasveldt");
  const title = `Losse stoeptegels bij de school ${suffix()}`;
  await page.goto("/meldingen/nieuw");
  await fillDescribedPlace(page);
  await page.getByText("Verlichting", { exact: true }).click();
  await page.getByLabel("Titel").fill(title);
  await page.getByLabel("Omschrijving").fill("Drie stoeptegels liggen los. Kinderen struikelen erover.");
  await page.getByLabel("E-mailadres").fill("geen-adres");
  await page.getByRole("button", { name: "Melding versturen" }).click();
  await expect(page.getByText("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.").first()).toBeVisible();
  await expect(page.getByLabel("Titel")).toHaveValue(title);
  await expect(page.getByLabel("Omschrijf de plek")).toBeVisible();
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByRole("button", { name: "Melding versturen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kijk in je mail" })).toBeVisible();

  const issue = await db.issue.findFirstOrThrow({ where: { title } });
  expect(issue).toMatchObject({ visibility: "unconfirmed", locationApproximate: true, buurtCode: "BU09832101" });
  const link = linkInMail(await waitForMail({ to: email, subjectIncludes: "Bevestig je melding" }), "/bevestigen/");
  await page.goto(link);
  await page.getByRole("button", { name: "Ja, zet mijn melding op de kaart" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bedankt! Je melding staat op de kaart" })).toBeVisible();
  await page.getByRole("link", { name: "Bekijk de melding" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await context.close();
});

test("on a phone the form goes one step per screen, validating each step and keeping what was typed", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto("/meldingen/nieuw");
  await expect(page.getByText("Stap 1 van 4")).toBeVisible();
  await expect(page.getByLabel("Titel")).toBeHidden();

  await page.getByLabel("Ik beschrijf de plek").check();
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByText("Kies de buurt.").first()).toBeVisible();
  await expect(page.getByText("Stap 1 van 4")).toBeVisible();
  await fillDescribedPlace(page);
  await page.getByRole("button", { name: "Volgende" }).click();

  await expect(page.getByText("Stap 2 van 4")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Kies een thema" })).toBeFocused();
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByText("Kies een thema.").first()).toBeVisible();
  await page.getByText("Verlichting", { exact: true }).click();
  await page.getByRole("button", { name: "Volgende" }).click();

  await expect(page.getByText("Stap 3 van 4")).toBeVisible();
  await page.getByLabel("Titel").fill("Kot");
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByText("Schrijf een titel van minstens 5 tekens.").first()).toBeVisible();
  // The error summary's link to a field on this step focuses it and stays on the step.
  await page.getByRole("link", { name: /Schrijf een titel van minstens 5 tekens/ }).click();
  await expect(page.getByText("Stap 3 van 4")).toBeVisible();
  await expect(page.getByLabel("Titel")).toBeFocused();
  await page.getByLabel("Titel").fill("Lamp kapot op het pad");
  await page.getByLabel("Omschrijving").fill("De lamp op het wandelpad doet het niet meer sinds vorige week.");
  await page.getByRole("button", { name: "Volgende" }).click();

  await expect(page.getByText("Stap 4 van 4")).toBeVisible();
  await expect(page.getByLabel("E-mailadres")).toBeVisible();
  // A described place: no search for issues nearby, and no hint to choose a place first.
  await expect(page.getByText("Je beschrijft de plek zelf.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Vorige" }).click();
  await expect(page.getByText("Stap 3 van 4")).toBeVisible();
  await expect(page.getByLabel("Titel")).toHaveValue("Lamp kapot op het pad");
  // The phone's Back button goes to the previous step and keeps what was typed; Forward returns.
  await page.goBack();
  await expect(page.getByText("Stap 2 van 4")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Kies een thema" })).toBeFocused();
  await page.goBack();
  await expect(page.getByText("Stap 1 van 4")).toBeVisible();
  await expect(page).toHaveURL(/\/meldingen\/nieuw$/);
  await page.goForward();
  await page.goForward();
  await expect(page.getByText("Stap 3 van 4")).toBeVisible();
  await expect(page.getByLabel("Titel")).toHaveValue("Lamp kapot op het pad");
  await page.getByRole("button", { name: "Volgende" }).click();
  await page.getByLabel("E-mailadres").fill(emailFor("pien.gerritsmolen"));
  await page.getByRole("button", { name: "Melding versturen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kijk in je mail" })).toBeVisible();
  await context.close();
});

test("on a phone, when the form's checks cannot load, the steps go on and the server checks at the end", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  const page = await context.newPage();
  // As with no signal, or files of an older version gone after a deploy.
  await page.route(/report-validation/, (route) => route.abort());
  await page.goto("/meldingen/nieuw");
  await page.getByLabel("Ik beschrijf de plek").check();
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByText("Stap 2 van 4")).toBeVisible();
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByText("Stap 3 van 4")).toBeVisible();
  await page.getByLabel("Titel").fill("Kot");
  await page.getByRole("button", { name: "Volgende" }).click();
  await expect(page.getByText("Stap 4 van 4")).toBeVisible();
  await page.getByRole("button", { name: "Melding versturen" }).click();
  // The server's answer: the errors, and the first step with a problem, with what was typed.
  await expect(page.getByText("Kies de buurt.").first()).toBeVisible();
  await expect(page.getByText("Stap 1 van 4")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Verbeter het volgende" })).toBeVisible();
  await context.close();
});

test("support without an account: email, link, counted once", async ({ page, db, insertUser }) => {
  const reporter = await insertUser();
  const theme = await db.theme.findUniqueOrThrow({ where: { code: "groen" } });
  const issue = await db.issue.create({
    data: {
      title: `Overhangende takken boven het fietspad ${suffix()}`,
      description: "De takken hangen zo laag dat je moet bukken op de fiets.",
      themeId: theme.id,
      buurtCode: "BU09832101",
      // Not on the point resident.spec.ts clicks: two issues on one spot never leave their cluster.
      lat: 51.3679,
      lng: 6.1489,
      reporterId: reporter.id,
      supportCount: 1,
      supports: { create: { userId: reporter.id } },
      events: { create: { type: "created", actorId: reporter.id } },
    },
  });
  const email = emailFor("thijs.peeterhuys");
  await page.goto(`/meldingen/${issue.id}`);
  await page.getByText("Steun (1)").click();
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByRole("button", { name: "Stuur mij de link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kijk in je mail" })).toBeVisible();
  expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).supportCount).toBe(1);

  const link = linkInMail(await waitForMail({ to: email, subjectIncludes: "Bevestig je steun" }), "/bevestigen/");
  await page.goto(link);
  await page.getByRole("button", { name: "Ja, ik steun deze melding" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bedankt! Je steunt deze melding" })).toBeVisible();
  await page.getByRole("link", { name: "Bekijk de melding" }).click();
  await expect(page.getByText("Steun (2)")).toBeVisible();
});
