/**
 * Short-lived cache of whole anonymous pages (docs/decisions/010-render-cache.md).
 *
 * Only pages that look the same for every visitor without a login are cached: GET/HEAD of `/`
 * (with an allow-list of filter parameters) and `/meldingen/<id>`, without an app cookie
 * (`bb_session`, `bb_toast`, any `bb_*`) and without an Authorization header. Only 200 HTML
 * responses without Set-Cookie and without `Cache-Control: private|no-store` are stored.
 *
 * Freshness: entries live `ttlMs` (5 s by default) and are dropped
 *  - at once when this process answers any non-GET/HEAD request (server.mjs calls invalidate),
 *  - when the database change counter of public issues (`issuesVersion()`, shared by all app
 *    servers) moved; it is read at most once per `checkIntervalMs` (250 ms), by one request
 *    while the others wait for that same read.
 * A render that started before an invalidation is not stored (generation check), so a page
 * rendered from data read just before a write cannot outlive that write.
 *
 * The CSP nonce differs per response: the cache keeps the body split at the nonce it was
 * rendered with and joins the parts with the new response's nonce (see `render`).
 */

export type CachedPage = {
  status: number;
  /** Response headers as rendered, minus the per-response ones (CSP, request id, date). */
  headers: Array<[string, string]>;
  /** The body split at every occurrence of the nonce it was rendered with. */
  segments: Buffer[];
  bytes: number;
  storedAt: number;
};

export type RenderCacheOptions = {
  ttlMs?: number;
  checkIntervalMs?: number;
  maxBytes?: number;
  /** The shared change counter; a different value than last time empties the cache. */
  readVersion: () => Promise<number>;
  now?: () => number;
  onEvent?: (event: "hits" | "misses" | "bypasses" | "stores" | "invalidations") => void;
};

/** Headers that belong to one response and are set again for each one. */
const PER_RESPONSE_HEADERS = new Set([
  "content-security-policy",
  "x-request-id",
  "date",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "keep-alive",
]);

// Filter parameters of the home page (parseListQuery) with values that can be codes or numbers.
const HOME_PARAMETERS = new Set(["theme", "buurt", "status", "sort", "pagina"]);
const PARAMETER_VALUE = /^[a-z0-9_-]{1,40}$/i;
const ISSUE_PATH = /^\/meldingen\/[1-9][0-9]{0,9}$/;

/** True when the Cookie header carries a cookie of this app (session, flash message, ...). */
export function hasAppCookie(cookieHeader: string | undefined) {
  if (!cookieHeader) return false;
  return cookieHeader.split(";").some((part) => part.trim().startsWith("bb_"));
}

/**
 * The cache key for a request, or null when the request must be rendered for itself.
 * `url` is the request target (path and query) as the client sent it.
 */
export function renderCacheKey(request: {
  method: string;
  url: string;
  cookie?: string;
  authorization?: string;
}): string | null {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  if (hasAppCookie(request.cookie) || request.authorization) return null;
  const queryStart = request.url.indexOf("?");
  const path = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  const query = queryStart === -1 ? "" : request.url.slice(queryStart + 1);
  if (path === "/") {
    if (!query) return "/";
    const params = new URLSearchParams(query);
    const seen = new Set<string>();
    for (const [name, value] of params) {
      // Unknown parameters, repeats and odd values are rendered, never cached: they could
      // change the page in ways the key does not capture, or fill the cache with variants.
      if (!HOME_PARAMETERS.has(name) || seen.has(name) || !PARAMETER_VALUE.test(value)) return null;
      seen.add(name);
    }
    return `/?${[...params]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => `${name}=${value}`)
      .join("&")}`;
  }
  if (ISSUE_PATH.test(path) && !query) return path;
  return null;
}

/** Splits a body at every occurrence of the nonce (as bytes). */
export function splitAtNonce(body: Buffer, nonce: string) {
  const needle = Buffer.from(nonce);
  const segments: Buffer[] = [];
  let start = 0;
  for (let at = body.indexOf(needle, start); at !== -1; at = body.indexOf(needle, start)) {
    segments.push(body.subarray(start, at));
    start = at + needle.length;
  }
  segments.push(body.subarray(start));
  return segments;
}

export class RenderCache {
  readonly ttlMs: number;
  readonly checkIntervalMs: number;
  readonly maxBytes: number;
  private readonly readVersion: () => Promise<number>;
  private readonly now: () => number;
  private readonly onEvent: NonNullable<RenderCacheOptions["onEvent"]>;
  private readonly pages = new Map<string, CachedPage>();
  private bytes = 0;
  private generation = 0;
  private version: number | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private checking: Promise<boolean> | undefined;
  private readonly rendering = new Map<string, Promise<void>>();

  constructor(options: RenderCacheOptions) {
    this.ttlMs = options.ttlMs ?? 5_000;
    this.checkIntervalMs = options.checkIntervalMs ?? 250;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.readVersion = options.readVersion;
    this.now = options.now ?? Date.now;
    this.onEvent = options.onEvent ?? (() => {});
  }

  get enabled() {
    return this.ttlMs > 0;
  }

  size() {
    return { entries: this.pages.size, bytes: this.bytes };
  }

  /** Drops every page, and makes renders in progress unstorable. */
  invalidate() {
    this.generation += 1;
    if (this.pages.size > 0) this.onEvent("invalidations");
    this.pages.clear();
    this.bytes = 0;
  }

  /**
   * Reads the shared change counter when the last read is older than the check interval; one
   * read at a time, other callers wait for it. False when the database could not be read:
   * then nothing may be served from (or stored in) the cache.
   */
  private ensureCurrent(): Promise<boolean> | boolean {
    if (this.now() - this.checkedAt < this.checkIntervalMs) return true;
    this.checking ??= this.readVersion()
      .then((version) => {
        if (version !== this.version) {
          if (this.version !== undefined) this.invalidate();
          this.version = version;
        }
        this.checkedAt = this.now();
        return true;
      })
      .catch(() => {
        this.invalidate();
        this.version = undefined;
        return false;
      })
      .finally(() => {
        this.checking = undefined;
      });
    return this.checking;
  }

  /**
   * The cached page for a key, if fresh. When another request is rendering this key right now,
   * waits for that render and uses its result: when a page expires under load, one request
   * renders it instead of every request that arrives meanwhile. Counts a hit or a miss.
   */
  async lookup(key: string): Promise<CachedPage | undefined> {
    if (!this.enabled) return undefined;
    let page = await this.fresh(key);
    const pending = page ? undefined : this.rendering.get(key);
    if (pending) {
      await pending;
      page = await this.fresh(key);
    }
    this.onEvent(page ? "hits" : "misses");
    return page;
  }

  private async fresh(key: string) {
    const current = await this.ensureCurrent();
    const page = current ? this.pages.get(key) : undefined;
    if (page && this.now() - page.storedAt < this.ttlMs) return page;
    if (page) this.remove(key);
    return undefined;
  }

  /**
   * Marks a render of `key` as in progress (other lookups of the key wait for it); call the
   * returned function when it is stored or given up, also on errors.
   */
  trackRender(key: string) {
    if (this.rendering.has(key)) return () => {};
    let done!: () => void;
    this.rendering.set(key, new Promise<void>((resolve) => (done = resolve)));
    return () => {
      this.rendering.delete(key);
      done();
    };
  }

  /** Call before rendering a cacheable page; pass the result to `store`. */
  beginRender() {
    return this.generation;
  }

  /** Whether a rendered response may be cached at all (status, cookies, cache headers, type). */
  static storable(status: number, headers: Iterable<[string, string]>) {
    if (status !== 200) return false;
    let html = false;
    for (const [name, value] of headers) {
      const lower = name.toLowerCase();
      if (lower === "set-cookie") return false;
      if (lower === "cache-control" && /no-store|private/i.test(value)) return false;
      if (lower === "vary" && value.trim() !== "" && !/^accept-encoding$/i.test(value.trim())) return false;
      if (lower === "content-type" && /^text\/html/i.test(value)) html = true;
    }
    return html;
  }

  /**
   * Keeps a rendered page unless an invalidation happened since `beginRender` (its data may
   * predate a write) or it is not storable. Returns whether it was stored.
   */
  store(
    key: string,
    generation: number,
    response: { status: number; headers: Iterable<[string, string]>; body: Buffer; nonce: string },
  ) {
    if (!this.enabled || generation !== this.generation || this.version === undefined) return false;
    const headers = [...response.headers];
    if (!RenderCache.storable(response.status, headers)) return false;
    if (response.body.length > this.maxBytes / 4) return false;
    this.remove(key);
    const page: CachedPage = {
      status: response.status,
      headers: headers.filter(([name]) => !PER_RESPONSE_HEADERS.has(name.toLowerCase())),
      segments: splitAtNonce(response.body, response.nonce),
      bytes: response.body.length,
      storedAt: this.now(),
    };
    this.pages.set(key, page);
    this.bytes += page.bytes;
    // Oldest first (Map keeps insertion order): with a 5 s lifetime, oldest is least useful.
    for (const [oldestKey] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldestKey);
    }
    this.onEvent("stores");
    return true;
  }

  private remove(key: string) {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.bytes -= page.bytes;
  }

  /** The body for one response: the stored parts joined with this response's nonce. */
  static render(page: CachedPage, nonce: string) {
    if (page.segments.length === 1) return page.segments[0];
    const glue = Buffer.from(nonce);
    const parts: Buffer[] = [];
    page.segments.forEach((segment, index) => {
      if (index > 0) parts.push(glue);
      parts.push(segment);
    });
    return Buffer.concat(parts);
  }
}
