import {
  choroplethBreaks,
  createWorkingDayCounter,
  dashboardQueryToSearch,
  gridSpec,
  histogramMedian,
  median,
  monthLabel,
  per1000,
  resolvePeriod,
  targetCutoff,
  type DashboardQuery,
  type Period,
} from "~/domain/dashboard";
import { csvLine, CSV_BOM } from "~/domain/csv";
import { UNTRIAGED_STATUSES } from "~/domain/issue-status";
import { canSeePartnerArea, canViewDashboard } from "~/domain/permissions";
import type { Prisma } from "~/generated/prisma/client";
import { requireUser } from "./auth.server";
import { db } from "./db.server";
import { publicIssueWhere } from "./issues.server";
import { getSettings } from "./settings.server";
import { utcOffsetPeriods } from "~/domain/working-days";
import {
  countIssuesByGridCell,
  countIssuesByThemeBuurtMonth,
  durationHistogram,
  issueDurations,
  oldestPastResolution,
  openIssueCounts,
  type OverdueListItem,
  type DashboardIssueFilter,
  type DashboardSqlFilter,
  type DurationHistogramRow,
  type IssueDurationRow,
} from "./sql.server";
import { calendarStart, ensureWorkingDayCalendar } from "./working-day-calendar.server";

/**
 * Figures of the structural trends dashboard (/stuurgroep) and its CSV export. Counting is done
 * by the database (one GROUP BY per figure, see sql.server.ts), the medians in working days too
 * (a histogram per organisation over the WorkingDay table), and lists are capped.
 */

/** Dashboard pages: steering group, partner members, admins; logged out: login first; others 403. */
export async function requireDashboard(request: Request) {
  const user = await requireUser(request);
  if (!canViewDashboard(user)) throw new Response("Geen toegang", { status: 403 });
  return user;
}

export const NATURES = ["incident", "structureel", "onbeoordeeld"] as const;
export type NatureKey = (typeof NATURES)[number];
const natureKey = (nature: string | null): NatureKey =>
  nature === "incident" ? "incident" : nature === "structureel" ? "structureel" : "onbeoordeeld";

type NatureCounts = Record<NatureKey, number> & { total: number };
const emptyCounts = (): NatureCounts => ({ incident: 0, structureel: 0, onbeoordeeld: 0, total: 0 });
function add(counts: NatureCounts, nature: NatureKey, count: number) {
  counts[nature] += count;
  counts.total += count;
}

/** At most this many overdue issues are listed (all are counted). */
export const OVERDUE_LIST_LIMIT = 20;

export async function dashboardOptions() {
  const [themes, buurten, organisations] = await Promise.all([
    db.theme.findMany({
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      select: { id: true, code: true, name: true, retiredAt: true, resolutionTargetDays: true },
    }),
    // Not the cached loadBuurten(): the population changes when an administrator edits it.
    db.buurt.findMany({ orderBy: { name: "asc" }, select: { code: true, name: true, population: true } }),
    db.organisation.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { themes, buurten, organisations };
}
type Options = Awaited<ReturnType<typeof dashboardOptions>>;

/** The query's theme, buurt and owner as SQL filters; null when a filter names something that does not exist (no rows). */
function issueFilter(query: DashboardQuery, options: Options): DashboardIssueFilter | null {
  const theme = query.theme ? options.themes.find((th) => th.code === query.theme) : undefined;
  if (query.theme && !theme) return null;
  return { themeId: theme?.id, buurtCode: query.buurt, ownerOrganisationId: query.organisatie };
}

/** The same, for issues created in the period. */
function sqlFilter(query: DashboardQuery, period: Period, options: Options): DashboardSqlFilter | null {
  const filter = issueFilter(query, options);
  return filter && { ...filter, start: period.start, end: period.end };
}

/** Prisma's version of the same filters (for the lists and the CSV), through publicIssueWhere. */
function issueWhere(query: DashboardQuery, period?: Period): Prisma.IssueWhereInput {
  return {
    ...publicIssueWhere({ theme: query.theme, buurt: query.buurt }),
    ...(query.organisatie ? { ownerOrganisationId: query.organisatie } : {}),
    ...(period ? { createdAt: { gte: period.start, lt: period.end } } : {}),
  };
}

export async function loadDashboard(
  query: DashboardQuery,
  viewer: Parameters<typeof canSeePartnerArea>[0],
  now = new Date(),
) {
  const period = resolvePeriod(query, now);
  const [options, settings] = await Promise.all([dashboardOptions(), getSettings()]);
  const filter = sqlFilter(query, period, options);
  const [counts, figures] = filter
    ? await Promise.all([
        countIssuesByThemeBuurtMonth(
          filter,
          period.months.map((m) => m.end),
        ),
        responseTimeFigures(filter, options.organisations, now),
      ])
    : [[], durationMedians([], options.organisations)];

  const themeById = new Map(options.themes.map((th, index) => [th.id, { ...th, index }]));
  const buurtByCode = new Map(options.buurten.map((b) => [b.code, b]));
  const monthCount = period.months.length;

  // Counts ------------------------------------------------------------------------------------
  const monthly = period.months.map(() => emptyCounts());
  const totals = emptyCounts();
  const rowsByKey = new Map<string, { themeId: string; buurtCode: string; months: number[]; counts: NatureCounts }>();
  const perBuurt = new Map<string, number>();
  const perTheme = new Map<string, number>();
  for (const row of counts) {
    const nature = natureKey(row.nature);
    add(monthly[row.month], nature, row.count);
    add(totals, nature, row.count);
    const key = `${row.themeId}|${row.buurtCode}`;
    let entry = rowsByKey.get(key);
    if (!entry) {
      entry = {
        themeId: row.themeId,
        buurtCode: row.buurtCode,
        months: new Array<number>(monthCount).fill(0),
        counts: emptyCounts(),
      };
      rowsByKey.set(key, entry);
    }
    entry.months[row.month] += row.count;
    add(entry.counts, nature, row.count);
    perBuurt.set(row.buurtCode, (perBuurt.get(row.buurtCode) ?? 0) + row.count);
    perTheme.set(row.themeId, (perTheme.get(row.themeId) ?? 0) + row.count);
  }

  const themeBuurtRows = [...rowsByKey.values()]
    .map((entry) => ({
      themeCode: themeById.get(entry.themeId)?.code ?? "",
      themeName: themeById.get(entry.themeId)?.name ?? "",
      themeIndex: themeById.get(entry.themeId)?.index ?? 0,
      buurtCode: entry.buurtCode,
      buurtName: buurtByCode.get(entry.buurtCode)?.name ?? entry.buurtCode,
      months: entry.months,
      ...entry.counts,
    }))
    .sort((a, b) => a.themeIndex - b.themeIndex || a.buurtName.localeCompare(b.buurtName, "nl"))
    .map(({ themeIndex: _themeIndex, ...row }) => row);

  // Heat table: themes (rows) x buurten (columns) with at least one issue.
  const heatThemes = options.themes
    .filter((th) => perTheme.has(th.id))
    .map((th) => ({ code: th.code, name: th.name, total: perTheme.get(th.id) ?? 0 }));
  const heatBuurten = [...perBuurt.entries()]
    .map(([code, total]) => ({ code, name: buurtByCode.get(code)?.name ?? code, total }))
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, "nl"));
  const heatCells: Record<string, number> = {};
  for (const row of themeBuurtRows) heatCells[`${row.themeCode}|${row.buurtCode}`] = row.total;

  // Choropleth: every buurt, absolute and per 1,000 residents.
  const buurtFigures = options.buurten
    .map((b) => {
      const count = perBuurt.get(b.code) ?? 0;
      return { code: b.code, name: b.name, count, population: b.population, per1000: per1000(count, b.population) };
    })
    .sort((a, b) => a.name.localeCompare(b.name, "nl"));

  // Medians in working days per owner organisation -------------------------------------------
  const { medians, overall } = figures;

  // Overdue now (whatever the period: it is about what is late today) -------------------------
  const { openStructural, ...overdue } = filter
    ? await overdueIssues(query, settings, options, now)
    : { triage: [], resolution: [], triageCount: 0, resolutionCount: 0, perOrganisation: [], openStructural: 0 };

  return {
    query,
    search: dashboardQueryToSearch(query),
    period: {
      from: period.months[0].key,
      to: period.months[monthCount - 1].key,
      months: period.months.map((m) => ({ key: m.key, label: monthLabel(m.key), longLabel: monthLabel(m.key, true) })),
    },
    totals,
    monthly: monthly.map((counts, index) => ({ key: period.months[index].key, ...counts })),
    themeBuurtRows,
    heat: { themes: heatThemes, buurten: heatBuurten, cells: heatCells },
    buurtFigures,
    breaks: {
      count: choroplethBreaks(buurtFigures.map((b) => b.count)),
      per1000: choroplethBreaks(buurtFigures.map((b) => b.per1000 ?? 0)),
    },
    medians,
    overall,
    overdue,
    openStructural,
    targets: { triageTargetDays: settings.triageTargetDays, resolutionTargetDays: settings.resolutionTargetDays },
    issueLinkBase: canSeePartnerArea(viewer) ? "/partner/meldingen/" : "/meldingen/",
    options: {
      themes: options.themes.map((th) => ({ code: th.code, name: th.name })),
      buurten: [...options.buurten]
        .map((b) => ({ code: b.code, name: b.name }))
        .sort((a, b) => a.name.localeCompare(b.name, "nl")),
      organisations: options.organisations,
    },
  };
}

/**
 * Median working days to triage, first response and resolution, per owner and overall: from the
 * database's histogram (durationHistogram); for a period that starts before the WorkingDay
 * table does (2000), from one row per owned issue instead (durationMedians, the reference).
 */
export async function responseTimeFigures(
  filter: DashboardSqlFilter,
  organisations: readonly { id: string; name: string }[],
  now: Date,
) {
  if (filter.start < calendarStart()) return durationMedians(await issueDurations(filter), organisations);
  await ensureWorkingDayCalendar(now);
  // Every instant involved: created in the period, answered or closed by now (a day's margin for
  // clocks that differ between servers).
  const until = new Date(Math.max(now.getTime(), filter.end.getTime()) + 24 * 60 * 60 * 1000);
  const rows = await durationHistogram(filter, utcOffsetPeriods(filter.start, until));
  return mediansFromHistogram(rows, organisations);
}

/** durationMedians' answer from histogram rows (organisation x kind x working days -> count). */
export function mediansFromHistogram(
  rows: readonly DurationHistogramRow[],
  organisations: readonly { id: string; name: string }[],
) {
  type Histograms = ResponseTimes<Map<number, number>>;
  const empty = (): Histograms => ({ triage: new Map(), firstResponse: new Map(), resolution: new Map() });
  const perOrganisation = new Map<string, Histograms>();
  const all = empty();
  for (const row of rows) {
    let entry = perOrganisation.get(row.organisationId);
    if (!entry) {
      entry = empty();
      perOrganisation.set(row.organisationId, entry);
    }
    if (row.kind === "owned") continue;
    entry[row.kind].set(row.workingDays, (entry[row.kind].get(row.workingDays) ?? 0) + row.count);
    all[row.kind].set(row.workingDays, (all[row.kind].get(row.workingDays) ?? 0) + row.count);
  }
  const figure = (counts: Map<number, number>) => ({
    median: histogramMedian(counts),
    count: [...counts.values()].reduce((sum, count) => sum + count, 0),
  });
  return medianTable(perOrganisation, all, figure, organisations);
}

type ResponseTimes<T> = Record<"triage" | "firstResponse" | "resolution", T>;

/** One row per organisation (by name) and the overall figures, from whatever holds the values. */
function medianTable<T>(
  perOrganisation: ReadonlyMap<string, ResponseTimes<T>>,
  all: ResponseTimes<T>,
  figure: (values: T) => { median: number | null; count: number },
  organisations: readonly { id: string; name: string }[],
) {
  const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
  const figures = (values: ResponseTimes<T>) => ({
    triage: figure(values.triage),
    firstResponse: figure(values.firstResponse),
    resolution: figure(values.resolution),
  });
  const medians = [...perOrganisation.entries()]
    .map(([id, values]) => ({ organisationId: id, name: organisationName.get(id) ?? id, ...figures(values) }))
    .sort((a, b) => a.name.localeCompare(b.name, "nl"));
  return { medians, overall: figures(all) };
}

/** Median working days to triage, first response and resolution, per owner and overall, from one row per owned issue. */
export function durationMedians(
  durations: readonly IssueDurationRow[],
  organisations: readonly { id: string; name: string }[],
) {
  const between = createWorkingDayCounter();
  const perOrganisation = new Map<string, { triage: number[]; firstResponse: number[]; resolution: number[] }>();
  const all = { triage: [] as number[], firstResponse: [] as number[], resolution: [] as number[] };
  for (const row of durations) {
    let entry = perOrganisation.get(row.ownerOrganisationId);
    if (!entry) {
      entry = { triage: [], firstResponse: [], resolution: [] };
      perOrganisation.set(row.ownerOrganisationId, entry);
    }
    if (row.triagedAt) {
      const days = between(row.createdAt, row.triagedAt);
      entry.triage.push(days);
      all.triage.push(days);
    }
    if (row.firstResponseAt) {
      const days = between(row.createdAt, row.firstResponseAt);
      entry.firstResponse.push(days);
      all.firstResponse.push(days);
    }
    if (row.status === "opgelost" && row.closedAt) {
      const days = between(row.createdAt, row.closedAt);
      entry.resolution.push(days);
      all.resolution.push(days);
    }
  }
  return medianTable(
    perOrganisation,
    all,
    (values) => ({ median: median(values), count: values.length }),
    organisations,
  );
}

/** The statuses of structural issues still being worked on (the headline figure, whatever the period). */
const OPEN_STRUCTURAL_STATUSES = ["getrieerd", "in_behandeling", "heropend"];

/** What is late today (whatever the period): counts per organisation, the oldest 20 of each kind, and the open structural issues. */
export async function overdueIssues(
  query: DashboardQuery,
  settings: Awaited<ReturnType<typeof getSettings>>,
  options: Options,
  now: Date,
) {
  const select = {
    id: true,
    title: true,
    status: true,
    createdAt: true,
    triagedAt: true,
    theme: { select: { name: true } },
    buurt: { select: { name: true } },
    ownerOrganisation: { select: { name: true } },
  } satisfies Prisma.IssueSelect;
  const base = issueWhere(query);

  // Past the triage target: untriaged and created before the cut-off.
  const triageWhere: Prisma.IssueWhereInput = {
    ...base,
    status: { in: [...UNTRIAGED_STATUSES] },
    createdAt: { lt: targetCutoff(now, settings.triageTargetDays) },
  };
  // Past the resolution target: counted from triage (or creation), per group of themes that
  // share a target, so every group is one indexed comparison in the database.
  const themesByTarget = new Map<number, string[]>();
  for (const theme of options.themes) {
    const days = theme.resolutionTargetDays ?? settings.resolutionTargetDays;
    themesByTarget.set(days, [...(themesByTarget.get(days) ?? []), theme.id]);
  }
  const resolutionStatuses = ["getrieerd", "in_behandeling"];
  const resolutionGroups = [...themesByTarget.entries()].map(([days, themeIds]) => ({
    themeIds,
    cutoff: targetCutoff(now, days),
  }));
  const filter = issueFilter(query, options);
  const resolution = { statuses: resolutionStatuses, groups: resolutionGroups };

  // The counts in one pass over the open issues (sql.server.ts); the lists are the oldest 20 each.
  const [triageList, resolutionList, counts] = await Promise.all([
    db.issue.findMany({
      where: triageWhere,
      select,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: OVERDUE_LIST_LIMIT,
    }),
    filter ? oldestPastResolution(filter, resolution, OVERDUE_LIST_LIMIT) : [],
    filter
      ? openIssueCounts(
          filter,
          { statuses: UNTRIAGED_STATUSES, cutoff: targetCutoff(now, settings.triageTargetDays) },
          resolution,
          { statuses: OPEN_STRUCTURAL_STATUSES },
        )
      : { overdue: [], openStructural: 0 },
  ]);

  const organisationName = new Map(options.organisations.map((o) => [o.id, o.name]));
  const total = (kind: "triage" | "resolution") => counts.overdue.reduce((sum, row) => sum + row[kind], 0);

  const row = (issue: Omit<OverdueListItem, "triagedAt">, since: Date) => ({
    id: issue.id,
    title: issue.title,
    status: issue.status,
    theme: issue.theme,
    buurt: issue.buurt,
    owner: issue.owner,
    since: since.toISOString(),
  });
  return {
    triageCount: total("triage"),
    resolutionCount: total("resolution"),
    triage: triageList.map((issue) =>
      row(
        { ...issue, theme: issue.theme.name, buurt: issue.buurt.name, owner: issue.ownerOrganisation?.name ?? null },
        issue.createdAt,
      ),
    ),
    resolution: resolutionList.map((issue) => row(issue, issue.triagedAt ?? issue.createdAt)),
    perOrganisation: counts.overdue
      .map(({ organisationId, triage, resolution }) => ({
        organisationId,
        name: (organisationId && organisationName.get(organisationId)) || "",
        triage,
        resolution,
      }))
      .sort((a, b) =>
        a.organisationId === null ? 1 : b.organisationId === null ? -1 : a.name.localeCompare(b.name, "nl"),
      ),
    openStructural: counts.openStructural,
  };
}

/** Non-empty heat-grid cells (~150 m) for the filtered view, with the grid they belong to. */
export async function dashboardGrid(query: DashboardQuery, now = new Date()) {
  const period = resolvePeriod(query, now);
  const options = await dashboardOptions();
  const filter = sqlFilter(query, period, options);
  const spec = gridSpec();
  const cells = filter ? await countIssuesByGridCell(filter, spec) : [];
  return { grid: spec, cells: cells.map((c) => [c.row, c.col, c.count] as [number, number, number]) };
}

// CSV export ---------------------------------------------------------------------------------

export const CSV_HEADER = [
  "id",
  "titel",
  "thema",
  "buurtcode",
  "buurt",
  "status",
  "aard",
  "reikwijdte",
  "aanpak",
  "nieuwe_aanpak",
  "eigenaar",
  "steun",
  "gemaakt_op",
  "beoordeeld_op",
  "eerste_antwoord_op",
  "gesloten_op",
  "reden_sluiten",
  "link",
];

const CSV_PAGE_SIZE = 2000;

/** The filtered issues as CSV (see app/domain/csv.ts). No internal notes, no reporter. */
export async function dashboardCsv(query: DashboardQuery, baseUrl: string, now = new Date()) {
  const period = resolvePeriod(query, now);
  const select = {
    id: true,
    title: true,
    status: true,
    nature: true,
    scope: true,
    supportCount: true,
    createdAt: true,
    triagedAt: true,
    firstResponseAt: true,
    closedAt: true,
    closeReason: true,
    buurtCode: true,
    theme: { select: { name: true } },
    buurt: { select: { name: true } },
    ownerOrganisation: { select: { name: true } },
    triageDecisions: { orderBy: { createdAt: "desc" }, take: 1, select: { approach: true, newApproach: true } },
  } satisfies Prisma.IssueSelect;
  const chunks = [CSV_BOM + csvLine(CSV_HEADER)];
  let count = 0;
  // In pages by id: Prisma loads relations with one IN (...) per page, and SQLite limits the
  // number of variables in a statement.
  for (let afterId = 0; ;) {
    const issues = await db.issue.findMany({
      where: { ...issueWhere(query, period), id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: CSV_PAGE_SIZE,
      select,
    });
    for (const issue of issues) {
      const decision = issue.triageDecisions[0];
      chunks.push(
        csvLine([
          issue.id,
          issue.title,
          issue.theme.name,
          issue.buurtCode,
          issue.buurt.name,
          issue.status,
          issue.nature,
          issue.scope,
          decision?.approach,
          decision?.newApproach,
          issue.ownerOrganisation?.name,
          issue.supportCount,
          issue.createdAt,
          issue.triagedAt,
          issue.firstResponseAt,
          issue.closedAt,
          issue.closeReason,
          `${baseUrl}/meldingen/${issue.id}`,
        ]),
      );
    }
    count += issues.length;
    if (issues.length < CSV_PAGE_SIZE) break;
    afterId = issues[issues.length - 1].id;
  }
  return { csv: chunks.join(""), count, from: period.months[0].key, to: period.months[period.months.length - 1].key };
}
