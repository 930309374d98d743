import type { AppLoadContext } from "@remix-run/node";
import { clientAddress, hitRateLimit } from "./rate-limit.server";

/**
 * Requests per client address per minute on the JSON APIs and feeds, shared by all of them.
 * A person panning the map sends one /api/issues.geojson request per move, far below this;
 * the end-to-end tests all come from 127.0.0.1 and stay below it too. Override with
 * API_RATE_LIMIT_PER_MINUTE (read per call, so tests can lower it).
 *
 * API_RATE_LIMIT_PER_MINUTE=off switches the limit off entirely (no counter is written): only
 * for load tests and benchmarks (bench/map.ts), which measure the API itself from one address.
 * Only the exact word "off" does this; anything else that is not a positive integer (unset,
 * empty, 0, a typo) keeps the default, so a mistake never removes the protection.
 */
export const API_RATE_LIMIT_PER_MINUTE = 600;
export const API_RATE_LIMIT_WINDOW_MS = 60 * 1000;

/** True only with API_RATE_LIMIT_PER_MINUTE=off (see above). */
export function apiRateLimitOff() {
  return process.env.API_RATE_LIMIT_PER_MINUTE === "off";
}

export function apiRateLimit() {
  const configured = Number(process.env.API_RATE_LIMIT_PER_MINUTE);
  return Number.isInteger(configured) && configured > 0 ? configured : API_RATE_LIMIT_PER_MINUTE;
}

/**
 * Counts this request against the client's address and, over the limit, throws a 429 with
 * Retry-After (seconds until the window ends): a Dutch JSON error, or plain text for feeds.
 * With an api_key in the query the key gets its own counter as well, so one key cannot use
 * several addresses to get around the limit.
 */
export async function enforceApiRateLimit(request: Request, context: AppLoadContext, format: "json" | "text" = "json") {
  await enforceApiRateLimitFor(new URL(request.url).searchParams, clientAddress(context), format);
}

/** The same, for a caller outside Remix: the query string and the client's address. */
export async function enforceApiRateLimitFor(
  params: URLSearchParams,
  address: string,
  format: "json" | "text" = "json",
) {
  if (apiRateLimitOff()) return;
  const limit = apiRateLimit();
  const apiKey = params.get("api_key")?.slice(0, 100);
  const results = await Promise.all([
    hitRateLimit(`api:ip:${address}`, limit, API_RATE_LIMIT_WINDOW_MS),
    ...(apiKey ? [hitRateLimit(`api:key:${apiKey}`, limit, API_RATE_LIMIT_WINDOW_MS)] : []),
  ]);
  if (results.every((result) => result.allowed)) return;

  const resetAt = Math.max(...results.filter((result) => !result.allowed).map((result) => result.resetAt.getTime()));
  const retryAfter = String(
    Math.min(API_RATE_LIMIT_WINDOW_MS / 1000, Math.max(1, Math.ceil((resetAt - Date.now()) / 1000))),
  );
  const message = `Te veel verzoeken. Je mag ${limit} verzoeken per minuut doen. Probeer het over een minuut opnieuw.`;
  const headers = { "Retry-After": retryAfter, "Cache-Control": "no-store" };
  throw format === "json"
    ? Response.json({ error: message }, { status: 429, headers })
    : new Response(message, { status: 429, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}
