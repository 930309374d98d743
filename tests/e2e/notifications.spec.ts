import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";

test("a resident follows an issue and reads their messages on /berichten", async ({ page, db, insertUser, login }) => {
  const user = await insertUser();
  await login(page, user);
  const issue = await db.issue.findFirstOrThrow({ where: { visibility: "public" }, orderBy: { id: "asc" } });

  await page.goto(`/meldingen/${issue.id}`);
  const follow = page.getByRole("button", { name: "Volgen" });
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  await follow.click();
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText("Je volgt deze melding. Druk nog eens op Volgen om te stoppen.")).toBeVisible();
  await expect.poll(() => db.follow.count({ where: { userId: user.id, issueId: issue.id } })).toBe(1);
  // Stopping says so, then following again.
  await follow.click();
  await expect(page.getByText("Je volgt deze melding niet meer.")).toBeVisible();
  await expect.poll(() => db.follow.count({ where: { userId: user.id, issueId: issue.id } })).toBe(0);
  await follow.click();
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  await expect.poll(() => db.follow.count({ where: { userId: user.id, issueId: issue.id } })).toBe(1);

  // What the worker writes for an update (tests/integration/notifications.test.ts covers the delivery).
  await db.notification.create({
    data: {
      userId: user.id,
      issueId: issue.id,
      type: "public_update",
      title: "Nieuw bericht over een melding die je volgt",
      body: "De aannemer komt donderdag.",
    },
  });
  await page.goto("/berichten");
  const main = page.getByRole("main");
  await expect(main.getByText("1 ongelezen")).toBeVisible();
  await expect(page.getByText("De aannemer komt donderdag.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  // Opening the message's issue marks it read: the header no longer counts it.
  await page.getByRole("link", { name: `Bekijk de melding: ${issue.title}` }).click();
  await expect(page).toHaveURL(new RegExp(`/meldingen/${issue.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: issue.title })).toBeVisible();
  await page.goto("/berichten");
  await expect(main.getByText("0 ongelezen")).toBeVisible();

  await db.notification.create({
    data: { userId: user.id, issueId: issue.id, type: "public_update", title: "Nog een bericht", body: "Klaar." },
  });
  await page.reload();
  await expect(main.getByText("1 ongelezen")).toBeVisible();
  await page.getByRole("button", { name: "Alles gelezen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Alle berichten staan op gelezen." })).toBeVisible();
  await expect(main.getByText("0 ongelezen")).toBeVisible();
});
