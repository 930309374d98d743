import type { LoaderFunctionArgs } from "@remix-run/node";
import { openApiDocument } from "~/domain/openapi";
import { enforceApiRateLimit } from "~/utils/api-rate-limit.server";
import { env } from "~/utils/env.server";

/** GET /api/openapi.json: the OpenAPI 3.1 description of the JSON APIs, feeds and Open311. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await enforceApiRateLimit(request, context);
  return Response.json(openApiDocument(env().PUBLIC_URL), {
    headers: { "Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*" },
  });
}
