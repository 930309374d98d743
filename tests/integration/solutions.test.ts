import { describe, expect, test } from "vitest";
import { action as editAction, loader as editLoader } from "~/routes/oplossingen.$id_.bewerken";
import { action as detailAction, loader as detailLoader } from "~/routes/oplossingen.$id";
import { loader as listLoader } from "~/routes/oplossingen._index";
import { action as newAction, loader as newLoader } from "~/routes/oplossingen.nieuw";
import { db } from "~/utils/db.server";
import { applySolutions, solutionOptionsForTheme } from "~/utils/solutions.server";
import { createIssue, createUser, sessionCookieFor } from "../db-utils";
import { createOrganisation, errorsOf, partner, run, status, unique, type Handler, type Reply } from "../route-utils";

function solutionForm(fields: {
  title: string;
  organisationId: string;
  themes?: string[];
  description?: string;
  howToRequest?: string;
}) {
  const form = new URLSearchParams({
    title: fields.title,
    description: fields.description ?? "Buren helpen elkaar met klussen, met begeleiding van het buurtteam.",
    howToRequest: fields.howToRequest ?? "",
    responsibleOrganisationId: fields.organisationId,
  });
  for (const theme of fields.themes ?? ["samenleven"]) form.append("themes", theme);
  return form;
}

async function createViaAction(cookie: string, fields: Parameters<typeof solutionForm>[0]) {
  const result = await run(newAction as Handler, "/oplossingen/nieuw", { cookie, form: solutionForm(fields) });
  expect(status(result)).toBe(302);
  const location = (result as Response).headers.get("Location")!;
  expect(location).toMatch(/^\/oplossingen\/[a-z0-9]+$/);
  return location.split("/").pop()!;
}

async function viewSolution(id: string, cookie?: string) {
  return (await detailLoader({
    request: new Request(`http://localhost/oplossingen/${id}`, { headers: cookie ? { Cookie: cookie } : {} }),
    params: { id },
    context: {},
  })) as Awaited<ReturnType<typeof detailLoader>>;
}

async function listSolutions(search = "") {
  return (await listLoader({
    request: new Request(`http://localhost/oplossingen${search}`),
    params: {},
    context: {},
  })) as Awaited<ReturnType<typeof listLoader>>;
}

describe("creating a solution", () => {
  test("logged out: the form sends you to the login page", async () => {
    const result = await run(newLoader as Handler, "/oplossingen/nieuw?titel=x");
    expect(status(result)).toBe(302);
    expect((result as Response).headers.get("Location")).toBe(
      "/inloggen?redirectTo=%2Foplossingen%2Fnieuw%3Ftitel%3Dx",
    );
  });

  test("a resident gets 403 for the form and the action; nothing is stored", async () => {
    const organisation = await createOrganisation();
    const resident = await createUser({ roles: ["resident"] });
    const cookie = await sessionCookieFor(resident.id);
    expect(status(await run(newLoader as Handler, "/oplossingen/nieuw", { cookie }))).toBe(403);
    const title = unique("Burenhulp via de buurtapp");
    const result = await run(newAction as Handler, "/oplossingen/nieuw", {
      cookie,
      form: solutionForm({ title, organisationId: organisation.id }),
    });
    expect(status(result)).toBe(403);
    expect(await db.solution.count({ where: { title } })).toBe(0);
  });

  test("a partner creates a solution for their own organisation", async () => {
    const organisation = await createOrganisation();
    const member = await partner(organisation.id);
    const title = unique("Grofvuil gratis laten ophalen");
    const id = await createViaAction(member.cookie, {
      title: `  ${title}  `,
      organisationId: organisation.id,
      themes: ["afval", "wonen", "afval"],
      description: "Eerste regel.\n\n  Tweede regel, ingesprongen.",
      howToRequest: "Bel 077 000 0000.",
    });
    const stored = await db.solution.findUniqueOrThrow({
      where: { id },
      select: {
        title: true,
        description: true,
        howToRequest: true,
        responsibleOrganisationId: true,
        createdById: true,
        themes: { select: { theme: { select: { code: true } } } },
      },
    });
    expect(stored).toMatchObject({
      title,
      description: "Eerste regel.\n\n  Tweede regel, ingesprongen.",
      howToRequest: "Bel 077 000 0000.",
      responsibleOrganisationId: organisation.id,
      createdById: member.id,
    });
    expect(stored.themes.map((link) => link.theme.code).sort()).toEqual(["afval", "wonen"]);

    const page = await viewSolution(id);
    expect(page.solution).toMatchObject({ title, organisationName: organisation.name });
    expect(page.canEdit).toBe(false);
    expect((await viewSolution(id, member.cookie)).canEdit).toBe(true);
    expect(await db.auditEntry.count({ where: { action: "solution_created", actorId: member.id } })).toBe(1);
  });

  test("the form offers only the partner's own organisations and active themes", async () => {
    const own = await createOrganisation();
    await createOrganisation();
    const retired = await db.theme.create({
      data: { code: unique("oud").replace(/[^a-z0-9]+/g, "-"), name: "Oud thema", retiredAt: new Date() },
    });
    const member = await partner(own.id);
    const form = (await run(newLoader as Handler, "/oplossingen/nieuw", { cookie: member.cookie })) as Awaited<
      ReturnType<typeof newLoader>
    >;
    expect(form.organisations).toEqual([{ id: own.id, name: own.name }]);
    expect(form.defaultValue.responsibleOrganisationId).toBe(own.id);
    expect(form.themes.map((theme) => theme.code)).toContain("afval");
    expect(form.themes.map((theme) => theme.code)).not.toContain(retired.code);

    const title = unique("Met een oud thema");
    const result = await run(newAction as Handler, "/oplossingen/nieuw", {
      cookie: member.cookie,
      form: solutionForm({ title, organisationId: own.id, themes: [retired.code] }),
    });
    expect(status(result)).toBe(400);
    expect(errorsOf(result).themes).toEqual(["Kies thema's uit de lijst."]);
    expect(await db.solution.count({ where: { title } })).toBe(0);
  });

  test("query parameters fill in the form (triage: 'Maak hiervan een oplossing')", async () => {
    const member = await partner((await createOrganisation()).id);
    const search = new URLSearchParams({ titel: "Lantaarnpaal kapot", omschrijving: "Regel 1\nRegel 2" });
    search.append("thema", "verlichting");
    search.append("thema", "bestaat-niet");
    const form = (await run(newLoader as Handler, `/oplossingen/nieuw?${search}`, {
      cookie: member.cookie,
    })) as Awaited<ReturnType<typeof newLoader>>;
    expect(form.defaultValue).toMatchObject({
      title: "Lantaarnpaal kapot",
      description: "Regel 1\nRegel 2",
      themes: ["verlichting"],
    });
  });

  test("a partner cannot make another organisation responsible; nothing is stored", async () => {
    const own = await createOrganisation();
    const other = await createOrganisation();
    const member = await partner(own.id);
    const title = unique("Voor een ander opgeschreven");
    const result = await run(newAction as Handler, "/oplossingen/nieuw", {
      cookie: member.cookie,
      form: solutionForm({ title, organisationId: other.id }),
    });
    expect(status(result)).toBe(400);
    expect(errorsOf(result).responsibleOrganisationId).toEqual(["Kies een organisatie waar je zelf bij werkt."]);
    expect(await db.solution.count({ where: { title } })).toBe(0);
  });

  test("bad input answers 400 with Dutch messages and keeps what was typed", async () => {
    const organisation = await createOrganisation();
    const member = await partner(organisation.id);
    const form = new URLSearchParams({
      title: "Kort",
      description: "te kort",
      howToRequest: "x".repeat(2001),
      responsibleOrganisationId: "",
    });
    const result = await run(newAction as Handler, "/oplossingen/nieuw", { cookie: member.cookie, form });
    expect(status(result)).toBe(400);
    expect(errorsOf(result)).toMatchObject({
      title: ["Schrijf een titel van minstens 5 tekens."],
      description: ["Schrijf een omschrijving van minstens 10 tekens."],
      howToRequest: ["Maak de tekst korter: hoogstens 2.000 tekens."],
      themes: ["Kies minstens één thema."],
      responsibleOrganisationId: ["Kies de verantwoordelijke organisatie."],
    });
    expect((result as Reply).data.initialValue).toMatchObject({ title: "Kort", description: "te kort" });

    const long = await run(newAction as Handler, "/oplossingen/nieuw", {
      cookie: member.cookie,
      form: solutionForm({ title: "x".repeat(121), organisationId: organisation.id, themes: ["Geen Code!"] }),
    });
    expect(status(long)).toBe(400);
    expect(errorsOf(long)).toMatchObject({ title: ["Maak de titel korter: hoogstens 120 tekens."] });
    expect(await db.solution.count({ where: { responsibleOrganisationId: organisation.id } })).toBe(0);
  });

  test("a body that is no form is a 400, never a 500", async () => {
    const member = await partner((await createOrganisation()).id);
    const request = new Request("http://localhost/oplossingen/nieuw", {
      method: "POST",
      body: "\u0000\u0001",
      headers: { "Content-Type": "multipart/form-data", Cookie: member.cookie },
    });
    const result = await newAction({ request, params: {}, context: {} }).catch((thrown: unknown) => thrown);
    expect(status(result)).toBe(400);
  });
});

describe("editing and deleting a solution", () => {
  async function setUp() {
    const responsible = await createOrganisation();
    const other = await createOrganisation();
    const author = await partner(responsible.id);
    const title = unique("Buurtbemiddeling bij burenruzie");
    const id = await createViaAction(author.cookie, {
      title,
      organisationId: responsible.id,
      themes: ["overlast"],
    });
    return { responsible, other, author, title, id };
  }

  test("a member of another organisation cannot edit: 403, nothing changes", async () => {
    const { other, title, id } = await setUp();
    const outsider = await partner(other.id);
    const path = `/oplossingen/${id}/bewerken`;
    expect(status(await run(editLoader as Handler, path, { cookie: outsider.cookie, params: { id } }))).toBe(403);
    const result = await run(editAction as Handler, path, {
      cookie: outsider.cookie,
      params: { id },
      form: solutionForm({ title: "Overgenomen door een ander", organisationId: other.id }),
    });
    expect(status(result)).toBe(403);
    const stored = await db.solution.findUniqueOrThrow({ where: { id }, select: { title: true } });
    expect(stored.title).toBe(title);
    const resident = await sessionCookieFor((await createUser()).id);
    expect(status(await run(editLoader as Handler, path, { cookie: resident, params: { id } }))).toBe(403);
  });

  test("a member of the responsible organisation edits it", async () => {
    const { responsible, id } = await setUp();
    const colleague = await partner(responsible.id);
    const path = `/oplossingen/${id}/bewerken`;
    const form = (await run(editLoader as Handler, path, { cookie: colleague.cookie, params: { id } })) as Awaited<
      ReturnType<typeof editLoader>
    >;
    expect(form.defaultValue.themes).toEqual(["overlast"]);
    const result = await run(editAction as Handler, path, {
      cookie: colleague.cookie,
      params: { id },
      form: solutionForm({
        title: "Buurtbemiddeling: gratis en onpartijdig",
        organisationId: responsible.id,
        themes: ["overlast", "samenleven"],
        howToRequest: "Mail naar bemiddeling@example.test",
      }),
    });
    expect(status(result)).toBe(302);
    expect((result as Response).headers.get("Location")).toBe(`/oplossingen/${id}`);
    const page = await viewSolution(id);
    expect(page.solution.title).toBe("Buurtbemiddeling: gratis en onpartijdig");
    expect(page.solution.howToRequest).toBe("Mail naar bemiddeling@example.test");
    expect(page.solution.themes.map((theme) => theme.code).sort()).toEqual(["overlast", "samenleven"]);

    // Also an editor may not hand the solution to an organisation they do not belong to.
    const other = await createOrganisation();
    const refused = await run(editAction as Handler, path, {
      cookie: colleague.cookie,
      params: { id },
      form: solutionForm({ title: "Nu van een ander", organisationId: other.id }),
    });
    expect(status(refused)).toBe(400);
    expect((await db.solution.findUniqueOrThrow({ where: { id } })).responsibleOrganisationId).toBe(responsible.id);
  });

  test("an admin edits any solution and may choose any organisation", async () => {
    const { other, id } = await setUp();
    const admin = await createUser({ roles: ["resident", "admin"] });
    const cookie = await sessionCookieFor(admin.id);
    const path = `/oplossingen/${id}/bewerken`;
    const form = (await run(editLoader as Handler, path, { cookie, params: { id } })) as Awaited<
      ReturnType<typeof editLoader>
    >;
    expect(form.organisations.map((o) => o.id)).toContain(other.id);
    const result = await run(editAction as Handler, path, {
      cookie,
      params: { id },
      form: solutionForm({ title: "Overgedragen door de beheerder", organisationId: other.id }),
    });
    expect(status(result)).toBe(302);
    const stored = await db.solution.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ title: "Overgedragen door de beheerder", responsibleOrganisationId: other.id });
  });

  test("soft delete: gone from list and page (404), the issue links stay", async () => {
    const { other, author, title, id } = await setUp();
    const issue = await createIssue({ reporterId: null, themeCode: "overlast" });
    await db.$transaction((tx) => applySolutions(tx, issue.id, [id], null));

    // Only an editor may delete, and only through the confirmation step's form.
    const outsider = await partner(other.id);
    const path = `/oplossingen/${id}`;
    expect((await viewSolution(id, outsider.cookie)).confirmDelete).toBe(false);
    const confirm = (await detailLoader({
      request: new Request(`http://localhost${path}?verwijderen=1`, { headers: { Cookie: author.cookie } }),
      params: { id },
      context: {},
    })) as Awaited<ReturnType<typeof detailLoader>>;
    expect(confirm.confirmDelete).toBe(true);
    expect(
      status(
        await run(detailAction as Handler, path, {
          cookie: outsider.cookie,
          params: { id },
          form: { intent: "delete" },
        }),
      ),
    ).toBe(403);
    expect(
      status(
        await run(detailAction as Handler, path, { cookie: author.cookie, params: { id }, form: { intent: "nee" } }),
      ),
    ).toBe(400);
    expect((await db.solution.findUniqueOrThrow({ where: { id } })).deletedAt).toBeNull();

    const result = await run(detailAction as Handler, path, {
      cookie: author.cookie,
      params: { id },
      form: { intent: "delete" },
    });
    expect(status(result)).toBe(302);
    expect((result as Response).headers.get("Location")).toBe("/oplossingen");

    expect((await db.solution.findUniqueOrThrow({ where: { id } })).deletedAt).toBeInstanceOf(Date);
    expect((await listSolutions()).solutions.map((s) => s.title)).not.toContain(title);
    await expect(viewSolution(id)).rejects.toMatchObject({ status: 404 });
    await expect(viewSolution(id, author.cookie)).rejects.toMatchObject({ status: 404 });
    expect(
      status(await run(editLoader as Handler, `${path}/bewerken`, { cookie: author.cookie, params: { id } })),
    ).toBe(404);
    expect(
      status(
        await run(detailAction as Handler, path, { cookie: author.cookie, params: { id }, form: { intent: "delete" } }),
      ),
    ).toBe(404);
    expect(await db.issueSolution.count({ where: { solutionId: id, issueId: issue.id } })).toBe(1);
    expect((await solutionOptionsForTheme(issue.themeId)).map((o) => o.id)).not.toContain(id);
  });

  test("unknown ids are 404, never 500", async () => {
    await expect(viewSolution("bestaat-niet")).rejects.toMatchObject({ status: 404 });
    await expect(viewSolution("x".repeat(500))).rejects.toMatchObject({ status: 404 });
  });
});

describe("the list and the applied issues", () => {
  test("the applied-issues list and count never show hidden or unconfirmed issues", async () => {
    const organisation = await createOrganisation();
    const member = await partner(organisation.id);
    const title = unique("Extra lege van de glasbak");
    const id = await createViaAction(member.cookie, { title, organisationId: organisation.id, themes: ["afval"] });
    const visible = await createIssue({ reporterId: null, themeCode: "afval", title: "Glasbak vol (openbaar)" });
    const hidden = await createIssue({
      reporterId: null,
      themeCode: "afval",
      visibility: "hidden",
      title: "Verborgen",
    });
    const unconfirmed = await createIssue({
      reporterId: null,
      themeCode: "afval",
      visibility: "unconfirmed",
      title: "Niet bevestigd",
    });
    await db.$transaction((tx) => applySolutions(tx, visible.id, [id], null));
    await db.$transaction((tx) => applySolutions(tx, hidden.id, [id], null));
    await db.$transaction((tx) => applySolutions(tx, unconfirmed.id, [id], null));

    const page = await viewSolution(id, member.cookie);
    expect(page.applied.map((issue) => issue.id)).toEqual([visible.id]);
    expect(page.appliedTotal).toBe(1);
    expect(JSON.stringify(page)).not.toContain("Verborgen");
    expect(JSON.stringify(page)).not.toContain("Niet bevestigd");
    const listed = (await listSolutions()).solutions.find((s) => s.id === id);
    expect(listed?.appliedCount).toBe(1);
  });

  test("the list filters by theme and shows theme, organisation and a short description", async () => {
    const organisation = await createOrganisation();
    const member = await partner(organisation.id);
    const green = unique("Geveltuin aanleggen");
    const traffic = unique("Snelheidsdisplay lenen");
    await createViaAction(member.cookie, {
      title: green,
      organisationId: organisation.id,
      themes: ["groen"],
      description: "Een geveltuin ".repeat(60),
    });
    await createViaAction(member.cookie, { title: traffic, organisationId: organisation.id, themes: ["verkeer"] });

    const filtered = await listSolutions("?thema=groen");
    expect(filtered.themeCode).toBe("groen");
    const titles = filtered.solutions.map((s) => s.title);
    expect(titles).toContain(green);
    expect(titles).not.toContain(traffic);
    const card = filtered.solutions.find((s) => s.title === green)!;
    expect(card).toMatchObject({ organisationName: organisation.name, appliedCount: 0 });
    expect(card.themes).toEqual([{ code: "groen", name: expect.any(String) }]);
    expect(card.summary.length).toBeLessThanOrEqual(221);
    expect(card.summary.endsWith("…")).toBe(true);

    const all = await listSolutions("?thema=%3Cscript%3E");
    expect(all.themeCode).toBeNull();
    expect(all.solutions.map((s) => s.title)).toEqual(expect.arrayContaining([green, traffic]));
    expect(all.canCreate).toBe(false);
    const asPartner = (await listLoader({
      request: new Request("http://localhost/oplossingen", { headers: { Cookie: member.cookie } }),
      params: {},
      context: {},
    })) as Awaited<ReturnType<typeof listLoader>>;
    expect(asPartner.canCreate).toBe(true);
  });
});

describe("helpers for the triage form", () => {
  test("solutionOptionsForTheme lists the theme's solutions first, then the others", async () => {
    const organisation = await createOrganisation();
    const member = await partner(organisation.id);
    const youth = await createViaAction(member.cookie, {
      title: unique("Zzz jongerenwerk op straat"),
      organisationId: organisation.id,
      themes: ["jongeren"],
    });
    const other = await createViaAction(member.cookie, {
      title: unique("Aaa andere aanpak"),
      organisationId: organisation.id,
      themes: ["verkeer"],
    });
    const theme = await db.theme.findUniqueOrThrow({ where: { code: "jongeren" }, select: { id: true } });
    const options = await solutionOptionsForTheme(theme.id);
    const ids = options.map((o) => o.id);
    expect(ids.indexOf(youth)).toBeLessThan(ids.indexOf(other));
    expect(options.find((o) => o.id === youth)).toMatchObject({
      organisationName: organisation.name,
      matchesTheme: true,
    });
    expect(options.find((o) => o.id === other)?.matchesTheme).toBe(false);
    const firstOther = options.findIndex((o) => !o.matchesTheme);
    expect(options.slice(firstOther).every((o) => !o.matchesTheme)).toBe(true);
  });

  test("applySolutions is idempotent and skips unknown and deleted solutions", async () => {
    const organisation = await createOrganisation();
    const member = await partner(organisation.id);
    const first = await createViaAction(member.cookie, { title: unique("Eerste"), organisationId: organisation.id });
    const deleted = await createViaAction(member.cookie, { title: unique("Weg"), organisationId: organisation.id });
    await db.solution.update({ where: { id: deleted }, data: { deletedAt: new Date() } });
    const issue = await createIssue({ reporterId: null });

    const applied = await db.$transaction((tx) =>
      applySolutions(tx, issue.id, [first, first, deleted, "bestaat-niet"], null),
    );
    expect(applied).toEqual([first]);
    expect(await db.$transaction((tx) => applySolutions(tx, issue.id, [first], null))).toEqual([first]);
    expect(await db.$transaction((tx) => applySolutions(tx, issue.id, [], null))).toEqual([]);
    const rows = await db.issueSolution.findMany({ where: { issueId: issue.id }, select: { solutionId: true } });
    expect(rows).toEqual([{ solutionId: first }]);
  });
});

describe("a new approach from a triage becomes a solution", () => {
  test("the issues whose triage chose it are linked (only those this partner may speak for); the solution lists them", async () => {
    const organisation = await createOrganisation(unique("Welzijn Koppel"));
    const other = await createOrganisation(unique("Corporatie Koppel"));
    const member = await partner(organisation.id);
    const outsider = await partner(other.id);
    const reporter = await createUser();
    const decide = async (approach: string) => {
      const issue = await createIssue({ reporterId: reporter.id, themeCode: "samenleven", status: "getrieerd" });
      await db.triageDecision.create({
        data: {
          issueId: issue.id,
          actorId: member.id,
          ownerOrganisationId: organisation.id,
          nature: "structureel",
          rationale: "Komt vaker voor.",
          scope: "deze_buurt",
          approach,
          newApproach: approach === "nieuwe_aanpak" ? "Een buurtavond over eenzaamheid." : null,
          publicMessage: "We pakken dit op.",
        },
      });
      return issue;
    };
    const first = await decide("nieuwe_aanpak");
    const second = await decide("nieuwe_aanpak");
    const existing = await decide("bestaande_oplossing");
    const ids = [first.id, second.id, existing.id].join(",");

    const page = (await run(newLoader as Handler, `/oplossingen/nieuw?melding=${ids}`, { cookie: member.cookie })) as Awaited<
      ReturnType<typeof newLoader>
    >;
    expect(page.linkedIssues.map((issue) => issue.id)).toEqual([first.id, second.id]);
    // Another organisation's partner gets no link to decisions that are not theirs.
    const outsiderPage = (await run(newLoader as Handler, `/oplossingen/nieuw?melding=${ids}`, { cookie: outsider.cookie })) as Awaited<
      ReturnType<typeof newLoader>
    >;
    expect(outsiderPage.linkedIssues).toEqual([]);

    const form = solutionForm({ title: unique("Buurtavond eenzaamheid"), organisationId: organisation.id });
    for (const id of [first.id, second.id, existing.id]) form.append("melding", String(id));
    const result = await run(newAction as Handler, "/oplossingen/nieuw", { cookie: member.cookie, form });
    expect(status(result)).toBe(302);
    const solutionId = (result as Response).headers.get("Location")!.split("/").pop()!;
    const links = await db.issueSolution.findMany({ where: { solutionId }, orderBy: { issueId: "asc" } });
    expect(links.map((link) => link.issueId)).toEqual([first.id, second.id]);
    expect(links.every((link) => link.triageDecisionId !== null)).toBe(true);
    const view = await viewSolution(solutionId, member.cookie);
    expect(JSON.stringify(view)).toContain(first.title);

    // After a hand-over the organisation that has the issue now speaks for it, not the former one.
    const handedOver = await decide("nieuwe_aanpak");
    await db.issue.update({ where: { id: handedOver.id }, data: { ownerOrganisationId: other.id } });
    const colleague = await partner(organisation.id);
    const linkable = async (cookie: string) =>
      ((await run(newLoader as Handler, `/oplossingen/nieuw?melding=${handedOver.id}`, { cookie })) as Awaited<ReturnType<typeof newLoader>>)
        .linkedIssues.map((issue) => issue.id);
    expect(await linkable(colleague.cookie)).toEqual([]);
    expect(await linkable(outsider.cookie)).toEqual([handedOver.id]);
  });
});
