import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FilterSelect } from "~/components/forms";
import { DecisionDetails, SubjectLink } from "~/components/steering";
import { canViewDashboard } from "~/domain/permissions";
import { DECISION_PROGRESS, isDecisionProgress } from "~/domain/steering";
import { t } from "~/i18n";
import { getSessionUser } from "~/utils/auth.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { listPublicDecisions } from "~/utils/meetings.server";

export const meta: MetaFunction = () => [
  { title: `${t("steering.decisions.title")} | ${t("common.appName")}` },
  { name: "description", content: t("steering.decisions.intro").slice(0, 160) },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const param = new URL(request.url).searchParams.get("voortgang");
  // A hand-edited URL with an unknown value shows everything rather than failing.
  const progress = isDecisionProgress(param) ? param : undefined;
  const [user, decisions] = await Promise.all([getSessionUser(request), listPublicDecisions({ progress })]);
  return { decisions, progress: progress ?? "", canSeeMeetings: canViewDashboard(user) };
}

export default function DecisionsPage() {
  const { decisions, progress, canSeeMeetings } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl px-4 py-6">
      <h1 className="text-3xl font-bold">{t("steering.decisions.title")}</h1>
      <p className="mt-2 max-w-3xl text-lg">{t("steering.decisions.intro")}</p>
      <p className="mt-2">
        <Link to="/agenda" className="inline-flex min-h-11 items-center">
          {t("steering.decisions.agendaLink")}
        </Link>
      </p>

      <Form method="get" className="mt-4 flex flex-wrap items-end gap-3">
        <div className="w-56">
          <FilterSelect
            name="voortgang"
            label={t("steering.decisions.filter")}
            value={progress}
            options={[
              { value: "", label: t("steering.decisions.filterAll") },
              ...DECISION_PROGRESS.map((p) => ({ value: p, label: t(`steering.progress.${p}`) })),
            ]}
          />
        </div>
        <button type="submit" className="btn-secondary">
          {t("steering.decisions.filterSubmit")}
        </button>
      </Form>

      {decisions.length === 0 ? (
        <p className="card mt-6 p-5">{progress ? t("steering.decisions.emptyFiltered") : t("steering.decisions.empty")}</p>
      ) : null}
      <ul className="mt-6 space-y-4">
        {decisions.map((decision) => (
          <li key={decision.id}>
            <article className="card p-5" aria-labelledby={`decision-${decision.id}`}>
              <h2 id={`decision-${decision.id}`} className="text-xl font-semibold">
                {decision.issue || decision.theme ? <SubjectLink subject={decision} /> : t("steering.decisions.cardTitle")}
              </h2>
              <p className="mt-1 text-sm text-gray-700">
                <time dateTime={new Date(decision.createdAt).toISOString()}>
                  {t("steering.decisions.decidedAt", { date: formatDate(decision.createdAt) })}
                </time>
                {decision.meeting ? (
                  <>
                    {" · "}
                    {canSeeMeetings ? (
                      <Link to={`/stuurgroep/overleg/${decision.meeting.id}`}>
                        {t("steering.decisions.meeting", { date: formatDateTime(decision.meeting.startsAt) })}
                      </Link>
                    ) : (
                      t("steering.decisions.meeting", { date: formatDateTime(decision.meeting.startsAt) })
                    )}
                  </>
                ) : null}
              </p>
              <div className="mt-3">
                <DecisionDetails decision={decision} />
              </div>
            </article>
          </li>
        ))}
      </ul>
    </div>
  );
}
