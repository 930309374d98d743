import { describe, expect, test } from "vitest";
import type { Role } from "~/domain/permissions";
import { action, loader } from "~/routes/partnerschapskaart";
import { db } from "~/utils/db.server";
import { partnershipMatrix, setPartnershipRow, trekkerFor } from "~/utils/partnership.server";
import { createUser, sessionCookieFor } from "../db-utils";
import { createOrganisation, run as runRoute, status, unique, type Handler } from "../route-utils";

type Page = Awaited<ReturnType<typeof loader>>;

/** Loaders and actions of /partnerschapskaart, with an optional query string. */
const run = (
  handler: Handler,
  options: { cookie?: string; form?: URLSearchParams | Record<string, string>; search?: string } = {},
) => runRoute(handler, `/partnerschapskaart${options.search ?? ""}`, options);

async function createTheme(options: { retired?: boolean } = {}) {
  const code = unique("thema").replace(/[^a-z0-9]+/g, "-");
  return db.theme.create({
    data: { code, name: `Thema ${code}`, retiredAt: options.retired ? new Date() : null },
    select: { id: true, code: true, name: true },
  });
}

async function person(roles: Role[], memberships: { organisationId: string; role: "member" | "coordinator" }[] = []) {
  const user = await createUser({ roles });
  for (const membership of memberships) await db.membership.create({ data: { userId: user.id, ...membership } });
  const actor = {
    id: user.id,
    roles,
    memberships: memberships.map((m) => ({ organisationId: m.organisationId, role: m.role })),
  };
  return { ...user, actor, cookie: await sessionCookieFor(user.id) };
}

function rowForm(organisationId: string, roles: Record<string, string>) {
  const form = new URLSearchParams({ organisationId });
  for (const [themeId, role] of Object.entries(roles)) form.set(`roles.${themeId}`, role);
  return form;
}

async function roleOf(organisationId: string, themeId: string) {
  const row = await db.partnershipRole.findUnique({
    where: { organisationId_themeId: { organisationId, themeId } },
    select: { role: true },
  });
  return row?.role ?? null;
}

describe("who sees the partnerschapskaart", () => {
  test("logged out: login first, for the page and the action", async () => {
    const organisation = await createOrganisation();
    for (const result of [
      await run(loader as Handler),
      await run(action as Handler, { form: { organisationId: organisation.id } }),
    ]) {
      expect(status(result)).toBe(302);
      expect((result as Response).headers.get("Location")).toBe("/inloggen?redirectTo=%2Fpartnerschapskaart");
    }
  });

  test("residents and moderators without an organisation get 403 for the page and every change", async () => {
    const organisation = await createOrganisation();
    const theme = await createTheme();
    for (const roles of [["resident"], ["moderator"]] as Role[][]) {
      const user = await person(roles);
      expect(status(await run(loader as Handler, { cookie: user.cookie }))).toBe(403);
      const result = await run(action as Handler, {
        cookie: user.cookie,
        form: rowForm(organisation.id, { [theme.id]: "trekker" }),
      });
      expect(status(result)).toBe(403);
    }
    expect(await roleOf(organisation.id, theme.id)).toBeNull();
  });

  test("partner members and steering group members read, but may not change any row", async () => {
    const organisation = await createOrganisation();
    const theme = await createTheme();
    const member = await person(["resident"], [{ organisationId: organisation.id, role: "member" }]);
    const steering = await person(["resident", "steering"]);
    for (const user of [member, steering]) {
      const page = (await run(loader as Handler, { cookie: user.cookie })) as Page;
      expect(page.mode).toBe("readOnly");
      expect(page.editable).toEqual([]);
      expect(page.organisations.map((o) => o.id)).toContain(organisation.id);
      const result = await run(action as Handler, {
        cookie: user.cookie,
        form: rowForm(organisation.id, { [theme.id]: "trekker" }),
      });
      expect(status(result)).toBe(403);
    }
    expect(await roleOf(organisation.id, theme.id)).toBeNull();
  });
});

describe("changing the map", () => {
  test("a coordinator edits only their own organisation's row", async () => {
    const own = await createOrganisation();
    const other = await createOrganisation();
    const theme = await createTheme();
    const coordinator = await person(
      ["resident"],
      [
        { organisationId: own.id, role: "coordinator" },
        { organisationId: other.id, role: "member" },
      ],
    );

    const page = (await run(loader as Handler, { cookie: coordinator.cookie })) as Page;
    expect(page.mode).toBe("own");
    expect(page.editable).toEqual([own.id]);
    expect(page.editing).toBeNull();
    // ?rij= opens a row's edit form, only for a row the user may edit.
    const editOwn = (await run(loader as Handler, { cookie: coordinator.cookie, search: `?rij=${own.id}` })) as Page;
    expect(editOwn.editing).toBe(own.id);
    const editOther = (await run(loader as Handler, {
      cookie: coordinator.cookie,
      search: `?rij=${other.id}`,
    })) as Page;
    expect(editOther.editing).toBeNull();

    const saved = await run(action as Handler, {
      cookie: coordinator.cookie,
      form: rowForm(own.id, { [theme.id]: "bijdrager" }),
    });
    expect(status(saved)).toBe(302);
    expect((saved as Response).headers.get("Location")).toBe("/partnerschapskaart");
    expect(await roleOf(own.id, theme.id)).toBe("bijdrager");

    const refused = await run(action as Handler, {
      cookie: coordinator.cookie,
      form: rowForm(other.id, { [theme.id]: "trekker" }),
    });
    expect(status(refused)).toBe(403);
    expect(await roleOf(other.id, theme.id)).toBeNull();

    // The server function checks too, whoever calls it.
    expect(await setPartnershipRow(coordinator.actor, other.id, { [theme.id]: "trekker" })).toEqual({
      ok: false,
      error: "forbidden",
    });
    expect(await roleOf(other.id, theme.id)).toBeNull();
  });

  test("an admin edits every row; 'geen' removes a role; every change is audited", async () => {
    const organisation = await createOrganisation();
    const first = await createTheme();
    const second = await createTheme();
    const admin = await person(["admin"]);
    const page = (await run(loader as Handler, { cookie: admin.cookie })) as Page;
    expect(page.mode).toBe("all");
    expect(page.editable).toContain(organisation.id);

    const form = rowForm(organisation.id, { [first.id]: "trekker", [second.id]: "geinformeerd" });
    expect(status(await run(action as Handler, { cookie: admin.cookie, form }))).toBe(302);
    expect(await roleOf(organisation.id, first.id)).toBe("trekker");
    expect(await roleOf(organisation.id, second.id)).toBe("geinformeerd");

    const cleared = rowForm(organisation.id, { [first.id]: "trekker", [second.id]: "geen" });
    expect(status(await run(action as Handler, { cookie: admin.cookie, form: cleared }))).toBe(302);
    expect(await roleOf(organisation.id, second.id)).toBeNull();

    const entries = await db.auditEntry.findMany({
      where: { action: "partnership_changed", actorId: admin.id },
      select: { after: true },
    });
    expect(entries).toHaveLength(2);
    expect(entries.map((entry) => JSON.parse(entry.after!))).toContainEqual({
      organisationId: organisation.id,
      roles: { [second.id]: "geen" },
    });
  });

  test("invalid input is a Dutch message with status 400, never a 500", async () => {
    const organisation = await createOrganisation();
    const theme = await createTheme();
    const retired = await createTheme({ retired: true });
    const admin = await person(["admin"]);

    const badRole = await run(action as Handler, {
      cookie: admin.cookie,
      form: rowForm(organisation.id, { [theme.id]: "baas" }),
    });
    expect(status(badRole)).toBe(400);
    expect((badRole as { data: { error: string } }).data.error).toBe("Kies voor elk thema een rol uit de lijst.");

    for (const themeId of ["bestaatniet", retired.id]) {
      const result = await run(action as Handler, {
        cookie: admin.cookie,
        form: rowForm(organisation.id, { [themeId]: "trekker" }),
      });
      expect(status(result)).toBe(400);
      expect((result as { data: { error: string } }).data.error).toBe(
        "Een van de thema's bestaat niet meer. Laad de pagina opnieuw en probeer het nog eens.",
      );
    }

    const unknownOrganisation = await run(action as Handler, {
      cookie: admin.cookie,
      form: rowForm("bestaatniet", { [theme.id]: "trekker" }),
    });
    expect(status(unknownOrganisation)).toBe(400);
    expect(status(await run(action as Handler, { cookie: admin.cookie, form: { organisationId: "" } }))).toBe(400);
    expect(await db.partnershipRole.count({ where: { themeId: { in: [theme.id, retired.id] } } })).toBe(0);
  });
});

describe("the matrix and the trekker", () => {
  test("themes without a trekker or with several are marked; retired themes are left out", async () => {
    const a = await createOrganisation();
    const b = await createOrganisation();
    const none = await createTheme();
    const one = await createTheme();
    const many = await createTheme();
    const retired = await createTheme({ retired: true });
    const admin = await person(["admin"]);
    await setPartnershipRow(admin.actor, a.id, { [one.id]: "trekker", [many.id]: "trekker", [none.id]: "bijdrager" });
    await setPartnershipRow(admin.actor, b.id, { [many.id]: "trekker" });
    await db.partnershipRole.create({ data: { organisationId: b.id, themeId: retired.id, role: "trekker" } });

    const matrix = await partnershipMatrix();
    const byId = new Map(matrix.themes.map((theme) => [theme.id, theme]));
    expect(byId.get(none.id)?.lead).toEqual({ kind: "none" });
    expect(byId.get(one.id)).toMatchObject({ lead: { kind: "one" }, trekkerIds: [a.id] });
    expect(byId.get(many.id)?.lead).toEqual({ kind: "many", count: 2 });
    expect(byId.has(retired.id)).toBe(false);
    expect(matrix.roles[a.id]).toMatchObject({ [one.id]: "trekker", [none.id]: "bijdrager" });
    // Retired themes keep their rows (history), and trekkerFor still answers for them.
    expect(await trekkerFor(retired.id)).toBe(b.id);
  });

  test("trekkerFor: null without a trekker; with several, the one that has been trekker longest", async () => {
    const older = await createOrganisation();
    const newer = await createOrganisation();
    const theme = await createTheme();
    const admin = await person(["admin"]);
    expect(await trekkerFor(theme.id)).toBeNull();
    expect(await trekkerFor("bestaatniet")).toBeNull();

    await setPartnershipRow(admin.actor, older.id, { [theme.id]: "trekker" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await setPartnershipRow(admin.actor, newer.id, { [theme.id]: "trekker" });
    expect(await trekkerFor(theme.id)).toBe(older.id);

    // Saving the older row again without a change keeps its place.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const unchanged = await setPartnershipRow(admin.actor, older.id, { [theme.id]: "trekker" });
    expect(unchanged).toMatchObject({ ok: true, changed: 0 });
    expect(await trekkerFor(theme.id)).toBe(older.id);

    await setPartnershipRow(admin.actor, older.id, { [theme.id]: "bijdrager" });
    expect(await trekkerFor(theme.id)).toBe(newer.id);

    // Inside a transaction, with the transaction's client.
    await db.$transaction(async (tx) => {
      expect(await trekkerFor(theme.id, tx)).toBe(newer.id);
    });
  });
});
