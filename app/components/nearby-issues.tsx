import { Link, useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { t } from "~/i18n";
import { StatusBadge } from "./status-badge";
import { SupportButton } from "./support-button";

type NearbyIssue = {
  id: number;
  title: string;
  status: string;
  supportCount: number;
  distance: number;
  supported: boolean;
  buurt: { name: string };
};

/** "Bedoel je een van deze?": open issues of the same theme within 150 m of the pin. */
export function NearbyIssues({
  point,
  themeCode,
  loggedIn = true,
}: {
  point: { lat: number; lng: number } | null;
  themeCode: string;
  /** Without an account, supporting happens on the issue's page (by email), not here. */
  loggedIn?: boolean;
}) {
  const fetcher = useFetcher<{ issues: NearbyIssue[] }>();
  const query =
    point && themeCode
      ? `lat=${point.lat.toFixed(6)}&lng=${point.lng.toFixed(6)}&theme=${encodeURIComponent(themeCode)}`
      : null;

  useEffect(() => {
    if (query) fetcher.load(`/api/issues/nearby?${query}`);
    // fetcher.load is stable in intent; re-run only when the question changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);

  if (!query) return <p className="text-gray-700">{t("report.nearby.waiting")}</p>;
  const issues = fetcher.data?.issues;
  if (!issues) return <div className="h-20 animate-pulse rounded-md bg-gray-100" aria-hidden="true" />;
  if (issues.length === 0) return <p aria-live="polite">{t("report.nearby.none")}</p>;
  return (
    <div aria-live="polite" className="space-y-3">
      <p>{t("report.nearby.intro")}</p>
      <ul className="space-y-2">
        {issues.map((issue) => (
          <li key={issue.id} className="rounded-md border border-gray-300 p-3">
            <p className="font-semibold">
              <Link to={`/meldingen/${issue.id}`} target="_blank">
                {issue.title}
              </Link>
            </p>
            <p className="mt-1 flex flex-wrap items-center gap-3 text-sm text-gray-700">
              <StatusBadge status={issue.status} />
              <span>{t("report.nearby.distance", { meters: issue.distance })}</span>
            </p>
            <div className="mt-2">
              {loggedIn ? (
                <SupportButton
                  issueId={issue.id}
                  count={issue.supportCount}
                  supported={issue.supported}
                  loggedIn
                  size="small"
                />
              ) : (
                <Link to={`/meldingen/${issue.id}#steunen`} target="_blank" className="btn-secondary px-3 text-sm">
                  {t("issue.support.button", { count: issue.supportCount })}
                </Link>
              )}
            </div>
          </li>
        ))}
      </ul>
      <p className="font-semibold">{t("report.nearby.stillNew")}</p>
    </div>
  );
}
