import { randomUUID } from "node:crypto";

/**
 * Structured logs: one JSON object per line on stdout (errors on stderr), so a log shipper can
 * parse them without patterns. Fields never include cookies, tokens, passwords or email
 * addresses: request paths are logged without their query string and with token segments masked.
 */

export type LogLevel = "debug" | "info" | "warn" | "error";
const LEVELS: Record<LogLevel | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

function threshold() {
  const configured = (process.env.LOG_LEVEL ?? "info").toLowerCase();
  return configured in LEVELS ? LEVELS[configured as keyof typeof LEVELS] : LEVELS.info;
}

// Read once: the level is fixed for the life of the process (tests set LOG_LEVEL before start).
let minimum = threshold();

/** For tests that change LOG_LEVEL at run time. */
export function reloadLogLevel() {
  minimum = threshold();
}

export function logEnabled(level: LogLevel) {
  return LEVELS[level] >= minimum;
}

export function log(level: LogLevel, message: string, fields: Record<string, unknown> = {}) {
  if (!logEnabled(level)) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields });
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

/** An error as loggable fields: name, message and stack, nothing else of the object. */
export function errorFields(error: unknown) {
  if (error instanceof Error) return { error: { name: error.name, message: error.message, stack: error.stack } };
  if (error && typeof error === "object") {
    // E.g. a Remix ErrorResponse: its status and a short, plain description.
    const { status, statusText, data } = error as { status?: unknown; statusText?: unknown; data?: unknown };
    return {
      error: {
        message: typeof data === "string" ? data.slice(0, 500) : String(statusText ?? "non-Error value thrown"),
        ...(typeof status === "number" ? { status } : {}),
      },
    };
  }
  return { error: { message: String(error) } };
}

const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * The request id for one request: the caller's X-Request-Id when it is a plain token (so a load
 * balancer's id follows the request through the logs), otherwise a new UUID. Anything else
 * (spaces, quotes, control characters, 129+ characters) is replaced, so it cannot forge log lines.
 */
export function requestIdFrom(header: string | string[] | undefined) {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

// Routes whose path segment after the prefix is a secret from a mail (confirm, unsubscribe, reset).
const TOKEN_PATHS = [
  /^(\/bevestigen\/)[^/]+/,
  /^(\/afmelden\/)[^/]+/,
  /^(\/attenties\/bevestigen\/)[^/]+/,
  /^(\/attenties\/afmelden\/)[^/]+/,
  /^(\/wachtwoord-herstellen\/)[^/]+/,
];
// Any other long opaque segment (a token in a route added later) is masked too.
const OPAQUE_SEGMENT = /^[A-Za-z0-9_-]{32,}$/;

/** The path to log: no query string (it may carry api_key or email), secret segments masked. */
export function loggablePath(url: string) {
  const queryStart = url.search(/[?#]/);
  let path = queryStart === -1 ? url : url.slice(0, queryStart);
  if (path.length > 512) path = `${path.slice(0, 512)}…`;
  for (const pattern of TOKEN_PATHS) path = path.replace(pattern, "$1:token");
  return path
    .split("/")
    .map((segment) => (OPAQUE_SEGMENT.test(segment) && !segment.includes(".") ? ":token" : segment))
    .join("/");
}

/** A coarse client class instead of the whole user agent (which identifies people). */
export function userAgentClass(userAgent: string | undefined, isBot: (ua: string) => boolean) {
  if (!userAgent) return "none";
  if (isBot(userAgent)) return "bot";
  if (/Mozilla\//.test(userAgent)) return "browser";
  return "other";
}
