import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ArrowLeft, MapPin } from "lucide-react";
import { StatusBadge } from "~/components/status-badge";
import { ThemeIcon } from "~/components/theme-icon";
import { TriageForm } from "~/components/triage-form";
import { canSeePartnerArea, canViewDashboard } from "~/domain/permissions";
import { triageSchema } from "~/domain/triage";
import { t, type MessageKey } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { trekkerFor } from "~/utils/partnership.server";
import { readFormData } from "~/utils/request.server";
import {
  loadBulkTriageIssues,
  MAX_BULK_TRIAGE,
  parseIssueIds,
  triageIssuesTogether,
} from "~/utils/signals.server";
import { solutionOptionsForTheme } from "~/utils/solutions.server";
import { redirectWithToast } from "~/utils/toast.server";
import { TriageInputError } from "~/utils/triage.server";

export const meta: MetaFunction = () => [
  { title: `${t("interests.signals.bulk.title")} | ${t("common.appName")}` },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canViewDashboard(user)) throw new Response("Geen toegang", { status: 403 });
  const ids = parseIssueIds([new URL(request.url).searchParams.get("ids")]).slice(0, MAX_BULK_TRIAGE);
  const issues = await loadBulkTriageIssues(user, ids);
  const themes = [...new Map(issues.map((issue) => [issue.theme.id, issue.theme])).values()];
  const theme = themes.length === 1 ? themes[0] : null;
  const [organisations, trekkerId, solutionOptions] = theme
    ? await Promise.all([
        db.organisation.findMany({
          orderBy: { name: "asc" },
          select: {
            id: true,
            name: true,
            memberships: { select: { user: { select: { id: true, name: true } } }, orderBy: { user: { name: "asc" } } },
          },
        }),
        trekkerFor(theme.id),
        solutionOptionsForTheme(theme.id),
      ])
    : [[], null, []];
  const trekkerName = organisations.find((o) => o.id === trekkerId)?.name;
  return {
    requested: ids.length,
    issues: issues.map((issue) => ({ ...issue, createdAt: issue.createdAt.toISOString() })),
    theme,
    mixedThemes: themes.length > 1,
    canSubmit: canSeePartnerArea(user) && issues.some((issue) => issue.canTriage),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, members: o.memberships.map((m) => m.user) })),
    trekker: trekkerId && trekkerName ? { id: trekkerId, name: trekkerName } : null,
    solutionOptions,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!canViewDashboard(user) || !canSeePartnerArea(user)) throw new Response(t("triage.errors.forbidden"), { status: 403 });
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: triageSchema });
  const reply = (formErrors: string[], status: number) =>
    data({ intent: "triage" as const, result: submission.reply({ formErrors }) }, { status });

  const ids = parseIssueIds(formData.getAll("issueIds").map(String));
  if (ids.length === 0) return reply([t("interests.signals.bulk.errors.noneChosen")], 400);
  if (ids.length > MAX_BULK_TRIAGE) return reply([t("interests.signals.bulk.errors.tooMany")], 400);
  if (submission.status !== "success") return data({ intent: "triage" as const, result: submission.reply() }, { status: 400 });

  try {
    const result = await triageIssuesTogether(user, ids, submission.value);
    if (!result.ok) {
      const key: Record<typeof result.error, MessageKey> = {
        forbidden: "interests.signals.bulk.errors.forbidden",
        notFound: "interests.signals.bulk.errors.notFound",
        mixedThemes: "interests.signals.bulk.errors.mixedThemes",
        failed: "interests.signals.bulk.errors.failed",
      };
      const messages = result.ids.map((id) => t(key[result.error], { id }));
      if (result.error === "failed" && result.triaged.length) {
        messages.push(t("interests.signals.bulk.errors.partlyDone", { ids: result.triaged.map((id) => `#${id}`).join(", ") }));
      }
      return reply(messages, result.error === "forbidden" ? 403 : result.error === "failed" ? 409 : 400);
    }
    const count = result.triaged.length;
    const message = count === 1 ? t("interests.signals.bulk.savedOne") : t("interests.signals.bulk.saved", { count });
    const value = submission.value;
    if (value.approach === "nieuwe_aanpak" && value.makeSolution && value.newApproach) {
      const query = new URLSearchParams({ omschrijving: value.newApproach, melding: result.triaged.join(",") });
      const issue = await db.issue.findUnique({ where: { id: ids[0] }, select: { theme: { select: { code: true } } } });
      if (issue) query.append("thema", issue.theme.code);
      return redirectWithToast(`/oplossingen/nieuw?${query}`, { kind: "success", message });
    }
    return redirectWithToast("/stuurgroep/signalen", { kind: "success", message });
  } catch (error) {
    if (error instanceof TriageInputError) {
      return data(
        { intent: "triage" as const, result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) },
        { status: 400 },
      );
    }
    throw error;
  }
}

export default function BulkTriagePage() {
  const { issues, theme, mixedThemes, canSubmit, organisations, trekker, solutionOptions, requested } =
    useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-4xl px-4 py-6">
      <Link to="/stuurgroep/signalen" className="inline-flex min-h-11 items-center gap-1">
        <ArrowLeft aria-hidden="true" className="h-4 w-4" />
        {t("interests.signals.bulk.back")}
      </Link>
      <h1 className="mt-2 text-3xl font-bold">{t("interests.signals.bulk.title")}</h1>
      {theme ? (
        <p className="mt-2 inline-flex items-center gap-1 font-medium text-primary-800">
          <ThemeIcon code={theme.code} />
          {theme.name}
        </p>
      ) : null}
      <p className="mt-2 text-lg">{t("interests.signals.bulk.intro")}</p>

      {requested === 0 ? <p className="card mt-4 p-5">{t("interests.signals.bulk.noIds")}</p> : null}
      {requested > issues.length ? (
        <p role="status" className="mt-4 rounded-md border-l-8 border-amber-500 bg-amber-50 p-3">
          {t("interests.signals.bulk.notFound")}
        </p>
      ) : null}
      {mixedThemes ? (
        <p role="alert" className="mt-4 rounded-md border-l-8 border-red-700 bg-red-50 p-3 font-semibold text-red-900">
          {t("interests.signals.bulk.mixedThemes")}
        </p>
      ) : null}

      {issues.length ? (
        <section aria-labelledby="chosen-title" className="card mt-6 p-5">
          <h2 id="chosen-title" className="text-xl font-bold">
            {t("interests.signals.bulk.chosen")}
          </h2>
          <ul className="mt-2 divide-y divide-gray-200">
            {issues.map((issue) => (
              <li key={issue.id} className="flex items-start gap-3 py-2">
                <input
                  type="checkbox"
                  id={`issue-${issue.id}`}
                  name="issueIds"
                  value={issue.id}
                  form="triage"
                  defaultChecked={issue.canTriage}
                  disabled={!issue.canTriage || !canSubmit}
                  aria-label={t("interests.signals.bulk.chooseLabel", { id: issue.id, title: issue.title })}
                  className="mt-1 h-5 w-5 shrink-0 accent-primary-700"
                />
                <div className="min-w-0 flex-1">
                  <Link to={`/partner/meldingen/${issue.id}`} className="font-medium">
                    #{issue.id} {issue.title}
                  </Link>
                  <p className="flex flex-wrap items-center gap-x-2 text-sm text-gray-700">
                    <span className="inline-flex items-center gap-1">
                      <MapPin aria-hidden="true" className="h-3.5 w-3.5" />
                      {issue.buurt.name}
                    </span>
                    <span aria-hidden="true">·</span>
                    <span>{formatDate(issue.createdAt)}</span>
                  </p>
                  {!issue.canTriage && canSubmit ? (
                    <p className="text-sm font-semibold text-amber-900">{t("interests.signals.bulk.cannotTriage")}</p>
                  ) : null}
                </div>
                <StatusBadge status={issue.status} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {theme && !mixedThemes ? (
        canSubmit ? (
          <div className="mt-6">
            <TriageForm
              retriage={false}
              theme={theme}
              trekker={trekker}
              organisations={organisations}
              solutionOptions={solutionOptions}
              latest={null}
              defaultNature="structureel"
            />
          </div>
        ) : (
          <p className="card mt-6 p-5">{t("interests.signals.bulk.viewOnly")}</p>
        )
      ) : null}
    </div>
  );
}
