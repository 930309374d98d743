import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { wakeMap } from "./map-helpers";

/**
 * The Content-Security-Policy (server.mjs, nonce per response) must not block anything the app
 * needs: no violation on the home page, the report page (map) and the steering dashboard, and
 * the pages hydrate (the map only appears after hydration, i.e. when the scripts ran).
 */

type Violation = { directive: string; blocked: string; source: string };

async function watchViolations(page: Page) {
  const fromConsole: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) {
      fromConsole.push(message.text());
    }
  });
  // Before any page script: the browser reports each violation as an event on the document.
  await page.addInitScript(() => {
    const list: Violation[] = [];
    (window as unknown as { __cspViolations: Violation[] }).__cspViolations = list;
    document.addEventListener("securitypolicyviolation", (event) => {
      list.push({ directive: event.violatedDirective, blocked: event.blockedURI, source: event.sourceFile });
    });
  });
  return async () => {
    const fromEvents = await page.evaluate(
      () => (window as unknown as { __cspViolations?: Violation[] }).__cspViolations ?? [],
    );
    return { fromEvents, fromConsole: [...fromConsole] };
  };
}

async function expectNoViolations(page: Page, path: string, ready: () => Promise<void>) {
  const violations = await watchViolations(page);
  const response = await page.goto(path);
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp, `${path} has a CSP`).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  await ready();
  await page.waitForLoadState("networkidle");
  const found = await violations();
  expect(found.fromEvents, `CSP violations (events) on ${path}`).toEqual([]);
  expect(found.fromConsole, `CSP violations (console) on ${path}`).toEqual([]);
}

test("the home page, the report page and the steering dashboard run under the CSP", async ({
  page,
  insertUser,
  login,
}) => {
  test.setTimeout(60_000);
  // Anonymous home page: the map draws its view only once the client scripts ran (hydration);
  // a click wakes Leaflet, which must run under the policy too.
  await expectNoViolations(page, "/", async () => {
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await wakeMap(page, "issue-map");
  });

  const resident = await insertUser({ roles: ["resident", "steering"] });
  await login(page, resident);
  await expectNoViolations(page, "/meldingen/nieuw", async () => {
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await wakeMap(page, "location-picker");
  });
  await expectNoViolations(page, "/stuurgroep", async () => {
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });
});

test("an inline script without the nonce is blocked (the policy is enforced, not just sent)", async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto("/privacy");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // What an injected <script> would do: it must not run.
  const ran = await page.evaluate(async () => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = true;";
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  const found = await violations();
  expect(found.fromEvents.some((violation) => violation.directive.startsWith("script-src"))).toBe(true);
});
