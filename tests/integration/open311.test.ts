/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), tested from the specification:
 * every endpoint in JSON and XML, the errors, the filters, the 1,000 cap and a round trip.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { loader, action } from "~/routes/open311.$";
import { seedOpen311 } from "../../prisma/seed-open311";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { createApiKey, OPEN311_RATE_LIMIT, revokeApiKey } from "~/utils/open311.server";
import { addInternalNote, triageIssue } from "~/utils/triage.server";
import { createIssue, createUser } from "../db-utils";
import { action as adminKeysAction, loader as adminKeysLoader } from "~/routes/admin.api-sleutels";
import { createOrganisation, person, run, status as statusOf, type Handler } from "../route-utils";

const IN_BLERICK = { lat: 51.3668, lng: 6.1525 };
const IN_THE_MAAS = { lat: 51.3645, lng: 6.172 };
const DEMO_KEY = "demo-open311-key";

// A minimal XML reader for the documents of this API (elements and text, no attributes).
type XmlNode = { name: string; children: XmlNode[]; text: string };
function parseXml(xml: string): XmlNode {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, "");
  const root: XmlNode = { name: "#document", children: [], text: "" };
  const stack = [root];
  const token = /<(\/?)([A-Za-z_][\w.-]*)(\/?)>|([^<]+)/g;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = token.exec(body))) {
    consumed += match[0].length;
    const top = stack[stack.length - 1];
    if (match[4] !== undefined) {
      if (/[<>]/.test(match[4])) throw new Error("unescaped markup");
      top.text += match[4]
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, "&");
    } else if (match[1]) {
      if (top.name !== match[2]) throw new Error(`</${match[2]}> closes <${top.name}>`);
      stack.pop();
    } else {
      const node: XmlNode = { name: match[2], children: [], text: "" };
      top.children.push(node);
      if (!match[3]) stack.push(node);
    }
  }
  if (stack.length !== 1 || consumed !== body.length) throw new Error("XML not well-formed");
  expect(root.children).toHaveLength(1);
  return root.children[0];
}
const child = (node: XmlNode, name: string) => node.children.find((c) => c.name === name);
const text = (node: XmlNode, name: string) => child(node, name)?.text.trim() ?? null;

function call(path: string, form?: Record<string, string> | URLSearchParams) {
  const request = new Request(`http://localhost/open311/${path}`, {
    method: form ? "POST" : "GET",
    body: form ? new URLSearchParams(form) : undefined,
  });
  const handler = form ? action : loader;
  return handler({ request, params: { "*": path.replace(/\?.*$/, "") }, context: {} });
}
async function json(path: string, form?: Record<string, string> | URLSearchParams) {
  const response = await call(path, form);
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  return {
    status: response.status,
    body: (await response.json()) as never as Record<string, unknown>[] & Record<string, unknown>,
    response,
  };
}
async function xml(path: string, form?: Record<string, string> | URLSearchParams) {
  const response = await call(path, form);
  expect(response.headers.get("Content-Type")).toMatch(/^text\/xml/);
  return { status: response.status, root: parseXml(await response.text()), response };
}

let apiKey: string;
let revokedKey: string;
let gemeente: { id: string; name: string };

const report = (fields: Record<string, string> = {}) => ({
  api_key: apiKey,
  service_code: "afval",
  lat: String(IN_BLERICK.lat),
  long: String(IN_BLERICK.lng),
  description: "Er staat een kapotte bank op de stoep. Hij ligt er al een week.",
  ...fields,
});

beforeAll(async () => {
  apiKey = (await createApiKey("Test-client", null)).key;
  const revoked = await createApiKey("Oud systeem", null);
  await revokeApiKey(revoked.id);
  revokedKey = revoked.key;
  gemeente = await createOrganisation("Gemeente Open311");
  await db.theme.create({ data: { code: "oud_thema", name: "Oud thema", retiredAt: new Date() } });
});

describe("discovery", () => {
  test("JSON lists the v2 endpoint with both formats", async () => {
    const { status, body } = await json("discovery.json");
    expect(status).toBe(200);
    const doc = body as unknown as {
      changeset: string;
      contact: string;
      key_service: string;
      endpoints: Record<string, unknown>[];
    };
    expect(doc.changeset).toBeTruthy();
    expect(doc.contact).toBeTruthy();
    expect(doc.key_service).toBeTruthy();
    expect(doc.endpoints).toEqual([
      {
        specification: "http://wiki.open311.org/GeoReport_v2",
        url: `${env().PUBLIC_URL}/open311/v2`,
        changeset: doc.changeset,
        type: "production",
        formats: ["text/xml", "application/json"],
      },
    ]);
  });

  test("XML: <discovery><endpoints><endpoint><formats><format>", async () => {
    const { status, root } = await xml("discovery.xml");
    expect(status).toBe(200);
    expect(root.name).toBe("discovery");
    expect(text(root, "changeset")).toBeTruthy();
    const endpoint = child(child(root, "endpoints")!, "endpoint")!;
    expect(text(endpoint, "specification")).toBe("http://wiki.open311.org/GeoReport_v2");
    expect(text(endpoint, "url")).toBe(`${env().PUBLIC_URL}/open311/v2`);
    expect(text(endpoint, "type")).toBe("production");
    expect(child(endpoint, "formats")!.children.map((f) => [f.name, f.text])).toEqual([
      ["format", "text/xml"],
      ["format", "application/json"],
    ]);
  });
});

describe("services", () => {
  test("one service per active theme, afval with metadata", async () => {
    const { status, body } = await json("v2/services.json");
    expect(status).toBe(200);
    const list = body as unknown as Record<string, unknown>[];
    const active = await db.theme.count({ where: { retiredAt: null } });
    expect(list).toHaveLength(active);
    expect(list.map((s) => s.service_code)).not.toContain("oud_thema");
    const afval = list.find((s) => s.service_code === "afval")!;
    expect(afval).toMatchObject({ service_name: "Afval en zwerfvuil", metadata: true, type: "realtime" });
    expect(Object.keys(afval).sort()).toEqual(
      ["description", "group", "keywords", "metadata", "service_code", "service_name", "type"].sort(),
    );
    expect(list.find((s) => s.service_code === "verkeer")).toMatchObject({ metadata: false });
  });

  test("XML: <services><service>", async () => {
    const { root } = await xml("v2/services.xml");
    expect(root.name).toBe("services");
    expect(root.children.every((c) => c.name === "service")).toBe(true);
    const afval = root.children.find((s) => text(s, "service_code") === "afval")!;
    expect(text(afval, "metadata")).toBe("true");
    expect(text(afval, "type")).toBe("realtime");
  });

  test("service definition of afval in JSON and XML", async () => {
    const { status, body } = await json("v2/services/afval.json");
    expect(status).toBe(200);
    const def = body as unknown as { service_code: string; attributes: Record<string, unknown>[] };
    expect(def.service_code).toBe("afval");
    expect(def.attributes).toHaveLength(1);
    expect(def.attributes[0]).toMatchObject({
      variable: true,
      code: "soort_afval",
      datatype: "singlevaluelist",
      order: 1,
    });
    expect(Object.keys(def.attributes[0]).sort()).toEqual(
      ["code", "datatype", "datatype_description", "description", "order", "required", "values", "variable"].sort(),
    );
    expect((def.attributes[0].values as { key: string }[]).map((v) => v.key)).toEqual([
      "grofvuil",
      "zwerfvuil",
      "bouwafval",
      "tuinafval",
      "overig",
    ]);

    const { root } = await xml("v2/services/afval.xml");
    expect(root.name).toBe("service_definition");
    const attribute = child(child(root, "attributes")!, "attribute")!;
    expect(text(attribute, "code")).toBe("soort_afval");
    expect(text(attribute, "variable")).toBe("true");
    const values = child(attribute, "values")!.children;
    expect(values.map((v) => [v.name, text(v, "key")])[0]).toEqual(["value", "grofvuil"]);
    expect(text(values[0], "name")).toBe("Grofvuil");
  });

  test("unknown or retired service: 404 in both formats", async () => {
    for (const code of ["bestaat-niet", "oud_thema"]) {
      const { status, body } = await json(`v2/services/${code}.json`);
      expect(status).toBe(404);
      expect(body).toEqual([{ code: 404, description: expect.any(String) }]);
    }
    const { status, root } = await xml("v2/services/bestaat-niet.xml");
    expect(status).toBe(404);
    expect(root.name).toBe("errors");
    expect(text(child(root, "error")!, "code")).toBe("404");
    expect(text(child(root, "error")!, "description")).toBeTruthy();
  });
});

describe("POST requests", () => {
  test("creates an issue with contact fields, no account, and answers the spec's shape", async () => {
    const { status, body } = await json(
      "v2/requests.json",
      report({
        jurisdiction_id: "venlo.nl",
        email: "melder@example.test",
        first_name: "Anouk",
        last_name: "Maasveldt",
        phone: "077-1234567",
        "attribute[soort_afval]": "grofvuil",
      }),
    );
    expect(status).toBe(200);
    const [answer] = body as unknown as { service_request_id: string; service_notice: string; account_id: null }[];
    expect(answer.service_request_id).toMatch(/^\d+$/);
    expect(answer.service_notice).toBeTruthy();
    expect(answer.account_id).toBeNull();
    expect(Object.keys(answer).sort()).toEqual(["account_id", "service_notice", "service_request_id"]);

    const issue = await db.issue.findUniqueOrThrow({
      where: { id: Number(answer.service_request_id) },
      include: { theme: true },
    });
    expect(issue).toMatchObject({
      title: "Er staat een kapotte bank op de stoep.",
      reporterId: null,
      reporterName: "Anouk Maasveldt",
      reporterEmail: "melder@example.test",
      reporterPhone: "077-1234567",
      visibility: "public",
      status: "nieuw",
    });
    expect(issue.theme.code).toBe("afval");
    expect(issue.description).toContain("Soort afval: Grofvuil");
    expect(issue.buurtCode).toMatch(/^BU/);
  });

  test("XML answer: <service_requests><request>", async () => {
    const { status, root } = await xml("v2/requests.xml", report());
    expect(status).toBe(200);
    expect(root.name).toBe("service_requests");
    const request = child(root, "request")!;
    expect(text(request, "service_request_id")).toMatch(/^\d+$/);
    expect(child(request, "account_id")).toBeTruthy();
  });

  test("the demo seed key works", async () => {
    await seedOpen311(db);
    await seedOpen311(db); // idempotent
    const { status } = await json("v2/requests.json", report({ api_key: DEMO_KEY }));
    expect(status).toBe(200);
  });

  test.each([
    ["no api_key", { api_key: "" }, 403],
    ["a wrong api_key", { api_key: "geen-echte-sleutel" }, 403],
    ["a revoked api_key", { api_key: "REVOKED" }, 403],
    ["no service_code", { service_code: "" }, 400],
    ["an unknown service_code", { service_code: "bestaat-niet" }, 404],
    ["a retired service_code", { service_code: "oud_thema" }, 404],
    ["no lat/long", { lat: "", long: "" }, 400],
    ["a point in the Maas", { lat: String(IN_THE_MAAS.lat), long: String(IN_THE_MAAS.lng) }, 400],
    ["a point in Amsterdam", { lat: "52.37", long: "4.89" }, 400],
    ["a lat that is not a number", { lat: "noord" }, 400],
    ["only an address_string", { lat: "", long: "", address_string: "Kazernestraat 1, Venlo" }, 400],
    ["only an address_id", { lat: "", long: "", address_id: "0983200000012345" }, 400],
    ["no description", { description: "" }, 400],
    ["a description over 4,000 characters", { description: "a".repeat(4001) }, 400],
    ["an unknown attribute value", { "attribute[soort_afval]": "kernafval" }, 400],
    ["an attribute the service does not define", { "attribute[kleur]": "rood" }, 400],
    ["a bad email", { email: "geen-adres" }, 400],
    ["a body over 1 MB", { attribute: "a".repeat(1024 * 1024) }, 413],
  ])("%s gives %i", async (_name, fields, code) => {
    const before = await db.issue.count();
    const values = { ...report(), ...fields };
    if (values.api_key === "REVOKED") values.api_key = revokedKey;
    const { status, body } = await json("v2/requests.json", values);
    expect(status).toBe(code);
    expect(body).toEqual([{ code, description: expect.any(String) }]);
    const { status: xmlStatus, root } = await xml("v2/requests.xml", values);
    expect(xmlStatus).toBe(code);
    expect(root.name).toBe("errors");
    expect(text(child(root, "error")!, "code")).toBe(String(code));
    expect(await db.issue.count()).toBe(before);
  });

  test("address only: the description says there is no geocoder", async () => {
    const { body } = await json("v2/requests.json", report({ lat: "", long: "", address_string: "Kazernestraat 1" }));
    expect((body as unknown as { description: string }[])[0].description).toMatch(/no geocoder/);
  });

  test("too many requests for one key: 429 with Retry-After", async () => {
    const key = await createApiKey("Drukke client", null);
    await db.rateLimit.create({
      data: { key: `open311:${key.id}`, count: OPEN311_RATE_LIMIT.limit, windowStart: new Date() },
    });
    const { status, body, response } = await json("v2/requests.json", report({ api_key: key.key }));
    expect(status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(body).toEqual([{ code: 429, description: expect.any(String) }]);
    // Other keys are not affected.
    expect((await json("v2/requests.json", report())).status).toBe(200);
  });
});

type ServiceRequest = Record<string, unknown> & { service_request_id: string };

describe("GET requests", () => {
  test("round trip: post, find by id and filters, triage, status and agency change", async () => {
    const posted = await json("v2/requests.json", report({ email: "geheim@example.test", first_name: "Geheime" }));
    const id = (posted.body as unknown as ServiceRequest[])[0].service_request_id;

    const one = await json(`v2/requests/${id}.json`);
    expect(one.status).toBe(200);
    const [request] = one.body as unknown as ServiceRequest[];
    expect(request).toMatchObject({
      service_request_id: id,
      status: "open",
      status_notes: null,
      service_code: "afval",
      service_name: "Afval en zwerfvuil",
      agency_responsible: null,
      lat: IN_BLERICK.lat,
      long: IN_BLERICK.lng,
      media_url: null,
    });
    expect(Object.keys(request).sort()).toEqual(
      [
        "address",
        "address_id",
        "agency_responsible",
        "description",
        "expected_datetime",
        "lat",
        "long",
        "media_url",
        "requested_datetime",
        "service_code",
        "service_name",
        "service_notice",
        "service_request_id",
        "status",
        "status_notes",
        "updated_datetime",
        "zipcode",
      ].sort(),
    );
    expect(new Date(request.expected_datetime as string).getTime()).toBeGreaterThan(
      new Date(request.requested_datetime as string).getTime(),
    );
    const raw = JSON.stringify(one.body);
    expect(raw).not.toContain("geheim@example.test");
    expect(raw).not.toContain("Geheime");

    const list = await json("v2/requests.json?service_code=afval&status=open");
    expect((list.body as unknown as ServiceRequest[]).map((r) => r.service_request_id)).toContain(id);
    const closedList = await json("v2/requests.json?status=closed");
    expect((closedList.body as unknown as ServiceRequest[]).map((r) => r.service_request_id)).not.toContain(id);
    const byIds = await json(`v2/requests.json?service_request_id=${id},999999&status=closed`);
    expect((byIds.body as unknown as ServiceRequest[]).map((r) => r.service_request_id)).toEqual([id]);

    const coordinator = await createUser();
    await db.membership.create({ data: { userId: coordinator.id, organisationId: gemeente.id, role: "coordinator" } });
    const actor = {
      id: coordinator.id,
      roles: ["resident" as const],
      memberships: [{ organisationId: gemeente.id, role: "coordinator" }],
    };
    await triageIssue(actor, Number(id), {
      intent: "triage",
      nature: "incident",
      rationale: "Eenmalig, de bank is vernield.",
      ownerOrganisationId: gemeente.id,
      scope: "deze_plek",
      approach: "nieuwe_aanpak",
      newApproach: "Bank laten ophalen.",
      publicMessage: "We halen de bank deze week op.",
    });
    await addInternalNote(actor, Number(id), "INTERN: de melder belt vaak, let op.");

    const after = await json(`v2/requests/${id}.json`);
    const [triaged] = after.body as unknown as ServiceRequest[];
    expect(triaged).toMatchObject({
      status: "open",
      status_notes: "We halen de bank deze week op.",
      agency_responsible: "Gemeente Open311",
    });
    expect(JSON.stringify(after.body)).not.toContain("INTERN");

    await db.issue.update({ where: { id: Number(id) }, data: { status: "opgelost", closedAt: new Date() } });
    const closed = await xml(`v2/requests/${id}.xml`);
    expect(closed.root.name).toBe("service_requests");
    const item = child(closed.root, "request")!;
    expect(text(item, "status")).toBe("closed");
    expect(text(item, "agency_responsible")).toBe("Gemeente Open311");
    expect(text(item, "service_request_id")).toBe(id);
    expect(child(item, "zipcode")).toBeTruthy();

    const token = await json(`v2/tokens/${id}.json`);
    expect(token.body).toEqual([{ service_request_id: id, token: id }]);
    const tokenXml = await xml(`v2/tokens/${id}.xml`);
    expect(text(child(tokenXml.root, "request")!, "token")).toBe(id);
  });

  test("hidden issues and internal notes never appear", async () => {
    const hidden = await createIssue({
      reporterId: null,
      themeCode: "afval",
      visibility: "hidden",
      title: "Verborgen melding",
    });
    const unconfirmed = await createIssue({ reporterId: null, themeCode: "afval", visibility: "unconfirmed" });
    for (const issue of [hidden, unconfirmed]) {
      expect((await json(`v2/requests/${issue.id}.json`)).status).toBe(404);
      expect((await json(`v2/tokens/${issue.id}.json`)).status).toBe(404);
    }
    const list = await json(`v2/requests.json?service_request_id=${hidden.id},${unconfirmed.id}`);
    expect(list.body).toEqual([]);
    const all = await xml("v2/requests.xml");
    expect(JSON.stringify(all.root)).not.toContain("Verborgen melding");
    expect(JSON.stringify(all.root)).not.toContain("INTERN");
  });

  test("unknown ids: 404 in both formats", async () => {
    expect((await json("v2/requests/999999.json")).status).toBe(404);
    expect((await json("v2/requests/abc.json")).status).toBe(404);
    expect((await xml("v2/requests/999999.xml")).root.name).toBe("errors");
    expect((await json("v2/tokens/onbekend.json")).status).toBe(404);
  });

  test("date filters and the default 90-day window", async () => {
    const old = await createIssue({
      reporterId: null,
      themeCode: "groen",
      createdAt: new Date("2026-03-10T10:00:00Z"),
    });
    const ids = async (query: string) =>
      ((await json(`v2/requests.json${query}`)).body as unknown as ServiceRequest[]).map((r) => r.service_request_id);
    expect(await ids("")).not.toContain(String(old.id));
    expect(await ids("?start_date=2026-03-01T00:00:00Z&end_date=2026-03-31T00:00:00Z")).toContain(String(old.id));
    expect(await ids("?start_date=2026-03-01&end_date=2026-03-10T09:00:00%2B00:00")).not.toContain(String(old.id));
    expect(await ids("?end_date=2026-04-01T00:00:00Z")).toContain(String(old.id));
    expect(await ids("?start_date=2026-03-11")).not.toContain(String(old.id));
  });

  test.each([
    "start_date=gisteren",
    "end_date=2026-13-45",
    "start_date=2026-05-01&end_date=2026-04-01",
    "status=pending",
    "service_request_id=abc",
  ])("invalid filter %s gives 400", async (query) => {
    const { status, body } = await json(`v2/requests.json?${query}`);
    expect(status).toBe(400);
    expect(body).toEqual([{ code: 400, description: expect.any(String) }]);
    const { status: xmlStatus, root } = await xml(`v2/requests.xml?${query}`);
    expect(xmlStatus).toBe(400);
    expect(root.name).toBe("errors");
  });

  test("at most 1,000 results", async () => {
    const theme = await db.theme.findUniqueOrThrow({ where: { code: "verlichting" } });
    const buurt = await db.buurt.findFirstOrThrow({ orderBy: { code: "asc" } });
    const createdAt = new Date("2025-06-15T12:00:00Z");
    await db.issue.createMany({
      data: Array.from({ length: 1005 }, (_, index) => ({
        title: `Lamp ${index}`,
        description: `Lamp ${index} is kapot.`,
        themeId: theme.id,
        buurtCode: buurt.code,
        lat: buurt.centerLat,
        lng: buurt.centerLng,
        createdAt,
      })),
    });
    const { body } = await json("v2/requests.json?start_date=2025-06-01&end_date=2025-06-30");
    expect(body).toHaveLength(1000);
    const { root } = await xml("v2/requests.xml?start_date=2025-06-01&end_date=2025-06-30&service_code=verlichting");
    expect(root.children).toHaveLength(1000);
  });
});

test("unknown endpoints and formats give a 404 error document", async () => {
  expect((await json("v2/onbekend.json")).status).toBe(404);
  expect((await json("v2/services.html")).status).toBe(404);
});

describe("/admin/api-sleutels", () => {
  test("an admin creates a key (shown once), it works, and revoking it stops it", async () => {
    const admin = await person({ roles: ["admin"] });
    const created = (await run(adminKeysAction as Handler, "/admin/api-sleutels", {
      cookie: admin.cookie,
      form: { intent: "create", name: "Meldingen-app" },
    })) as { created: { name: string; key: string } };
    const key = created.created.key;
    expect(key.length).toBeGreaterThan(20);
    const row = await db.apiKey.findFirstOrThrow({ where: { name: "Meldingen-app" } });
    expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.keyHash).not.toContain(key);
    expect(row.createdById).toBe(admin.id);

    const page = (await run(adminKeysLoader as Handler, "/admin/api-sleutels", { cookie: admin.cookie })) as {
      keys: Record<string, unknown>[];
    };
    expect(JSON.stringify(page)).not.toContain(key);
    expect(page.keys.map((k) => k.name)).toContain("Meldingen-app");

    expect((await json("v2/requests.json", report({ api_key: key }))).status).toBe(200);
    await run(adminKeysAction as Handler, "/admin/api-sleutels", {
      cookie: admin.cookie,
      form: { intent: "revoke", id: row.id },
    });
    expect((await json("v2/requests.json", report({ api_key: key }))).status).toBe(403);

    const tooShort = await run(adminKeysAction as Handler, "/admin/api-sleutels", {
      cookie: admin.cookie,
      form: { intent: "create", name: "x" },
    });
    expect(statusOf(tooShort)).toBe(400);
  });

  test("partners and residents cannot manage keys", async () => {
    const resident = await person();
    const result = await run(adminKeysAction as Handler, "/admin/api-sleutels", {
      cookie: resident.cookie,
      form: { intent: "create", name: "Stiekem" },
    });
    expect(statusOf(result)).toBe(403);
    expect(await db.apiKey.count({ where: { name: "Stiekem" } })).toBe(0);
  });
});
