import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IssueCard } from "~/components/issue-card";
import { t } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { issueCardSelect, publicIssueWhere } from "~/utils/issues.server";

export const meta: MetaFunction = () => [{ title: `${t("issue.mine.title")} | ${t("common.appName")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // The person's supports first (the (userId, issueId) index), then those issues: asked as
  // "issues with a support by this person" SQLite walked every public issue (1 s at 100,000).
  const supports = await db.support.findMany({
    where: { userId: user.id },
    select: { issueId: true },
    orderBy: { createdAt: "desc" },
    take: 1000,
  });
  const [reported, supported] = await Promise.all([
    // A person's own reports, including those not (yet) public, are theirs to see.
    db.issue.findMany({
      where: { reporterId: user.id, visibility: { not: "hidden" } },
      select: issueCardSelect,
      orderBy: { createdAt: "desc" },
      take: 200,
    }),
    db.issue.findMany({
      where: {
        ...publicIssueWhere(),
        id: { in: supports.map((support) => support.issueId) },
        // Not their own; an issue reported without an account (no reporter) is someone else's.
        OR: [{ reporterId: null }, { reporterId: { not: user.id } }],
      },
      select: issueCardSelect,
      orderBy: { createdAt: "desc" },
      take: 200,
    }),
  ]);
  const supportedIds = await db.support.findMany({
    where: { userId: user.id, issueId: { in: reported.map((issue) => issue.id) } },
    select: { issueId: true },
  });
  return {
    reported,
    supported,
    ownSupported: supportedIds.map((row) => row.issueId),
    now: new Date().toISOString(),
  };
}

export default function MyIssues() {
  const { reported, supported, ownSupported, now } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl px-4 py-6">
      <h1 className="text-3xl font-bold">{t("issue.mine.title")}</h1>
      <section aria-labelledby="reported-title" className="mt-6">
        <h2 id="reported-title" className="text-xl font-bold">
          {t("issue.mine.reported")} ({reported.length})
        </h2>
        {reported.length === 0 ? (
          <p className="mt-3">
            {t("issue.mine.emptyReported")} <Link to="/meldingen/nieuw">{t("home.report")}</Link>
          </p>
        ) : (
          <ul className="mt-3 space-y-3">
            {reported.map((issue) => (
              <li key={issue.id}>
                <IssueCard issue={issue} now={now} supported={ownSupported.includes(issue.id)} loggedIn />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="supported-title" className="mt-8">
        <h2 id="supported-title" className="text-xl font-bold">
          {t("issue.mine.supported")} ({supported.length})
        </h2>
        {supported.length === 0 ? (
          <p className="mt-3">{t("issue.mine.emptySupported")}</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {supported.map((issue) => (
              <li key={issue.id}>
                <IssueCard issue={issue} now={now} supported loggedIn />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
