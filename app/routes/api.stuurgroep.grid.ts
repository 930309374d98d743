import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseDashboardQuery } from "~/domain/dashboard";
import { dashboardGrid, requireDashboard } from "~/utils/dashboard.server";

/**
 * GET /api/stuurgroep/grid?theme&buurt&organisatie&periode&van&tot: the dashboard's heat layer.
 * Counts per ~150 m cell, computed by the database; only non-empty cells, never single issues.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireDashboard(request);
  const query = parseDashboardQuery(new URL(request.url).searchParams);
  const answer = await dashboardGrid(query);
  return new Response(JSON.stringify(answer), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
