import { beforeAll, describe, expect, test } from "vitest";
import { action, loader } from "~/routes/belangenkaart";
import { db } from "~/utils/db.server";
import { interestMap } from "~/utils/interests.server";
import { seedInterests } from "../../prisma/seed-interests";
import { createOrganisation, errorsOf, locationOf, partner, person, run, status, unique, type Handler } from "../route-utils";

type Page = Awaited<ReturnType<typeof loader>>;

const page = async (cookie?: string, search = "") =>
  run(loader as Handler, `/belangenkaart${search}`, { cookie }) as Promise<Page | Response>;
const post = (cookie: string | undefined, form: URLSearchParams | Record<string, string>) =>
  run(action as Handler, "/belangenkaart", { cookie, form });

function rowForm(target: { partyId?: string; organisationId?: string }, levels: Record<string, string>, notes: Record<string, string> = {}) {
  const form = new URLSearchParams({ intent: "save", ...target });
  for (const [themeId, level] of Object.entries(levels)) form.set(`levels.${themeId}`, level);
  for (const [themeId, note] of Object.entries(notes)) form.set(`notes.${themeId}`, note);
  return form;
}

let themes: { id: string; code: string }[];
const themeId = (code: string) => themes.find((theme) => theme.code === code)!.id;

beforeAll(async () => {
  themes = await db.theme.findMany({ where: { retiredAt: null }, select: { id: true, code: true } });
});

describe("who sees and edits the belangenkaart", () => {
  test("anonymous goes to login; residents get 403 on page and actions", async () => {
    const anonymous = await page();
    expect(locationOf(anonymous)).toContain("/inloggen");
    const resident = await person();
    expect(status(await page(resident.cookie))).toBe(403);
    expect(status(await post(resident.cookie, { intent: "add", name: "Buurtclub", kind: "bewonersgroep" }))).toBe(403);
  });

  test("partner members read but may not change anything (403 on every action)", async () => {
    const organisation = await createOrganisation();
    const member = await partner(organisation.id, "coordinator");
    const view = (await page(member.cookie, `?rij=${organisation.id}`)) as Page;
    expect(view.canEdit).toBe(false);
    expect(view.editing).toBeNull();
    // Every partner organisation is on the map, even before it has a party.
    expect(view.rows.find((row) => row.organisationId === organisation.id)).toMatchObject({ partyId: null, kind: "organisatie" });

    expect(status(await post(member.cookie, { intent: "add", name: unique("Buurtclub"), kind: "bewonersgroep" }))).toBe(403);
    expect(status(await post(member.cookie, rowForm({ organisationId: organisation.id }, { [themeId("afval")]: "hoog" })))).toBe(403);
    const party = await db.party.create({ data: { name: unique("Bewonersgroep"), kind: "bewonersgroep" } });
    expect(status(await post(member.cookie, { intent: "remove", partyId: party.id }))).toBe(403);
    expect(await db.party.count({ where: { id: party.id } })).toBe(1);
    expect(await db.party.count({ where: { organisationId: organisation.id } })).toBe(0);
  });
});

describe("the steering group edits", () => {
  test("adds a resident group, sets interests with a note, clears one, removes the party", async () => {
    const steering = await person({ roles: ["steering"] });
    const name = unique("Bewonersplatform");
    const added = await post(steering.cookie, { intent: "add", name, kind: "bewonersgroep" });
    expect(status(added)).toBe(302);
    const party = await db.party.findUniqueOrThrow({ where: { name } });
    expect(party.kind).toBe("bewonersgroep");

    const editing = (await page(steering.cookie, `?rij=${party.id}`)) as Page;
    expect(editing.canEdit).toBe(true);
    expect(editing.editing).toBe(party.id);

    const saved = await post(
      steering.cookie,
      rowForm({ partyId: party.id }, { [themeId("groen")]: "hoog", [themeId("afval")]: "laag" }, { [themeId("groen")]: "Meer bankjes." }),
    );
    expect(locationOf(saved)).toBe("/belangenkaart");
    let rows = await db.interest.findMany({ where: { partyId: party.id }, orderBy: { level: "asc" } });
    expect(rows.map((r) => [r.themeId, r.level, r.note])).toEqual([
      [themeId("groen"), "hoog", "Meer bankjes."],
      [themeId("afval"), "laag", ""],
    ]);

    await post(steering.cookie, rowForm({ partyId: party.id }, { [themeId("afval")]: "geen" }));
    rows = await db.interest.findMany({ where: { partyId: party.id } });
    expect(rows.map((r) => r.themeId)).toEqual([themeId("groen")]);
    expect(await db.auditEntry.count({ where: { action: "interests_changed" } })).toBeGreaterThanOrEqual(2);

    expect(status(await post(steering.cookie, { intent: "remove", partyId: party.id }))).toBe(302);
    expect(await db.party.count({ where: { id: party.id } })).toBe(0);
    expect(await db.interest.count({ where: { partyId: party.id } })).toBe(0);
  });

  test("saving an organisation's row creates its party; admins may edit too", async () => {
    const organisation = await createOrganisation();
    const admin = await person({ roles: ["admin"] });
    const result = await post(admin.cookie, rowForm({ organisationId: organisation.id }, { [themeId("wonen")]: "midden" }));
    expect(status(result)).toBe(302);
    const party = await db.party.findUniqueOrThrow({ where: { organisationId: organisation.id } });
    expect(party).toMatchObject({ name: organisation.name, kind: "organisatie" });
    const view = (await page(admin.cookie)) as Page;
    const row = view.rows.find((r) => r.organisationId === organisation.id)!;
    expect(row.partyId).toBe(party.id);
    expect(row.interests[themeId("wonen")]).toEqual({ level: "midden", note: "" });
  });

  test("validation: Dutch messages, status 400, nothing written", async () => {
    const steering = await person({ roles: ["steering"] });
    const empty = await post(steering.cookie, { intent: "add", name: " ", kind: "bewonersgroep" });
    expect(status(empty)).toBe(400);
    expect(errorsOf(empty).name).toEqual(["Vul de naam van de partij in."]);
    const noKind = await post(steering.cookie, { intent: "add", name: unique("Club"), kind: "vereniging" });
    expect(errorsOf(noKind).kind).toEqual(["Kies het soort partij: organisatie of bewonersgroep."]);

    const name = unique("Huurdersvereniging");
    await post(steering.cookie, { intent: "add", name, kind: "bewonersgroep" });
    const twice = await post(steering.cookie, { intent: "add", name: name.toUpperCase(), kind: "bewonersgroep" });
    expect(status(twice)).toBe(400);
    expect(errorsOf(twice).name).toEqual(["Er is al een partij met deze naam. Kies een andere naam."]);

    const party = await db.party.findUniqueOrThrow({ where: { name } });
    const badLevel = (await post(steering.cookie, rowForm({ partyId: party.id }, { [themeId("afval")]: "heel hoog" }))) as {
      data: { error: string };
      init: ResponseInit;
    };
    expect(status(badLevel)).toBe(400);
    expect(badLevel.data.error).toBe("Kies voor elk thema een belang uit de lijst.");
    const longNote = (await post(
      steering.cookie,
      rowForm({ partyId: party.id }, { [themeId("afval")]: "hoog" }, { [themeId("afval")]: "x".repeat(301) }),
    )) as { data: { error: string } };
    expect(longNote.data.error).toBe("Een toelichting mag hoogstens 300 tekens zijn.");
    const unknownTheme = (await post(steering.cookie, rowForm({ partyId: party.id }, { "bestaat-niet": "hoog" }))) as {
      data: { error: string };
    };
    expect(unknownTheme.data.error).toBe("Een van de thema's bestaat niet meer. Laad de pagina opnieuw en probeer het nog eens.");
    const unknownParty = (await post(steering.cookie, rowForm({ partyId: "bestaat-niet" }, { [themeId("afval")]: "hoog" }))) as {
      data: { error: string };
    };
    expect(unknownParty.data.error).toBe("Deze partij bestaat niet meer. Laad de pagina opnieuw.");
    expect(await db.interest.count({ where: { partyId: party.id } })).toBe(0);
    expect(status(await post(steering.cookie, { intent: "iets-anders" }))).toBe(400);
  });
});

describe("hoog belang, geen trekker", () => {
  test("a theme is flagged when a party has interest hoog and no organisation is trekker", async () => {
    const steering = await person({ roles: ["steering"] });
    const lead = await createOrganisation();
    const party = await db.party.create({ data: { name: unique("Bewonersgroep"), kind: "bewonersgroep" } });
    const jongeren = themeId("jongeren");
    const samenleven = themeId("samenleven");
    await db.partnershipRole.deleteMany({ where: { themeId: { in: [jongeren, samenleven] }, role: "trekker" } });
    await db.interest.create({ data: { partyId: party.id, themeId: jongeren, level: "hoog" } });
    await db.interest.create({ data: { partyId: party.id, themeId: samenleven, level: "midden" } });

    let view = (await page(steering.cookie)) as Page;
    expect(view.flagged).toContain(jongeren);
    // Midden without trekker is not flagged.
    expect(view.flagged).not.toContain(samenleven);
    expect(view.themes.find((theme) => theme.id === jongeren)?.trekkers).toEqual([]);

    // A bijdrager is not enough; a trekker clears the flag and is shown by name.
    await db.partnershipRole.create({ data: { organisationId: lead.id, themeId: jongeren, role: "bijdrager" } });
    expect((await interestMap()).flagged).toContain(jongeren);
    await db.partnershipRole.update({
      where: { organisationId_themeId: { organisationId: lead.id, themeId: jongeren } },
      data: { role: "trekker" },
    });
    view = (await page(steering.cookie)) as Page;
    expect(view.flagged).not.toContain(jongeren);
    expect(view.themes.find((theme) => theme.id === jongeren)?.trekkers).toEqual([lead.name]);
  });

  test("seedInterests writes parties for the organisations given and two resident groups", async () => {
    const organisation = await createOrganisation();
    const themeIds = new Map(themes.map((theme) => [theme.code, theme.id]));
    await db.$transaction((tx) => seedInterests(tx, { organisationIds: new Map([["gemeente", organisation.id]]), themeIds }));
    const parties = await db.party.findMany({
      where: { OR: [{ organisationId: organisation.id }, { kind: "bewonersgroep", name: { in: ["Bewonersplatform Vossener", "Huurdersvereniging Annakamp"] } }] },
      select: { name: true, kind: true, _count: { select: { interests: true } } },
      orderBy: { name: "asc" },
    });
    expect(parties.map((p) => p.kind).sort()).toEqual(["bewonersgroep", "bewonersgroep", "organisatie"]);
    expect(parties.every((p) => p._count.interests > 0)).toBe(true);
  });
});
