import { describe, expect, test } from "vitest";
import type { Role } from "~/domain/permissions";
import { loader as layoutLoader } from "~/routes/admin";
import { loader as overviewLoader } from "~/routes/admin._index";
import { action as settingsAction, loader as settingsLoader } from "~/routes/admin.instellingen";
import { action as personAction, loader as personLoader } from "~/routes/admin.mensen.$id";
import { loader as peopleLoader } from "~/routes/admin.mensen._index";
import { action as organisationAction, loader as organisationLoader } from "~/routes/admin.organisaties.$id";
import { action as organisationsAction, loader as organisationsLoader } from "~/routes/admin.organisaties._index";
import { action as themeAction, loader as themeLoader } from "~/routes/admin.themas.$id";
import { action as themesAction, loader as themesLoader } from "~/routes/admin.themas._index";
import { db } from "~/utils/db.server";
import { getSettings } from "~/utils/settings.server";
import { activeThemes } from "~/utils/themes.server";
import { createIssue, createUser } from "../db-utils";
import { createOrganisation, errorsOf, person, run, status, unique, type Handler } from "../route-utils";

const location = (result: unknown) => (result as Response).headers.get("Location");
const userWithCookie = (roles: Role[] = ["resident"]) => person({ roles });

async function auditCount() {
  return db.auditEntry.count();
}

describe("access: admins only", () => {
  test("logged out: every page and action sends you to the login page", async () => {
    const organisation = await createOrganisation();
    const cases: [Handler, string, Record<string, string>?, Record<string, string>?][] = [
      [layoutLoader as Handler, "/admin"],
      [overviewLoader as Handler, "/admin"],
      [organisationsLoader as Handler, "/admin/organisaties"],
      [organisationsAction as Handler, "/admin/organisaties", { intent: "create", name: "X", type: "overig" }],
      [organisationLoader as Handler, `/admin/organisaties/${organisation.id}`, undefined, { id: organisation.id }],
      [peopleLoader as Handler, "/admin/mensen?q=a"],
      [themesLoader as Handler, "/admin/themas"],
      [settingsLoader as Handler, "/admin/instellingen"],
      [settingsAction as Handler, "/admin/instellingen", { triageTargetDays: "3" }],
    ];
    for (const [handler, path, form, params] of cases) {
      const result = await run(handler, path, { form, params });
      expect(status(result), path).toBe(302);
      expect(location(result)).toBe(`/inloggen?redirectTo=${encodeURIComponent(path)}`);
    }
  });

  test("residents, partners, coordinators, steering and moderators get 403 on every loader and action", async () => {
    const organisation = await createOrganisation();
    const target = await createUser({ roles: ["resident"] });
    const theme = await db.theme.findFirstOrThrow({ where: { code: "afval" }, select: { id: true, name: true } });
    const resident = await userWithCookie(["resident"]);
    const member = await userWithCookie(["resident"]);
    await db.membership.create({ data: { userId: member.id, organisationId: organisation.id, role: "member" } });
    const coordinator = await userWithCookie(["resident"]);
    await db.membership.create({
      data: { userId: coordinator.id, organisationId: organisation.id, role: "coordinator" },
    });
    const steering = await userWithCookie(["resident", "steering"]);
    const moderator = await userWithCookie(["moderator"]);

    const org = { id: organisation.id };
    const person = { id: target.id };
    const themeParams = { id: theme.id };
    const loaders: [Handler, string, Record<string, string>?][] = [
      [layoutLoader as Handler, "/admin"],
      [overviewLoader as Handler, "/admin"],
      [organisationsLoader as Handler, "/admin/organisaties"],
      [organisationLoader as Handler, `/admin/organisaties/${org.id}`, org],
      [peopleLoader as Handler, "/admin/mensen"],
      [personLoader as Handler, `/admin/mensen/${person.id}`, person],
      [themesLoader as Handler, "/admin/themas"],
      [themeLoader as Handler, `/admin/themas/${theme.id}`, themeParams],
      [settingsLoader as Handler, "/admin/instellingen"],
    ];
    const actions: [Handler, string, Record<string, string>, Record<string, string>?][] = [
      [
        organisationsAction as Handler,
        "/admin/organisaties",
        { intent: "create", name: unique("Nieuw"), type: "overig" },
      ],
      [organisationAction as Handler, "/x", { intent: "update", name: unique("Andere naam"), type: "gemeente" }, org],
      [organisationAction as Handler, "/x", { intent: "addMember", email: target.email, role: "coordinator" }, org],
      [organisationAction as Handler, "/x", { intent: "setRole", userId: member.id, role: "coordinator" }, org],
      [organisationAction as Handler, "/x", { intent: "removeMember", userId: member.id }, org],
      [personAction as Handler, "/x", { intent: "roles", roles: "admin" }, person],
      [personAction as Handler, "/x", { intent: "addMembership", organisationId: org.id, role: "member" }, person],
      [personAction as Handler, "/x", { intent: "setRole", organisationId: org.id, role: "coordinator" }, person],
      [personAction as Handler, "/x", { intent: "removeMembership", organisationId: org.id }, person],
      [themesAction as Handler, "/admin/themas", { intent: "create", code: "nieuwthema", name: "Nieuw thema" }],
      [themesAction as Handler, "/admin/themas", { intent: "retire", themeId: theme.id }],
      [themesAction as Handler, "/admin/themas", { intent: "unretire", themeId: theme.id }],
      [themeAction as Handler, "/x", { intent: "update", name: "Gekaapt" }, themeParams],
      [themeAction as Handler, "/x", { intent: "retire", themeId: theme.id }, themeParams],
      [
        settingsAction as Handler,
        "/admin/instellingen",
        { triageTargetDays: "1", resolutionTargetDays: "1", agendaSupportThreshold: "1", reopenWindowDays: "1" },
      ],
    ];

    const auditBefore = await auditCount();
    for (const actor of [resident, member, coordinator, steering, moderator]) {
      for (const [handler, path, params] of loaders) {
        expect(status(await run(handler, path, { cookie: actor.cookie, params })), `${path} as ${actor.name}`).toBe(
          403,
        );
      }
      for (const [handler, path, form, params] of actions) {
        const result = await run(handler, path, { cookie: actor.cookie, form, params });
        expect(status(result), `${path} ${form.intent ?? ""} as ${actor.name}`).toBe(403);
      }
    }
    // Nothing changed.
    expect(await auditCount()).toBe(auditBefore);
    expect(await db.organisation.findUniqueOrThrow({ where: { id: org.id }, select: { name: true } })).toEqual({
      name: organisation.name,
    });
    expect(await db.membership.count({ where: { organisationId: org.id } })).toBe(2);
    expect(await db.userRole.count({ where: { userId: target.id, role: "admin" } })).toBe(0);
    expect(
      await db.theme.findUniqueOrThrow({ where: { id: theme.id }, select: { name: true, retiredAt: true } }),
    ).toEqual({ name: theme.name, retiredAt: null });
    expect(await db.theme.count({ where: { code: "nieuwthema" } })).toBe(0);
    expect((await getSettings()).triageTargetDays).toBe(5);
  });

  test("an admin sees the overview with counts", async () => {
    const admin = await userWithCookie(["resident", "admin"]);
    expect(status(await run(layoutLoader as Handler, "/admin", { cookie: admin.cookie }))).toBe(200);
    const overview = (await run(overviewLoader as Handler, "/admin", { cookie: admin.cookie })) as Awaited<
      ReturnType<typeof overviewLoader>
    >;
    expect(overview.counts.admins).toBeGreaterThanOrEqual(1);
    expect(overview.counts.activeThemes).toBeGreaterThanOrEqual(9);
  });
});

describe("organisations", () => {
  test("an admin adds an organisation and lands on its page", async () => {
    const admin = await userWithCookie(["admin"]);
    const name = unique("Buurtteam Blerick");
    const result = await run(organisationsAction as Handler, "/admin/organisaties", {
      cookie: admin.cookie,
      form: {
        intent: "create",
        name: `  ${name} `,
        type: "bewonersondersteuning",
        contactEmail: "Info@Buurtteam.TEST",
      },
    });
    expect(status(result)).toBe(302);
    const stored = await db.organisation.findUniqueOrThrow({
      where: { name },
      select: { id: true, type: true, contactEmail: true },
    });
    expect(stored).toMatchObject({ type: "bewonersondersteuning", contactEmail: "info@buurtteam.test" });
    expect(location(result)).toBe(`/admin/organisaties/${stored.id}`);
    expect(await db.auditEntry.count({ where: { action: "organisation_created", actorId: admin.id } })).toBe(1);

    const list = (await run(organisationsLoader as Handler, "/admin/organisaties", {
      cookie: admin.cookie,
    })) as Awaited<ReturnType<typeof organisationsLoader>>;
    expect(list.organisations.find((o) => o.id === stored.id)).toMatchObject({ name, members: 0 });
  });

  test("invalid input: Dutch messages next to the fields, status 400, nothing stored", async () => {
    const admin = await userWithCookie(["admin"]);
    const before = await db.organisation.count();
    const result = await run(organisationsAction as Handler, "/admin/organisaties", {
      cookie: admin.cookie,
      form: { intent: "create", name: "   ", type: "bank", contactEmail: "geen-email" },
    });
    expect(status(result)).toBe(400);
    expect(errorsOf(result)).toMatchObject({
      name: ["Vul de naam van de organisatie in."],
      type: ["Kies het soort organisatie."],
      contactEmail: ["Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."],
    });
    expect(await db.organisation.count()).toBe(before);
  });

  test("a name that is already taken (also in other capitals) is refused", async () => {
    const admin = await userWithCookie(["admin"]);
    const existing = await createOrganisation(unique("Woonstichting Maas"));
    const result = await run(organisationsAction as Handler, "/admin/organisaties", {
      cookie: admin.cookie,
      form: { intent: "create", name: existing.name.toUpperCase(), type: "corporatie" },
    });
    expect(status(result)).toBe(400);
    expect(errorsOf(result).name).toEqual(["Er is al een organisatie met deze naam. Kies een andere naam."]);
  });

  test("an unknown intent is a bad request, not a 500", async () => {
    const admin = await userWithCookie(["admin"]);
    const result = await run(organisationsAction as Handler, "/admin/organisaties", {
      cookie: admin.cookie,
      form: { intent: "drop" },
    });
    expect(status(result)).toBe(400);
  });

  test("edit details; a missing organisation is 404", async () => {
    const admin = await userWithCookie(["admin"]);
    const organisation = await createOrganisation();
    const params = { id: organisation.id };
    const newName = unique("Politie Limburg, team Venlo");
    const saved = await run(organisationAction as Handler, "/x", {
      cookie: admin.cookie,
      params,
      form: { intent: "update", name: newName, type: "politie", contactEmail: "" },
    });
    expect(status(saved)).toBe(302);
    expect(
      await db.organisation.findUniqueOrThrow({ where: { id: organisation.id }, select: { name: true, type: true } }),
    ).toEqual({ name: newName, type: "politie" });

    const invalid = await run(organisationAction as Handler, "/x", {
      cookie: admin.cookie,
      params,
      form: { intent: "update", name: "x".repeat(101), type: "politie" },
    });
    expect(status(invalid)).toBe(400);
    expect((invalid as { data: { intent: string } }).data.intent).toBe("update");
    expect(errorsOf(invalid).name).toEqual(["De naam mag hoogstens 100 tekens zijn."]);

    expect(
      status(await run(organisationLoader as Handler, "/x", { cookie: admin.cookie, params: { id: "bestaatniet" } })),
    ).toBe(404);
    expect(
      status(await run(organisationLoader as Handler, "/x", { cookie: admin.cookie, params: { id: "../etc" } })),
    ).toBe(404);
  });

  test("members: add by email, change the role, remove", async () => {
    const admin = await userWithCookie(["admin"]);
    const organisation = await createOrganisation();
    const person = await createUser();
    const params = { id: organisation.id };
    const post = (form: Record<string, string>) =>
      run(organisationAction as Handler, "/x", { cookie: admin.cookie, params, form });

    const unknown = await post({ intent: "addMember", email: "niemand@example.test", role: "member" });
    expect(status(unknown)).toBe(400);
    expect(errorsOf(unknown).email).toEqual([
      "Er is geen account met dit e-mailadres. Vraag de persoon eerst een account te maken.",
    ]);
    const noRole = await post({ intent: "addMember", email: person.email });
    expect(status(noRole)).toBe(400);
    expect(errorsOf(noRole).role).toEqual(["Kies een rol: professional of coördinator."]);

    expect(status(await post({ intent: "addMember", email: person.email.toUpperCase(), role: "member" }))).toBe(302);
    const again = await post({ intent: "addMember", email: person.email, role: "member" });
    expect(status(again)).toBe(400);
    expect(errorsOf(again).email).toEqual(["Deze persoon is al lid van deze organisatie."]);

    expect(status(await post({ intent: "setRole", userId: person.id, role: "coordinator" }))).toBe(302);
    const page = (await run(organisationLoader as Handler, "/x", { cookie: admin.cookie, params })) as Awaited<
      ReturnType<typeof organisationLoader>
    >;
    expect(page.members).toEqual([{ id: person.id, name: person.name, email: person.email, role: "coordinator" }]);

    expect(status(await post({ intent: "removeMember", userId: person.id }))).toBe(302);
    expect(await db.membership.count({ where: { organisationId: organisation.id } })).toBe(0);
    const stale = await post({ intent: "removeMember", userId: person.id });
    expect(status(stale)).toBe(400);
    expect(Object.values(errorsOf(stale)).flat()).toContain(
      "Deze persoon is geen lid (meer) van deze organisatie. Laad de pagina opnieuw.",
    );
    expect(
      await db.auditEntry.count({
        where: {
          actorId: admin.id,
          action: { in: ["membership_added", "membership_role_changed", "membership_removed"] },
        },
      }),
    ).toBe(3);
  });
});

describe("people", () => {
  test("search by name or email, with pages", async () => {
    const admin = await userWithCookie(["admin"]);
    const person = await createUser({ name: "Fenna Zoekbaar-Vossenakker" });
    await db.membership.create({ data: { userId: person.id, organisationId: (await createOrganisation()).id } });
    const byName = (await run(peopleLoader as Handler, "/admin/mensen?q=zoekbaar", {
      cookie: admin.cookie,
    })) as Awaited<ReturnType<typeof peopleLoader>>;
    expect(byName.people.map((p) => p.id)).toEqual([person.id]);
    expect(byName.people[0].memberships).toHaveLength(1);
    const byEmail = (await run(peopleLoader as Handler, `/admin/mensen?q=${encodeURIComponent(person.email)}`, {
      cookie: admin.cookie,
    })) as Awaited<ReturnType<typeof peopleLoader>>;
    expect(byEmail.total).toBe(1);
    const tooLong = (await run(peopleLoader as Handler, `/admin/mensen?q=${"a".repeat(101)}`, {
      cookie: admin.cookie,
    })) as Awaited<ReturnType<typeof peopleLoader>>;
    expect(tooLong.searchError).toBe("Zoek met hoogstens 100 tekens.");
    const farPage = (await run(peopleLoader as Handler, "/admin/mensen?pagina=999", {
      cookie: admin.cookie,
    })) as Awaited<ReturnType<typeof peopleLoader>>;
    expect(farPage.page).toBe(farPage.pageCount);
  });

  test("an admin sets someone's global roles", async () => {
    const admin = await userWithCookie(["admin"]);
    const person = await createUser({ roles: ["resident"] });
    const form = new URLSearchParams([
      ["intent", "roles"],
      ["roles", "resident"],
      ["roles", "steering"],
      ["roles", "moderator"],
    ]);
    const result = await run(personAction as Handler, "/x", { cookie: admin.cookie, params: { id: person.id }, form });
    expect(status(result)).toBe(302);
    const page = (await run(personLoader as Handler, "/x", {
      cookie: admin.cookie,
      params: { id: person.id },
    })) as Awaited<ReturnType<typeof personLoader>>;
    expect(page.person.roles).toEqual(["resident", "steering", "moderator"]);
    expect(page.isSelf).toBe(false);
    expect(await db.auditEntry.count({ where: { action: "roles_changed", actorId: admin.id } })).toBe(1);
  });

  test("no roles at all or an unknown role: a Dutch message, nothing changes", async () => {
    const admin = await userWithCookie(["admin"]);
    const person = await createUser({ roles: ["resident", "steering"] });
    for (const form of [{ intent: "roles" }, { intent: "roles", roles: "koning" }] as Record<string, string>[]) {
      const result = await run(personAction as Handler, "/x", {
        cookie: admin.cookie,
        params: { id: person.id },
        form,
      });
      expect(status(result)).toBe(400);
      expect(Object.values(errorsOf(result)).flat()).toContain("Kies minstens één rol.");
    }
    expect((await db.userRole.findMany({ where: { userId: person.id } })).map((r) => r.role).sort()).toEqual([
      "resident",
      "steering",
    ]);
  });

  test("lock-out protection: an admin cannot remove their own admin role; another admin can", async () => {
    const admin = await userWithCookie(["resident", "admin"]);
    const own = await run(personAction as Handler, "/x", {
      cookie: admin.cookie,
      params: { id: admin.id },
      form: { intent: "roles", roles: "resident" },
    });
    expect(status(own)).toBe(400);
    expect(errorsOf(own).roles).toEqual([
      "Je kunt je eigen rol als beheerder niet weghalen. Vraag een andere beheerder om dit te doen.",
    ]);
    expect(await db.userRole.count({ where: { userId: admin.id, role: "admin" } })).toBe(1);

    // Adding a role to oneself while keeping admin is fine.
    const keep = new URLSearchParams([
      ["intent", "roles"],
      ["roles", "admin"],
      ["roles", "moderator"],
    ]);
    expect(
      status(await run(personAction as Handler, "/x", { cookie: admin.cookie, params: { id: admin.id }, form: keep })),
    ).toBe(302);

    const other = await userWithCookie(["admin"]);
    const byOther = await run(personAction as Handler, "/x", {
      cookie: other.cookie,
      params: { id: admin.id },
      form: { intent: "roles", roles: "resident" },
    });
    expect(status(byOther)).toBe(302);
    expect((await db.userRole.findMany({ where: { userId: admin.id } })).map((r) => r.role)).toEqual(["resident"]);
    // Without the admin role the former admin is out.
    expect(status(await run(overviewLoader as Handler, "/admin", { cookie: admin.cookie }))).toBe(403);
  });

  test("memberships from the person's page: add, change role, remove; unknown organisation", async () => {
    const admin = await userWithCookie(["admin"]);
    const person = await createUser();
    const organisation = await createOrganisation();
    const params = { id: person.id };
    const post = (form: Record<string, string>) =>
      run(personAction as Handler, "/x", { cookie: admin.cookie, params, form });

    const missing = await post({ intent: "addMembership", role: "member" });
    expect(status(missing)).toBe(400);
    expect(errorsOf(missing).organisationId).toEqual(["Kies een organisatie."]);
    const unknown = await post({ intent: "addMembership", organisationId: "bestaatniet", role: "member" });
    expect(status(unknown)).toBe(400);
    expect(errorsOf(unknown).organisationId).toEqual([
      "Deze organisatie bestaat niet (meer). Kies een organisatie uit de lijst.",
    ]);

    expect(status(await post({ intent: "addMembership", organisationId: organisation.id, role: "member" }))).toBe(302);
    let page = (await run(personLoader as Handler, "/x", { cookie: admin.cookie, params })) as Awaited<
      ReturnType<typeof personLoader>
    >;
    expect(page.person.memberships).toEqual([{ id: organisation.id, name: organisation.name, role: "member" }]);
    expect(page.organisationsLeft.some((o) => o.id === organisation.id)).toBe(false);

    expect(status(await post({ intent: "setRole", organisationId: organisation.id, role: "coordinator" }))).toBe(302);
    const badRole = await post({ intent: "setRole", organisationId: organisation.id, role: "baas" });
    expect(status(badRole)).toBe(400);
    expect(errorsOf(badRole).role).toEqual(["Kies een rol: professional of coördinator."]);
    expect(status(await post({ intent: "removeMembership", organisationId: organisation.id }))).toBe(302);
    page = (await run(personLoader as Handler, "/x", { cookie: admin.cookie, params })) as Awaited<
      ReturnType<typeof personLoader>
    >;
    expect(page.person.memberships).toEqual([]);
  });
});

describe("themes", () => {
  test("add a theme with a stable code; a taken or invalid code is refused", async () => {
    const admin = await userWithCookie(["admin"]);
    const result = await run(themesAction as Handler, "/admin/themas", {
      cookie: admin.cookie,
      form: {
        intent: "create",
        code: " Parkeren ",
        name: "Parkeren",
        description: "Foutparkeren, parkeerdruk.",
        resolutionTargetDays: "",
      },
    });
    expect(status(result)).toBe(302);
    const theme = await db.theme.findUniqueOrThrow({ where: { code: "parkeren" } });
    expect(theme).toMatchObject({ name: "Parkeren", resolutionTargetDays: null, retiredAt: null });
    expect((await activeThemes()).map((th) => th.code)).toContain("parkeren");

    const taken = await run(themesAction as Handler, "/admin/themas", {
      cookie: admin.cookie,
      form: { intent: "create", code: "afval", name: "Nog eens afval" },
    });
    expect(status(taken)).toBe(400);
    expect(errorsOf(taken).code).toEqual(["Er is al een thema met deze code. Kies een andere code."]);

    const invalid = await run(themesAction as Handler, "/admin/themas", {
      cookie: admin.cookie,
      form: { intent: "create", code: "met spatie", name: "", resolutionTargetDays: "0" },
    });
    expect(status(invalid)).toBe(400);
    expect(errorsOf(invalid)).toMatchObject({
      code: ["Gebruik 2 tot 40 tekens: kleine letters, cijfers, - of _. Bijvoorbeeld: parkeren."],
      name: ["Vul de naam van het thema in."],
      resolutionTargetDays: ["Vul een heel getal in van 1 tot en met 365, of laat het veld leeg."],
    });
  });

  test("rename a theme: the code never changes", async () => {
    const admin = await userWithCookie(["admin"]);
    const theme = await db.theme.create({
      data: { code: unique("tijdelijk").replace(/[^a-z0-9]+/g, "-"), name: "Tijdelijk" },
    });
    const result = await run(themeAction as Handler, "/x", {
      cookie: admin.cookie,
      params: { id: theme.id },
      form: { intent: "update", name: "Tijdelijk thema", code: "anders", resolutionTargetDays: "15" },
    });
    expect(status(result)).toBe(302);
    expect(await db.theme.findUniqueOrThrow({ where: { id: theme.id } })).toMatchObject({
      code: theme.code,
      name: "Tijdelijk thema",
      resolutionTargetDays: 15,
    });
    const invalid = await run(themeAction as Handler, "/x", {
      cookie: admin.cookie,
      params: { id: theme.id },
      form: { intent: "update", name: "Tijdelijk thema", resolutionTargetDays: "twintig" },
    });
    expect(status(invalid)).toBe(400);
    expect(errorsOf(invalid).resolutionTargetDays).toEqual([
      "Vul een heel getal in van 1 tot en met 365, of laat het veld leeg.",
    ]);
  });

  test("retiring keeps the theme and its issues, but residents can no longer choose it; unretire offers it again", async () => {
    const admin = await userWithCookie(["admin"]);
    const code = unique("straatfeest").replace(/[^a-z0-9]+/g, "-");
    const theme = await db.theme.create({ data: { code, name: "Straatfeesten" } });
    const issue = await createIssue({ reporterId: null, themeCode: code });

    const retired = await run(themesAction as Handler, "/admin/themas", {
      cookie: admin.cookie,
      form: { intent: "retire", themeId: theme.id },
    });
    expect(status(retired)).toBe(302);
    const stored = await db.theme.findUniqueOrThrow({ where: { id: theme.id } });
    expect(stored.retiredAt).not.toBeNull();
    expect((await activeThemes()).map((th) => th.code)).not.toContain(code);
    expect(await db.issue.findUniqueOrThrow({ where: { id: issue.id }, select: { themeId: true } })).toEqual({
      themeId: theme.id,
    });
    const list = (await run(themesLoader as Handler, "/admin/themas", { cookie: admin.cookie })) as Awaited<
      ReturnType<typeof themesLoader>
    >;
    expect(list.themes.find((th) => th.id === theme.id)).toMatchObject({ issues: 1 });
    expect(list.themes.find((th) => th.id === theme.id)?.retiredAt).not.toBeNull();

    const unretired = await run(themeAction as Handler, "/x", {
      cookie: admin.cookie,
      params: { id: theme.id },
      form: { intent: "unretire", themeId: theme.id },
    });
    expect(status(unretired)).toBe(302);
    expect((await activeThemes()).map((th) => th.code)).toContain(code);

    const bad = await run(themesAction as Handler, "/admin/themas", {
      cookie: admin.cookie,
      form: { intent: "retire", themeId: "bestaat niet" },
    });
    expect(status(bad)).toBe(400);
    const missing = await run(themesAction as Handler, "/admin/themas", {
      cookie: admin.cookie,
      form: { intent: "retire", themeId: "bestaatniet" },
    });
    expect(status(missing)).toBe(404);
  });
});

describe("settings", () => {
  const valid = {
    triageTargetDays: "3",
    resolutionTargetDays: "25",
    agendaSupportThreshold: "12",
    reopenWindowDays: "14",
    signalMinIssues: "4",
    signalWindowDays: "60",
    signalRadiusMeters: "300",
    reporterRetentionMonths: "18",
  };

  test("defaults without stored rows; an admin saves new values in the database", async () => {
    const admin = await userWithCookie(["admin"]);
    const page = (await run(settingsLoader as Handler, "/admin/instellingen", { cookie: admin.cookie })) as Awaited<
      ReturnType<typeof settingsLoader>
    >;
    expect(page.settings).toMatchObject({ triageTargetDays: 5, resolutionTargetDays: 20 });

    const result = await run(settingsAction as Handler, "/admin/instellingen", { cookie: admin.cookie, form: valid });
    expect(status(result)).toBe(302);
    expect(await getSettings()).toEqual({
      triageTargetDays: 3,
      resolutionTargetDays: 25,
      agendaSupportThreshold: 12,
      reopenWindowDays: 14,
      signalMinIssues: 4,
      signalWindowDays: 60,
      signalRadiusMeters: 300,
      reporterRetentionMonths: 18,
    });
    expect(await db.setting.findUnique({ where: { key: "triageTargetDays" } })).toMatchObject({ value: "3" });

    // Put the defaults back for the other tests in this file.
    await run(settingsAction as Handler, "/admin/instellingen", {
      cookie: admin.cookie,
      form: {
        triageTargetDays: "5",
        resolutionTargetDays: "20",
        agendaSupportThreshold: "10",
        reopenWindowDays: "30",
        signalMinIssues: "3",
        signalWindowDays: "90",
        signalRadiusMeters: "250",
        reporterRetentionMonths: "12",
      },
    });
  });

  test("out of range or not a number: Dutch messages per field, nothing saved", async () => {
    const admin = await userWithCookie(["admin"]);
    const before = await getSettings();
    const result = await run(settingsAction as Handler, "/admin/instellingen", {
      cookie: admin.cookie,
      form: { ...valid, triageTargetDays: "0", resolutionTargetDays: "2,5", reopenWindowDays: "" },
    });
    expect(status(result)).toBe(400);
    expect(errorsOf(result)).toMatchObject({
      triageTargetDays: ["Vul een heel getal in van 1 tot en met 60."],
      resolutionTargetDays: ["Vul een heel getal in van 1 tot en met 365."],
      reopenWindowDays: ["Vul een heel getal in van 1 tot en met 365."],
    });
    expect(await getSettings()).toEqual(before);
  });
});
