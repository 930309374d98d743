import { Link, useLocation } from "@remix-run/react";
import { MapPin, MessageSquare } from "lucide-react";
import { plural, t } from "~/i18n";
import { formatAge } from "~/utils/format";
import { StatusBadge } from "./status-badge";
import { SupportButton } from "./support-button";
import { ThemeIcon } from "./theme-icon";

export type IssueCardData = {
  id: number;
  title: string;
  status: string;
  supportCount: number;
  commentCount: number;
  createdAt: string | Date;
  theme: { code: string; name: string };
  buurt: { code: string; name: string };
};

export function IssueCard({
  issue,
  now,
  supported,
  loggedIn,
  headingLevel = "h3",
}: {
  issue: IssueCardData;
  now: string | Date;
  supported: boolean;
  loggedIn: boolean;
  headingLevel?: "h2" | "h3";
}) {
  const location = useLocation();
  const Heading = headingLevel;
  return (
    <article className="card flex gap-3 p-4" aria-labelledby={`issue-${issue.id}-title`}>
      <div
        className="mt-1 flex h-10 w-10 shrink-0 items-center justify-center rounded-full bg-primary-50 text-primary-700"
        title={issue.theme.name}
      >
        <ThemeIcon code={issue.theme.code} className="h-5 w-5" />
      </div>
      <div className="min-w-0 flex-1 space-y-2">
        <Heading id={`issue-${issue.id}-title`} className="text-lg leading-snug font-semibold">
          <Link
            to={`/meldingen/${issue.id}`}
            // From the home list: the issue page's "Terug" link returns to it with its filters and page.
            state={location.pathname === "/" ? { backTo: `/${location.search}` } : undefined}
            className="text-gray-900 decoration-primary-600 hover:text-primary-800"
          >
            {issue.title}
          </Link>
        </Heading>
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-gray-700">
          <span className="sr-only">{t("issue.page.theme")}: </span>
          <span>{issue.theme.name}</span>
          <span className="inline-flex items-center gap-1">
            <MapPin aria-hidden="true" className="h-4 w-4" />
            {issue.buurt.name}
          </span>
          <span>{t("issue.card.reportedAgo", { age: formatAge(issue.createdAt, now) })}</span>
          {issue.commentCount > 0 ? (
            <span className="inline-flex items-center gap-1">
              <MessageSquare aria-hidden="true" className="h-4 w-4" />
              {plural(issue.commentCount, "issue.card.commentsOne", "issue.card.comments")}
            </span>
          ) : null}
        </p>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <StatusBadge status={issue.status} />
          <SupportButton
            issueId={issue.id}
            count={issue.supportCount}
            supported={supported}
            loggedIn={loggedIn}
            size="small"
          />
        </div>
      </div>
    </article>
  );
}
