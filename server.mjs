// Production HTTP server: Express in front of the Remix build. We own this (instead of
// remix-serve) to pass the client's address to rate limits, trusting X-Forwarded-For only when
// TRUST_PROXY says a proxy is in front, to set cache headers for built assets, and to run the
// job worker (mail, notifications) in this process with a clean stop on SIGTERM. It also sets
// the security headers (CSP with a nonce per response) on every response, writes one JSON log
// line per request, serves /metrics, and keeps a short-lived cache of anonymous pages
// (docs/decisions/010-render-cache.md; operations: docs/operations.md).
import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { timingSafeEqual } from "node:crypto";
import http, { STATUS_CODES } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";

// BUILD_DIR: where `remix vite:build` wrote (vite.config.ts); "build" unless told otherwise.
const buildDir = path.resolve(process.env.BUILD_DIR ?? "build");
const build = await import(pathToFileURL(path.join(buildDir, "server", "index.js")).href);
// Exported by app/entry.server.tsx, so the worker, the cache's change counter, the metrics and
// the logger are the same bundled modules (and module state) the routes use.
const entry = build.entry.module;
for (const name of [
  "startJobWorker",
  "stopJobWorker",
  "issuesVersion",
  "RenderCache",
  "renderCacheKey",
  "createCspNonce",
  "securityHeaders",
  "log",
  "logEnabled",
  "errorFields",
  "loggablePath",
  "requestIdFrom",
  "userAgentClass",
  "recordRequest",
  "recordRenderCache",
  "renderMetrics",
  "reportRenderCacheSize",
  "routeGroup",
  "env",
  "isbot",
  "mapApiResponse",
]) {
  if (typeof entry[name] !== "function") {
    throw new Error(`The server build does not export ${name} (app/entry.server.tsx)`);
  }
}
const { log, RenderCache } = entry;

// Validates the whole configuration now (fail fast), and gives the tile host for the CSP.
const { TILE_URL: tileUrl } = entry.env();

/** A whole number from the environment, or the default when unset; nonsense stops the start. */
function integerSetting(name, fallback) {
  const value = process.env[name];
  if (value === undefined || value === "") return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number of milliseconds (0 or more)`);
  return Number(value);
}

const renderCache = new RenderCache({
  // RENDER_CACHE_TTL_MS=0 switches the cache off.
  ttlMs: integerSetting("RENDER_CACHE_TTL_MS", 5_000),
  checkIntervalMs: integerSetting("RENDER_CACHE_CHECK_MS", 250),
  readVersion: entry.issuesVersion,
  onEvent: entry.recordRenderCache,
});
entry.reportRenderCacheSize(() => renderCache.size());

const metricsToken = process.env.METRICS_TOKEN || undefined;
if (metricsToken && metricsToken.length < 16) throw new Error("METRICS_TOKEN must be at least 16 characters");

const mode = process.env.NODE_ENV ?? "production";
const handleRemix = createRequestHandler(build, mode);

const app = express();
app.disable("x-powered-by");
// Nothing here reads req.query (Remix and the map route parse the URL themselves); Express's qs
// parse of every query string was ~3 % of a map API answer's server time.
app.set("query parser", false);
const trustProxy = process.env.TRUST_PROXY;
if (trustProxy) {
  // "true", a hop count ("1") or a list of addresses/subnets, as Express understands it.
  app.set("trust proxy", trustProxy === "true" ? true : /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);
}

/** https directly, or per X-Forwarded-Proto from a proxy TRUST_PROXY trusts (as Express's req.secure). */
function isHttps(req) {
  if (req.socket.encrypted) return true;
  const trusted = app.get("trust proxy fn")(req.socket.remoteAddress, 0);
  const forwarded = trusted ? req.headers["x-forwarded-proto"] : undefined;
  return typeof forwarded === "string" && forwarded.split(",")[0].trim().toLowerCase() === "https";
}

/**
 * First for every request, before Express: id, nonce, security headers, the log line and
 * metrics at the end, cache invalidation after writes, and anonymous pages from the render
 * cache. A cached page for a client that does not want it compressed is written right here,
 * without Express's per-request set-up, routing and middleware: that short path is what the
 * render cache is for. Everything else (and cached pages to be compressed) goes on to Express.
 */
function front(req, res) {
  const started = process.hrtime.bigint();
  const bytesBefore = req.socket.bytesWritten;
  const requestId = entry.requestIdFrom(req.headers["x-request-id"]);
  const nonce = entry.createCspNonce();
  // Express keeps an existing res.locals.
  res.locals = { requestId, nonce };
  res.setHeader("X-Request-Id", requestId);
  for (const [name, value] of entry.securityHeaders({ nonce, tileUrl, https: isHttps(req) })) {
    res.setHeader(name, value);
  }
  const writes = req.method !== "GET" && req.method !== "HEAD";
  let finished = false;
  const done = () => {
    if (finished) return;
    finished = true;
    // Any write this process answered may have changed what anonymous pages show: drop them
    // now, after the write committed (renders that began before are not stored either).
    if (writes) renderCache.invalidate();
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const logPath = entry.loggablePath(req.originalUrl ?? req.url);
    const status = res.headersSent ? res.statusCode : 499;
    entry.recordRequest(entry.routeGroup(logPath), status, durationMs);
    if (!entry.logEnabled("info")) return;
    log("info", "request", {
      requestId,
      method: req.method,
      path: logPath,
      status,
      durationMs: Math.round(durationMs * 10) / 10,
      bytes: req.socket.bytesWritten - bytesBefore,
      client: entry.userAgentClass(req.headers["user-agent"], entry.isbot),
      ...(res.locals.renderCache ? { renderCache: res.locals.renderCache } : {}),
      ...(res.writableFinished ? {} : { aborted: true }),
    });
  };
  res.on("finish", done);
  res.on("close", done);
  res.on("finish", () => drainUnreadBody(req));

  const key = renderCache.enabled
    ? entry.renderCacheKey({
        method: req.method,
        url: req.url,
        cookie: req.headers.cookie,
        authorization: req.headers.authorization,
      })
    : null;
  if (!key) return app(req, res);
  res.locals.renderCacheKey = key;
  renderCache
    .lookup(key)
    .then((page) => {
      if (page && !/\b(?:gzip|br|deflate)\b/.test(req.headers["accept-encoding"] ?? "")) {
        sendCachedPage(req, res, page);
      } else {
        // Compressed by Express's compression middleware, or rendered (a miss).
        res.locals.cachedPage = page;
        app(req, res);
      }
    })
    .catch((error) => {
      log("error", "request failed", { requestId, ...entry.errorFields(error) });
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Er ging iets mis. Probeer het later opnieuw.\n");
    });
}

/**
 * /metrics: Prometheus text. Readable with `Authorization: Bearer $METRICS_TOKEN`, or from the
 * machine itself (loopback) when no proxy forwarded the request: a reverse proxy on the same
 * machine also connects from loopback, but adds X-Forwarded-For, so proxied requests need the token.
 */
function metricsAllowed(req) {
  const header = req.headers.authorization ?? "";
  if (metricsToken && header.startsWith("Bearer ")) {
    const given = Buffer.from(header.slice("Bearer ".length));
    const expected = Buffer.from(metricsToken);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  const address = req.socket.remoteAddress ?? "";
  const loopback = address === "127.0.0.1" || address === "::1" || address.startsWith("::ffff:127.");
  return loopback && req.headers["x-forwarded-for"] === undefined && req.headers.forwarded === undefined;
}
app.get("/metrics", async (req, res, next) => {
  if (!metricsAllowed(req)) {
    res.status(403).type("text/plain; charset=utf-8").set("Cache-Control", "no-store").send("Forbidden\n");
    return;
  }
  try {
    const text = await entry.renderMetrics();
    res.setHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
    res.status(200).end(text);
  } catch (error) {
    next(error);
  }
});

app.use(compression());

// The map's data: every pan and zoom of every map asks it, so it is answered here, before the
// static files' disk lookups and Remix's routing (docs/decisions/012-request-overhead.md), by
// the same function the Remix route uses (app/utils/map-api.server.ts).
app.get("/api/issues.geojson", async (req, res, next) => {
  try {
    const params = new URL(req.originalUrl, "http://localhost").searchParams;
    await sendResponse(req, res, await entry.mapApiResponse(params, req.ip ?? "unknown"));
  } catch (error) {
    next(error);
  }
});

// Fingerprinted build output never changes under the same name.
app.use("/assets", express.static(path.join(buildDir, "client", "assets"), { immutable: true, maxAge: "1y" }));
// The other public files (favicon.svg) all have an extension; a page's URL (/meldingen/12) has
// none, and asking the disk for it first cost a failed stat on every page request.
const serveClientFile = express.static(path.join(buildDir, "client"), { maxAge: "1h" });
app.use((req, res, next) => (path.extname(req.path) ? serveClientFile(req, res, next) : next()));

/** The Fetch API request Remix wants (as @remix-run/express builds it), or null for a bad Host. */
function remixRequest(req, res) {
  let url;
  try {
    // req.hostname respects "trust proxy"; the port comes from X-Forwarded-Host or Host.
    const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
    const [, hostPort] = req.get("host")?.split(":") ?? [];
    const port = [forwardedPort, hostPort].map((value) => Number.parseInt(value, 10)).find(Number.isSafeInteger);
    url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  } catch {
    return null;
  }
  let controller = new AbortController();
  const init = { method: req.method, headers: new Headers(), signal: controller.signal };
  for (const [name, values] of Object.entries(req.headers)) {
    if (values === undefined) continue;
    for (const value of [values].flat()) init.headers.append(name, value);
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  // Abort loaders and actions when the client is gone before the response was written.
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

const SYNC_COMPRESS_MAX_BYTES = 64 * 1024;
// The compression middleware's brotli setting (quality 4 of 11: fast, still smaller than gzip).
const BROTLI_OPTIONS = { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } };

/**
 * JSON, GeoJSON, XML, CSV and plain text: answers a route builds whole anyway. Pages (streamed
 * by React), data for client navigations and files (photos) keep streaming.
 */
const DATA_ANSWER = /^(?:application\/(?:[\w.-]+\+)?(?:json|xml)|text\/(?:csv|plain|xml))\s*(?:;|$)/i;
function isDataAnswer(headers) {
  return DATA_ANSWER.test(headers.get("Content-Type") ?? "");
}

/** A Fetch API response (from Remix or a route answered before it) onto Node's response. */
async function sendResponse(req, res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  copyRawHeaders(res, response.headers);
  if (!response.body) {
    res.end();
  } else if (isDataAnswer(response.headers)) {
    // Read whole and written at once. A small one is compressed right here, on this thread:
    // the compression middleware's zlib stream would hop to zlib's thread pool and back for the
    // write and again for the flush, which was most of a small API answer's time over HTTP
    // (docs/decisions/012-request-overhead.md). Larger ones (exports) it compresses as before.
    let body = Buffer.from(await response.arrayBuffer());
    const encoding =
      body.length >= 1024 &&
      body.length <= SYNC_COMPRESS_MAX_BYTES &&
      !res.hasHeader("Content-Encoding") &&
      !/\bno-transform\b/i.test(String(res.getHeader("Cache-Control") ?? ""))
        ? req.acceptsEncodings("br", "gzip")
        : false;
    if (body.length >= 1024) res.vary("Accept-Encoding");
    if (encoding) {
      body = encoding === "br" ? brotliCompressSync(body, BROTLI_OPTIONS) : gzipSync(body);
      res.setHeader("Content-Encoding", encoding);
    }
    // HEAD: the same headers as GET (Node sends no body for HEAD).
    res.setHeader("Content-Length", body.length);
    res.end(body);
  } else {
    await writeReadableStreamToWritable(response.body, res);
  }
}

function copyRawHeaders(res, headers) {
  for (const [name, value] of headers) {
    // Set-Cookie may repeat; any other header replaces ours (a route knows better).
    if (name.toLowerCase() !== "set-cookie") res.setHeader(name, value);
    else res.appendHeader(name, value);
  }
}

/** A page from the render cache, with this response's nonce; plain Node, also before Express. */
function sendCachedPage(req, res, page) {
  res.statusCode = page.status;
  copyRawHeaders(res, page.headers);
  const body = RenderCache.render(page, res.locals.nonce);
  res.setHeader("Content-Length", body.length);
  res.setHeader("X-Render-Cache", "hit");
  // As the compression middleware would say: the bytes depend on Accept-Encoding.
  if (!res.hasHeader("Vary")) res.setHeader("Vary", "Accept-Encoding");
  res.locals.renderCache = "hit";
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * A request body the app never read (an early answer: 405, 403, a refused upload) is read to the
 * end and dropped, so the keep-alive connection can carry the next request. Node does this
 * itself, but not once the body has been handed to a Fetch Request (Remix): the connection then
 * sat silent until the keep-alive timeout and the client's next request on it failed after ~6 s.
 * Past DRAIN_LIMIT bytes the connection is closed instead.
 */
const DRAIN_LIMIT = 16 * 1024 * 1024;
function drainUnreadBody(req) {
  if (req.complete || req.destroyed) return;
  req.removeAllListeners("data");
  let drained = 0;
  req.on("data", (chunk) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT) req.socket.destroy();
  });
  req.resume();
}

/**
 * A browser write (POST/PUT/PATCH/DELETE with an Origin header) from another site. Remix refuses
 * these for pages itself, but by throwing, i.e. with an empty 500; answering 403 here first gives
 * the right status (and the same rule for resource routes). The session cookie is SameSite=Lax,
 * so this is the second line of defence against cross-site requests. The public APIs (/api,
 * /open311) are meant to be called from other origins and keep CORS - but not as single-fetch
 * data requests (`/path.data`), which Remix treats as an action for every method but GET (HEAD
 * too) and refuses from another origin by throwing.
 */
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
function crossSiteWrite(req) {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  const dataRequest = req.path.endsWith(".data");
  if (dataRequest ? req.method === "GET" : !WRITE_METHODS.has(req.method)) return false;
  if (!dataRequest && (req.path.startsWith("/api/") || req.path.startsWith("/open311/"))) return false;
  let originHost;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return true;
  }
  // The host Remix compares with: X-Forwarded-Host first, then Host.
  const host = req.headers["x-forwarded-host"]?.split(",")[0]?.trim() || req.headers.host;
  return !host || originHost !== host;
}

app.all("*", async (req, res, next) => {
  // front() looked the page up already; a hit arrives here only to be compressed.
  const key = res.locals.renderCacheKey;
  if (res.locals.cachedPage) return sendCachedPage(req, res, res.locals.cachedPage);
  // Taken before any data is read: a write that lands during the render makes it unstorable.
  const generation = key ? renderCache.beginRender() : 0;
  // Only GETs fill the cache; HEAD requests of the key do not make others wait for them.
  const renderDone = key && req.method === "GET" ? renderCache.trackRender(key) : () => {};
  try {
    if (crossSiteWrite(req)) {
      res.status(403).type("text/plain; charset=utf-8").set("Cache-Control", "no-store");
      res.end("Verzoek van een andere website geweigerd.\n");
      return;
    }
    const request = remixRequest(req, res);
    if (!request) {
      res.status(400).type("text/plain; charset=utf-8").send("Bad Request\n");
      return;
    }
    const response = await handleRemix(request, {
      clientAddress: req.ip ?? "unknown",
      cspNonce: res.locals.nonce,
      requestId: res.locals.requestId,
    });
    if (key && req.method === "GET" && RenderCache.storable(response.status, response.headers)) {
      // A cacheable page is read whole (anonymous pages are small) so it can be kept.
      res.statusMessage = response.statusText;
      res.status(response.status);
      copyRawHeaders(res, response.headers);
      const body = Buffer.from(await response.arrayBuffer());
      renderCache.store(key, generation, {
        status: response.status,
        headers: response.headers,
        body,
        nonce: res.locals.nonce,
      });
      renderDone();
      res.setHeader("Content-Length", body.length);
      res.setHeader("X-Render-Cache", "miss");
      res.locals.renderCache = "miss";
      res.end(body);
    } else {
      renderDone();
      if (key) entry.recordRenderCache("bypasses");
      await sendResponse(req, res, response);
    }
  } catch (error) {
    next(error);
  } finally {
    renderDone();
  }
});

// Last resort: errors outside Remix's own handling (which answers with the error boundary).
// Express recognises an error handler by its four parameters.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
app.use((error, req, res, _next) => {
  // Express marks client errors (e.g. a malformed percent-encoding) with their 4xx status.
  const clientError = Number(error?.status ?? error?.statusCode);
  const status = clientError >= 400 && clientError < 500 ? clientError : 500;
  if (status === 500) log("error", "request failed", { requestId: res.locals.requestId, ...entry.errorFields(error) });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res
    .status(status)
    .type("text/plain; charset=utf-8")
    .set("Cache-Control", "no-store")
    .send(status === 500 ? "Er ging iets mis. Probeer het later opnieuw.\n" : `${STATUS_CODES[status] ?? "Error"}\n`);
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST;
const server = http.createServer((req, res) => {
  try {
    front(req, res);
  } catch (error) {
    // A bug in front() must cost one request, not the process.
    log("error", "request failed before routing", entry.errorFields(error));
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
    res.end("Er ging iets mis. Probeer het later opnieuw.\n");
  }
});
if (host) server.listen(port, host, ready);
else server.listen(port, ready);
function ready() {
  log("info", `Buurt Bestuurt draait op http://${host ?? "localhost"}:${port}`, { port });
  // Polls every JOB_POLL_MS; several app servers may each run one (jobs are claimed atomically).
  entry.startJobWorker();
}

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Stop claiming jobs and let the one in progress finish (a job cut off halfway would wait
    // for its lock to go stale, 5 minutes), while open requests finish too.
    const worker = entry
      .stopJobWorker()
      .catch((error) => log("error", "stopping the job worker failed", entry.errorFields(error)));
    server.close(() => void worker.then(() => process.exit(0)));
  });
}
