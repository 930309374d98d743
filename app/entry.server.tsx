import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { env } from "~/utils/env.server";
import { startJobWorker } from "~/utils/job-worker.server";
import { errorFields, log } from "~/utils/logging.server";
import { NonceContext } from "~/utils/nonce";
import { securityHeaders } from "~/utils/security-headers.server";

/**
 * Remix's default Node entry (streaming; bots and crawlers get the whole page at once), plus
 * what server.mjs needs from the bundle: the job worker's start and stop, the render cache,
 * security headers, logs and metrics. server.mjs reaches them through `build.entry.module`, so
 * they share module state (database client, counters) with the routes; the worker runs only in
 * the server process, never in tests, the seed or other scripts.
 */
export { startJobWorker, stopJobWorker } from "~/utils/job-worker.server";
export { issuesVersion } from "~/utils/issues.server";
export { RenderCache, renderCacheKey } from "~/utils/render-cache.server";
export { createCspNonce, securityHeaders } from "~/utils/security-headers.server";
export { errorFields, log, loggablePath, logEnabled, requestIdFrom, userAgentClass } from "~/utils/logging.server";
export {
  recordRenderCache,
  recordRequest,
  renderMetrics,
  reportRenderCacheSize,
  routeGroup,
} from "~/utils/metrics.server";
export { env } from "~/utils/env.server";
export { mapApiResponse } from "~/utils/map-api.server";
export { isbot } from "isbot";

// The Vite dev server has no server.mjs: start the worker when it first loads this module.
// startJobWorker is idempotent, so reloads keep one worker (running the newest code).
if (import.meta.env.DEV) startJobWorker();

const ABORT_DELAY = 5_000;

/** Errors in loaders, actions and rendering, as one JSON log line with the request id. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  // A client that went away aborts its request: nothing went wrong on our side.
  if (request.signal.aborted) return;
  // Remix reports routing answers (404 no route, 405 no action) as ErrorResponses: client errors.
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === "number" && status < 500) return;
  log("error", "request failed", {
    requestId: context?.requestId,
    method: request.method,
    ...errorFields(error),
  });
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.cspNonce;
  if (!nonce) {
    // The Vite dev server (no server.mjs): its inline module scripts have no nonce, so
    // development gets the relaxed policy; production always renders with server.mjs's nonce.
    for (const [name, value] of securityHeaders({ dev: true, tileUrl: env().TILE_URL })) {
      responseHeaders.set(name, value);
    }
  }
  const waitForAll = isbot(request.headers.get("user-agent")) || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const ready = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html");
      resolve(
        new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
      );
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady: waitForAll ? ready : undefined,
        onShellReady: waitForAll ? undefined : ready,
        onShellError: reject,
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell is ready reject and are logged by Remix itself.
          if (shellRendered)
            log("error", "render failed", { requestId: loadContext?.requestId, ...errorFields(error) });
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
