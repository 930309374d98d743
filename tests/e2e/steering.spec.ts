import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import { waitForMail } from "./mail";

// Demo data (prisma/seed-data.ts): Gemeente Venlo is a partner organisation. The support
// threshold of the residents' agenda is the default, 10.
const GEMEENTE = "Gemeente Venlo";
const IN_BLERICK = { lat: 51.3668, lng: 6.1525 };
const CENTRUM = "BU09832101";
const suffix = () => Math.random().toString(36).slice(2, 7);

test("an issue crossing the support threshold is on the agenda; the steering group decides on it in a meeting; followers hear about it", async ({
  page,
  browser,
  db,
  insertUser,
  login,
}) => {
  test.setTimeout(90_000);
  // An open issue with 9 supports (fixtures straight into the database: not what is tested here).
  const title = `Geen zebrapad bij de basisschool ${suffix()}`;
  const theme = await db.theme.findUniqueOrThrow({ where: { code: "verkeer" } });
  const issue = await db.issue.create({
    data: {
      title,
      description: `${title}. Kinderen steken over tussen de auto's door.`,
      themeId: theme.id,
      buurtCode: CENTRUM,
      lat: IN_BLERICK.lat,
      lng: IN_BLERICK.lng,
      supportCount: 9,
      events: { create: { type: "created" } },
      supports: { create: Array.from({ length: 9 }, () => ({ userId: null })) },
    },
  });
  const follower = await insertUser({ name: "Sanne Jansenbosch" });
  await db.follow.create({ data: { userId: follower.id, issueId: issue.id } });
  const supporter = await insertUser();
  const member = await insertUser({ name: "Ruud ter Venlaer", roles: ["resident", "steering"] });

  // 1. Below the threshold it is not on the agenda; the tenth support puts it there.
  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto("/agenda");
  await expect(anonymous.getByRole("heading", { level: 1, name: "Agenda van de buurt" })).toBeVisible();
  await expect(anonymous.getByRole("link", { name: title })).toHaveCount(0);

  await login(page, supporter);
  await page.goto(`/meldingen/${issue.id}`);
  const supported = page.waitForResponse((r) => r.url().includes(`/meldingen/${issue.id}/steun`) && r.request().method() === "POST");
  await page.getByRole("button", { name: "Steun (9)" }).click();
  await supported;
  await expect(page.getByText("Je steunt deze melding (10)")).toBeVisible();

  await anonymous.reload();
  const item = anonymous.getByRole("listitem").filter({ has: anonymous.getByRole("link", { name: title }) });
  await expect(item.getByText("10 keer gesteund")).toBeVisible();
  await expect(anonymous.getByRole("link", { name: "Bekijk de besluiten van de stuurgroep" })).toBeVisible();
  // Residents do not get the steering group's controls.
  await expect(anonymous.getByRole("button", { name: "Op de agenda zetten" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(anonymous);

  // 2. The steering group plans a meeting and takes the issue from the residents' agenda.
  const steering = await (await browser.newContext()).newPage();
  // React reports a page whose server HTML differs from its first client render (then it
  // renders the whole page again in the browser) as a console error.
  const reactErrors: string[] = [];
  steering.on("console", (message) => {
    if (message.type() === "error" && /Minified React error|hydrat/i.test(message.text())) reactErrors.push(message.text());
  });
  await login(steering, member);
  await steering.goto("/stuurgroep/overleg");
  await steering.getByLabel("Datum").fill("2026-12-15");
  await steering.getByLabel("Tijd").fill("19:30");
  await steering.getByLabel("Plaats").fill("Buurthuis De Vossener");
  await steering.getByRole("button", { name: "Overleg plannen" }).click();
  await expect(steering.getByRole("heading", { level: 1, name: "Overleg van 15 december 2026 om 19:30" })).toBeVisible();
  await steering.getByRole("button", { name: `${title} meenemen naar dit overleg` }).click();
  await expect(steering.getByRole("status").filter({ hasText: "Het onderwerp staat op de agenda van dit overleg." })).toBeVisible();
  await expectNoSeriousA11yViolations(steering);
  // A full load of the meeting page hydrates without a mismatch.
  await steering.reload();
  await expect(steering.getByRole("heading", { level: 1, name: "Overleg van 15 december 2026 om 19:30" })).toBeVisible();
  await steering.waitForLoadState("networkidle");
  expect(reactErrors).toEqual([]);

  // 3. The decision: text, owner, deadline, progress. An empty text gets a Dutch error first.
  const minutes = steering.getByRole("form", { name: `Besluit: ${title}` });
  await minutes.getByRole("button", { name: "Besluit opslaan" }).click();
  await expect(minutes.getByText("Schrijf wat de stuurgroep besloot, in minstens 5 tekens.")).toBeVisible();
  const decision = `De gemeente legt voor de zomer een zebrapad aan ${suffix()}`;
  await minutes.getByLabel("Wat heeft de stuurgroep besloten?").fill(decision);
  await minutes.getByLabel(/Wie pakt het op/).selectOption({ label: GEMEENTE });
  await minutes.getByLabel(/Klaar op/).fill("2027-06-30");
  await minutes.getByLabel("Voortgang", { exact: true }).selectOption({ label: "Loopt" });
  await minutes.getByRole("button", { name: "Besluit opslaan" }).click();
  await expect(steering.getByRole("status").filter({ hasText: "Het besluit is vastgelegd." })).toBeVisible();

  // 4. The decision is on the issue page (card and timeline) and on /besluiten.
  await anonymous.goto(`/meldingen/${issue.id}`);
  const card = anonymous.getByRole("region", { name: "Besluit van de stuurgroep" });
  await expect(card.getByText(decision)).toBeVisible();
  await expect(card.getByText(GEMEENTE)).toBeVisible();
  await expect(card.getByText("30 juni 2027")).toBeVisible();
  await expect(card.getByText("Loopt")).toBeVisible();
  await expect(anonymous.getByText("Besluit stuurgroep")).toBeVisible();
  await anonymous.goto("/besluiten");
  const listed = anonymous.getByRole("article").filter({ hasText: decision });
  await expect(listed.getByRole("link", { name: title })).toBeVisible();
  await expectNoSeriousA11yViolations(anonymous);
  await anonymous.goto("/besluiten?voortgang=afgerond");
  await expect(anonymous.getByText(decision)).toHaveCount(0);

  // 5. The follower gets a mail (real SMTP server of the test run).
  const mail = await waitForMail({ to: follower.email, subjectIncludes: `De stuurgroep heeft een besluit genomen over een melding die je volgt: ${title}` });
  expect(mail.text).toContain(decision);
  expect(mail.text).toContain(`/meldingen/${issue.id}`);
});

test("residents cannot open the meetings; anonymous visitors are asked to log in", async ({ page, insertUser, login }) => {
  const resident = await insertUser();
  const anonymousAnswer = await page.goto("/stuurgroep/overleg");
  expect(anonymousAnswer?.status()).toBe(200);
  await expect(page).toHaveURL(/\/inloggen\?redirectTo=%2Fstuurgroep%2Foverleg/);
  await login(page, resident);
  const forbidden = await page.goto("/stuurgroep/overleg");
  expect(forbidden?.status()).toBe(403);
});
