import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Pagination } from "~/components/pagination";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CalendarRange, ListChecks, MapPin, TriangleAlert } from "lucide-react";
import { SignalMap } from "~/components/map/signal-map";
import { FilterSelect } from "~/components/forms";
import { StatusBadge } from "~/components/status-badge";
import { ThemeIcon } from "~/components/theme-icon";
import { canSeePartnerArea, canViewDashboard } from "~/domain/permissions";
import { t } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { formatDate } from "~/utils/format";
import { loadSignalGroups } from "~/utils/signals.server";
import { activeThemes } from "~/utils/themes.server";

export const meta: MetaFunction = () => [
  { title: `${t("interests.signals.title")} | ${t("common.appName")}` },
  { name: "robots", content: "noindex" },
];

const GROUPS_PER_PAGE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canViewDashboard(user)) throw new Response("Geen toegang", { status: 403 });
  const themes = await activeThemes();
  const requested = new URL(request.url).searchParams.get("thema") ?? "";
  const theme = themes.some((th) => th.code === requested) ? requested : "";
  const { settings, groups: allGroups } = await loadSignalGroups({ theme: theme || undefined });
  // Dense data gives hundreds of groups (1,137 at 100,000 issues: an 11 MB page): a page at a time.
  const pageCount = Math.max(1, Math.ceil(allGroups.length / GROUPS_PER_PAGE));
  const requestedPage = Number.parseInt(new URL(request.url).searchParams.get("pagina") ?? "1", 10);
  const page = Number.isSafeInteger(requestedPage) ? Math.min(Math.max(requestedPage, 1), pageCount) : 1;
  const first = (page - 1) * GROUPS_PER_PAGE;
  const pageHref = (target: number) => {
    const params = new URLSearchParams();
    if (theme) params.set("thema", theme);
    if (target > 1) params.set("pagina", String(target));
    return params.size ? `?${params}` : "?";
  };
  return {
    settings,
    theme,
    themes: themes.map(({ code, name }) => ({ code, name })),
    canTriage: canSeePartnerArea(user),
    total: allGroups.length,
    page,
    pageCount,
    pageHrefs: { previous: pageHref(page - 1), next: pageHref(page + 1) },
    groups: allGroups.slice(first, first + GROUPS_PER_PAGE).map((group, index) => ({
      number: first + index + 1,
      theme: group.theme,
      buurten: group.buurten,
      centre: group.centre,
      radiusMeters: group.radiusMeters,
      spreadMeters: group.spreadMeters,
      firstCreatedAt: group.firstCreatedAt.toISOString(),
      lastCreatedAt: group.lastCreatedAt.toISOString(),
      issues: group.issues.map((issue) => ({
        id: issue.id,
        title: issue.title,
        status: issue.status,
        lat: issue.lat,
        lng: issue.lng,
        buurt: issue.buurt.name,
        createdAt: issue.createdAt.toISOString(),
        supportCount: issue.supportCount,
      })),
    })),
  };
}

export default function SignalsPage() {
  const { settings, groups, themes, theme, canTriage, total, page, pageCount, pageHrefs } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-7xl px-4 py-6">
      <h1 className="text-3xl font-bold">{t("interests.signals.title")}</h1>
      <p className="mt-2 max-w-3xl text-lg">{t("interests.signals.intro")}</p>
      <p className="mt-2 max-w-3xl text-gray-700">
        {t("interests.signals.rule", {
          minIssues: settings.minIssues,
          windowDays: settings.windowDays,
          radius: settings.radiusMeters,
        })}
      </p>
      {!canTriage ? <p className="mt-2 max-w-3xl">{t("interests.signals.partnersOnly")}</p> : null}

      <Form method="get" className="mt-4 flex flex-wrap items-end gap-3">
        <FilterSelect
          name="thema"
          label={t("interests.signals.themeFilter")}
          value={theme}
          options={[{ value: "", label: t("interests.signals.allThemes") }, ...themes.map((th) => ({ value: th.code, label: th.name }))]}
        />
        <button type="submit" className="btn-secondary">
          {t("interests.signals.filter")}
        </button>
      </Form>

      {groups.length === 0 ? (
        <p className="card mt-6 p-5">{t("interests.signals.empty")}</p>
      ) : (
        <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
          <div className="min-w-0">
            {pageCount > 1 ? (
              <p className="mb-3 font-semibold">
                {t("interests.signals.showing", {
                  total: total.toLocaleString("nl-NL"),
                  from: groups[0]!.number,
                  to: groups[groups.length - 1]!.number,
                })}
              </p>
            ) : null}
            <ol className="space-y-4" start={groups[0]?.number} aria-label={t("interests.signals.title")}>
              {groups.map((group) => {
                const heading = t("interests.signals.groupTitle", { theme: group.theme.name, buurten: group.buurten.join(", ") });
                return (
                  <li key={group.number} className="card border-l-8 border-l-amber-500 p-5">
                    <article aria-labelledby={`groep-${group.number}`}>
                      <p className="text-sm font-semibold text-amber-900">
                        <TriangleAlert aria-hidden="true" className="mr-1 inline h-4 w-4 align-[-2px]" />
                        {t("interests.signals.groupNumber", { number: group.number })}
                      </p>
                      <h2 id={`groep-${group.number}`} className="mt-1 flex items-start gap-2 text-xl font-bold">
                        <ThemeIcon code={group.theme.code} className="mt-1 h-5 w-5 shrink-0 text-primary-700" />
                        <span>{heading}</span>
                      </h2>
                      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-gray-800">
                        <li className="inline-flex items-center gap-1 font-semibold">
                          <ListChecks aria-hidden="true" className="h-4 w-4" />
                          {t("interests.signals.count", { count: group.issues.length })}
                        </li>
                        <li className="inline-flex items-center gap-1">
                          <CalendarRange aria-hidden="true" className="h-4 w-4" />
                          {t("interests.signals.dateRange", {
                            from: formatDate(group.firstCreatedAt),
                            to: formatDate(group.lastCreatedAt),
                          })}
                        </li>
                        <li className="inline-flex items-center gap-1">
                          <MapPin aria-hidden="true" className="h-4 w-4" />
                          {t("interests.signals.spread", { meters: Math.max(group.spreadMeters, 1) })}
                        </li>
                      </ul>
                      <h3 className="mt-3 font-semibold">{t("interests.signals.issuesOf")}</h3>
                      <ul className="mt-1 divide-y divide-gray-200">
                        {group.issues.map((issue) => (
                          <li key={issue.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                            <span className="min-w-0">
                              <Link to={canTriage ? `/partner/meldingen/${issue.id}` : `/meldingen/${issue.id}`} className="font-medium">
                                #{issue.id} {issue.title}
                              </Link>
                              <span className="block text-sm text-gray-700">
                                {issue.buurt} · {formatDate(issue.createdAt)}
                              </span>
                            </span>
                            <StatusBadge status={issue.status} />
                          </li>
                        ))}
                      </ul>
                      {canTriage ? (
                        <Link
                          to={`/stuurgroep/signalen/samen-beoordelen?ids=${group.issues.map((i) => i.id).join(",")}`}
                          className="btn-primary mt-3"
                        >
                          {t("interests.signals.triageTogether")}
                          <span className="sr-only">
                            {" "}
                            {t("interests.signals.triageTogetherFor", {
                              number: group.number,
                              theme: group.theme.name,
                              buurten: group.buurten.join(", "),
                            })}
                          </span>
                        </Link>
                      ) : null}
                    </article>
                  </li>
                );
              })}
            </ol>
            <Pagination
              label={t("interests.signals.pagination")}
              page={page}
              pageCount={pageCount}
              previousHref={pageHrefs.previous}
              nextHref={pageHrefs.next}
            />
          </div>
          <section aria-labelledby="signal-map-title" className="min-w-0 lg:sticky lg:top-4 lg:self-start">
            <h2 id="signal-map-title" className="text-xl font-bold">
              {t("interests.signals.mapTitle")}
            </h2>
            <p className="mt-1 text-sm text-gray-700">{t("interests.signals.mapHint")}</p>
            <SignalMap
              className="mt-2 h-80 w-full lg:h-[28rem]"
              groups={groups.map((group) => ({
                number: group.number,
                label: group.theme.name,
                theme: group.theme.code,
                centre: group.centre,
                radiusMeters: group.radiusMeters,
                issues: group.issues,
              }))}
            />
          </section>
        </div>
      )}
    </div>
  );
}
