import { beforeAll, describe, expect, test } from "vitest";
import { loader as gridLoader } from "~/routes/api.stuurgroep.grid";
import { loader as csvLoader } from "~/routes/stuurgroep.export[.]csv";
import { loader as dashboardLoader } from "~/routes/stuurgroep._index";
import { db } from "~/utils/db.server";
import { createOrganisation, locationOf, partner, person, run, status, type Handler } from "../route-utils";

type Dashboard = Awaited<ReturnType<typeof dashboardLoader>>;

/** The fixed fixture's three months; the fixture has issues just outside them too. */
const PERIOD = "periode=eigen&van=2026-03&tot=2026-05";

let gemeente: { id: string; name: string };
let corporatie: { id: string; name: string };
let buurtX: { code: string; name: string };
let buurtY: { code: string; name: string };
const ids: Record<string, number> = {};

async function issue(
  key: string,
  fields: {
    theme: string;
    buurt: { code: string };
    createdAt: string;
    status?: string;
    nature?: string | null;
    owner?: { id: string } | null;
    triagedAt?: string;
    firstResponseAt?: string;
    closedAt?: string;
    visibility?: string;
    title?: string;
    reporterEmail?: string;
  },
) {
  const theme = await db.theme.findUniqueOrThrow({ where: { code: fields.theme } });
  const buurt = await db.buurt.findUniqueOrThrow({ where: { code: fields.buurt.code } });
  const row = await db.issue.create({
    data: {
      title: fields.title ?? `Fixture ${key}`,
      description: `Beschrijving ${key}`,
      themeId: theme.id,
      buurtCode: buurt.code,
      lat: buurt.centerLat,
      lng: buurt.centerLng,
      status: fields.status ?? "nieuw",
      visibility: fields.visibility ?? "public",
      nature: fields.nature ?? null,
      scope: fields.nature ? "deze_plek" : null,
      ownerOrganisationId: fields.owner?.id ?? null,
      createdAt: new Date(fields.createdAt),
      triagedAt: fields.triagedAt ? new Date(fields.triagedAt) : null,
      firstResponseAt: fields.firstResponseAt ? new Date(fields.firstResponseAt) : null,
      closedAt: fields.closedAt ? new Date(fields.closedAt) : null,
      reporterEmail: fields.reporterEmail ?? null,
      reporterName: fields.reporterEmail ? "Anouk Maasveldt" : null,
    },
  });
  ids[key] = row.id;
  return row;
}

beforeAll(async () => {
  gemeente = await createOrganisation("Gemeente Fixture");
  corporatie = await createOrganisation("Corporatie Fixture");
  const buurten = await db.buurt.findMany({ orderBy: { code: "asc" }, take: 2, select: { code: true, name: true } });
  [buurtX, buurtY] = buurten;

  // March: an incident solved by the gemeente (Mon 2 -> triaged Wed 4 = 1 working day; closed Fri 13 = 8).
  await issue("march-incident", {
    theme: "afval",
    buurt: buurtX,
    title: 'Afval; "veel" zakken\nnaast de container',
    reporterEmail: "melder.geheim@example.test",
    createdAt: "2026-03-02T09:00:00+01:00",
    status: "opgelost",
    nature: "incident",
    owner: gemeente,
    triagedAt: "2026-03-04T10:00:00+01:00",
    firstResponseAt: "2026-03-04T10:00:00+01:00",
    closedAt: "2026-03-13T12:00:00+01:00",
  });
  // 31 March 22:30 UTC is 1 April 00:30 in Amsterdam: April. Triaged Tue 7 April: Good Friday,
  // the weekend and Easter Monday are skipped, only Thu 2 April counts (1). First answer next day (0).
  await issue("april-structural", {
    theme: "afval",
    buurt: buurtX,
    createdAt: "2026-03-31T22:30:00Z",
    status: "in_behandeling",
    nature: "structureel",
    owner: gemeente,
    triagedAt: "2026-04-07T10:00:00+02:00",
    firstResponseAt: "2026-04-02T09:00:00+02:00",
  });
  // March, never triaged: "nog niet beoordeeld", and long past the triage target.
  await issue("march-untriaged", {
    theme: "groen",
    buurt: buurtY,
    createdAt: "2026-03-10T10:00:00+01:00",
  });
  // May: structural for the corporation, Mon 4 -> Mon 11 May: Bevrijdingsdag and a weekend skipped (3).
  await issue("may-structural", {
    theme: "groen",
    buurt: buurtX,
    createdAt: "2026-05-04T10:00:00+02:00",
    status: "getrieerd",
    nature: "structureel",
    owner: corporatie,
    triagedAt: "2026-05-11T10:00:00+02:00",
    firstResponseAt: "2026-05-11T10:00:00+02:00",
  });
  // May: incident, triaged next day (0), solved Tue 26 May: Pinkstermaandag skipped (Thu, Fri = 2).
  await issue("may-incident", {
    theme: "afval",
    buurt: buurtY,
    createdAt: "2026-05-20T10:00:00+02:00",
    status: "opgelost",
    nature: "incident",
    owner: corporatie,
    triagedAt: "2026-05-21T10:00:00+02:00",
    firstResponseAt: "2026-05-21T10:00:00+02:00",
    closedAt: "2026-05-26T10:00:00+02:00",
  });
  // Outside the period, and hidden by a moderator: never counted.
  await issue("february", {
    theme: "afval",
    buurt: buurtX,
    createdAt: "2026-02-15T10:00:00+01:00",
    status: "opgelost",
    nature: "incident",
    owner: gemeente,
    triagedAt: "2026-02-16T10:00:00+01:00",
    closedAt: "2026-02-17T10:00:00+01:00",
  });
  await issue("hidden", {
    theme: "afval",
    buurt: buurtX,
    createdAt: "2026-03-05T10:00:00+01:00",
    visibility: "hidden",
  });

  const march = await db.issue.findUniqueOrThrow({ where: { id: ids["march-incident"] } });
  await db.triageDecision.create({
    data: {
      issueId: march.id,
      nature: "incident",
      rationale: "Eenmalig.",
      ownerOrganisationId: gemeente.id,
      scope: "deze_plek",
      approach: "bestaande_oplossing",
      publicMessage: "We halen het op.",
      createdAt: new Date("2026-03-04T10:00:00+01:00"),
    },
  });
  await db.internalNote.create({ data: { issueId: march.id, body: "GEHEIME-NOTITIE bel de wijkagent" } });
});

const steering = () => person({ roles: ["resident", "steering"] });

async function dashboard(search: string, cookie: string) {
  const result = await run(dashboardLoader as Handler, `/stuurgroep?${search}`, { cookie });
  expect(result).not.toBeInstanceOf(Response);
  return result as Dashboard;
}

describe("access", () => {
  test("logged out goes to the login page; a plain resident gets 403", async () => {
    const anonymous = await run(dashboardLoader as Handler, "/stuurgroep");
    expect(status(anonymous)).toBe(302);
    expect(locationOf(anonymous)).toBe("/inloggen?redirectTo=%2Fstuurgroep");
    const resident = await person();
    expect(status(await run(dashboardLoader as Handler, "/stuurgroep", { cookie: resident.cookie }))).toBe(403);
    expect(status(await run(csvLoader as Handler, "/stuurgroep/export.csv", { cookie: resident.cookie }))).toBe(403);
    expect(status(await run(gridLoader as Handler, "/api/stuurgroep/grid", { cookie: resident.cookie }))).toBe(403);
    expect(status(await run(csvLoader as Handler, "/stuurgroep/export.csv"))).toBe(302);
  });

  test("a resident in the steering group sees the dashboard with public issue links; a partner gets partner links", async () => {
    const member = await steering();
    const view = await dashboard(PERIOD, member.cookie);
    expect(view.issueLinkBase).toBe("/meldingen/");
    const professional = await partner(gemeente.id);
    expect((await dashboard(PERIOD, professional.cookie)).issueLinkBase).toBe("/partner/meldingen/");
  });
});

describe("counts by theme x buurt x month", () => {
  test("exact counts, months on the Amsterdam calendar, hidden and out-of-period issues left out", async () => {
    const member = await steering();
    const view = await dashboard(PERIOD, member.cookie);
    expect(view.period.months.map((m) => m.key)).toEqual(["2026-03", "2026-04", "2026-05"]);
    expect(view.totals).toEqual({ incident: 2, structureel: 2, onbeoordeeld: 1, total: 5 });
    expect(
      view.monthly.map(({ key, incident, structureel, onbeoordeeld, total }) => ({
        key,
        incident,
        structureel,
        onbeoordeeld,
        total,
      })),
    ).toEqual([
      { key: "2026-03", incident: 1, structureel: 0, onbeoordeeld: 1, total: 2 },
      { key: "2026-04", incident: 0, structureel: 1, onbeoordeeld: 0, total: 1 },
      { key: "2026-05", incident: 1, structureel: 1, onbeoordeeld: 0, total: 2 },
    ]);
    const rows = Object.fromEntries(
      view.themeBuurtRows.map((row) => [
        `${row.themeCode}|${row.buurtCode}`,
        {
          months: row.months,
          incident: row.incident,
          structureel: row.structureel,
          onbeoordeeld: row.onbeoordeeld,
          total: row.total,
        },
      ]),
    );
    expect(rows).toEqual({
      [`afval|${buurtX.code}`]: { months: [1, 1, 0], incident: 1, structureel: 1, onbeoordeeld: 0, total: 2 },
      [`afval|${buurtY.code}`]: { months: [0, 0, 1], incident: 1, structureel: 0, onbeoordeeld: 0, total: 1 },
      [`groen|${buurtX.code}`]: { months: [0, 0, 1], incident: 0, structureel: 1, onbeoordeeld: 0, total: 1 },
      [`groen|${buurtY.code}`]: { months: [1, 0, 0], incident: 0, structureel: 0, onbeoordeeld: 1, total: 1 },
    });
    expect(view.heat.cells).toEqual({
      [`afval|${buurtX.code}`]: 2,
      [`afval|${buurtY.code}`]: 1,
      [`groen|${buurtX.code}`]: 1,
      [`groen|${buurtY.code}`]: 1,
    });
    const figures = Object.fromEntries(view.buurtFigures.map((b) => [b.code, b.count]));
    expect(figures[buurtX.code]).toBe(3);
    expect(figures[buurtY.code]).toBe(2);
  });

  test("filters: theme, buurt and owner organisation", async () => {
    const member = await steering();
    expect((await dashboard(`${PERIOD}&theme=groen`, member.cookie)).totals.total).toBe(2);
    expect((await dashboard(`${PERIOD}&buurt=${buurtY.code}`, member.cookie)).totals.total).toBe(2);
    const own = await dashboard(`${PERIOD}&organisatie=${corporatie.id}`, member.cookie);
    expect(own.totals).toEqual({ incident: 1, structureel: 1, onbeoordeeld: 0, total: 2 });
    expect(own.medians.map((m) => m.name)).toEqual([corporatie.name]);
    expect((await dashboard(`${PERIOD}&theme=bestaat-niet`, member.cookie)).totals.total).toBe(0);
  });

  test("the per-1,000 figure uses the buurt's population", async () => {
    await db.buurt.update({ where: { code: buurtX.code }, data: { population: 1500 } });
    const member = await steering();
    const view = await dashboard(PERIOD, member.cookie);
    const x = view.buurtFigures.find((b) => b.code === buurtX.code)!;
    expect(x).toMatchObject({ count: 3, population: 1500, per1000: 2 });
    expect(view.buurtFigures.find((b) => b.code === buurtY.code)?.per1000 ?? null).toBeNull();
    await db.buurt.update({ where: { code: buurtX.code }, data: { population: null } });
  });
});

describe("medians in working days", () => {
  test("per organisation, skipping weekends and Dutch holidays", async () => {
    const member = await steering();
    const view = await dashboard(PERIOD, member.cookie);
    const byName = Object.fromEntries(view.medians.map((m) => [m.name, m]));
    expect(byName[gemeente.name]).toMatchObject({
      triage: { median: 1, count: 2 },
      firstResponse: { median: 0.5, count: 2 },
      resolution: { median: 8, count: 1 },
    });
    expect(byName[corporatie.name]).toMatchObject({
      triage: { median: 1.5, count: 2 },
      firstResponse: { median: 1.5, count: 2 },
      resolution: { median: 2, count: 1 },
    });
    expect(view.overall.triage).toEqual({ median: 1, count: 4 });
  });
});

describe("overdue", () => {
  test("untriaged past the triage target and triaged past the resolution target are listed", async () => {
    const member = await steering();
    const view = await dashboard(PERIOD, member.cookie);
    expect(view.overdue.triage.map((i) => i.id)).toEqual([ids["march-untriaged"]]);
    expect(view.overdue.resolution.map((i) => i.id).sort()).toEqual(
      [ids["april-structural"], ids["may-structural"]].sort(),
    );
    expect(view.overdue.triage.map((i) => i.id)).not.toContain(ids.hidden);
    const perOrganisation = Object.fromEntries(view.overdue.perOrganisation.map((row) => [row.name || "-", row]));
    expect(perOrganisation[gemeente.name]).toMatchObject({ triage: 0, resolution: 1 });
    expect(perOrganisation[corporatie.name]).toMatchObject({ triage: 0, resolution: 1 });
    expect(perOrganisation["-"]).toMatchObject({ organisationId: null, triage: 1 });
  });
});

describe("heat grid", () => {
  test("returns only non-empty cells whose counts add up to the filtered total", async () => {
    const member = await steering();
    const response = (await run(gridLoader as Handler, `/api/stuurgroep/grid?${PERIOD}`, {
      cookie: member.cookie,
    })) as Response;
    expect(response.status).toBe(200);
    const body = (await response.json()) as { grid: { cellLat: number }; cells: [number, number, number][] };
    expect(body.cells.reduce((sum, cell) => sum + cell[2], 0)).toBe(5);
    expect(body.cells.every((cell) => cell[2] > 0)).toBe(true);
    // Everything at two buurt centres: at most two cells.
    expect(body.cells.length).toBeLessThanOrEqual(2);
  });
});

describe("CSV export", () => {
  test("headers, BOM, escaping and the same filters as the dashboard; no reporter or internal notes", async () => {
    const member = await steering();
    const response = (await run(csvLoader as Handler, `/stuurgroep/export.csv?${PERIOD}`, {
      cookie: member.cookie,
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="buurt-bestuurt-meldingen-2026-03-tot-2026-05-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "id;titel;thema;buurtcode;buurt;status;aard;reikwijdte;aanpak;nieuwe_aanpak;eigenaar;steun;gemaakt_op;beoordeeld_op;eerste_antwoord_op;gesloten_op;reden_sluiten;link",
    );
    expect(lines.at(-1)).toBe("");
    // 5 issues in the period; the first title has ; " and a line break, so it is quoted.
    expect(text).toContain(`${ids["march-incident"]};"Afval; ""veel"" zakken\nnaast de container";`);
    expect(text).toContain(";incident;deze_plek;bestaande_oplossing;;Gemeente Fixture;0;2026-03-02T08:00:00.000Z;");
    for (const key of ["march-incident", "april-structural", "march-untriaged", "may-structural", "may-incident"]) {
      expect(text).toContain(`/meldingen/${ids[key]}\r\n`);
    }
    expect(text).not.toContain(`/meldingen/${ids.february}\r\n`);
    expect(text).not.toContain(`/meldingen/${ids.hidden}\r\n`);
    expect(text).not.toContain("melder.geheim");
    expect(text).not.toContain("Anouk");
    expect(text).not.toContain("GEHEIME-NOTITIE");

    const filtered = (await run(csvLoader as Handler, `/stuurgroep/export.csv?${PERIOD}&theme=groen`, {
      cookie: member.cookie,
    })) as Response;
    const filteredLines = (await filtered.text()).split("\r\n").filter(Boolean);
    expect(filteredLines).toHaveLength(3); // header + 2 groen issues
  });

  test("a partner member may download it too", async () => {
    const professional = await partner(corporatie.id);
    const response = (await run(csvLoader as Handler, "/stuurgroep/export.csv", {
      cookie: professional.cookie,
    })) as Response;
    expect(response.status).toBe(200);
  });
});

describe("medians in working days computed by the database", () => {
  test("equal the reference computed per issue in JavaScript, across DST, holidays and year ends", async () => {
    const owners = [gemeente, corporatie];
    const theme = await db.theme.findUniqueOrThrow({ where: { code: "groen" } });
    let seed = 20270101;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const HOUR = 3_600_000;
    // Around the switches to and from summer time, Koningsdag and the turn of the year.
    const anchors = ["2027-03-27T12:00:00Z", "2027-04-26T12:00:00Z", "2027-10-30T12:00:00Z", "2027-12-30T12:00:00Z"];
    const data = Array.from({ length: 160 }, (_, index) => {
      const created =
        Date.parse(anchors[index % anchors.length]) + Math.floor((random() - 0.5) * 72) * HOUR + 17 * 60_000;
      const after = (chance: number) =>
        random() < chance ? new Date(created + Math.floor((random() * 40 - 1) * 24 + random() * 24) * HOUR) : null;
      return {
        title: `Mediaan ${index}`,
        description: "Voor de vergelijking van de medianen.",
        themeId: theme.id,
        buurtCode: buurtX.code,
        lat: 51.37,
        lng: 6.13,
        status: random() < 0.5 ? "opgelost" : "in_behandeling",
        visibility: "public",
        ownerOrganisationId: owners[index % 2].id,
        createdAt: new Date(created),
        triagedAt: after(0.8),
        firstResponseAt: after(0.7),
        closedAt: after(0.6),
      };
    });
    // Exactly at local midnight (winter and summer), where a day boundary must not slip.
    const midnight = (iso: string) => new Date(iso);
    data.push(
      ...[
        ["2027-01-05T23:00:00.000Z", "2027-01-11T23:00:00.000Z"],
        ["2027-06-30T22:00:00.000Z", "2027-07-05T22:00:00.000Z"],
        ["2027-02-01T10:00:00.000Z", "2027-02-03T23:00:00.000Z"],
      ].map(([created, done], index) => ({
        ...data[index],
        title: `Middernacht ${index}`,
        status: "opgelost",
        createdAt: midnight(created),
        triagedAt: midnight(done),
        firstResponseAt: midnight(done),
        closedAt: midnight(done),
      })),
    );
    await db.issue.createMany({ data });
    const { responseTimeFigures, durationMedians } = await import("~/utils/dashboard.server");
    const { issueDurations } = await import("~/utils/sql.server");
    const filter = {
      start: new Date("2027-01-01T00:00:00+01:00"),
      end: new Date("2028-01-01T00:00:00+01:00"),
      themeId: theme.id,
    };
    const organisations = owners.map(({ id, name }) => ({ id, name }));
    const fromDatabase = await responseTimeFigures(filter, organisations, new Date("2028-01-15T12:00:00Z"));
    const reference = durationMedians(await issueDurations(filter), organisations);
    expect(reference.overall.triage.count).toBeGreaterThan(100);
    expect(fromDatabase).toEqual(reference);

    // Sharper than medians: the whole histogram, issue for issue.
    const { durationHistogram } = await import("~/utils/sql.server");
    const { utcOffsetPeriods, workingDaysBetween } = await import("~/domain/working-days");
    const histogram = await durationHistogram(filter, utcOffsetPeriods(filter.start, new Date("2028-01-16T00:00:00Z")));
    const expected = new Map<string, number>();
    for (const row of await issueDurations(filter)) {
      const ends = {
        triage: row.triagedAt,
        firstResponse: row.firstResponseAt,
        resolution: row.status === "opgelost" ? row.closedAt : null,
      };
      for (const [kind, end] of Object.entries(ends)) {
        if (end === null) continue;
        const key = `${row.ownerOrganisationId} ${kind} ${workingDaysBetween(new Date(row.createdAt), new Date(end))}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
    }
    const actual = new Map(
      histogram
        .filter((row) => row.kind !== "owned")
        .map((row) => [`${row.organisationId} ${row.kind} ${row.workingDays}`, row.count]),
    );
    expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...expected].sort()));
  });
});

describe("overdue counts in one pass", () => {
  test("equal a count per organisation and target with Prisma's own queries", async () => {
    const { overdueIssues, dashboardOptions } = await import("~/utils/dashboard.server");
    const { getSettings } = await import("~/utils/settings.server");
    const { targetCutoff } = await import("~/domain/dashboard");
    const now = new Date("2028-01-15T12:00:00Z");
    const [options, settings] = await Promise.all([dashboardOptions(), getSettings()]);
    // Created long ago, each one triaged before or after the cut-off, or never: the resolution
    // target counts from triage when there was one.
    const theme = await db.theme.findUniqueOrThrow({ where: { code: "verkeer" } });
    const cutoff = targetCutoff(now, theme.resolutionTargetDays ?? settings.resolutionTargetDays);
    const day = 24 * 3_600_000;
    await db.issue.createMany({
      data: [null, cutoff.getTime() - 3 * day, cutoff.getTime() + 3 * day].map((triaged, index) => ({
        title: `Te laat of niet ${index}`,
        description: "Voor de telling van wat over de termijn is.",
        themeId: theme.id,
        buurtCode: buurtY.code,
        lat: 51.37,
        lng: 6.13,
        status: "in_behandeling",
        visibility: "public",
        ownerOrganisationId: corporatie.id,
        createdAt: new Date(cutoff.getTime() - 30 * day),
        triagedAt: triaged === null ? null : new Date(triaged),
      })),
    });
    const query = { periode: "12" as const };
    const overdue = await overdueIssues(query, settings, options, now);
    const base = { visibility: "public" };
    const expected = new Map<string | null, { triage: number; resolution: number }>();
    const add = (org: string | null, kind: "triage" | "resolution", count: number) => {
      const entry = expected.get(org) ?? { triage: 0, resolution: 0 };
      entry[kind] += count;
      expected.set(org, entry);
    };
    const triage = await db.issue.groupBy({
      by: ["ownerOrganisationId"],
      where: {
        ...base,
        status: { in: ["nieuw", "heropend"] },
        createdAt: { lt: targetCutoff(now, settings.triageTargetDays) },
      },
      _count: { _all: true },
    });
    for (const group of triage) add(group.ownerOrganisationId, "triage", group._count._all);
    for (const theme of options.themes) {
      const cutoff = targetCutoff(now, theme.resolutionTargetDays ?? settings.resolutionTargetDays);
      const groups = await db.issue.groupBy({
        by: ["ownerOrganisationId"],
        where: {
          ...base,
          themeId: theme.id,
          status: { in: ["getrieerd", "in_behandeling"] },
          OR: [{ triagedAt: { lt: cutoff } }, { triagedAt: null, createdAt: { lt: cutoff } }],
        },
        _count: { _all: true },
      });
      for (const group of groups) add(group.ownerOrganisationId, "resolution", group._count._all);
    }
    expect(overdue.resolutionCount).toBeGreaterThan(0);
    expect(
      Object.fromEntries(
        overdue.perOrganisation.map((row) => [String(row.organisationId), [row.triage, row.resolution]]),
      ),
    ).toEqual(
      Object.fromEntries([...expected].map(([org, counts]) => [String(org), [counts.triage, counts.resolution]])),
    );
    expect(overdue.triageCount).toBe([...expected.values()].reduce((sum, counts) => sum + counts.triage, 0));
    // The list: the oldest 20, never triaged first, in the order Prisma gives them.
    const oldest = await db.issue.findMany({
      where: {
        ...base,
        status: { in: ["getrieerd", "in_behandeling"] },
        OR: options.themes.map((theme) => {
          const cutoff = targetCutoff(now, theme.resolutionTargetDays ?? settings.resolutionTargetDays);
          return {
            themeId: theme.id,
            OR: [{ triagedAt: { lt: cutoff } }, { triagedAt: null, createdAt: { lt: cutoff } }],
          };
        }),
      },
      orderBy: [{ triagedAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }, { id: "asc" }],
      take: 20,
      select: { id: true },
    });
    expect(overdue.resolution.map((row) => row.id)).toEqual(oldest.map((row) => row.id));
    expect(overdue.resolution.length).toBe(20);
    // The headline figure counted in the same pass.
    const structural = await db.issue.count({
      where: { ...base, nature: "structureel", status: { in: ["getrieerd", "in_behandeling", "heropend"] } },
    });
    expect(structural).toBeGreaterThan(0);
    expect(overdue.openStructural).toBe(structural);
  });
});
