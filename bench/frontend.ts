/**
 * Frontend part: first-load JavaScript (gzip) and Lighthouse scores of the home page (/) and
 * the report page (/meldingen/nieuw), anonymous, from the production build served by
 * server.mjs (app-100000.db). Map tiles come from a local stub (TILE_URL), so nothing reaches
 * the internet. See bench/README.md for what is counted.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { TMP_DIR, log, round, table, type Target } from "./lib/common";
import { ensureAppDb } from "./lib/db";
import { createClient, startServer } from "./lib/server";
import { PAGES_ISSUES } from "./pages";

const PORT = 3314;
const PAGES = ["/", "/meldingen/nieuw"];
const MAX_FIRST_LOAD_KB = 150;
const MIN_PERFORMANCE = 95;
const MIN_ACCESSIBILITY = 100;
const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
/** BENCH_LIGHTHOUSE_PRESET=desktop uses Lighthouse's desktop preset; the default is mobile. */
const PRESET = process.env.BENCH_LIGHTHOUSE_PRESET === "desktop" ? "desktop" : "mobile";

/** JS the HTML asks for before any code runs: modulepreload links, module scripts, inline imports. */
export function scriptUrls(html: string) {
  const urls = new Set<string>();
  for (const match of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(match[0])?.[1];
    if (href) urls.add(href);
  }
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) urls.add(match[1]);
  // Remix's inline module script: import "/assets/manifest-....js"; import * as route0 from "...";
  for (const script of html.matchAll(/<script\b[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g)) {
    for (const match of script[1].matchAll(/\bimport\s*(?:[^"'();]*?\bfrom\s*)?["']([^"']+\.js)["']/g))
      urls.add(match[1]);
  }
  return [...urls];
}

/** Static imports of a built chunk (`import{a}from"./x.js"`, `import"./y.js"`), not import(). */
function staticImports(code: string, url: string) {
  const found: string[] = [];
  for (const match of code.matchAll(/\b(?:from|import)\s*["'](\.{1,2}\/[^"']+\.js|\/[^"']+\.js)["']/g)) {
    found.push(new URL(match[1], new URL(url, "http://x")).pathname);
  }
  return found;
}

type Script = {
  url: string;
  bytes: number;
  gzipBytes: number;
  how: "html" | "static import" | "loaded on first render";
};

async function firstLoadJs(base: string, pathname: string, lighthouseScripts: string[]) {
  const client = createClient(base);
  try {
    const page = await client.get(pathname);
    if (page.status !== 200) throw new Error(`${pathname}: HTTP ${page.status}`);
    const scripts = new Map<string, Script>();
    const queue = scriptUrls(page.body.toString()).map((url) => ({ url, how: "html" as Script["how"] }));
    // Chunks the browser fetched while Lighthouse loaded the page but the HTML does not name:
    // lazily loaded modules (the map) that load on first render.
    for (const url of lighthouseScripts) queue.push({ url, how: "loaded on first render" });
    while (queue.length > 0) {
      const { url, how } = queue.shift()!;
      if (scripts.has(url)) continue;
      const response = await client.get(url);
      if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
      // gzip level 6: what the compression middleware in server.mjs sends.
      scripts.set(url, {
        url,
        how,
        bytes: response.body.length,
        gzipBytes: gzipSync(response.body, { level: 6 }).length,
      });
      for (const imported of staticImports(response.body.toString(), url)) {
        if (!scripts.has(imported)) queue.push({ url: imported, how: how === "html" ? "static import" : how });
      }
    }
    return [...scripts.values()];
  } finally {
    client.close();
  }
}

type LighthouseResult = {
  performance: number;
  accessibility: number;
  failedAudits: string[];
  scriptsLoaded: string[];
  metrics: Record<string, number>;
};

async function runLighthouse(url: string, port: number): Promise<LighthouseResult> {
  const result = await lighthouse(
    url,
    { port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] },
    PRESET === "desktop"
      ? ({
          extends: "lighthouse:default",
          settings: {
            preset: "desktop",
            formFactor: "desktop",
            screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
            throttlingMethod: "simulate",
            throttling: {
              rttMs: 40,
              throughputKbps: 10240,
              cpuSlowdownMultiplier: 1,
              requestLatencyMs: 0,
              downloadThroughputKbps: 0,
              uploadThroughputKbps: 0,
            },
          },
        } as Parameters<typeof lighthouse>[2])
      : undefined,
  );
  if (!result) throw new Error(`lighthouse gave no result for ${url}`);
  const lhr = result.lhr;
  // The whole report, for a closer look at what the summary names (e.g. render-blocking-resources).
  const slug = new URL(url).pathname.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home";
  writeFileSync(path.join(TMP_DIR, `lighthouse-${slug}.json`), JSON.stringify(lhr));
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const failedAudits: string[] = [];
  for (const id of ["performance", "accessibility"]) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 0.9)
        failedAudits.push(`${ref.id} (${audit.displayValue ?? audit.score})`);
    }
  }
  const requests =
    (lhr.audits["network-requests"]?.details as { items?: { url: string; resourceType?: string }[] } | undefined)
      ?.items ?? [];
  const origin = new URL(url).origin;
  const scriptsLoaded = requests
    .filter((item) => item.resourceType === "Script" && item.url.startsWith(origin))
    .map((item) => new URL(item.url).pathname);
  const metric = (id: string) => round(lhr.audits[id]?.numericValue ?? NaN, 0);
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    failedAudits,
    scriptsLoaded,
    metrics: {
      fcpMs: metric("first-contentful-paint"),
      lcpMs: metric("largest-contentful-paint"),
      tbtMs: metric("total-blocking-time"),
      cls: round(lhr.audits["cumulative-layout-shift"]?.numericValue ?? NaN, 3),
      siMs: metric("speed-index"),
    },
  };
}

export async function runFrontend() {
  const { file } = ensureAppDb(PAGES_ISSUES);
  const server = await startServer({ database: file, port: PORT });
  const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS });
  const results = [];
  try {
    for (const pathname of PAGES) {
      log(`frontend: Lighthouse (${PRESET}) on ${pathname}`);
      const lh = await runLighthouse(`${server.url}${pathname}`, chrome.port);
      if (server.child.exitCode !== null || server.child.signalCode !== null) {
        throw new Error(
          `server.mjs stopped during Lighthouse (${server.child.exitCode ?? server.child.signalCode}):\n${server.output()}`,
        );
      }
      const scripts = await firstLoadJs(server.url, pathname, lh.scriptsLoaded);
      const sum = (filter: (s: Script) => boolean) =>
        scripts.filter(filter).reduce((total, s) => total + s.gzipBytes, 0);
      results.push({
        page: pathname,
        firstLoadGzipBytes: sum(() => true),
        htmlGzipBytes: sum((s) => s.how !== "loaded on first render"),
        lazyOnFirstRenderGzipBytes: sum((s) => s.how === "loaded on first render"),
        scripts,
        lighthouse: lh,
      });
    }
  } finally {
    await chrome.kill();
    await server.stop();
  }

  const targets: Target[] = [];
  for (const r of results) {
    targets.push({
      part: "frontend",
      name: `${r.page}: first-load JS <= ${MAX_FIRST_LOAD_KB} KB gzip`,
      pass: r.firstLoadGzipBytes / 1024 <= MAX_FIRST_LOAD_KB,
      detail: `${(r.firstLoadGzipBytes / 1024).toFixed(1)} KB (${(r.htmlGzipBytes / 1024).toFixed(1)} KB named by the HTML + ${(r.lazyOnFirstRenderGzipBytes / 1024).toFixed(1)} KB lazily loaded on first render)`,
    });
    targets.push({
      part: "frontend",
      name: `${r.page}: Lighthouse (${PRESET}) performance >= ${MIN_PERFORMANCE}`,
      pass: r.lighthouse.performance >= MIN_PERFORMANCE,
      detail:
        `${r.lighthouse.performance}` +
        (r.lighthouse.performance < MIN_PERFORMANCE ? `; weakest: ${r.lighthouse.failedAudits.join(", ")}` : ""),
    });
    targets.push({
      part: "frontend",
      name: `${r.page}: Lighthouse accessibility >= ${MIN_ACCESSIBILITY}`,
      pass: r.lighthouse.accessibility >= MIN_ACCESSIBILITY,
      detail:
        `${r.lighthouse.accessibility}` +
        (r.lighthouse.accessibility < MIN_ACCESSIBILITY ? `; failing: ${r.lighthouse.failedAudits.join(", ")}` : ""),
    });
  }
  const report = [
    `Frontend (anonymous, production build; Lighthouse ${PRESET} preset in ${CHROME_PATH}; JS sizes gzip level 6)`,
    table(
      ["page", "JS KB gz", "of which lazy", "files", "perf", "a11y", "FCP ms", "LCP ms", "TBT ms", "CLS"],
      results.map((r) => [
        r.page,
        (r.firstLoadGzipBytes / 1024).toFixed(1),
        (r.lazyOnFirstRenderGzipBytes / 1024).toFixed(1),
        r.scripts.length,
        r.lighthouse.performance,
        r.lighthouse.accessibility,
        r.lighthouse.metrics.fcpMs,
        r.lighthouse.metrics.lcpMs,
        r.lighthouse.metrics.tbtMs,
        r.lighthouse.metrics.cls,
      ]),
    ),
    "JS counted: modulepreload links, module scripts and inline imports of the served HTML, their static imports, and chunks the browser loaded during the Lighthouse page load that the HTML does not name (lazy chunks that load on first render).",
  ].join("\n");
  return { results: { preset: PRESET, pages: results }, targets, report };
}
