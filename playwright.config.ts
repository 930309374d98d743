import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_BASE_URL, LANE } from "./tests/e2e/lane";

// Lane 0 writes where scripts/test.mjs reads; other lanes (E2E_LANE) keep their own results.
const results = LANE ? `test-results/lane-${LANE}` : "test-results";

const baseURL = E2E_BASE_URL;

// Flags that keep the browser from reaching the internet on its own (updates, sync, QUIC probes).
const quietBrowserArgs = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
// Debian's Chromium where it is installed (no browser download possible on our machines);
// Playwright's own browser elsewhere, so the same tests run on a developer laptop.
const debianChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((file) => existsSync(file));
const launchOptions = debianChromium
  ? { executablePath: debianChromium, args: ["--no-sandbox", "--disable-gpu", ...quietBrowserArgs] }
  : { args: quietBrowserArgs };

export default defineConfig({
  testDir: "tests/e2e",
  // A real SMTP server on 127.0.0.1:3125 that stores received mail for waitForMail (tests/e2e/mail.ts).
  // Playwright starts the webServer before global setup; see that file for why this is safe.
  globalSetup: "./tests/e2e/global-setup.ts",
  // Not test-results/: Playwright empties its outputDir at start, and vitest.json lives there.
  outputDir: `${results}/playwright-artifacts`,
  workers: 2, // the machines have 2 cores
  fullyParallel: true,
  retries: 0, // tests must be deterministic; a retry would hide flakiness
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  // Generous: the map loads Leaflet after hydration, which is slow on a busy 2-core CI machine.
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: `${results}/playwright.json` }]],
  use: {
    baseURL,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    // A trace records every test as it runs, which costs CI's two cores ~10 %; CI keeps no
    // artifacts, so only local runs record one (kept for failed tests).
    trace: process.env.CI ? "off" : "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
  ],
  webServer: {
    // Fresh database (migrated, seeded with demo data), production build, remix-serve on 3100.
    command: "node scripts/e2e-server.mjs",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
