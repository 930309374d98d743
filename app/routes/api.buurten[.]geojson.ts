import { buurtenFeatureCollection } from "~/utils/buurten.server";

/** GET /api/buurten.geojson: the outlines of the 32 Blerick buurten (reference data, ~10 KB). */
export async function loader() {
  const collection = await buurtenFeatureCollection();
  return new Response(JSON.stringify(collection), {
    headers: {
      "Content-Type": "application/geo+json",
      "Cache-Control": "public, max-age=3600",
    },
  });
}
