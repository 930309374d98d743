import { describe, expect, test } from "vitest";
import { getSessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { createUser, sessionCookieFor } from "../db-utils";

const request = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie } });

describe("getSessionUser (one query for session, person, roles and memberships)", () => {
  test("each role and each membership once, with the organisation's name", async () => {
    const user = await createUser({ roles: ["resident", "steering", "admin"], buurtCode: "BU09832101" });
    const [first, second] = await Promise.all(
      ["Woonstichting Maasoever (test)", "Welzijn Blerick (test)"].map((name) =>
        db.organisation.create({ data: { name, type: "overig" } }),
      ),
    );
    await db.membership.create({ data: { userId: user.id, organisationId: first.id, role: "coordinator" } });
    await db.membership.create({ data: { userId: user.id, organisationId: second.id } });

    const found = await getSessionUser(request(await sessionCookieFor(user.id)));
    expect(found).toMatchObject({ id: user.id, name: user.name, email: user.email, buurtCode: "BU09832101" });
    expect([...found!.roles].sort()).toEqual(["admin", "resident", "steering"]);
    expect(found!.memberships).toHaveLength(2);
    expect(found!.memberships).toEqual(
      expect.arrayContaining([
        { organisationId: first.id, organisationName: first.name, role: "coordinator" },
        { organisationId: second.id, organisationName: second.name, role: "member" },
      ]),
    );
  });

  test("a person without roles or memberships; an unknown, a removed and an expired session", async () => {
    const user = await createUser({ roles: [] });
    const cookie = await sessionCookieFor(user.id);
    expect(await getSessionUser(request(cookie))).toMatchObject({ id: user.id, roles: [], memberships: [] });

    expect(await getSessionUser(request("bb_session=unknown-token"))).toBeNull();

    await db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getSessionUser(request(cookie))).toBeNull();
    // The expired session is removed.
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });
});
