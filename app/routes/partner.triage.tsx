import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { Prisma } from "~/generated/prisma/client";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { FilterSelect } from "~/components/forms";
import { z } from "zod";
import { StatusBadge } from "~/components/status-badge";
import { ThemeIcon } from "~/components/theme-icon";
import { UNTRIAGED_STATUSES } from "~/domain/issue-status";
import { isPastTarget, workingDaysBetween } from "~/domain/working-days";
import { plural, t } from "~/i18n";
import { buurtOptions } from "~/utils/buurten.server";
import { db } from "~/utils/db.server";
import { publicIssueWhere } from "~/utils/issues.server";
import { requirePartner } from "~/utils/partner.server";
import { getSettings } from "~/utils/settings.server";
import { activeThemes } from "~/utils/themes.server";

export const meta: MetaFunction = () => [{ title: `${t("triage.queue.title")} | ${t("common.appName")}` }];

const querySchema = z.object({
  theme: z.string().regex(/^[a-z0-9_-]{1,40}$/).optional().catch(undefined),
  buurt: z.string().regex(/^BU\d{8}$/).optional().catch(undefined),
  age: z.enum(["alle", "te-laat", "week"]).catch("alle"),
  trekker: z.literal("1").optional().catch(undefined),
  sort: z.enum(["oudste", "steun"]).catch("oudste"),
});

const MAX_ROWS = 500;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePartner(request);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = querySchema.parse({ ...params, theme: params.theme || undefined, buurt: params.buurt || undefined });
  const myOrganisationIds = user.memberships.map((m) => m.organisationId);

  const ownedWhere = {
    ...publicIssueWhere(),
    ownerOrganisationId: { in: myOrganisationIds },
    status: { in: ["getrieerd", "in_behandeling"] },
  } satisfies Prisma.IssueWhereInput;
  const [settings, themes, buurten, leadThemes, handovers, owned] = await Promise.all([
    getSettings(),
    activeThemes(),
    buurtOptions(),
    db.partnershipRole.findMany({
      where: { organisationId: { in: myOrganisationIds }, role: "trekker" },
      select: { themeId: true },
    }),
    db.handover.findMany({
      where: { status: "pending", toOrganisationId: { in: myOrganisationIds } },
      select: {
        id: true,
        reason: true,
        createdAt: true,
        fromOrganisation: { select: { name: true } },
        issue: { select: { id: true, title: true } },
      },
      orderBy: { createdAt: "asc" },
    }),
    // What my organisation owns and still has to finish (triaged or being worked on).
    db.issue.findMany({
      where: ownedWhere,
      select: {
        id: true,
        title: true,
        status: true,
        triagedAt: true,
        createdAt: true,
        theme: { select: { name: true, resolutionTargetDays: true } },
        ownerOrganisation: { select: { name: true } },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: MAX_ROWS,
    }),
  ]);

  const now = new Date();
  const waitingWhere = {
    ...publicIssueWhere({ theme: query.theme, buurt: query.buurt }),
    status: { in: [...UNTRIAGED_STATUSES] },
    ...(query.trekker ? { themeId: { in: leadThemes.map((r) => r.themeId) } } : {}),
  } satisfies Prisma.IssueWhereInput;
  const issues = await db.issue.findMany({
    where: waitingWhere,
    select: {
      id: true,
      title: true,
      status: true,
      supportCount: true,
      createdAt: true,
      theme: { select: { code: true, name: true } },
      buurt: { select: { name: true } },
    },
    orderBy: query.sort === "steun" ? [{ supportCount: "desc" }, { createdAt: "asc" }] : [{ createdAt: "asc" }, { id: "asc" }],
    take: MAX_ROWS,
  });
  const rows = issues
    .map((issue) => ({
      ...issue,
      ageDays: workingDaysBetween(issue.createdAt, now),
      overdue: isPastTarget(issue.createdAt, now, settings.triageTargetDays),
    }))
    .filter((row) => (query.age === "te-laat" ? row.overdue : query.age === "week" ? now.getTime() - row.createdAt.getTime() > 7 * 86_400_000 : true));

  // A full list was cut at MAX_ROWS: say how many there are, not "500 wachten" (a count of the
  // same set, asked only then).
  const [waitingTotal, ownedTotal] = await Promise.all([
    issues.length === MAX_ROWS ? db.issue.count({ where: waitingWhere }) : null,
    owned.length === MAX_ROWS ? db.issue.count({ where: ownedWhere }) : null,
  ]);
  return {
    query,
    rows,
    cut: {
      waiting: waitingTotal === null ? null : { shown: MAX_ROWS, total: waitingTotal },
      owned: ownedTotal === null ? null : { shown: MAX_ROWS, total: ownedTotal },
    },
    themes: themes.map(({ code, name }) => ({ code, name })),
    buurten,
    handovers,
    owned: owned.map(({ theme, ...issue }) => ({
      ...issue,
      theme: theme.name,
      overdue: isPastTarget(issue.triagedAt ?? issue.createdAt, now, theme.resolutionTargetDays ?? settings.resolutionTargetDays),
    })),
    showOwned: myOrganisationIds.length > 0,
    triageTargetDays: settings.triageTargetDays,
    isPartner: myOrganisationIds.length > 0,
  };
}

export default function TriageQueue() {
  const { query, rows, cut, themes, buurten, handovers, triageTargetDays, isPartner, owned, showOwned } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  return (
    <div className="mx-auto max-w-7xl px-4 py-6">
      <h1 className="text-3xl font-bold">{t("triage.queue.title")}</h1>
      <p className="mt-2 max-w-3xl text-lg">{t("triage.queue.intro")}</p>

      {handovers.length ? (
        <section aria-labelledby="handovers-title" className="mt-6 rounded-md border-l-8 border-amber-500 bg-amber-50 p-4">
          <h2 id="handovers-title" className="text-xl font-bold">
            {t("triage.queue.handoversTitle")}
          </h2>
          <ul className="mt-2 space-y-2">
            {handovers.map((handover) => (
              <li key={handover.id}>
                <Link to={`/partner/meldingen/${handover.issue.id}#overdragen`} className="font-semibold">
                  #{handover.issue.id} {handover.issue.title}
                </Link>
                <p className="text-sm">{t("triage.handover.incoming", { from: handover.fromOrganisation.name, reason: handover.reason })}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Form
        method="get"
        className="card mt-6 grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-5"
        onChange={(event) => submit(event.currentTarget, { replace: true, preventScrollReset: true })}
        aria-label={t("triage.queue.filters")}
      >
        <FilterSelect idPrefix="queue" name="theme" label={t("triage.queue.theme")} value={query.theme ?? ""} options={[{ value: "", label: t("home.filters.allThemes") }, ...themes.map((th) => ({ value: th.code, label: th.name }))]} />
        <FilterSelect idPrefix="queue" name="buurt" label={t("triage.queue.buurt")} value={query.buurt ?? ""} options={[{ value: "", label: t("home.filters.allBuurten") }, ...buurten.map((b) => ({ value: b.code, label: b.name }))]} />
        <FilterSelect idPrefix="queue"
          name="age"
          label={t("triage.queue.age")}
          value={query.age}
          options={[
            { value: "alle", label: t("triage.queue.ageAll") },
            { value: "te-laat", label: t("triage.queue.ageOverdue") },
            { value: "week", label: t("triage.queue.ageWeek") },
          ]}
        />
        <FilterSelect idPrefix="queue"
          name="sort"
          label={t("triage.queue.sort")}
          value={query.sort}
          options={[
            { value: "oudste", label: t("triage.queue.sortOldest") },
            { value: "steun", label: t("triage.queue.sortSupport") },
          ]}
        />
        {isPartner ? (
          <label className="flex min-h-11 items-center gap-2 self-end">
            <input type="checkbox" name="trekker" value="1" defaultChecked={query.trekker === "1"} className="h-5 w-5 accent-primary-700" />
            {t("triage.queue.mineLead")}
          </label>
        ) : null}
        <noscript>
          <button type="submit" className="btn-primary">
            {t("triage.queue.apply")}
          </button>
        </noscript>
      </Form>

      <p className="mt-4 font-semibold" aria-live="polite">
        {cut.waiting
          ? t("triage.queue.countCut", {
              total: cut.waiting.total.toLocaleString("nl-NL"),
              shown: cut.waiting.shown.toLocaleString("nl-NL"),
            })
          : plural(rows.length, "triage.queue.countOne", "triage.queue.count")}
      </p>
      {rows.length === 0 ? (
        <p className="card mt-3 p-5">{t("triage.queue.empty")}</p>
      ) : (
        <div className="mt-3 overflow-x-auto rounded-lg border border-gray-200 bg-white" role="region" aria-labelledby="queue-caption" tabIndex={0}>
          <table className="w-full min-w-[44rem] border-collapse text-left">
            <caption id="queue-caption" className="sr-only">
              {t("triage.queue.caption")}
            </caption>
            <thead className="bg-gray-50 text-sm">
              <tr>
                <th scope="col" className="px-3 py-2">{t("triage.queue.columns.age")}</th>
                <th scope="col" className="px-3 py-2">{t("triage.queue.columns.theme")}</th>
                <th scope="col" className="px-3 py-2">{t("triage.queue.columns.buurt")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("triage.queue.columns.supports")}</th>
                <th scope="col" className="px-3 py-2">{t("triage.queue.columns.title")}</th>
                <th scope="col" className="px-3 py-2">{t("triage.queue.columns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-t border-gray-200 align-top hover:bg-primary-50">
                  <td className="px-3 py-2 whitespace-nowrap">
                    {plural(row.ageDays, "triage.queue.workingDaysOne", "triage.queue.workingDays")}
                    {row.overdue ? (
                      <span className="ml-2 inline-block rounded bg-red-700 px-1.5 py-0.5 text-xs font-bold text-white" title={t("triage.queue.overdueLabel", { days: triageTargetDays })}>
                        {t("triage.queue.overdue")}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">
                    <span className="inline-flex items-center gap-1">
                      <ThemeIcon code={row.theme.code} className="h-4 w-4" />
                      {row.theme.name}
                    </span>
                  </td>
                  <td className="px-3 py-2">{row.buurt.name}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{row.supportCount}</td>
                  <td className="px-3 py-2">
                    <Link to={`/partner/meldingen/${row.id}`} className="font-semibold">
                      #{row.id} {row.title}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <StatusBadge status={row.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {showOwned ? (
        <section aria-labelledby="owned-title" className="mt-10">
          <h2 id="owned-title" className="text-2xl font-bold">
            {t("triage.queue.mineTitle")}
          </h2>
          {cut.owned ? (
            <p className="mt-2 font-semibold">
              {t("triage.queue.mineCut", {
                total: cut.owned.total.toLocaleString("nl-NL"),
                shown: cut.owned.shown.toLocaleString("nl-NL"),
              })}
            </p>
          ) : null}
          {owned.length === 0 ? (
            <p className="card mt-3 p-5">{t("triage.queue.mineEmpty")}</p>
          ) : (
            <ul className="mt-3 divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white">
              {owned.map((issue) => (
                <li key={issue.id} className="flex flex-wrap items-center gap-3 px-3 py-2">
                  <StatusBadge status={issue.status} />
                  <Link to={`/partner/meldingen/${issue.id}`} className="font-semibold">
                    #{issue.id} {issue.title}
                  </Link>
                  <span className="text-sm text-gray-700">
                    {issue.theme} · {issue.ownerOrganisation?.name}
                  </span>
                  {issue.overdue ? (
                    <span className="rounded bg-red-700 px-1.5 py-0.5 text-xs font-bold text-white">{t("triage.queue.resolutionOverdue")}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
