// Security headers, request logs, /healthz, /metrics and the render cache, against the real
// server (scripts/test-robustness.mjs starts it).
import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { assert, assertEqual, check, createSessionCookie, openDatabase, request } from "./lib.mjs";

const REQUIRED = {
  "x-content-type-options": /^nosniff$/,
  "referrer-policy": /^(strict-origin-when-cross-origin|same-origin|no-referrer|strict-origin)$/,
  "x-frame-options": /^DENY$/,
  "permissions-policy": /geolocation=\(self\).*camera=\(\)/,
};

/** The CSP as a map of directive → values. */
function parseCsp(header) {
  const directives = new Map();
  for (const part of String(header ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name, values);
  }
  return directives;
}

function assertSecurityHeaders(response, what) {
  for (const [name, pattern] of Object.entries(REQUIRED)) {
    assert(pattern.test(response.headers[name] ?? ""), `${what}: ${name} is ${JSON.stringify(response.headers[name])}`);
  }
  const csp = parseCsp(response.headers["content-security-policy"]);
  const scripts = csp.get("script-src") ?? [];
  assert(scripts.length > 0, `${what}: no script-src in CSP`);
  assert(!scripts.includes("'unsafe-inline'") && !scripts.includes("'unsafe-eval'"), `${what}: unsafe script-src`);
  assert(
    scripts.some((value) => /^'nonce-[A-Za-z0-9+/_=-]{16,}'$/.test(value)),
    `${what}: script-src has no nonce`,
  );
  assertEqual(csp.get("frame-ancestors")?.join(" "), "'none'", `${what}: frame-ancestors`);
  assertEqual(csp.get("object-src")?.join(" "), "'none'", `${what}: object-src`);
  assertEqual(csp.get("base-uri")?.join(" "), "'self'", `${what}: base-uri`);
  assertEqual(csp.get("form-action")?.join(" "), "'self'", `${what}: form-action`);
  assertEqual(csp.get("connect-src")?.join(" "), "'self'", `${what}: connect-src`);
  // The tile host from TILE_URL (serverEnv: http://127.0.0.1:9/...) may serve images.
  assert(csp.get("img-src")?.includes("http://127.0.0.1:9"), `${what}: img-src lacks the tile host`);
  assert(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(response.headers["x-request-id"] ?? ""), `${what}: no X-Request-Id`);
  return csp;
}

function nonceOf(response) {
  const scripts = parseCsp(response.headers["content-security-policy"]).get("script-src") ?? [];
  return scripts.find((value) => value.startsWith("'nonce-"))?.slice("'nonce-".length, -1);
}

/** Prometheus text format 0.0.4: every sample line is `name{labels} value`. */
function parsePrometheus(text) {
  const samples = new Map();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
    const match =
      /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.eE+-]+|NaN|\+Inf|-Inf)$/.exec(
        line,
      );
    if (!match) throw new Error(`not Prometheus text: ${JSON.stringify(line)}`);
    samples.set(`${match[1]}${match[2] ?? ""}`, Number(match[3]));
  }
  return samples;
}

export async function runHttpChecks({ server, databaseFile, metricsToken }) {
  const { port } = server;
  const db = openDatabase(databaseFile);
  const issue = db.prepare(`SELECT "id" FROM "Issue" WHERE "visibility" = 'public' ORDER BY "id" LIMIT 1`).get();
  const resident = db.prepare(`SELECT "id" FROM "User" WHERE "email" = 'bewoner@buurtbestuurt.test'`).get();
  const { cookie } = createSessionCookie(db, resident.id);
  db.close();
  const asset = await findAsset(port);

  console.log("Headers");
  await check("document, API, asset, 404 and error responses carry the security headers", async () => {
    const cases = [
      ["document /", { path: "/" }],
      ["document (logged in)", { path: `/meldingen/${issue.id}`, headers: { cookie } }],
      ["data request", { path: `/meldingen/${issue.id}.data` }],
      ["API", { path: "/api/issues.geojson" }],
      ["asset", { path: asset }],
      ["404 page", { path: "/bestaat-niet" }],
      [
        "error (400)",
        { path: "/meldingen/nieuw", method: "POST", headers: { "content-type": "text/plain" }, body: "x" },
      ],
      ["bad percent-encoding", { path: "/assets/%E0%A4%A" }],
      ["healthz", { path: "/healthz" }],
    ];
    for (const [what, options] of cases) {
      const response = await request(port, options);
      assertSecurityHeaders(response, `${what} (${response.status})`);
      assert(response.status < 500, `${what}: status ${response.status}`);
    }
  });
  await check("JSON answers are compressed as the client accepts, with Vary and a correct length", async () => {
    // The map API (answered before Remix) and a Remix resource route (the OpenAPI document).
    for (const path of ["/api/issues.geojson?bbox=6.07,51.34,6.17,51.43&zoom=13", "/api/openapi.json"]) {
      const plain = await request(port, { path });
      assertEqual(plain.status, 200, `${path}: status`);
      const expected = JSON.parse(plain.body.toString());
      for (const [accept, encoding, decode] of [
        ["gzip, deflate, br", "gzip", gunzipSync],
        ["br", "br", brotliDecompressSync],
        ["identity", undefined, (body) => body],
      ]) {
        const response = await request(port, { path, headers: { "accept-encoding": accept } });
        assertEqual(response.headers["content-encoding"], encoding, `${path} (${accept}): Content-Encoding`);
        assert(/accept-encoding/i.test(response.headers.vary ?? ""), `${path} (${accept}): no Vary: Accept-Encoding`);
        const length = response.headers["content-length"];
        assert(length === undefined || Number(length) === response.body.length, `${path} (${accept}): wrong length`);
        assertEqual(
          JSON.stringify(JSON.parse(decode(response.body).toString())),
          JSON.stringify(expected),
          `${path} (${accept}): body`,
        );
      }
    }
  });
  await check("a write from another site is refused with 403, as a page and as a data request", async () => {
    const evil = { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" };
    for (const [method, path] of [
      ["POST", "/meldingen/1/steun"],
      ["POST", "/meldingen/1/steun.data"],
      ["HEAD", "/dev/outbox.data"],
      ["POST", "/api/buurten.geojson.data"],
      ["POST", "/open311/v2/requests.json.data"],
    ]) {
      const response = await request(port, {
        method,
        path,
        headers: evil,
        body: method === "HEAD" ? undefined : "a=1",
      });
      assertEqual(response.status, 403, `${method} ${path}`);
    }
    // The public APIs themselves stay open to other origins (CORS).
    const api = await request(port, { method: "HEAD", path: "/api/buurten.geojson", headers: evil });
    assertEqual(api.status, 200, "HEAD /api/buurten.geojson from another origin");
  });
  await check("a body the app answered without reading leaves the connection usable", async () => {
    // One keep-alive connection: a 1 MB form to a route without an action (405, body unread),
    // then a plain request on the same connection. It used to hang until the keep-alive timeout
    // and fail with ECONNRESET.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const form = { "content-type": "application/x-www-form-urlencoded" };
    try {
      const body = `a=${"x".repeat(1 << 20)}`;
      const post = await request(port, {
        method: "POST",
        path: "/healthz",
        headers: form,
        body,
        agent,
        timeoutMs: 4_000,
      });
      assertEqual(post.status, 405, "POST /healthz");
      const next = await request(port, { path: "/healthz", agent, timeoutMs: 4_000 });
      assertEqual(next.status, 200, "GET /healthz after it");
      assert(next.reused, "the second request did not go over the same connection");
    } finally {
      agent.destroy();
    }
  });
  await check("a form body over 1 MB gets 413 in Dutch, and the connection stays usable", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const post = await request(port, {
        method: "POST",
        path: "/inloggen",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
        body: `email=a%40b.nl&password=${"x".repeat(2 << 20)}`,
        agent,
        timeoutMs: 4_000,
      });
      assertEqual(post.status, 413, "POST /inloggen with 2 MB");
      assert(/te groot/.test(post.body.toString()), "the 413 page does not say the form was too large");
      const next = await request(port, { path: "/healthz", agent, timeoutMs: 4_000 });
      assertEqual(next.status, 200, "GET /healthz after it");
    } finally {
      agent.destroy();
    }
  });
  await check("HSTS only over https (X-Forwarded-Proto from a trusted proxy), never on plain http", async () => {
    const plain = await request(port, { path: "/" });
    assert(plain.headers["strict-transport-security"] === undefined, "HSTS sent on plain http");
    const viaProxy = await request(port, { path: "/", headers: { "x-forwarded-proto": "https" } });
    assert(/max-age=\d{7,}/.test(viaProxy.headers["strict-transport-security"] ?? ""), "no HSTS behind https proxy");
  });
  await check("every response gets its own nonce, and the page's inline scripts carry it", async () => {
    const nonces = new Set();
    for (let i = 0; i < 3; i += 1) {
      for (const path of ["/", `/meldingen/${issue.id}`]) {
        const response = await request(port, { path });
        const nonce = nonceOf(response);
        assert(nonce && !nonces.has(nonce), `${path}: nonce repeated or missing`);
        nonces.add(nonce);
        const html = response.body.toString();
        const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]);
        assert(scripts.length > 0, `${path}: no scripts`);
        for (const attributes of scripts) {
          if (/\bsrc=/.test(attributes)) continue;
          assert(attributes.includes(`nonce="${nonce}"`), `${path}: inline script without this nonce: ${attributes}`);
        }
        assert(!html.includes(" on" + "click="), `${path}: inline event handler`);
      }
    }
  });

  console.log("Render cache");
  await check("an anonymous page is served from the cache, with a fresh nonce", async () => {
    const path = `/meldingen/${issue.id}`;
    const first = await request(port, { path });
    const second = await request(port, { path });
    assertEqual(first.status, 200, "status");
    assert(["hit", "miss"].includes(first.headers["x-render-cache"]), "first: not cacheable?");
    assertEqual(second.headers["x-render-cache"], "hit", "second request");
    assert(nonceOf(first) !== nonceOf(second), "same nonce twice");
    assertEqual(
      second.body.toString().replaceAll(nonceOf(second), "N"),
      first.body.toString().replaceAll(nonceOf(first), "N"),
      "cached body differs beyond the nonce",
    );
    const gzip = await request(port, { path, headers: { "accept-encoding": "gzip" } });
    assertEqual(gzip.headers["x-render-cache"], "hit", "compressed hit");
    assertEqual(gzip.headers["content-encoding"], "gzip", "compressed hit encoding");
    const head = await request(port, { path, method: "HEAD" });
    assertEqual(head.status, 200, "HEAD status");
  });
  await check("a logged-in request is never served from the cache", async () => {
    const path = `/meldingen/${issue.id}`;
    await request(port, { path });
    const loggedIn = await request(port, { path, headers: { cookie } });
    assertEqual(loggedIn.headers["x-render-cache"], undefined, "render cache header on a logged-in page");
    assert(loggedIn.body.toString().includes("/uitloggen"), "logged-in page lacks the logout form");
    const anonymous = await request(port, { path });
    assert(!anonymous.body.toString().includes("/uitloggen"), "anonymous page shows a logout form");
  });
  await check("a response with Set-Cookie (flash message) is not cached, nor served to its cookie", async () => {
    const toast = await request(port, { path: "/", headers: { cookie: "bb_toast=abc" } });
    assertEqual(toast.headers["x-render-cache"], undefined, "bb_toast request used the cache");
    // Logging out anonymously sets cookies (session cleared, toast) and redirects: not cached.
    const logout = await request(port, {
      path: "/uitloggen",
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "",
    });
    assert(logout.headers["set-cookie"], "logout sets no cookie");
    assertEqual(logout.headers["x-render-cache"], undefined, "a Set-Cookie response passed the cache");
  });
  await check("a write through the app (support) makes the next anonymous request fresh", async () => {
    const path = `/meldingen/${issue.id}`;
    await request(port, { path });
    const cached = await request(port, { path });
    assertEqual(cached.headers["x-render-cache"], "hit", "not cached before the write");
    const support = await request(port, {
      path: `/meldingen/${issue.id}/steun`,
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: "intent=support",
    });
    assertEqual(support.status, 200, "support status");
    const count = JSON.parse(support.body.toString()).supportCount;
    const after = await request(port, { path });
    assertEqual(after.headers["x-render-cache"], "miss", "served from the cache after a write");
    assert(after.body.toString().includes(String(count)), "fresh page lacks the new support count");
  });
  await check(
    "a change by another app server (the shared change counter) empties the cache within 250 ms",
    async () => {
      await request(port, { path: "/" });
      assertEqual((await request(port, { path: "/" })).headers["x-render-cache"], "hit", "not cached");
      const other = openDatabase(databaseFile);
      other.prepare(`UPDATE "ChangeCounter" SET "value" = "value" + 1 WHERE "key" = 'issues'`).run();
      other.close();
      await new Promise((resolve) => setTimeout(resolve, 300));
      assertEqual((await request(port, { path: "/" })).headers["x-render-cache"], "miss", "stale page after the bump");
    },
  );

  console.log("Logs, health, metrics");
  await check("one JSON log line per request, with the request id, duration and no query secrets", async () => {
    const id = `robust-${Date.now()}`;
    await request(port, {
      path: "/api/issues.geojson?api_key=secret-key&email=a@b.test",
      headers: { "x-request-id": id },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const line = server.lines.find((text) => text.includes(id));
    assert(line, "no log line with the request id");
    const entry = JSON.parse(line);
    assertEqual(entry.requestId, id, "requestId");
    assertEqual(entry.path, "/api/issues.geojson", "path");
    assert(typeof entry.durationMs === "number" && entry.durationMs >= 0, "durationMs");
    assert(typeof entry.status === "number" && typeof entry.time === "string" && entry.level === "info", "fields");
    assert(!line.includes("secret-key") && !line.includes("a@b.test"), "query secrets in the log");
    const forged = await request(port, { path: "/healthz", headers: { "x-request-id": 'bad id", "level":"x' } });
    assert(/^[0-9a-f-]{36}$/.test(forged.headers["x-request-id"]), "an invalid X-Request-Id was echoed");
  });
  await check("tokens in paths and cookies never reach the log", async () => {
    const token = "abcdefghijklmnopqrstuvwxyz234567";
    await request(port, { path: `/wachtwoord-herstellen/${token}`, headers: { cookie } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const all = server.lines.join("\n");
    assert(!all.includes(token), "token in the log");
    assert(!all.includes(cookie.split("=")[1]), "session token in the log");
  });
  await check("/healthz answers 200 after a database round trip", async () => {
    const response = await request(port, { path: "/healthz" });
    assertEqual(response.status, 200, "status");
    assertEqual(JSON.parse(response.body.toString()).status, "ok", "body");
  });
  await check("/metrics is Prometheus text, counts requests, and is protected", async () => {
    const before = parsePrometheus((await request(port, { path: "/metrics" })).body.toString());
    for (let i = 0; i < 5; i += 1) await request(port, { path: "/healthz" });
    const response = await request(port, { path: "/metrics" });
    assertEqual(response.status, 200, "status from loopback");
    assert(/^text\/plain; version=0\.0\.4/.test(response.headers["content-type"]), "content type");
    const after = parsePrometheus(response.body.toString());
    const key = 'bb_http_requests_total{group="health",status="2xx"}';
    assert((after.get(key) ?? 0) - (before.get(key) ?? 0) >= 5, `${key} did not count`);
    for (const name of [
      'bb_http_request_duration_seconds_count{group="health"}',
      "bb_render_cache_hits_total",
      "bb_render_cache_misses_total",
      "bb_jobs_queued",
      "bb_jobs_failed",
      "process_resident_memory_bytes",
      "process_uptime_seconds",
    ]) {
      assert(after.has(name), `metric ${name} missing`);
    }
    assert(after.get("bb_render_cache_hits_total") > 0, "no render cache hits counted");
    const proxied = await request(port, { path: "/metrics", headers: { "x-forwarded-for": "203.0.113.9" } });
    assertEqual(proxied.status, 403, "proxied request without token");
    const wrong = await request(port, {
      path: "/metrics",
      headers: { "x-forwarded-for": "203.0.113.9", authorization: "Bearer wrong-token-wrong-token" },
    });
    assertEqual(wrong.status, 403, "wrong token");
    const right = await request(port, {
      path: "/metrics",
      headers: { "x-forwarded-for": "203.0.113.9", authorization: `Bearer ${metricsToken}` },
    });
    assertEqual(right.status, 200, "right token");
  });
}

/** One built asset (a fingerprinted file under /assets) named by the home page. */
async function findAsset(port) {
  const html = (await request(port, { path: "/" })).body.toString();
  const match = /(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/.exec(html);
  if (!match) throw new Error("no asset on the home page");
  return match[1];
}

/**
 * /healthz answers 503 while the database cannot be opened: a server whose DATABASE_URL points
 * into a directory that does not exist (a lost volume) still starts and answers, but not "ok".
 */
export async function runHealthDownCheck({ startServer, dir, port }) {
  await check("/healthz answers 503 when the database cannot be opened", async () => {
    const server = await startServer({
      dir,
      port,
      databaseFile: `${dir}/volume-not-mounted/buurtbestuurt.db`,
      requireHealthy: false,
    });
    try {
      const down = await request(port, { path: "/healthz" });
      assertEqual(down.status, 503, "status");
      assertEqual(JSON.parse(down.body.toString()).status, "error", "body");
      assert(down.headers["x-request-id"], "no request id on the 503");
      // The home page cannot render either, but answers with an error page, not a crash.
      const home = await request(port, { path: "/" });
      assertEqual(home.status, 500, "home page status without a database");
      assert(!server.exited, "the server exited");
    } finally {
      await server.stop();
    }
  });
}
