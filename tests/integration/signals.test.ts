import { beforeAll, describe, expect, test } from "vitest";
import { loader as signalsLoader } from "~/routes/stuurgroep.signalen";
import { action as bulkAction, loader as bulkLoader } from "~/routes/stuurgroep.signalen_.samen-beoordelen";
import { db } from "~/utils/db.server";
import { loadSignalGroups } from "~/utils/signals.server";
import { createIssue, createUser } from "../db-utils";
import { createOrganisation, errorsOf, locationOf, partner, person, run, status, type Handler } from "../route-utils";

const DAY = 24 * 60 * 60 * 1000;
const EARTH_RADIUS_M = 6_371_008.8;
/** Residential Blerick; each test uses its own spot, at least 500 m from the others. */
const BASE = { lat: 51.3665, lng: 6.1395 };

function near(spot: { lat: number; lng: number }, north: number) {
  return { lat: spot.lat + (north / EARTH_RADIUS_M) * (180 / Math.PI), lng: spot.lng };
}

let gemeente: { id: string; name: string };
let themeId: string;

beforeAll(async () => {
  gemeente = await createOrganisation("Gemeente Signaalstad");
  themeId = (await db.theme.findUniqueOrThrow({ where: { code: "afval" } })).id;
  await db.partnershipRole.create({ data: { organisationId: gemeente.id, themeId, role: "trekker" } });
});

async function issuesAt(
  spot: { lat: number; lng: number },
  count: number,
  options: { daysAgo?: number; themeCode?: string; buurtCode?: string } = {},
) {
  const reporter = await createUser();
  const issues = [];
  for (let i = 0; i < count; i++) {
    const point = near(spot, i * 20);
    issues.push(
      await createIssue({
        reporterId: reporter.id,
        themeCode: options.themeCode ?? "afval",
        buurtCode: options.buurtCode,
        lat: point.lat,
        lng: point.lng,
        createdAt: new Date(Date.now() - (options.daysAgo ?? 2) * DAY - i * 60_000),
      }),
    );
  }
  return issues;
}

const groupOf = async (issueId: number) =>
  (await loadSignalGroups()).groups.find((group) => group.issues.some((issue) => issue.id === issueId));

function triageForm(ids: number[], fields: Record<string, string> = {}) {
  const form = new URLSearchParams({
    intent: "triage",
    nature: "structureel",
    rationale: "Drie meldingen in een paar weken op dezelfde plek.",
    ownerOrganisationId: gemeente.id,
    scope: "deze_buurt",
    approach: "nieuwe_aanpak",
    newApproach: "Vaste ophaalmomenten afspreken met de buurt.",
    publicMessage: "We pakken dit samen op als structureel probleem.",
    ...fields,
  });
  for (const id of ids) form.append("issueIds", String(id));
  return form;
}

const bulkPost = (cookie: string | undefined, form: URLSearchParams) =>
  run(bulkAction as Handler, "/stuurgroep/signalen/samen-beoordelen", { cookie, form });

describe("the signal query", () => {
  test("finds a group inside the window; leaves out old, hidden, approximate and structural issues", async () => {
    const spot = near(BASE, 0);
    const issues = await issuesAt(spot, 3);
    const group = await groupOf(issues[0].id);
    expect(group?.issues.map((i) => i.id).sort()).toEqual(issues.map((i) => i.id).sort());
    expect(group?.theme.code).toBe("afval");
    expect(group?.buurten.length).toBeGreaterThan(0);

    // One hidden: the group falls under the minimum.
    await db.issue.update({ where: { id: issues[2].id }, data: { visibility: "hidden" } });
    expect(await groupOf(issues[0].id)).toBeUndefined();
    await db.issue.update({ where: { id: issues[2].id }, data: { visibility: "public", locationApproximate: true } });
    expect(await groupOf(issues[0].id)).toBeUndefined();
    await db.issue.update({ where: { id: issues[2].id }, data: { locationApproximate: false, nature: "structureel" } });
    expect(await groupOf(issues[0].id)).toBeUndefined();
    await db.issue.update({
      where: { id: issues[2].id },
      data: { nature: null, status: "gesloten_niet_opgelost", closeReason: "dubbele_melding" },
    });
    expect(await groupOf(issues[0].id)).toBeUndefined();
    await db.issue.update({ where: { id: issues[2].id }, data: { status: "nieuw", closeReason: null, nature: "incident" } });
    expect((await groupOf(issues[0].id))?.issues).toHaveLength(3);
  });

  test("respects the window setting and the theme filter", async () => {
    const spot = near(BASE, 3000);
    const old = await issuesAt(spot, 3, { daysAgo: 100 });
    expect(await groupOf(old[0].id)).toBeUndefined();
    await db.setting.create({ data: { key: "signalWindowDays", value: "120" } });
    try {
      expect((await groupOf(old[0].id))?.issues).toHaveLength(3);
      const filtered = await loadSignalGroups({ theme: "verkeer" });
      expect(filtered.groups.some((g) => g.issues.some((i) => i.id === old[0].id))).toBe(false);
    } finally {
      await db.setting.delete({ where: { key: "signalWindowDays" } });
    }
  });
});

describe("the signals page", () => {
  test("anonymous goes to login, residents get 403, steering and partners see the groups", async () => {
    const anonymous = await run(signalsLoader as Handler, "/stuurgroep/signalen");
    expect(status(anonymous)).toBe(302);
    expect(locationOf(anonymous)).toContain("/inloggen");
    const resident = await person();
    expect(status(await run(signalsLoader as Handler, "/stuurgroep/signalen", { cookie: resident.cookie }))).toBe(403);

    const issues = await issuesAt(near(BASE, -1000), 3);
    const steering = await person({ roles: ["steering"] });
    const page = (await run(signalsLoader as Handler, "/stuurgroep/signalen", { cookie: steering.cookie })) as Awaited<
      ReturnType<typeof signalsLoader>
    >;
    expect(page.canTriage).toBe(false);
    expect(page.groups.some((g) => g.issues.some((i) => i.id === issues[0].id))).toBe(true);
    const member = await partner(gemeente.id);
    const partnerPage = (await run(signalsLoader as Handler, "/stuurgroep/signalen?thema=afval", {
      cookie: member.cookie,
    })) as Awaited<ReturnType<typeof signalsLoader>>;
    expect(partnerPage.canTriage).toBe(true);
    expect(partnerPage.theme).toBe("afval");
  });

  test("many groups come 20 to a page, numbered on, with the theme kept in the page links", async () => {
    // 23 groups of "jongeren" (a theme no other test here uses), 600 m apart on an east-west line
    // south of Blerick (the rule only looks at the points; the buurt is given).
    const { code: buurtCode } = await db.buurt.findFirstOrThrow({ select: { code: true } });
    for (let group = 0; group < 23; group++) {
      const spot = { lat: BASE.lat - 0.05, lng: BASE.lng - 0.1 + group * 0.009 };
      await issuesAt(spot, 3, { themeCode: "jongeren", buurtCode });
    }
    const steering = await person({ roles: ["steering"] });
    type Page = Awaited<ReturnType<typeof signalsLoader>>;
    const load = async (query: string) =>
      (await run(signalsLoader as Handler, `/stuurgroep/signalen${query}`, { cookie: steering.cookie })) as Page;
    const first = await load("?thema=jongeren");
    expect(first).toMatchObject({ total: 23, page: 1, pageCount: 2 });
    expect(first.groups.map((g) => g.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(first.pageHrefs.next).toBe("?thema=jongeren&pagina=2");
    const second = await load(first.pageHrefs.next);
    expect(second.groups.map((g) => g.number)).toEqual([21, 22, 23]);
    expect(second.pageHrefs.previous).toBe("?thema=jongeren");
    // Together the pages hold every group once.
    const ids = (page: Page) => page.groups.flatMap((g) => g.issues.map((i) => i.id));
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(69);
    // A page past the end or not a number: the nearest page, never an error.
    expect((await load("?thema=jongeren&pagina=99")).page).toBe(2);
    expect((await load("?thema=jongeren&pagina=abc")).page).toBe(1);
  });
});

describe("triage together", () => {
  test("a partner triages the whole group in one go, structural and owned by the trekker", async () => {
    const issues = await issuesAt(near(BASE, 1500), 3);
    const ids = issues.map((i) => i.id);
    const member = await partner(gemeente.id);

    const page = (await run(bulkLoader as Handler, `/stuurgroep/signalen/samen-beoordelen?ids=${ids.join(",")}`, {
      cookie: member.cookie,
    })) as Awaited<ReturnType<typeof bulkLoader>>;
    expect(page.trekker?.id).toBe(gemeente.id);
    expect(page.canSubmit).toBe(true);
    expect(page.issues.map((i) => i.canTriage)).toEqual([true, true, true]);

    const result = await bulkPost(member.cookie, triageForm(ids));
    expect(locationOf(result)).toBe("/stuurgroep/signalen");
    const stored = await db.issue.findMany({ where: { id: { in: ids } } });
    for (const issue of stored) {
      expect(issue).toMatchObject({ status: "getrieerd", nature: "structureel", ownerOrganisationId: gemeente.id });
    }
    expect(await db.triageDecision.count({ where: { issueId: { in: ids } } })).toBe(3);
    // Now structural: no longer a signal.
    expect(await groupOf(ids[0])).toBeUndefined();
  });

  test("residents and steering members without a membership may not submit; residents may not view", async () => {
    const issues = await issuesAt(near(BASE, 2000), 3);
    const ids = issues.map((i) => i.id);
    const resident = await person();
    expect(status(await run(bulkLoader as Handler, `/stuurgroep/signalen/samen-beoordelen?ids=${ids}`, { cookie: resident.cookie }))).toBe(403);
    expect(status(await bulkPost(resident.cookie, triageForm(ids)))).toBe(403);
    const steering = await person({ roles: ["steering"] });
    const view = (await run(bulkLoader as Handler, `/stuurgroep/signalen/samen-beoordelen?ids=${ids}`, {
      cookie: steering.cookie,
    })) as Awaited<ReturnType<typeof bulkLoader>>;
    expect(view.canSubmit).toBe(false);
    expect(status(await bulkPost(steering.cookie, triageForm(ids)))).toBe(403);
    expect(status(await bulkPost(undefined, triageForm(ids)))).toBe(302);
    expect(await db.triageDecision.count({ where: { issueId: { in: ids } } })).toBe(0);
  });

  test("an issue this partner may not re-triage: 403 naming it, nothing written", async () => {
    const issues = await issuesAt(near(BASE, 2500), 3);
    const ids = issues.map((i) => i.id);
    const other = await createOrganisation();
    // Already triaged (as incident) and owned by another organisation: only its coordinators re-triage.
    await db.issue.update({ where: { id: ids[1] }, data: { status: "getrieerd", nature: "incident", ownerOrganisationId: other.id } });
    const member = await partner(gemeente.id);
    const result = await bulkPost(member.cookie, triageForm(ids));
    expect(status(result)).toBe(403);
    expect(errorsOf(result)[""]).toEqual([`Je mag melding #${ids[1]} niet beoordelen.`]);
    expect(await db.triageDecision.count({ where: { issueId: { in: ids } } })).toBe(0);
  });

  test("bad input: 400 with Dutch errors and nothing written", async () => {
    const issues = await issuesAt(near(BASE, -1500), 3);
    const ids = issues.map((i) => i.id);
    const member = await partner(gemeente.id);

    const noRationale = await bulkPost(member.cookie, triageForm(ids, { rationale: "" }));
    expect(status(noRationale)).toBe(400);
    expect(errorsOf(noRationale).rationale?.[0]).toMatch(/^[A-Z].*\.$/);

    const unknownOwner = await bulkPost(member.cookie, triageForm(ids, { ownerOrganisationId: "bestaat-niet" }));
    expect(status(unknownOwner)).toBe(400);
    expect(errorsOf(unknownOwner).ownerOrganisationId?.[0]).toBe("Kies een organisatie uit de lijst.");

    const none = await bulkPost(member.cookie, triageForm([]));
    expect(status(none)).toBe(400);
    expect(errorsOf(none)[""]).toEqual(["Kies minstens één melding om te beoordelen."]);

    const missing = await bulkPost(member.cookie, triageForm([...ids, 99_999_999]));
    expect(status(missing)).toBe(400);
    expect(errorsOf(missing)[""]).toEqual(["Melding #99999999 bestaat niet (meer) of is niet openbaar."]);

    const [otherTheme] = await issuesAt(near(BASE, -1400), 1, { themeCode: "verkeer" });
    const mixed = await bulkPost(member.cookie, triageForm([...ids, otherTheme.id]));
    expect(status(mixed)).toBe(400);
    expect(errorsOf(mixed)[""]?.[0]).toContain(`#${otherTheme.id}`);

    expect(await db.triageDecision.count({ where: { issueId: { in: [...ids, otherTheme.id] } } })).toBe(0);
    expect((await db.issue.findMany({ where: { id: { in: ids } } })).every((i) => i.status === "nieuw")).toBe(true);
  });
});
