import { randomBytes } from "node:crypto";

/**
 * Security headers for every response (documents, data requests, API, assets, errors).
 * server.mjs sets them in production; entry.server.tsx sets the relaxed development variant on
 * documents when the Vite dev server renders (it has no server.mjs in front).
 */

const NONCE_BYTES = 16;
/** Random bytes for 256 nonces at a time: one call to the system's random source per 256 responses. */
const POOL_BYTES = NONCE_BYTES * 256;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/**
 * 128 random bits per response, base64: what CSP nonces need to be unguessable. Taken from a
 * pool that is never reused: a randomBytes call per response was ~6 % of a small API answer's
 * server time (profile of /api/issues.geojson).
 */
export function createCspNonce() {
  if (poolOffset + NONCE_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  const nonce = pool.toString("base64", poolOffset, poolOffset + NONCE_BYTES);
  poolOffset += NONCE_BYTES;
  return nonce;
}

/**
 * The origin(s) map tiles come from, for img-src. TILE_URL is a template such as
 * `https://{s}.tile.example.org/{z}/{x}/{y}.png`: a `{s}` subdomain becomes a wildcard, so every
 * subdomain Leaflet picks is allowed. An unparsable template allows no extra origin (the map
 * then shows no tiles, which the CSP report in the console makes obvious).
 */
export function tileSources(tileUrl: string | undefined) {
  if (!tileUrl) return [];
  const wildcardSubdomain = /^(https?:\/\/)\{s\}\./.test(tileUrl);
  try {
    const url = new URL(tileUrl.replace(/\{s\}/g, "a").replace(/\{[a-z]+\}/gi, "0"));
    if (url.protocol !== "https:" && url.protocol !== "http:") return [];
    if (wildcardSubdomain) return [`${url.protocol}//*.${url.host.replace(/^a\./, "")}`];
    return [url.origin];
  } catch {
    return [];
  }
}

export type CspOptions = {
  /** The per-response nonce; required in production. */
  nonce?: string;
  /** TILE_URL: its origin may serve images. */
  tileUrl?: string;
  /** The Vite dev server injects inline scripts and talks to its HMR socket. */
  dev?: boolean;
};

const NONCE_SLOT = "{nonce}";
// The policy is the same for every response but its nonce: build it once per setting.
const templates = new Map<string, string>();

export function contentSecurityPolicy({ nonce, tileUrl, dev = false }: CspOptions) {
  const templateKey = `${dev}\u0000${tileUrl ?? ""}`;
  let template = templates.get(templateKey);
  if (template === undefined) {
    template = policyTemplate(tileUrl, dev);
    templates.set(templateKey, template);
  }
  return dev ? template : template.replace(NONCE_SLOT, nonce ?? "");
}

function policyTemplate(tileUrl: string | undefined, dev: boolean) {
  // Scripts: own files plus the inline scripts Remix renders with this response's nonce. In
  // development a nonce would switch 'unsafe-inline' off, so dev uses 'unsafe-inline' alone.
  const scripts = dev ? ["'self'", "'unsafe-inline'", "'unsafe-eval'"] : ["'self'", `'nonce-${NONCE_SLOT}'`];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": scripts,
    // Leaflet positions tiles and markers with inline styles, and React renders style={...}
    // attributes: style attributes cannot carry a nonce, so styles (never scripts) allow inline.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", ...tileSources(tileUrl)],
    "font-src": ["'self'"],
    "connect-src": dev ? ["'self'", "ws:", "wss:"] : ["'self'"],
    "manifest-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

export type SecurityHeaderOptions = CspOptions & {
  /** The request came over https (directly, or per X-Forwarded-Proto from a trusted proxy). */
  https?: boolean;
};

/** One year, subdomains included: only ever sent over https (browsers ignore it on http anyway). */
const HSTS = "max-age=31536000; includeSubDomains";

export function securityHeaders(options: SecurityHeaderOptions): Array<[string, string]> {
  const headers: Array<[string, string]> = [
    ["Content-Security-Policy", contentSecurityPolicy(options)],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["X-Frame-Options", "DENY"],
    // The report page asks for the location; nothing uses camera, microphone, payment etc.
    ["Permissions-Policy", "geolocation=(self), camera=(), microphone=(), payment=(), usb=()"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
  ];
  if (options.https) headers.push(["Strict-Transport-Security", HSTS]);
  return headers;
}
