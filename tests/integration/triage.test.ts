import { beforeAll, describe, expect, test } from "vitest";
import { loader as geojsonLoader } from "~/routes/api.issues[.]geojson";
import { action as publicAction, loader as publicLoader } from "~/routes/meldingen.$id";
import { action as partnerAction, loader as partnerLoader } from "~/routes/partner.meldingen.$id";
import { loader as queueLoader } from "~/routes/partner.triage";
import { db } from "~/utils/db.server";
import { createIssue, createUser } from "../db-utils";
import {
  createOrganisation,
  errorsOf,
  locationOf,
  partner,
  person,
  run,
  status,
  type Handler,
} from "../route-utils";

const THEME = "afval";

let gemeente: { id: string; name: string };
let corporatie: { id: string; name: string };
let themeId: string;

beforeAll(async () => {
  gemeente = await createOrganisation("Gemeente Teststad");
  corporatie = await createOrganisation("Woningcorporatie Test");
  themeId = (await db.theme.findUniqueOrThrow({ where: { code: THEME } })).id;
  await db.partnershipRole.create({ data: { organisationId: gemeente.id, themeId, role: "trekker" } });
});

function triageForm(fields: Record<string, string | string[]> = {}) {
  const form = new URLSearchParams();
  const values: Record<string, string | string[]> = {
    intent: "triage",
    nature: "structureel",
    rationale: "Dit wordt elke week gemeld op dezelfde plek.",
    ownerOrganisationId: gemeente.id,
    scope: "deze_buurt",
    approach: "nieuwe_aanpak",
    newApproach: "Samen met bewoners een vaste ophaaldag afspreken.",
    publicMessage: "We pakken dit op als structureel probleem in de buurt.",
    ...fields,
  };
  for (const [name, value] of Object.entries(values)) for (const v of [value].flat()) form.append(name, v);
  return form;
}

const partnerPost = (id: number, cookie: string | undefined, form: URLSearchParams | Record<string, string>) =>
  run(partnerAction as Handler, `/partner/meldingen/${id}`, { cookie, form, params: { id: String(id) } });
const publicPage = async (id: number, cookie?: string) =>
  (await run(publicLoader as Handler, `/meldingen/${id}`, { cookie, params: { id: String(id) } })) as Awaited<
    ReturnType<typeof publicLoader>
  >;

async function newIssue(reporterId: string | null = null) {
  const reporter = reporterId ?? (await createUser()).id;
  const issue = await createIssue({ reporterId: reporter, themeCode: THEME });
  // The reporter supports their own issue, as the app does.
  await db.support.create({ data: { issueId: issue.id, userId: reporter } });
  await db.issue.update({ where: { id: issue.id }, data: { supportCount: 1 } });
  return issue;
}

async function triaged(cookie: string, fields: Record<string, string | string[]> = {}, reporterId: string | null = null) {
  const issue = await newIssue(reporterId);
  const result = await partnerPost(issue.id, cookie, triageForm(fields));
  expect(status(result)).toBe(302);
  return issue;
}

describe("the four questions", () => {
  test("a member of any partner organisation triages; the resident sees the outcome and the owner", async () => {
    const member = await partner(corporatie.id);
    const issue = await newIssue();

    const page = (await run(partnerLoader as Handler, `/partner/meldingen/${issue.id}`, {
      cookie: member.cookie,
      params: { id: String(issue.id) },
    })) as Awaited<ReturnType<typeof partnerLoader>>;
    expect(page.trekker?.id).toBe(gemeente.id); // pre-filled owner
    expect(page.can.triage).toBe(true);

    const result = await partnerPost(issue.id, member.cookie, triageForm());
    expect(locationOf(result)).toBe(`/partner/meldingen/${issue.id}`);

    const stored = await db.issue.findUniqueOrThrow({ where: { id: issue.id } });
    expect(stored).toMatchObject({ status: "getrieerd", ownerOrganisationId: gemeente.id, nature: "structureel", scope: "deze_buurt" });
    const decisions = await db.triageDecision.findMany({ where: { issueId: issue.id } });
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ actorId: member.id, approach: "nieuwe_aanpak", rationalePublic: false });
    const auditActions = (await db.auditEntry.findMany({ where: { issueId: issue.id } })).map((a) => a.action);
    expect(auditActions).toEqual(expect.arrayContaining(["triage", "status"]));
    expect(await db.job.count({ where: { type: "notify_issue_update", payload: { contains: `"issueId":${issue.id},` } } })).toBeGreaterThan(0);

    const view = await publicPage(issue.id);
    expect(view.issue.owner).toBe(gemeente.name);
    expect(view.issue.status).toBe("getrieerd");
    expect(view.outcome?.text).toBe(
      `Dit is een structureel probleem in deze buurt. ${gemeente.name} pakt het op met een nieuwe aanpak.`,
    );
    // The rationale was not marked public.
    expect(view.outcome?.rationale).toBeNull();
    expect(view.timeline.map((e) => e.message)).toContain("We pakken dit op als structureel probleem in de buurt.");
  });

  test("'maak hiervan een oplossing' opens the new solution form for this issue", async () => {
    const member = await partner(gemeente.id);
    const issue = await newIssue();
    const result = await partnerPost(issue.id, member.cookie, triageForm({ makeSolution: "on" }));
    const location = new URL(locationOf(result)!, "http://localhost");
    expect(location.pathname).toBe("/oplossingen/nieuw");
    expect(location.searchParams.get("melding")).toBe(String(issue.id));
    expect(location.searchParams.get("omschrijving")).toBeTruthy();
  });

  test("an existing solution is linked and named in plain Dutch", async () => {
    const member = await partner(gemeente.id);
    const solution = await db.solution.create({
      data: {
        title: "Grofvuil op afspraak",
        description: "De gemeente haalt grofvuil op.",
        responsibleOrganisationId: gemeente.id,
        themes: { create: { themeId } },
      },
    });
    const issue = await triaged(member.cookie, {
      nature: "incident",
      scope: "deze_plek",
      approach: "bestaande_oplossing",
      solutionIds: solution.id,
      newApproach: "",
      rationalePublic: "on",
    });
    expect(await db.issueSolution.count({ where: { issueId: issue.id, solutionId: solution.id } })).toBe(1);
    const view = await publicPage(issue.id);
    expect(view.outcome?.text).toBe(
      `Dit is een incident op deze plek. ${gemeente.name} pakt het op met de bestaande aanpak 'Grofvuil op afspraak'.`,
    );
    expect(view.outcome?.rationale).toBe("Dit wordt elke week gemeld op dezelfde plek.");
    expect(view.outcome?.solutions).toEqual([{ id: solution.id, title: "Grofvuil op afspraak" }]);
  });

  test("missing answers give Dutch errors next to each field and keep the input; nothing changes", async () => {
    const member = await partner(gemeente.id);
    const issue = await newIssue();
    const result = await partnerPost(issue.id, member.cookie, {
      intent: "triage",
      rationale: "Kort",
      publicMessage: "",
      approach: "bestaande_oplossing",
    });
    expect(status(result)).toBe(400);
    const errors = errorsOf(result);
    expect(errors.nature?.[0]).toBe("Kies incident of structureel.");
    expect(errors.scope?.[0]).toBe("Kies of het alleen hier speelt of breder.");
    expect(errors.ownerOrganisationId?.[0]).toBe("Kies de organisatie die het oppakt.");
    expect(errors.publicMessage?.[0]).toBe("Schrijf een bericht aan de bewoner.");
    expect((result as { data: { intent: string; result: { initialValue: Record<string, unknown> } } }).data).toMatchObject({
      intent: "triage",
      result: { initialValue: { rationale: "Kort" } },
    });
    // Once the answers are there, the choice of solutions is checked too.
    const noSolution = await partnerPost(issue.id, member.cookie, triageForm({ approach: "bestaande_oplossing", solutionIds: [] }));
    expect(errorsOf(noSolution).solutionIds?.[0]).toBe("Kies minstens één oplossing.");
    const noApproach = await partnerPost(issue.id, member.cookie, triageForm({ newApproach: "" }));
    expect(errorsOf(noApproach).newApproach?.[0]).toBe("Beschrijf de nieuwe aanpak in minstens 10 tekens.");
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).status).toBe("nieuw");
  });

  test("unknown organisation, a person outside it, and nonsense ids answer 400, never 500", async () => {
    const member = await partner(gemeente.id);
    const outsider = await createUser();
    const issue = await newIssue();
    const unknown = await partnerPost(issue.id, member.cookie, triageForm({ ownerOrganisationId: "bestaat-niet" }));
    expect(status(unknown)).toBe(400);
    expect(errorsOf(unknown).ownerOrganisationId?.[0]).toBe("Kies een organisatie uit de lijst.");
    const notMember = await partnerPost(issue.id, member.cookie, triageForm({ ownerUserId: outsider.id }));
    expect(status(notMember)).toBe(400);
    expect(errorsOf(notMember).ownerUserId?.[0]).toBe("Deze persoon werkt niet bij de gekozen organisatie.");
    const badSolution = await partnerPost(
      issue.id,
      member.cookie,
      triageForm({ approach: "bestaande_oplossing", solutionIds: "nope" }),
    );
    expect(status(badSolution)).toBe(400);
    expect(status(await partnerPost(issue.id, member.cookie, { intent: "iets-anders" }))).toBe(400);
    expect(status(await partnerPost(issue.id, member.cookie, { intent: "triage", nature: "x".repeat(10_000) }))).toBe(400);
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).status).toBe("nieuw");
  });

  test("residents, steering members without an organisation and anonymous visitors cannot triage or see the page", async () => {
    const issue = await newIssue();
    const resident = await person();
    const steering = await person({ roles: ["resident", "steering"] });
    for (const cookie of [resident.cookie, steering.cookie]) {
      expect(status(await partnerPost(issue.id, cookie, triageForm()))).toBe(403);
      expect(
        status(await run(partnerLoader as Handler, `/partner/meldingen/${issue.id}`, { cookie, params: { id: String(issue.id) } })),
      ).toBe(403);
      expect(status(await run(queueLoader as Handler, "/partner/triage", { cookie }))).toBe(403);
    }
    const anonymous = await partnerPost(issue.id, undefined, triageForm());
    expect(status(anonymous)).toBe(302);
    expect(locationOf(anonymous)).toMatch(/^\/inloggen/);
    expect(await db.triageDecision.count({ where: { issueId: issue.id } })).toBe(0);
  });

  test("re-triage: only coordinators of the owner organisation (and admins); history is kept", async () => {
    const member = await partner(gemeente.id);
    const coordinator = await partner(gemeente.id, "coordinator");
    const otherCoordinator = await partner(corporatie.id, "coordinator");
    const admin = await person({ roles: ["resident", "admin"] });
    const issue = await triaged(member.cookie);

    expect(status(await partnerPost(issue.id, member.cookie, triageForm({ nature: "incident" })))).toBe(403);
    expect(status(await partnerPost(issue.id, otherCoordinator.cookie, triageForm({ nature: "incident" })))).toBe(403);
    expect(
      status(await partnerPost(issue.id, coordinator.cookie, triageForm({ nature: "incident", ownerOrganisationId: corporatie.id }))),
    ).toBe(302);
    expect(status(await partnerPost(issue.id, admin.cookie, triageForm({ scope: "heel_blerick", ownerOrganisationId: corporatie.id })))).toBe(302);

    const decisions = await db.triageDecision.findMany({ where: { issueId: issue.id }, orderBy: { createdAt: "asc" } });
    expect(decisions.map((d) => [d.nature, d.scope])).toEqual([
      ["structureel", "deze_buurt"],
      ["incident", "deze_buurt"],
      ["structureel", "heel_blerick"],
    ]);
    const stored = await db.issue.findUniqueOrThrow({ where: { id: issue.id } });
    expect(stored).toMatchObject({ status: "getrieerd", ownerOrganisationId: corporatie.id, scope: "heel_blerick" });
  });
});

describe("status workflow", () => {
  test("the owner moves the issue on with public messages; others get 403; a close needs a reason", async () => {
    const owner = await partner(gemeente.id);
    const other = await partner(corporatie.id);
    const issue = await triaged(owner.cookie);
    const to = (status: string, extra: Record<string, string> = {}) => ({
      intent: "status",
      to: status,
      publicMessage: `Nu: ${status}, met uitleg voor de buurt.`,
      ...extra,
    });

    expect(status(await partnerPost(issue.id, other.cookie, to("in_behandeling")))).toBe(403);
    expect(status(await partnerPost(issue.id, owner.cookie, to("in_behandeling")))).toBe(302);
    const noReason = await partnerPost(issue.id, owner.cookie, to("gesloten_niet_opgelost"));
    expect(status(noReason)).toBe(400);
    expect(errorsOf(noReason).closeReason?.[0]).toBe("Kies een reden van sluiten.");
    const noMessage = await partnerPost(issue.id, owner.cookie, { intent: "status", to: "opgelost", publicMessage: "" });
    expect(status(noMessage)).toBe(400);
    // Not in the workflow: in_behandeling -> nieuw.
    const invalid = await partnerPost(issue.id, owner.cookie, to("nieuw"));
    expect(status(invalid)).toBe(409);
    expect((invalid as { data: { result: { error: Record<string, string[]> } } }).data.result.error[""]).toEqual([
      "Deze statuswijziging kan nu niet. Kies een andere status.",
    ]);
    expect(status(await partnerPost(issue.id, owner.cookie, to("opgelost")))).toBe(302);

    const events = await db.issueEvent.findMany({ where: { issueId: issue.id, type: "status_changed" }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.toStatus)).toEqual(["getrieerd", "in_behandeling", "opgelost"]);
    expect(events.every((e) => e.publicMessage)).toBe(true);
  });

  test("a public update is shown to residents without changing the status", async () => {
    const owner = await partner(gemeente.id);
    const other = await partner(corporatie.id);
    const issue = await triaged(owner.cookie);
    const update = { intent: "public-update", publicMessage: "De veegwagen komt volgende week langs." };
    expect(status(await partnerPost(issue.id, other.cookie, update))).toBe(403);
    expect(status(await partnerPost(issue.id, owner.cookie, update))).toBe(302);
    const view = await publicPage(issue.id);
    expect(view.issue.status).toBe("getrieerd");
    expect(view.timeline.at(-1)).toMatchObject({ type: "public_update", message: update.publicMessage, organisation: gemeente.name });
  });

  test("the reporter reopens a solved issue within the window; other residents cannot", async () => {
    const owner = await partner(gemeente.id);
    const reporter = await person();
    const stranger = await person();
    const issue = await triaged(owner.cookie, {}, reporter.id);
    await partnerPost(issue.id, owner.cookie, { intent: "status", to: "opgelost", publicMessage: "Het afval is opgeruimd." });

    expect((await publicPage(issue.id, reporter.cookie)).canReopen).toBe(true);
    expect((await publicPage(issue.id, stranger.cookie)).canReopen).toBe(false);
    const reopen = (cookie: string, reason = "Er ligt alweer nieuw afval.") =>
      run(publicAction as Handler, `/meldingen/${issue.id}`, { cookie, form: { intent: "reopen", reason }, params: { id: String(issue.id) } });

    expect(status(await reopen(stranger.cookie))).toBe(403);
    const empty = await reopen(reporter.cookie, "");
    expect(status(empty)).toBe(400);
    expect(status(await reopen(reporter.cookie))).toBe(302);
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).status).toBe("heropend");

    // Out of the 30-day window: no longer possible.
    await partnerPost(issue.id, owner.cookie, { intent: "status", to: "opgelost", publicMessage: "Nu echt opgeruimd." });
    await db.issue.update({ where: { id: issue.id }, data: { closedAt: new Date(Date.now() - 31 * 86_400_000) } });
    expect((await publicPage(issue.id, reporter.cookie)).canReopen).toBe(false);
    expect(status(await reopen(reporter.cookie))).toBe(403);
  });
});

describe("ownership", () => {
  test("claim an issue without owner for one's own organisation only", async () => {
    const member = await partner(corporatie.id);
    const issue = await newIssue();
    expect(status(await partnerPost(issue.id, member.cookie, { intent: "claim", organisationId: gemeente.id }))).toBe(403);
    expect(status(await partnerPost(issue.id, member.cookie, { intent: "claim", organisationId: corporatie.id }))).toBe(302);
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).ownerOrganisationId).toBe(corporatie.id);
    expect((await publicPage(issue.id)).issue.owner).toBe(corporatie.name);
    // Already owned: a second claim is refused.
    const again = await partner(gemeente.id);
    expect(status(await partnerPost(issue.id, again.cookie, { intent: "claim", organisationId: gemeente.id }))).toBe(403);
  });

  test("hand-over: the receiving organisation accepts or declines (with a reason)", async () => {
    const owner = await partner(gemeente.id);
    const receiver = await partner(corporatie.id);
    const bystander = await partner((await createOrganisation()).id);
    const issue = await triaged(owner.cookie);
    const request = { intent: "handover", toOrganisationId: corporatie.id, reason: "Dit is een zaak van de verhuurder." };

    expect(status(await partnerPost(issue.id, receiver.cookie, request))).toBe(403);
    const same = await partnerPost(issue.id, owner.cookie, { ...request, toOrganisationId: gemeente.id });
    expect(errorsOf(same).toOrganisationId?.[0]).toBe("Kies een andere organisatie dan de huidige eigenaar.");
    expect(status(await partnerPost(issue.id, owner.cookie, request))).toBe(302);
    const first = await db.handover.findFirstOrThrow({ where: { issueId: issue.id, status: "pending" } });

    const decline = { intent: "handover-decline", handoverId: first.id };
    expect(status(await partnerPost(issue.id, bystander.cookie, { ...decline, responseReason: "Nee" }))).toBe(403);
    const noReason = await partnerPost(issue.id, receiver.cookie, decline);
    expect(status(noReason)).toBe(400);
    expect(errorsOf(noReason).responseReason?.[0]).toBe("Leg uit waarom je de overdracht weigert.");
    expect(status(await partnerPost(issue.id, receiver.cookie, { ...decline, responseReason: "Het is openbare grond." }))).toBe(302);
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).ownerOrganisationId).toBe(gemeente.id);

    await partnerPost(issue.id, owner.cookie, request);
    const second = await db.handover.findFirstOrThrow({ where: { issueId: issue.id, status: "pending" } });
    expect(status(await partnerPost(issue.id, receiver.cookie, { intent: "handover-accept", handoverId: second.id }))).toBe(302);
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).ownerOrganisationId).toBe(corporatie.id);
    const after = await publicPage(issue.id);
    expect(after.issue.owner).toBe(corporatie.name);
    // The outcome names who has it now, not the owner chosen at triage.
    expect(after.outcome?.text).toContain(`${corporatie.name} pakt het op`);
    expect(after.outcome?.text).not.toContain(gemeente.name);
    const actions = (await db.auditEntry.findMany({ where: { issueId: issue.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["handover_requested", "handover_declined", "handover_accepted"]));
  });
});

describe("merging duplicates", () => {
  test("supports and followers move to the kept issue without counting anyone twice", async () => {
    const owner = await partner(gemeente.id);
    const other = await partner(corporatie.id);
    const [a, b, c] = [await createUser(), await createUser(), await createUser()];
    const kept = await triaged(owner.cookie, {}, a.id);
    const duplicate = await newIssue(b.id);
    // a supports both (counted once after the merge), c supports only the duplicate.
    await db.support.createMany({ data: [{ issueId: duplicate.id, userId: a.id }, { issueId: duplicate.id, userId: c.id }] });
    await db.issue.update({ where: { id: duplicate.id }, data: { supportCount: 3 } });
    await db.follow.createMany({ data: [{ issueId: duplicate.id, userId: b.id }, { issueId: kept.id, userId: a.id }, { issueId: duplicate.id, userId: a.id }] });

    expect(status(await partnerPost(kept.id, other.cookie, { intent: "merge", duplicateId: String(duplicate.id) }))).toBe(403);
    const self = await partnerPost(kept.id, owner.cookie, { intent: "merge", duplicateId: String(kept.id) });
    expect(errorsOf(self).duplicateId?.[0]).toBe("Een melding kan niet met zichzelf worden samengevoegd.");
    const missing = await partnerPost(kept.id, owner.cookie, { intent: "merge", duplicateId: "99999999" });
    expect(errorsOf(missing).duplicateId?.[0]).toBe("Melding 99999999 bestaat niet of is niet openbaar.");
    expect(status(await partnerPost(kept.id, owner.cookie, { intent: "merge", duplicateId: String(duplicate.id) }))).toBe(302);

    const [keptRow, duplicateRow] = await Promise.all([
      db.issue.findUniqueOrThrow({ where: { id: kept.id } }),
      db.issue.findUniqueOrThrow({ where: { id: duplicate.id } }),
    ]);
    const supporters = (await db.support.findMany({ where: { issueId: kept.id } })).map((s) => s.userId).sort();
    expect(supporters).toEqual([a.id, b.id, c.id].sort());
    expect(keptRow.supportCount).toBe(3);
    expect(duplicateRow).toMatchObject({ status: "gesloten_niet_opgelost", closeReason: "dubbele_melding", duplicateOfId: kept.id });
    const followers = (await db.follow.findMany({ where: { issueId: kept.id } })).map((f) => f.userId).sort();
    expect(followers).toEqual([a.id, b.id].sort());
    expect((await publicPage(duplicate.id)).issue.duplicateOfId).toBe(kept.id);
  });

  test("another organisation's issue cannot be merged away: a Dutch error, nothing changes", async () => {
    const owner = await partner(gemeente.id);
    const other = await partner(corporatie.id);
    const kept = await triaged(owner.cookie);
    const theirs = await triaged(other.cookie, { ownerOrganisationId: corporatie.id });
    const refused = await partnerPost(kept.id, owner.cookie, { intent: "merge", duplicateId: String(theirs.id) });
    expect(status(refused)).toBe(400);
    expect(errorsOf(refused).duplicateId?.[0]).toBe(
      `Melding ${theirs.id} is van een andere organisatie. Alleen die organisatie of een beheerder kan hem samenvoegen. Vraag het hun via een interne notitie.`,
    );
    expect(await db.issue.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ status: "getrieerd", duplicateOfId: null });
  });
});

describe("another organisation's issue is not another partner's to take or close", () => {
  test("a claimed or reopened issue: only its owner triages or closes it; others get 403 and nothing changes", async () => {
    const owner = await partner(corporatie.id);
    const other = await partner(gemeente.id);
    const claimed = await newIssue();
    expect(status(await partnerPost(claimed.id, owner.cookie, { intent: "claim", organisationId: corporatie.id }))).toBe(302);
    const close = { intent: "status", to: "gesloten_niet_opgelost", closeReason: "geen_actie_nodig", publicMessage: "Wij sluiten dit af." };
    expect(status(await partnerPost(claimed.id, other.cookie, close))).toBe(403);
    // Triaging it with themselves as owner would take it over without the hand-over.
    expect(status(await partnerPost(claimed.id, other.cookie, triageForm({ ownerOrganisationId: gemeente.id })))).toBe(403);
    expect(await db.issue.findUniqueOrThrow({ where: { id: claimed.id } })).toMatchObject({ status: "nieuw", ownerOrganisationId: corporatie.id });
    // The owner still triages (and may name another organisation as owner).
    expect(locationOf(await partnerPost(claimed.id, owner.cookie, triageForm()))).toBe(`/partner/meldingen/${claimed.id}`);
    expect(await db.issue.findUniqueOrThrow({ where: { id: claimed.id } })).toMatchObject({ status: "getrieerd", ownerOrganisationId: gemeente.id });

    const reopened = await triaged(owner.cookie, { ownerOrganisationId: corporatie.id });
    await db.issue.update({ where: { id: reopened.id }, data: { status: "heropend" } });
    expect(status(await partnerPost(reopened.id, other.cookie, close))).toBe(403);
    expect((await db.issue.findUniqueOrThrow({ where: { id: reopened.id } })).status).toBe("heropend");
    expect(status(await partnerPost(reopened.id, owner.cookie, close))).toBe(302);
  });
});

describe("reports from other systems", () => {
  test("partners see the reporter's contact details; the public never does", async () => {
    const member = await partner(gemeente.id);
    const issue = await createIssue({ reporterId: null, themeCode: THEME });
    await db.issue.update({
      where: { id: issue.id },
      data: { reporterName: "Bram Kessenbroek", reporterEmail: "bram@example.test", reporterPhone: "0612345678" },
    });
    const page = (await run(partnerLoader as Handler, `/partner/meldingen/${issue.id}`, {
      cookie: member.cookie,
      params: { id: String(issue.id) },
    })) as Awaited<ReturnType<typeof partnerLoader>>;
    expect(page.issue).toMatchObject({ reporterName: "Bram Kessenbroek", reporterEmail: "bram@example.test", reporterPhone: "0612345678" });
    const publicJson = JSON.stringify(await publicPage(issue.id));
    for (const secret of ["Kessenbroek", "bram@example.test", "0612345678"]) expect(publicJson).not.toContain(secret);
  });
});

describe("internal notes", () => {
  test("partners write notes; they never reach the public page, the map API or residents", async () => {
    const member = await partner(corporatie.id);
    const resident = await person();
    const steering = await person({ roles: ["resident", "steering"] });
    const issue = await newIssue(resident.id);
    const body = `Vertrouwelijk: buurman op nummer 12 belt vaak (${Math.random()})`;

    expect(status(await partnerPost(issue.id, resident.cookie, { intent: "note", body }))).toBe(403);
    expect(status(await partnerPost(issue.id, steering.cookie, { intent: "note", body }))).toBe(403);
    expect(status(await partnerPost(issue.id, member.cookie, { intent: "note", body: "" }))).toBe(400);
    expect(status(await partnerPost(issue.id, member.cookie, { intent: "note", body }))).toBe(302);

    const partnerView = (await run(partnerLoader as Handler, `/partner/meldingen/${issue.id}`, {
      cookie: member.cookie,
      params: { id: String(issue.id) },
    })) as Awaited<ReturnType<typeof partnerLoader>>;
    expect(partnerView.notes.map((n) => n.body)).toEqual([body]);

    for (const cookie of [undefined, resident.cookie, steering.cookie]) {
      expect(JSON.stringify(await publicPage(issue.id, cookie))).not.toContain(body);
    }
    const geojson = (await run(geojsonLoader as Handler, "/api/issues.geojson?bbox=6.0,51.3,6.3,51.45&zoom=18")) as Response;
    expect(geojson.status).toBe(200);
    expect(await geojson.text()).not.toContain("Vertrouwelijk");
  });
});

describe("werkbak at scale", () => {
  test("a list cut at 500 says how many wait in all, not '500 wachten'", async () => {
    const theme = await db.theme.findUniqueOrThrow({ where: { code: "samenleven" } });
    const { code: buurtCode } = await db.buurt.findFirstOrThrow({ select: { code: true } });
    await db.issue.createMany({
      data: Array.from({ length: 505 }, (_, i) => ({
        title: `Wachtende melding ${i}`,
        description: "Een melding die op beoordeling wacht.",
        themeId: theme.id,
        buurtCode,
        lat: 51.37,
        lng: 6.14,
        status: "nieuw",
        visibility: "public",
      })),
    });
    const member = await partner(gemeente.id);
    type Queue = Awaited<ReturnType<typeof queueLoader>>;
    const page = (await run(queueLoader as Handler, "/partner/triage?theme=samenleven", { cookie: member.cookie })) as Queue;
    expect(page.rows).toHaveLength(500);
    expect(page.cut.waiting).toEqual({ shown: 500, total: 505 });
    // A list that fits says nothing of the kind.
    const other = (await run(queueLoader as Handler, `/partner/triage?theme=${THEME}`, { cookie: member.cookie })) as Queue;
    expect(other.cut.waiting).toBeNull();
    await db.issue.deleteMany({ where: { themeId: theme.id, title: { startsWith: "Wachtende melding " } } });
  });
});
