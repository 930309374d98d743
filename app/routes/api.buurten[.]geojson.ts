import type { LoaderFunctionArgs } from "@remix-run/node";
import { enforceApiRateLimit } from "~/utils/api-rate-limit.server";
import { buurtenFeatureCollection } from "~/utils/buurten.server";

/** GET /api/buurten.geojson: the outlines of the 32 Blerick buurten (reference data, ~10 KB). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await enforceApiRateLimit(request, context);
  const collection = await buurtenFeatureCollection();
  return new Response(JSON.stringify(collection), {
    headers: {
      "Content-Type": "application/geo+json",
      "Cache-Control": "public, max-age=3600",
    },
  });
}
