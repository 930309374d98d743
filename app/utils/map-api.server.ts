import { z } from "zod";
import { STATUS_FILTERS, parseIssueFilters } from "~/domain/issue-filters";
import { MAX_ZOOM, MIN_ZOOM, parseBbox } from "~/domain/map-features";
import { enforceApiRateLimitFor } from "./api-rate-limit.server";
import { mapFeatures } from "./map-index.server";

/**
 * GET /api/issues.geojson?bbox=minLon,minLat,maxLon,maxLat&zoom=Z&theme=&buurt=&status=
 * The map's clusters and issues for one view (at most 500 features), public issues only.
 *
 * Every pan and zoom of every map asks this, so server.mjs answers it before Remix (an Express
 * route; docs/decisions/012-request-overhead.md); the Remix route (app/routes/api.issues[.]geojson.ts)
 * answers it in the Vite dev server. Both call this function: one answer, two doors.
 */

const viewSchema = z.object({
  bbox: z.string().transform((value, ctx) => {
    const result = parseBbox(value);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.error });
      return z.NEVER;
    }
    return result.bbox;
  }),
  zoom: z.string().transform((value, ctx) => {
    const trimmed = value.trim();
    if (trimmed === "") {
      ctx.addIssue({ code: "custom", message: `Geef een zoomniveau mee: zoom=${MIN_ZOOM} tot en met ${MAX_ZOOM}.` });
      return z.NEVER;
    }
    const zoom = /^\d{1,2}$/.test(trimmed) ? Number(trimmed) : NaN;
    if (!Number.isInteger(zoom) || zoom < MIN_ZOOM || zoom > MAX_ZOOM) {
      ctx.addIssue({
        code: "custom",
        message: `zoom moet een heel getal van ${MIN_ZOOM} tot en met ${MAX_ZOOM} zijn.`,
      });
      return z.NEVER;
    }
    return zoom;
  }),
});

const FILTER_ERRORS: Record<string, string> = {
  theme: "Onbekend thema. Gebruik een themacode, bijvoorbeeld theme=afval.",
  buurt: "Onbekende buurt. Gebruik een CBS-buurtcode, bijvoorbeeld buurt=BU09832402.",
  status: `Onbekende status. Kies uit: ${STATUS_FILTERS.join(", ")}.`,
};

function badRequest(error: string) {
  return Response.json({ error }, { status: 400, headers: { "Cache-Control": "no-store" } });
}

/** The answer for this query string from this client address (a 429 over the API rate limit). */
export async function mapApiResponse(params: URLSearchParams, clientAddress: string): Promise<Response> {
  try {
    await enforceApiRateLimitFor(params, clientAddress);
  } catch (refusal) {
    if (refusal instanceof Response) return refusal;
    throw refusal;
  }
  const view = viewSchema.safeParse({ bbox: params.get("bbox") ?? "", zoom: params.get("zoom") ?? "" });
  const filters = parseIssueFilters(params);
  const errors = [
    ...(view.success ? [] : view.error.issues.map((issue) => issue.message)),
    ...(filters.success
      ? []
      : [...new Set(filters.error.issues.map((issue) => String(issue.path[0] ?? "")))].map(
          (field) => FILTER_ERRORS[field] ?? "Onbekend filter.",
        )),
  ];
  if (!view.success || !filters.success) return badRequest(errors.join(" "));

  const collection = await mapFeatures({ bbox: view.data.bbox, zoom: view.data.zoom, filters: filters.data });
  return new Response(JSON.stringify(collection), {
    headers: {
      "Content-Type": "application/geo+json",
      "Cache-Control": "public, max-age=5",
    },
  });
}
