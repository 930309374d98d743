import { describe, expect, test } from "vitest";
import { action, loader } from "~/routes/admin.buurten";
import { db } from "~/utils/db.server";
import { locationOf, person, run, status, type Handler } from "../route-utils";

type ActionError = { data: { errors: Record<string, string>; submitted: Record<string, string> } };

describe("/admin/buurten", () => {
  test("logged out goes to the login page; residents, steering members and partners get 403", async () => {
    expect(status(await run(loader as Handler, "/admin/buurten"))).toBe(302);
    for (const roles of [["resident"], ["resident", "steering"]] as const) {
      const someone = await person({ roles: [...roles] });
      expect(status(await run(loader as Handler, "/admin/buurten", { cookie: someone.cookie }))).toBe(403);
      expect(status(await run(action as Handler, "/admin/buurten", { cookie: someone.cookie, form: {} }))).toBe(403);
    }
  });

  test("an admin sees every buurt and saves populations; empty clears; an audit entry is written", async () => {
    const admin = await person({ roles: ["resident", "admin"] });
    const page = (await run(loader as Handler, "/admin/buurten", { cookie: admin.cookie })) as Awaited<ReturnType<typeof loader>>;
    expect(page.buurten.length).toBe(await db.buurt.count());
    const [first, second] = page.buurten;
    await db.buurt.update({ where: { code: second.code }, data: { population: 999 } });

    const result = await run(action as Handler, "/admin/buurten", {
      cookie: admin.cookie,
      form: { [`population-${first.code}`]: " 4.250 ", [`population-${second.code}`]: "" },
    });
    expect(locationOf(result)).toBe("/admin/buurten");
    expect((await db.buurt.findUniqueOrThrow({ where: { code: first.code } })).population).toBe(4250);
    expect((await db.buurt.findUniqueOrThrow({ where: { code: second.code } })).population).toBeNull();
    const entry = await db.auditEntry.findFirstOrThrow({ where: { action: "buurt_population_updated", actorId: admin.id } });
    expect(JSON.parse(entry.after ?? "[]")).toEqual(
      expect.arrayContaining([
        { code: first.code, population: 4250 },
        { code: second.code, population: null },
      ]),
    );
  });

  test("invalid numbers are refused with a message per field and nothing is saved", async () => {
    const admin = await person({ roles: ["resident", "admin"] });
    const [first, second] = await db.buurt.findMany({ orderBy: { code: "asc" }, take: 2 });
    const before = [first.population, second.population];
    const result = await run(action as Handler, "/admin/buurten", {
      cookie: admin.cookie,
      form: { [`population-${first.code}`]: "-5", [`population-${second.code}`]: "veel", [`population-${first.code}x`]: "1" },
    });
    expect(status(result)).toBe(400);
    const errors = (result as ActionError).data.errors;
    expect(Object.keys(errors).sort()).toEqual([first.code, second.code].sort());
    expect(errors[first.code]).toBe("Vul een heel getal in van 0 tot en met 100.000, of laat het veld leeg.");
    expect((result as ActionError).data.submitted[second.code]).toBe("veel");
    const after = await db.buurt.findMany({ where: { code: { in: [first.code, second.code] } }, orderBy: { code: "asc" } });
    expect(after.map((b) => b.population)).toEqual(before);

    const tooMany = await run(action as Handler, "/admin/buurten", {
      cookie: admin.cookie,
      form: { [`population-${first.code}`]: "100001" },
    });
    expect(status(tooMany)).toBe(400);
  });
});
