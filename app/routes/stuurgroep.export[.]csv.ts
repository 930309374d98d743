import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseDashboardQuery } from "~/domain/dashboard";
import { localDate } from "~/domain/working-days";
import { t } from "~/i18n";
import { dashboardCsv, requireDashboard } from "~/utils/dashboard.server";
import { env } from "~/utils/env.server";

/**
 * GET /stuurgroep/export.csv with the dashboard's filters: the issues of that view with the
 * triage answers, owner, theme, buurt, status and dates. No internal notes, no reporter.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireDashboard(request);
  const query = parseDashboardQuery(new URL(request.url).searchParams);
  const now = new Date();
  const { csv, from, to } = await dashboardCsv(query, env().PUBLIC_URL, now);
  const fileName = `${t("dashboard.csv.fileName")}-${from}-tot-${to}-${localDate(now)}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
