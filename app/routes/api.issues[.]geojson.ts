import type { LoaderFunctionArgs } from "@remix-run/node";
import { mapApiResponse } from "~/utils/map-api.server";
import { clientAddress } from "~/utils/rate-limit.server";

/**
 * GET /api/issues.geojson: the map's clusters and issues for one view (app/utils/map-api.server.ts).
 * The production server (server.mjs) answers it before reaching Remix; this route is the same
 * answer for the Vite dev server and for requests that reach Remix some other way.
 */
export function loader({ request, context }: LoaderFunctionArgs) {
  return mapApiResponse(new URL(request.url).searchParams, clientAddress(context));
}
