import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ChevronRight, Download, Layers, Users } from "lucide-react";
import { HeatTable, MonthlyBarsChart, NATURE_COLOURS, NatureLegend } from "~/components/dashboard-charts";
import { FilterSelect } from "~/components/forms";
import { TrendsMap } from "~/components/map/trends-map";
import { StatusBadge } from "~/components/status-badge";
import { parseDashboardQuery } from "~/domain/dashboard";
import { plural, t } from "~/i18n";
import { loadDashboard, requireDashboard } from "~/utils/dashboard.server";

export const meta: MetaFunction = () => [{ title: `${t("dashboard.title")} | ${t("common.appName")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireDashboard(request);
  const query = parseDashboardQuery(new URL(request.url).searchParams);
  return loadDashboard(query, user);
}

const fmt = (value: number) => value.toLocaleString("nl-NL");
const dateFormat = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/Amsterdam" });

function days(value: number | null) {
  if (value === null) return t("dashboard.medians.none");
  const text = value.toLocaleString("nl-NL", { maximumFractionDigits: 1 });
  return value === 1 ? t("dashboard.headline.workingDaysOne") : t("dashboard.headline.workingDays", { count: text });
}

function MedianCell({ figure }: { figure: { median: number | null; count: number } }) {
  if (figure.median === null) return <td className="px-3 py-2 text-right">{t("dashboard.medians.none")}</td>;
  return (
    <td className="px-3 py-2 text-right tabular-nums">
      {t("dashboard.medians.value", {
        value: figure.median.toLocaleString("nl-NL", { maximumFractionDigits: 1 }),
        count: fmt(figure.count),
      })}
    </td>
  );
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const { query, period, totals } = data;
  const months = period.months;
  const exportHref = `/stuurgroep/export.csv${data.search ? `?${data.search}` : ""}`;
  const fromLabel = months[0].longLabel;
  const toLabel = months[months.length - 1].longLabel;

  return (
    <div className="mx-auto max-w-7xl px-4 py-6">
      <h1 className="text-3xl font-bold">{t("dashboard.title")}</h1>
      <p className="mt-2 max-w-3xl text-lg">{t("dashboard.intro")}</p>

      <Form method="get" className="card mt-6 grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("dashboard.filters.label")}>
        <FilterSelect
          idPrefix="dashboard"
          name="theme"
          label={t("dashboard.filters.theme")}
          value={query.theme ?? ""}
          options={[{ value: "", label: t("dashboard.filters.allThemes") }, ...data.options.themes.map((th) => ({ value: th.code, label: th.name }))]}
        />
        <FilterSelect
          idPrefix="dashboard"
          name="buurt"
          label={t("dashboard.filters.buurt")}
          value={query.buurt ?? ""}
          options={[{ value: "", label: t("dashboard.filters.allBuurten") }, ...data.options.buurten.map((b) => ({ value: b.code, label: b.name }))]}
        />
        <FilterSelect
          idPrefix="dashboard"
          name="organisatie"
          label={t("dashboard.filters.organisation")}
          value={query.organisatie ?? ""}
          options={[
            { value: "", label: t("dashboard.filters.allOrganisations") },
            ...data.options.organisations.map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
        <FilterSelect
          idPrefix="dashboard"
          name="periode"
          label={t("dashboard.filters.period")}
          value={query.periode}
          options={[
            { value: "3", label: t("dashboard.filters.period3") },
            { value: "6", label: t("dashboard.filters.period6") },
            { value: "12", label: t("dashboard.filters.period12") },
            { value: "24", label: t("dashboard.filters.period24") },
            { value: "eigen", label: t("dashboard.filters.periodCustom") },
          ]}
        />
        <div className="space-y-1">
          <label htmlFor="dashboard-van" className="block text-sm font-semibold">
            {t("dashboard.filters.from")}
          </label>
          <input
            id="dashboard-van"
            name="van"
            type="month"
            className="input"
            defaultValue={query.periode === "eigen" ? period.from : ""}
            placeholder="2026-01"
            aria-describedby="dashboard-month-hint"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="dashboard-tot" className="block text-sm font-semibold">
            {t("dashboard.filters.to")}
          </label>
          <input
            id="dashboard-tot"
            name="tot"
            type="month"
            className="input"
            defaultValue={query.periode === "eigen" ? period.to : ""}
            placeholder="2026-12"
            aria-describedby="dashboard-month-hint"
          />
        </div>
        <p id="dashboard-month-hint" className="self-end text-sm text-gray-700 sm:col-span-2">
          {t("dashboard.filters.monthHint")}
        </p>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
          <button type="submit" className="btn-primary">
            {t("dashboard.filters.apply")}
          </button>
          <Link to="/stuurgroep" className="btn-link">
            {t("dashboard.filters.reset")}
          </Link>
          <a href={exportHref} className="btn-secondary ml-auto" download>
            <Download aria-hidden="true" className="h-5 w-5" />
            {t("dashboard.filters.export")}
          </a>
        </div>
      </Form>
      <p className="mt-3 font-semibold" aria-live="polite">
        {t("dashboard.periodSummary", { from: fromLabel, to: toLabel })}
      </p>

      <section aria-labelledby="headline-title" className="mt-6">
        <h2 id="headline-title" className="sr-only">
          {t("dashboard.headline.title")}
        </h2>
        <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {[
            { label: t("dashboard.headline.total"), value: fmt(totals.total) },
            { label: t("dashboard.headline.openStructural"), value: fmt(data.openStructural) },
            {
              label: t("dashboard.headline.medianFirstResponse"),
              value: data.overall.firstResponse.median === null ? t("dashboard.headline.none") : days(data.overall.firstResponse.median),
            },
            { label: t("dashboard.headline.overdue"), value: fmt(data.overdue.triageCount + data.overdue.resolutionCount) },
          ].map((figure) => (
            <div key={figure.label} className="card flex flex-col-reverse p-4">
              <dt className="text-sm text-gray-700">{figure.label}</dt>
              <dd className="text-3xl font-bold tabular-nums">{figure.value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <nav aria-labelledby="links-title" className="mt-6">
        <h2 id="links-title" className="text-xl font-bold">
          {t("dashboard.links.title")}
        </h2>
        <ul className="mt-3 grid gap-3 sm:grid-cols-2">
          {[
            { to: "/stuurgroep/signalen", title: t("dashboard.links.signals"), text: t("dashboard.links.signalsText"), icon: Layers },
            { to: "/stuurgroep/overleg", title: t("dashboard.links.meetings"), text: t("dashboard.links.meetingsText"), icon: Users },
          ].map((link) => (
            <li key={link.to}>
              <Link to={link.to} className="card flex h-full items-start gap-3 p-4 text-gray-900 no-underline hover:border-primary-700 hover:bg-primary-50 hover:text-gray-900">
                <link.icon aria-hidden="true" className="mt-0.5 h-6 w-6 shrink-0 text-primary-700" />
                <span>
                  <span className="flex items-center gap-1 font-bold text-primary-800 underline underline-offset-2">
                    {link.title}
                    <ChevronRight aria-hidden="true" className="h-5 w-5" />
                  </span>
                  <span className="mt-1 block text-gray-700">{link.text}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="monthly-title" className="mt-10">
        <h2 id="monthly-title" className="text-2xl font-bold">
          {t("dashboard.monthly.title")}
        </h2>
        <div role="region" aria-labelledby="monthly-title" tabIndex={0} className="card mt-3 overflow-x-auto p-4">
          <MonthlyBarsChart bars={data.monthly.map((bar, index) => ({ ...bar, label: months[index].label, longLabel: months[index].longLabel }))} />
        </div>
        <div role="region" aria-labelledby="monthly-caption" tabIndex={0} className="mt-3 overflow-x-auto rounded-lg border border-gray-200 bg-white">
          <table className="w-full border-collapse text-sm">
            <caption id="monthly-caption" className="px-3 py-2 text-left font-semibold">
              {t("dashboard.monthly.caption")}
            </caption>
            <thead className="bg-gray-50">
              <tr>
                <th scope="col" className="px-3 py-2 text-left">
                  {t("dashboard.monthly.month")}
                </th>
                {months.map((month) => (
                  <th key={month.key} scope="col" className="px-2 py-2 text-right whitespace-nowrap">
                    <abbr title={month.longLabel} className="no-underline">
                      {month.label}
                    </abbr>
                  </th>
                ))}
                <th scope="col" className="px-3 py-2 text-right">
                  {t("dashboard.natures.total")}
                </th>
              </tr>
            </thead>
            <tbody>
              {(["structureel", "incident", "onbeoordeeld"] as const).map((nature) => (
                <tr key={nature} className="border-t border-gray-200">
                  <th scope="row" className="px-3 py-1.5 text-left whitespace-nowrap">
                    <span aria-hidden="true" className="mr-2 inline-block h-3 w-3 rounded-sm" style={{ background: NATURE_COLOURS[nature] }} />
                    {t(`dashboard.natures.${nature}`)}
                  </th>
                  {data.monthly.map((month) => (
                    <td key={month.key} className="px-2 py-1.5 text-right tabular-nums">
                      {fmt(month[nature])}
                    </td>
                  ))}
                  <td className="px-3 py-1.5 text-right font-semibold tabular-nums">{fmt(totals[nature])}</td>
                </tr>
              ))}
              <tr className="border-t-2 border-gray-300 font-semibold">
                <th scope="row" className="px-3 py-1.5 text-left">
                  {t("dashboard.natures.total")}
                </th>
                {data.monthly.map((month) => (
                  <td key={month.key} className="px-2 py-1.5 text-right tabular-nums">
                    {fmt(month.total)}
                  </td>
                ))}
                <td className="px-3 py-1.5 text-right tabular-nums">{fmt(totals.total)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="heat-title" className="mt-10">
        <h2 id="heat-title" className="text-2xl font-bold">
          {t("dashboard.heat.title")}
        </h2>
        <p className="mt-1 max-w-3xl">{t("dashboard.heat.intro")}</p>
        {data.heat.themes.length === 0 ? <p className="card mt-3 p-5">{t("dashboard.table.empty")}</p> : <HeatTable heat={data.heat} />}
      </section>

      <section aria-labelledby="map-title" className="mt-10">
        <h2 id="map-title" className="text-2xl font-bold">
          {t("dashboard.map.title")}
        </h2>
        <p className="mt-1 mb-3 max-w-3xl">{t("dashboard.map.intro")}</p>
        <TrendsMap buurten={data.buurtFigures} breaks={data.breaks} search={data.search} />
        <details className="mt-3">
          <summary className="min-h-11 cursor-pointer py-2 font-semibold text-primary-700">{t("dashboard.map.buurtTableSummary")}</summary>
          <div role="region" aria-labelledby="buurt-caption" tabIndex={0} className="mt-2 overflow-x-auto rounded-lg border border-gray-200 bg-white">
            <table className="w-full border-collapse text-sm">
              <caption id="buurt-caption" className="px-3 py-2 text-left font-semibold">
                {t("dashboard.map.buurtTableCaption")}
              </caption>
              <thead className="bg-gray-50">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left">{t("dashboard.map.buurt")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("dashboard.map.count")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("dashboard.map.population")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("dashboard.map.rate")}</th>
                </tr>
              </thead>
              <tbody>
                {data.buurtFigures.map((buurt) => (
                  <tr key={buurt.code} className="border-t border-gray-200">
                    <th scope="row" className="px-3 py-1.5 text-left font-normal">{buurt.name}</th>
                    <td className="px-3 py-1.5 text-right tabular-nums">{fmt(buurt.count)}</td>
                    <td className="px-3 py-1.5 text-right tabular-nums">{buurt.population === null ? t("dashboard.map.unknown") : fmt(buurt.population)}</td>
                    <td className="px-3 py-1.5 text-right tabular-nums">
                      {buurt.per1000 === null ? t("dashboard.map.unknown") : buurt.per1000.toLocaleString("nl-NL", { maximumFractionDigits: 1 })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>

      <section aria-labelledby="medians-title" className="mt-10">
        <h2 id="medians-title" className="text-2xl font-bold">
          {t("dashboard.medians.title")}
        </h2>
        <p className="mt-1 max-w-3xl">{t("dashboard.medians.intro")}</p>
        {data.medians.length === 0 ? (
          <p className="card mt-3 p-5">{t("dashboard.medians.empty")}</p>
        ) : (
          <div role="region" aria-labelledby="medians-caption" tabIndex={0} className="mt-3 overflow-x-auto rounded-lg border border-gray-200 bg-white">
            <table className="w-full border-collapse text-sm">
              <caption id="medians-caption" className="px-3 py-2 text-left font-semibold">
                {t("dashboard.medians.caption")}
              </caption>
              <thead className="bg-gray-50">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left">{t("dashboard.medians.organisation")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("dashboard.medians.triage")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("dashboard.medians.firstResponse")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("dashboard.medians.resolution")}</th>
                </tr>
              </thead>
              <tbody>
                {data.medians.map((row) => (
                  <tr key={row.organisationId} className="border-t border-gray-200" data-organisation-id={row.organisationId}>
                    <th scope="row" className="px-3 py-2 text-left">{row.name}</th>
                    <MedianCell figure={row.triage} />
                    <MedianCell figure={row.firstResponse} />
                    <MedianCell figure={row.resolution} />
                  </tr>
                ))}
                {data.medians.length > 1 ? (
                  <tr className="border-t-2 border-gray-300 font-semibold">
                    <th scope="row" className="px-3 py-2 text-left">{t("dashboard.medians.all")}</th>
                    <MedianCell figure={data.overall.triage} />
                    <MedianCell figure={data.overall.firstResponse} />
                    <MedianCell figure={data.overall.resolution} />
                  </tr>
                ) : null}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="overdue-title" className="mt-10">
        <h2 id="overdue-title" className="text-2xl font-bold">
          {t("dashboard.overdue.title")}
        </h2>
        <p className="mt-1 max-w-3xl">
          {t("dashboard.overdue.intro", { triageDays: data.targets.triageTargetDays, resolutionDays: data.targets.resolutionTargetDays })}
        </p>
        {data.overdue.perOrganisation.length ? (
          <div role="region" aria-labelledby="overdue-caption" tabIndex={0} className="mt-3 overflow-x-auto rounded-lg border border-gray-200 bg-white">
            <table className="w-full border-collapse text-sm">
              <caption id="overdue-caption" className="px-3 py-2 text-left font-semibold">
                {t("dashboard.overdue.perOrganisationCaption")}
              </caption>
              <thead className="bg-gray-50">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left">{t("dashboard.overdue.organisation")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("dashboard.overdue.triage")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("dashboard.overdue.resolution")}</th>
                </tr>
              </thead>
              <tbody>
                {data.overdue.perOrganisation.map((row) => (
                  <tr key={row.organisationId ?? "none"} className="border-t border-gray-200">
                    <th scope="row" className="px-3 py-2 text-left">{row.organisationId ? row.name : t("dashboard.overdue.noOwner")}</th>
                    <td className="px-3 py-2 text-right tabular-nums">{fmt(row.triage)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{fmt(row.resolution)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <div className="mt-4 grid gap-6 lg:grid-cols-2">
          {(["triage", "resolution"] as const).map((kind) => {
            const list = data.overdue[kind];
            const count = kind === "triage" ? data.overdue.triageCount : data.overdue.resolutionCount;
            return (
              <div key={kind}>
                <h3 className="text-lg font-bold">
                  {t(kind === "triage" ? "dashboard.overdue.triageListTitle" : "dashboard.overdue.resolutionListTitle", { count: fmt(count) })}
                </h3>
                {list.length === 0 ? (
                  <p className="card mt-2 p-4">{t(kind === "triage" ? "dashboard.overdue.noneTriage" : "dashboard.overdue.noneResolution")}</p>
                ) : (
                  <>
                    <ul className="mt-2 divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white" data-testid={`overdue-${kind}`}>
                      {list.map((issue) => (
                        <li key={issue.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
                          <StatusBadge status={issue.status} />
                          <Link to={`${data.issueLinkBase}${issue.id}`} className="font-semibold">
                            #{issue.id} {issue.title}
                          </Link>
                          <span className="text-sm text-gray-700">
                            {issue.theme} · {issue.buurt} · {t("dashboard.overdue.since", { date: dateFormat.format(new Date(issue.since)) })}
                            {issue.owner ? ` · ${t("dashboard.overdue.owner", { name: issue.owner })}` : ""}
                          </span>
                        </li>
                      ))}
                    </ul>
                    {count > list.length ? (
                      <p className="mt-2 text-sm">{t("dashboard.overdue.more", { shown: list.length, count: fmt(count) })}</p>
                    ) : null}
                  </>
                )}
              </div>
            );
          })}
        </div>
      </section>

      <section aria-labelledby="table-title" className="mt-10">
        <h2 id="table-title" className="text-2xl font-bold">
          {t("dashboard.table.title")}
        </h2>
        <NatureLegend />
        {data.themeBuurtRows.length === 0 ? (
          <p className="card mt-3 p-5">{t("dashboard.table.empty")}</p>
        ) : (
          <div role="region" aria-labelledby="trends-caption" tabIndex={0} className="mt-3 max-h-[40rem] overflow-auto rounded-lg border border-gray-200 bg-white">
            <table className="w-full border-collapse text-sm" data-testid="trends-table">
              <caption id="trends-caption" className="px-3 py-2 text-left font-semibold">
                {t("dashboard.table.caption")}
              </caption>
              <thead className="sticky top-0 bg-gray-50">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left">{t("dashboard.table.theme")}</th>
                  <th scope="col" className="px-3 py-2 text-left">{t("dashboard.table.buurt")}</th>
                  {months.map((month) => (
                    <th key={month.key} scope="col" className="px-2 py-2 text-right whitespace-nowrap">
                      <abbr title={month.longLabel} className="no-underline">{month.label}</abbr>
                    </th>
                  ))}
                  <th scope="col" className="px-2 py-2 text-right">{t("dashboard.natures.structureel")}</th>
                  <th scope="col" className="px-2 py-2 text-right">{t("dashboard.natures.incident")}</th>
                  <th scope="col" className="px-2 py-2 text-right">{t("dashboard.natures.onbeoordeeld")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("dashboard.natures.total")}</th>
                </tr>
              </thead>
              <tbody>
                {data.themeBuurtRows.map((row) => (
                  <tr key={`${row.themeCode}|${row.buurtCode}`} className="border-t border-gray-200" data-row={`${row.themeCode}|${row.buurtCode}`}>
                    <th scope="row" className="px-3 py-1.5 text-left whitespace-nowrap">{row.themeName}</th>
                    <td className="px-3 py-1.5 whitespace-nowrap">{row.buurtName}</td>
                    {row.months.map((value, index) => (
                      <td key={months[index].key} className={`px-2 py-1.5 text-right tabular-nums ${value === 0 ? "text-gray-500" : ""}`}>
                        {fmt(value)}
                      </td>
                    ))}
                    <td className="px-2 py-1.5 text-right tabular-nums">{fmt(row.structureel)}</td>
                    <td className="px-2 py-1.5 text-right tabular-nums">{fmt(row.incident)}</td>
                    <td className="px-2 py-1.5 text-right tabular-nums">{fmt(row.onbeoordeeld)}</td>
                    <td className="px-3 py-1.5 text-right font-semibold tabular-nums">{fmt(row.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="mt-2 text-sm text-gray-700">{plural(totals.total, "dashboard.table.countOne", "dashboard.table.count")}</p>
      </section>
    </div>
  );
}
