import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { bumpIssuesVersion, issuesVersion } from "~/utils/issues.server";
import { RenderCache, renderCacheKey, splitAtNonce } from "~/utils/render-cache.server";
import { createCspNonce } from "~/utils/security-headers.server";
import { insertSupport } from "~/utils/sql.server";
import { createIssue, createUser } from "../db-utils";

/**
 * The render cache against the real change counter of the test database. server.mjs wires it
 * to HTTP; the same behaviour over HTTP (logged-in requests, Set-Cookie, POSTs) is checked by
 * tests/robustness against the real server.
 */

const HTML = [["Content-Type", "text/html; charset=utf-8"]] as Array<[string, string]>;

function page(nonce: string, text = "Meldingen") {
  return Buffer.from(
    `<!DOCTYPE html><html><body><h1>${text}</h1><script nonce="${nonce}">window.__remixContext={}</script>` +
      `<script type="module" nonce="${nonce}">import "/assets/entry.js"</script></body></html>`,
  );
}

/** A cache that reads the database counter on every lookup, and a clock the test moves. */
function cacheWithClock(options: { ttlMs?: number; checkIntervalMs?: number } = {}) {
  let now = 1_000_000;
  const events: string[] = [];
  const cache = new RenderCache({
    ttlMs: options.ttlMs ?? 5_000,
    checkIntervalMs: options.checkIntervalMs ?? 0,
    readVersion: issuesVersion,
    now: () => now,
    onEvent: (event) => events.push(event),
  });
  return { cache, events, advance: (ms: number) => (now += ms) };
}

/** What server.mjs does on a miss: render, then store with the generation from before. */
async function renderAndStore(cache: RenderCache, key: string, text = "Meldingen", headers = HTML, status = 200) {
  const miss = await cache.lookup(key);
  expect(miss).toBeUndefined();
  const generation = cache.beginRender();
  const nonce = createCspNonce();
  return cache.store(key, generation, { status, headers, body: page(nonce, text), nonce });
}

describe("which requests may use the render cache", () => {
  it("caches the anonymous home page and issue pages", () => {
    expect(renderCacheKey({ method: "GET", url: "/" })).toBe("/");
    expect(renderCacheKey({ method: "HEAD", url: "/" })).toBe("/");
    expect(renderCacheKey({ method: "GET", url: "/meldingen/12" })).toBe("/meldingen/12");
    // Filters of the home page, in any order, give one key.
    expect(renderCacheKey({ method: "GET", url: "/?theme=afval&status=alle" })).toBe(
      renderCacheKey({ method: "GET", url: "/?status=alle&theme=afval" }),
    );
    // A cookie that is not the app's (e.g. set by another app on the same host) does not matter.
    expect(renderCacheKey({ method: "GET", url: "/", cookie: "other=1" })).toBe("/");
  });

  it("never uses it for logged-in visitors, flash messages, writes or unknown parameters", () => {
    expect(renderCacheKey({ method: "GET", url: "/", cookie: "bb_session=abc" })).toBeNull();
    expect(renderCacheKey({ method: "GET", url: "/", cookie: "x=1; bb_toast=abc" })).toBeNull();
    expect(renderCacheKey({ method: "GET", url: "/", authorization: "Bearer x" })).toBeNull();
    expect(renderCacheKey({ method: "POST", url: "/" })).toBeNull();
    expect(renderCacheKey({ method: "GET", url: "/?redirectTo=/account" })).toBeNull();
    expect(renderCacheKey({ method: "GET", url: "/?theme=afval&theme=groen" })).toBeNull();
    expect(renderCacheKey({ method: "GET", url: "/?theme=%3Cscript%3E" })).toBeNull();
    expect(renderCacheKey({ method: "GET", url: "/meldingen/12?nieuw=1" })).toBeNull();
    expect(renderCacheKey({ method: "GET", url: "/meldingen/12.data" })).toBeNull();
    expect(renderCacheKey({ method: "GET", url: "/meldingen/0" })).toBeNull();
    expect(renderCacheKey({ method: "GET", url: "/account" })).toBeNull();
  });
});

describe("RenderCache", () => {
  it("serves a stored page again, with a new nonce in every response", async () => {
    const { cache, events } = cacheWithClock();
    expect(await renderAndStore(cache, "/")).toBe(true);
    const first = await cache.lookup("/");
    const second = await cache.lookup("/");
    expect(first).toBeDefined();
    expect(events.filter((event) => event === "hits")).toHaveLength(2);
    const [nonceA, nonceB] = [createCspNonce(), createCspNonce()];
    const bodyA = RenderCache.render(first!, nonceA).toString();
    const bodyB = RenderCache.render(second!, nonceB).toString();
    expect(nonceA).not.toBe(nonceB);
    expect(bodyA.match(new RegExp(`nonce="${escape(nonceA)}"`, "g"))).toHaveLength(2);
    expect(bodyB.match(new RegExp(`nonce="${escape(nonceB)}"`, "g"))).toHaveLength(2);
    expect(bodyA).not.toContain(nonceB);
    // Only the nonce differs.
    expect(bodyA.replaceAll(nonceA, "N")).toBe(bodyB.replaceAll(nonceB, "N"));
  });

  it("is emptied when an app write moves the issues counter", async () => {
    const { cache } = cacheWithClock();
    await renderAndStore(cache, "/");
    expect(await cache.lookup("/")).toBeDefined();
    const reporter = await createUser();
    // A new public issue, written the way the app writes it (counter bumped in the transaction).
    await createIssue({ reporterId: reporter.id });
    expect(await cache.lookup("/")).toBeUndefined();
    await renderAndStore(cache, "/");
    await db.$transaction(async (tx) => bumpIssuesVersion(tx));
    expect(await cache.lookup("/")).toBeUndefined();
  });

  it("reads the counter at most once per check interval, one read for concurrent lookups", async () => {
    let reads = 0;
    let now = 0;
    const cache = new RenderCache({
      checkIntervalMs: 250,
      readVersion: async () => {
        reads += 1;
        return issuesVersion();
      },
      now: () => now,
    });
    await Promise.all([cache.lookup("/"), cache.lookup("/"), cache.lookup("/meldingen/1")]);
    expect(reads).toBe(1);
    now += 100;
    await cache.lookup("/");
    expect(reads).toBe(1);
    now += 200;
    await cache.lookup("/");
    expect(reads).toBe(2);
  });

  it("lets requests that arrive during a render wait for it instead of rendering again", async () => {
    const { cache, events } = cacheWithClock();
    expect(await cache.lookup("/")).toBeUndefined();
    const generation = cache.beginRender();
    const done = cache.trackRender("/");
    const waiting = [cache.lookup("/"), cache.lookup("/")];
    const nonce = createCspNonce();
    cache.store("/", generation, { status: 200, headers: HTML, body: page(nonce), nonce });
    done();
    const pages = await Promise.all(waiting);
    expect(pages.every((found) => found !== undefined)).toBe(true);
    expect(events.filter((event) => event === "hits")).toHaveLength(2);
    // A render that is given up (not storable) releases the waiters, who then render themselves.
    const finish = cache.trackRender("/meldingen/9");
    const waiter = cache.lookup("/meldingen/9");
    finish();
    expect(await waiter).toBeUndefined();
  });

  it("drops pages after their lifetime", async () => {
    const { cache, advance } = cacheWithClock({ ttlMs: 5_000 });
    await renderAndStore(cache, "/");
    advance(4_999);
    expect(await cache.lookup("/")).toBeDefined();
    advance(2);
    expect(await cache.lookup("/")).toBeUndefined();
  });

  it("does not keep a page whose render began before a write of this process", async () => {
    const { cache } = cacheWithClock();
    await cache.lookup("/");
    const generation = cache.beginRender();
    // server.mjs invalidates when a POST/PUT/DELETE of this process finishes, e.g. a support:
    const [reporter, supporter] = [await createUser(), await createUser()];
    const issue = await createIssue({ reporterId: reporter.id });
    await insertSupport(issue.id, supporter.id);
    cache.invalidate();
    const nonce = createCspNonce();
    expect(cache.store("/", generation, { status: 200, headers: HTML, body: page(nonce), nonce })).toBe(false);
    expect(await cache.lookup("/")).toBeUndefined();
  });

  it("never stores responses that set a cookie, errors, private or non-HTML responses", async () => {
    const { cache } = cacheWithClock();
    expect(await renderAndStore(cache, "/", "a", [...HTML, ["Set-Cookie", "bb_toast=x; Path=/"]])).toBe(false);
    expect(await renderAndStore(cache, "/", "a", HTML, 404)).toBe(false);
    expect(await renderAndStore(cache, "/", "a", HTML, 500)).toBe(false);
    expect(await renderAndStore(cache, "/", "a", [...HTML, ["Cache-Control", "private, no-store"]])).toBe(false);
    expect(await renderAndStore(cache, "/", "a", [["Content-Type", "application/json"]])).toBe(false);
    expect(await renderAndStore(cache, "/", "a", [...HTML, ["Vary", "Cookie"]])).toBe(false);
    expect(cache.size().entries).toBe(0);
  });

  it("serves nothing while the database cannot be read", async () => {
    let fail = false;
    const cache = new RenderCache({
      checkIntervalMs: 0,
      readVersion: async () => {
        if (fail) throw new Error("database is down");
        return 1;
      },
    });
    await cache.lookup("/");
    const nonce = createCspNonce();
    expect(cache.store("/", cache.beginRender(), { status: 200, headers: HTML, body: page(nonce), nonce })).toBe(true);
    fail = true;
    expect(await cache.lookup("/")).toBeUndefined();
    expect(cache.size().entries).toBe(0);
  });

  it("keeps within its byte budget, dropping the oldest pages", async () => {
    const cache = new RenderCache({ maxBytes: 4 * page("n").length, checkIntervalMs: 0, readVersion: async () => 1 });
    for (const id of [1, 2, 3, 4, 5, 6]) {
      await cache.lookup(`/meldingen/${id}`);
      cache.store(`/meldingen/${id}`, cache.beginRender(), {
        status: 200,
        headers: HTML,
        body: page("n"),
        nonce: "n",
      });
    }
    expect(cache.size().bytes).toBeLessThanOrEqual(cache.maxBytes);
    expect(await cache.lookup("/meldingen/1")).toBeUndefined();
    expect(await cache.lookup("/meldingen/6")).toBeDefined();
  });
});

describe("splitAtNonce", () => {
  it("splits at every occurrence and keeps the rest byte for byte", () => {
    const body = Buffer.from("aXYZbXYZXYZc€");
    expect(splitAtNonce(body, "XYZ").map(String)).toEqual(["a", "b", "", "c€"]);
    expect(splitAtNonce(body, "nope").map(String)).toEqual(["aXYZbXYZXYZc€"]);
  });
});

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
