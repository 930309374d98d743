import { randomBytes } from "node:crypto";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";
import { waitForMail } from "./mail";

// Long flows with several browser contexts on a shared 2-core machine.
test.describe.configure({ timeout: 90_000 });

test("flag -> a moderator hides with a reason -> gone from page, GeoJSON, feeds and Open311; the author gets mail", async ({
  page,
  browser,
  db,
  insertUser,
  login,
}) => {
  // An issue of a resident, next to a seeded one (same theme, buurt and place).
  const reporter = await insertUser({ name: "Noor Vossenakker" });
  const template = await db.issue.findFirstOrThrow({ where: { visibility: "public" }, orderBy: { id: "asc" } });
  const title = `Scheldpartij bij de speeltuin ${randomBytes(3).toString("hex")}`;
  const issue = await db.issue.create({
    data: {
      title,
      description: "Iemand heeft hier lelijke woorden over de buren opgeschreven.",
      themeId: template.themeId,
      buurtCode: template.buurtCode,
      lat: template.lat,
      lng: template.lng,
      reporterId: reporter.id,
      events: { create: { type: "created", toStatus: "nieuw", actorId: reporter.id } },
    },
  });
  // The map index is cached per version of the public issues (bumpIssuesVersion in the app).
  await db.changeCounter.upsert({
    where: { key: "issues" },
    create: { key: "issues", value: 1 },
    update: { value: { increment: 1 } },
  });
  const bbox = `${issue.lng - 0.001},${issue.lat - 0.001},${issue.lng + 0.001},${issue.lat + 0.001}`;
  const onMap = async () => {
    const response = await page.request.get(`/api/issues.geojson?bbox=${bbox}&zoom=22`);
    const body = (await response.json()) as { features: { properties: { id?: number } }[] };
    return body.features.some((feature) => feature.properties.id === issue.id);
  };
  expect(await onMap()).toBe(true);

  // 1. A visitor without an account flags the issue.
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(`/meldingen/${issue.id}`);
  await visitorPage.getByText("Ongepast melden: deze melding").click();
  await visitorPage.getByRole("radio", { name: "Beledigend of discriminerend" }).check();
  await visitorPage.getByRole("textbox", { name: "Toelichting", exact: true }).fill("Er staan scheldwoorden in.");
  await visitorPage.getByRole("button", { name: "Melden bij moderator" }).click();
  await expect(
    visitorPage.getByRole("status").filter({ hasText: "Bedankt. Een moderator kijkt ernaar." }),
  ).toBeVisible();
  await expect.poll(() => db.flag.count({ where: { issueId: issue.id, resolvedAt: null } })).toBe(1);

  // 2. A moderator hides it from the queue, with a reason.
  const moderator = await insertUser({ roles: ["moderator"] });
  await login(page, moderator);
  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Werkplek voor partners" })
    .getByRole("link", { name: "Moderatie" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Moderatie" })).toBeVisible();
  const card = page.getByRole("article", { name: `Melding #${issue.id}` });
  await expect(card.getByText(title)).toBeVisible();
  await expect(card.getByText("Er staan scheldwoorden in.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const reason = card.getByRole("combobox", { name: /Verbergen: waarom/ });
  await expect(reason).toHaveValue("beledigend");
  await card.getByRole("textbox", { name: /Toelichting/ }).fill("Scheldwoorden over de buren");
  await card.getByRole("button", { name: "Verbergen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Het item is verborgen." })).toBeVisible();
  await expect(page.getByRole("article", { name: `Melding #${issue.id}` })).toHaveCount(0);

  // 3. The public sees the reason, not the content, and nowhere else the issue.
  await visitorPage.goto(`/meldingen/${issue.id}`);
  await expect(visitorPage.getByRole("heading", { level: 1, name: "Verborgen door moderator" })).toBeVisible();
  await expect(visitorPage.getByText("Reden: Beledigend of discriminerend: Scheldwoorden over de buren")).toBeVisible();
  await expect(visitorPage.getByText(title)).toHaveCount(0);
  await expect(visitorPage.getByText("lelijke woorden")).toHaveCount(0);
  await expectNoSeriousA11yViolations(visitorPage);

  expect(await onMap()).toBe(false);
  const feed = await (await visitorPage.request.get("/feeds/meldingen.xml")).text();
  expect(feed).not.toContain(title);
  expect((await visitorPage.request.get(`/feeds/meldingen/${issue.id}.xml`)).status()).toBe(404);
  expect((await visitorPage.request.get(`/open311/v2/requests/${issue.id}.json`)).status()).toBe(404);
  const requests = (await (await visitorPage.request.get("/open311/v2/requests.json")).json()) as {
    service_request_id: string;
  }[];
  expect(requests.map((request) => request.service_request_id)).not.toContain(String(issue.id));

  // The moderator still sees the content, with a banner.
  await page.goto(`/meldingen/${issue.id}`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Deze melding is verborgen voor het publiek.")).toBeVisible();

  // 4. The author is told why, by mail (through the job queue and the real SMTP server).
  const mail = await waitForMail({ to: reporter.email, subjectIncludes: "verborgen door een moderator" });
  expect(mail.subject).toBe(`Je melding is verborgen door een moderator: ${title}`);
  expect(mail.text).toContain("De reden: Beledigend of discriminerend: Scheldwoorden over de buren");
  await visitor.close();
});

test("a reporter edits the text within the hour; the flag page works without JavaScript", async ({
  page,
  browser,
  db,
  insertUser,
  login,
}) => {
  const reporter = await insertUser();
  const template = await db.issue.findFirstOrThrow({ where: { visibility: "public" }, orderBy: { id: "asc" } });
  const issue = await db.issue.create({
    data: {
      title: "Losse stoeptegel bij de bakker",
      description: "Er ligt een losse stoeptegel voor de deur van de bakker.",
      themeId: template.themeId,
      buurtCode: template.buurtCode,
      lat: template.lat,
      lng: template.lng,
      reporterId: reporter.id,
    },
  });

  const context = await browser.newContext({ javaScriptEnabled: false });
  const noScript = await context.newPage();
  // Without JavaScript and without an account: an error next to the field, then the thank-you.
  await noScript.goto(`/meldingen/${issue.id}`);
  await noScript.getByText("Ongepast melden: deze melding").click();
  await noScript.getByRole("button", { name: "Melden bij moderator" }).click();
  await expect(noScript).toHaveURL(/\/moderatie\/melden\?melding=/);
  await expect(noScript.getByText("Kies wat er mis is.")).toBeVisible();
  await noScript.getByRole("radio", { name: "Spam of reclame" }).check();
  await noScript.getByRole("button", { name: "Melden bij moderator" }).click();
  await expect(noScript).toHaveURL(new RegExp(`/meldingen/${issue.id}$`));
  await expect(noScript.getByText("Bedankt. Een moderator kijkt ernaar.")).toBeVisible();
  await context.close();

  // The reporter, logged in, edits within the hour.
  await login(page, reporter);
  await page.goto(`/meldingen/${issue.id}`);
  await expect(page.getByText(/Je kunt je melding nog aanpassen tot \d\d:\d\d/)).toBeVisible();
  await page.getByRole("link", { name: "Bewerken" }).click();
  await page.getByRole("textbox", { name: "Titel" }).fill("Losse stoeptegel voor de bakkerij");
  await page.getByRole("button", { name: "Wijzigingen opslaan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Losse stoeptegel voor de bakkerij" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Je melding is aangepast." })).toBeVisible();
});
