/**
 * The outbound Open311 client against a scripted GeoReport v2 server on a local port: what is
 * sent (and what never is), sending once, failures with retry and backoff, manual retry and
 * its authorisation, tokens, and the external status mirrored as public updates.
 * tests/e2e/open311-client.spec.ts runs the same flow against a second instance of this app.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { action as connectionAction, loader as connectionLoader } from "~/routes/admin.organisaties.$id_.open311";
import { action as partnerAction, loader as partnerLoader } from "~/routes/partner.meldingen.$id";
import { db } from "~/utils/db.server";
import { runDueJobs } from "~/utils/job-worker.server";
import { decryptApiKey, saveConnection } from "~/utils/open311-client.server";
import { createIssue, createUser } from "../db-utils";
import { createOrganisation, errorsOf, partner, person, run, status, type Handler } from "../route-utils";

const API_KEY = "sleutel-van-de-gemeente-123";
const SECOND = 1000;

type Recorded = { method: string; path: string; query: URLSearchParams; form: URLSearchParams };
type Reply = { status?: number; body: unknown };
type Script = (request: Recorded) => Reply;

let server: Server;
let endpoint: string;
let received: Recorded[] = [];
let script: Script;

function readBody(request: IncomingMessage) {
  return new Promise<string>((resolve) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    request.on("end", () => resolve(text));
  });
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://stub");
    const recorded = {
      method: request.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      form: new URLSearchParams(await readBody(request)),
    };
    received.push(recorded);
    const reply = script(recorded);
    response.writeHead(reply.status ?? 200, { "content-type": "application/json" });
    response.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/open311/v2`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let owner: { id: string; name: string };
let other: { id: string; name: string };
let admin: Awaited<ReturnType<typeof person>>;
let nextExternalId = 9000;

/** Answers like a healthy GeoReport v2 server: POST gives a new id, GET gives `statuses`. */
const statuses = new Map<string, { status: string; status_notes: string | null }>();
const healthy: Script = (request) => {
  if (request.method === "POST" && request.path.endsWith("/requests.json")) {
    return { body: [{ service_request_id: String(++nextExternalId), service_notice: "Bedankt", account_id: null }] };
  }
  if (request.method === "GET" && request.path.endsWith("/requests.json")) {
    const ids = (request.query.get("service_request_id") ?? "").split(",");
    return {
      body: ids.filter((id) => statuses.has(id)).map((id) => ({ service_request_id: id, ...statuses.get(id) })),
    };
  }
  if (request.path.endsWith("/services.json")) {
    return {
      body: [
        { service_code: "GROF", service_name: "Grofvuil" },
        { service_code: "LAMP", service_name: "Lantaarnpaal" },
      ],
    };
  }
  return { status: 404, body: [{ code: 404, description: "not found" }] };
};

beforeAll(async () => {
  owner = await createOrganisation("Gemeente Koppelstad");
  other = await createOrganisation("Corporatie Zonderkoppeling");
  admin = await person({ roles: ["resident", "admin"] });
});

beforeEach(async () => {
  received = [];
  script = healthy;
  statuses.clear();
  await db.job.deleteMany();
  await db.externalRequest.deleteMany();
  await saveConnection(admin.id, owner.id, {
    endpoint,
    apiKey: API_KEY,
    jurisdictionId: "venlo.nl",
    enabled: true,
    serviceMapping: { afval: "GROF" },
  });
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

function triageForm(ownerOrganisationId: string) {
  return new URLSearchParams({
    intent: "triage",
    nature: "incident",
    rationale: "Eenmalig gedumpt grofvuil.",
    ownerOrganisationId,
    scope: "deze_plek",
    approach: "nieuwe_aanpak",
    newApproach: "Ophalen door de gemeente.",
    publicMessage: "De gemeente haalt het op.",
  });
}

const partnerPost = (id: number, cookie: string, form: URLSearchParams | Record<string, string>) =>
  run(partnerAction as Handler, `/partner/meldingen/${id}`, { cookie, form, params: { id: String(id) } });

/** A new afval issue with a named reporter, triaged to `organisationId` by a member of it. */
async function triagedIssue(organisationId = owner.id, themeCode = "afval") {
  const reporter = await createUser({ name: "Fenna Vossenakker", email: `fenna-${Math.random()}@voorbeeld.nl` });
  const issue = await createIssue({
    reporterId: reporter.id,
    themeCode,
    description: "Bank en matras bij de container.",
  });
  const member = await partner(organisationId);
  expect(status(await partnerPost(issue.id, member.cookie, triageForm(organisationId)))).toBe(302);
  return { issue, member, reporter };
}

const sendsOf = (issueId: number) => db.externalRequest.findMany({ where: { issueId } });
const posts = () => received.filter((request) => request.method === "POST");

describe("sending", () => {
  test("an issue assigned to an organisation with a connection is posted once, without the reporter", async () => {
    const { issue, member, reporter } = await triagedIssue();
    expect(await sendsOf(issue.id)).toMatchObject([{ status: "wachtrij", organisationId: owner.id }]);
    expect(posts()).toHaveLength(0); // nothing is sent inside the request

    const sendOutcomes = (await runDueJobs()).filter((outcome) => outcome.type === "open311_send");
    expect(sendOutcomes).toMatchObject([{ result: "completed" }]);
    expect(posts()).toHaveLength(1);
    const form = posts()[0].form;
    expect(posts()[0].path).toBe("/open311/v2/requests.json");
    expect(form.get("api_key")).toBe(API_KEY);
    expect(form.get("jurisdiction_id")).toBe("venlo.nl");
    expect(form.get("service_code")).toBe("GROF");
    expect(Number(form.get("lat"))).toBeCloseTo(issue.lat, 6);
    expect(Number(form.get("long"))).toBeCloseTo(issue.lng, 6);
    expect(form.get("description")).toContain("Bank en matras bij de container.");
    expect(form.get("description")).toContain(`/meldingen/${issue.id}`);
    const everything = [...form.values()].join("\n");
    expect(everything).not.toContain(reporter.email);
    expect(everything).not.toContain("Vossenakker");
    expect(form.has("email") || form.has("first_name") || form.has("last_name") || form.has("phone")).toBe(false);

    const [sent] = await sendsOf(issue.id);
    expect(sent).toMatchObject({
      status: "verzonden",
      externalId: String(nextExternalId),
      serviceCode: "GROF",
      attempts: 1,
    });

    // Re-triage to another organisation and back, and more job runs: still one post.
    expect(status(await partnerPost(issue.id, admin.cookie, triageForm(other.id)))).toBe(302);
    expect(status(await partnerPost(issue.id, admin.cookie, triageForm(owner.id)))).toBe(302);
    await runDueJobs();
    expect(posts()).toHaveLength(1);
    expect(await sendsOf(issue.id)).toHaveLength(1);

    // The partner page shows the send status.
    const page = (await run(partnerLoader as Handler, `/partner/meldingen/${issue.id}`, {
      cookie: member.cookie,
      params: { id: String(issue.id) },
    })) as { externalRequests: { status: string; externalId: string; canRetry: boolean }[] };
    expect(page.externalRequests).toMatchObject([
      { status: "verzonden", externalId: String(nextExternalId), canRetry: true },
    ]);
  });

  test("organisations without a connection, or with it switched off, get nothing sent", async () => {
    const { issue } = await triagedIssue(other.id);
    await runDueJobs();
    expect(await sendsOf(issue.id)).toEqual([]);

    await db.open311Connection.update({ where: { organisationId: owner.id }, data: { enabled: false } });
    const second = await triagedIssue(owner.id);
    await runDueJobs();
    expect(await sendsOf(second.issue.id)).toEqual([]);
    expect(posts()).toHaveLength(0);
  });

  test("the api key is stored encrypted", async () => {
    const row = await db.open311Connection.findUniqueOrThrow({ where: { organisationId: owner.id } });
    expect(row.apiKeyEncrypted).not.toContain(API_KEY);
    expect(decryptApiKey(row.apiKeyEncrypted)).toBe(API_KEY);
  });

  test("a failure is retried with backoff and then sent exactly once", async () => {
    let calls = 0;
    script = (request) => {
      if (request.method === "POST" && ++calls === 1) {
        return { status: 503, body: [{ code: 503, description: "Onderhoud" }] };
      }
      return healthy(request);
    };
    const { issue } = await triagedIssue();
    const t0 = new Date();
    const first = (await runDueJobs({ now: t0 })).filter((outcome) => outcome.type === "open311_send");
    expect(first).toMatchObject([{ result: "retry" }]);
    const [failed] = await sendsOf(issue.id);
    expect(failed.status).toBe("mislukt");
    expect(failed.lastError).toContain("503");
    expect(failed.lastError).toContain("Onderhoud");
    expect(failed.nextAttemptAt).toEqual(new Date(t0.getTime() + 30 * SECOND));

    expect(await runDueJobs({ now: new Date(t0.getTime() + 29 * SECOND) })).toEqual([]);
    expect(await runDueJobs({ now: new Date(t0.getTime() + 30 * SECOND) })).toMatchObject([{ result: "completed" }]);
    const [sent] = await sendsOf(issue.id);
    expect(sent).toMatchObject({ status: "verzonden", attempts: 2, lastError: null, nextAttemptAt: null });
    expect(posts()).toHaveLength(2);
  });

  test("an unreachable system is a failure with a readable reason", async () => {
    await db.open311Connection.update({
      where: { organisationId: owner.id },
      data: { endpoint: "http://127.0.0.1:9/open311/v2" },
    });
    const { issue } = await triagedIssue();
    await runDueJobs();
    expect((await sendsOf(issue.id))[0]).toMatchObject({ status: "mislukt" });
    expect((await sendsOf(issue.id))[0].lastError).toContain("niet bereikbaar");
  });

  test("an accepted post whose answer cannot be read counts as sent and is never posted again", async () => {
    script = (request) => (request.method === "POST" ? { status: 201, body: { unexpected: true } } : healthy(request));
    const { issue } = await triagedIssue();
    const t0 = new Date();
    await runDueJobs({ now: t0 });
    await runDueJobs({ now: new Date(t0.getTime() + 3600 * SECOND) });
    expect(posts()).toHaveLength(1);
    const [sent] = await sendsOf(issue.id);
    expect(sent).toMatchObject({ status: "verzonden", externalId: null, token: null });
    expect(sent.lastError).toContain("geen nummer");
  });

  test("a post interrupted long ago is marked unknown for a person to check, not posted again", async () => {
    const { issue, member } = await triagedIssue();
    const [queued] = await sendsOf(issue.id);
    const t0 = new Date();
    // A worker claimed it and died before recording the answer.
    await db.externalRequest.update({ where: { id: queued.id }, data: { status: "bezig", lastAttemptAt: t0 } });
    const soon = (await runDueJobs({ now: new Date(t0.getTime() + 60 * SECOND) })).filter(
      (o) => o.type === "open311_send",
    );
    expect(soon).toMatchObject([{ result: "retry" }]);
    await runDueJobs({ now: new Date(t0.getTime() + 10 * 60 * SECOND) });
    expect(posts()).toHaveLength(0);
    expect((await sendsOf(issue.id))[0]).toMatchObject({ status: "onbekend" });
    // The partner checked the other system and sends it after all.
    expect(
      status(await partnerPost(issue.id, member.cookie, { intent: "external-retry", externalRequestId: queued.id })),
    ).toBe(302);
    await runDueJobs();
    expect(posts()).toHaveLength(1);
    expect((await sendsOf(issue.id))[0].status).toBe("verzonden");
  });

  test("a theme without a service code is skipped; after mapping it, a retry sends it", async () => {
    const { issue, member } = await triagedIssue(owner.id, "verlichting");
    await runDueJobs();
    const [skipped] = await sendsOf(issue.id);
    expect(skipped.status).toBe("overgeslagen");
    expect(skipped.lastError).toContain("Verlichting");
    expect(posts()).toHaveLength(0);

    await db.open311Connection.update({
      where: { organisationId: owner.id },
      data: { serviceMapping: JSON.stringify({ afval: "GROF", verlichting: "LAMP" }) },
    });
    const retried = await partnerPost(issue.id, member.cookie, {
      intent: "external-retry",
      externalRequestId: skipped.id,
    });
    expect(status(retried)).toBe(302);
    await runDueJobs();
    expect(posts().map((request) => request.form.get("service_code"))).toEqual(["LAMP"]);
    expect((await sendsOf(issue.id))[0].status).toBe("verzonden");

    // A sent request cannot be sent again.
    expect(
      status(await partnerPost(issue.id, member.cookie, { intent: "external-retry", externalRequestId: skipped.id })),
    ).toBe(302);
    await runDueJobs();
    expect(posts()).toHaveLength(1);
  });

  test("only members of the receiving organisation and admins may retry", async () => {
    script = () => ({ status: 500, body: [] });
    const { issue } = await triagedIssue();
    await runDueJobs();
    const [failed] = await sendsOf(issue.id);
    const outsider = await partner(other.id);
    const resident = await person();
    const form = { intent: "external-retry", externalRequestId: failed.id };
    expect(status(await partnerPost(issue.id, outsider.cookie, form))).toBe(403);
    expect(status(await partnerPost(issue.id, resident.cookie, form))).toBe(403);
    // The id of a send belonging to another issue.
    const { issue: unrelated } = await triagedIssue(other.id);
    const ownMember = await partner(owner.id);
    expect(status(await partnerPost(unrelated.id, ownMember.cookie, form))).toBe(403);
    expect(
      status(await partnerPost(issue.id, ownMember.cookie, { intent: "external-retry", externalRequestId: "../etc" })),
    ).toBe(400);
    expect(status(await partnerPost(issue.id, admin.cookie, form))).toBe(302);
  });
});

describe("reading the status back", () => {
  async function sentIssue() {
    const triaged = await triagedIssue();
    await runDueJobs();
    const [sent] = await sendsOf(triaged.issue.id);
    return { ...triaged, externalId: sent.externalId! };
  }
  const publicUpdates = (issueId: number) =>
    db.issueEvent.findMany({ where: { issueId, type: "public_update" }, orderBy: { createdAt: "asc" } });
  const poll = () => runDueJobs({ handlers: undefined }).then(() => pollNow());
  async function pollNow() {
    const { pollExternalRequests } = await import("~/utils/open311-client.server");
    await pollExternalRequests({}, { now: new Date() });
  }

  test("new notes and closing become public updates, once each, and followers are told", async () => {
    const { issue, externalId } = await sentIssue();
    statuses.set(externalId, { status: "open", status_notes: null });
    await poll();
    expect(await publicUpdates(issue.id)).toEqual([]);
    expect((await sendsOf(issue.id))[0]).toMatchObject({ externalStatus: "open" });

    const notifications = () =>
      db.job.count({ where: { type: "notify_issue_update", payload: { contains: `"issueId":${issue.id}` } } });
    const notifiedBefore = await notifications();
    statuses.set(externalId, { status: "open", status_notes: "Ingepland voor donderdag." });
    await poll();
    await poll();
    const updates = await publicUpdates(issue.id);
    expect(updates.map((event) => event.publicMessage)).toEqual([
      "Bericht uit het meldingensysteem van Gemeente Koppelstad: Ingepland voor donderdag.",
    ]);
    expect(updates[0].organisationId).toBe(owner.id);
    expect(await notifications()).toBe(notifiedBefore + 1);

    statuses.set(externalId, { status: "closed", status_notes: "Opgehaald." });
    await poll();
    expect((await publicUpdates(issue.id)).map((event) => event.publicMessage)).toEqual([
      "Bericht uit het meldingensysteem van Gemeente Koppelstad: Ingepland voor donderdag.",
      "Gemeente Koppelstad heeft de melding in het eigen systeem afgehandeld. Opgehaald.",
    ]);
    // Closed requests are no longer asked about.
    received = [];
    await poll();
    expect(received.filter((request) => request.method === "GET")).toEqual([]);
  });

  test("notes with personal data are not published, only the status news", async () => {
    const { issue, externalId } = await sentIssue();
    statuses.set(externalId, { status: "open", status_notes: "Bel meneer terug op 06-12345678." });
    await poll();
    expect(await publicUpdates(issue.id)).toEqual([]);
    expect((await sendsOf(issue.id))[0].externalStatusNotes).toBe("Bel meneer terug op 06-12345678.");
    statuses.set(externalId, { status: "closed", status_notes: "Opgelost, gebeld met 06-12345678." });
    await poll();
    expect((await publicUpdates(issue.id)).map((event) => event.publicMessage)).toEqual([
      "Gemeente Koppelstad heeft de melding in het eigen systeem afgehandeld.",
    ]);
  });

  test("a hidden issue gets no mirrored updates", async () => {
    const { issue, externalId } = await sentIssue();
    await db.issue.update({ where: { id: issue.id }, data: { visibility: "hidden" } });
    statuses.set(externalId, { status: "closed", status_notes: "Klaar." });
    await poll();
    expect(await publicUpdates(issue.id)).toEqual([]);
  });

  test("the poll asks with the jurisdiction and a comma list, and survives a broken system", async () => {
    const first = await sentIssue();
    const second = await sentIssue();
    received = [];
    await poll();
    const get = received.find((request) => request.method === "GET")!;
    expect(get.query.get("jurisdiction_id")).toBe("venlo.nl");
    expect(get.query.get("service_request_id")!.split(",").sort()).toEqual(
      [first.externalId, second.externalId].sort(),
    );

    script = () => ({ status: 500, body: "kapot" });
    await expect(pollNow()).resolves.toBeUndefined();
  });

  test("a token answer is resolved to an id by a later poll", async () => {
    script = (request) => {
      if (request.method === "POST") return { body: [{ token: "tok-77", service_notice: null, account_id: null }] };
      if (request.path.endsWith("/tokens/tok-77.json"))
        return { body: [{ service_request_id: "4242", token: "tok-77" }] };
      return healthy(request);
    };
    const { issue } = await triagedIssue();
    await runDueJobs();
    expect((await sendsOf(issue.id))[0]).toMatchObject({ status: "verzonden", token: "tok-77", externalId: null });
    statuses.set("4242", { status: "open", status_notes: "In behandeling genomen." });
    await poll();
    expect((await sendsOf(issue.id))[0]).toMatchObject({ externalId: "4242", externalStatus: "open" });
    expect(await publicUpdates(issue.id)).toHaveLength(1);
  });
});

describe("admin settings", () => {
  const url = () => `/admin/organisaties/${owner.id}/open311`;
  const post = (cookie: string, form: Record<string, string>) =>
    run(connectionAction as Handler, url(), { cookie, form, params: { id: owner.id } });

  test("only admins", async () => {
    const member = await partner(owner.id, "coordinator");
    expect(
      status(await run(connectionLoader as Handler, url(), { cookie: member.cookie, params: { id: owner.id } })),
    ).toBe(403);
    expect(status(await post(member.cookie, { intent: "remove" }))).toBe(403);
    expect(await db.open311Connection.count({ where: { organisationId: owner.id } })).toBe(1);
  });

  test("bad input gets Dutch errors next to the fields; an empty key keeps the stored one", async () => {
    const bad = await post(admin.cookie, { intent: "save", endpoint: "ftp://x", service_afval: "met spatie" });
    expect(status(bad)).toBe(400);
    expect(errorsOf(bad).endpoint?.[0]).toMatch(/https:\/\//);
    expect(errorsOf(bad).service_afval?.[0]).toMatch(/zonder spaties/);

    const saved = await post(admin.cookie, {
      intent: "save",
      endpoint: `${endpoint}/`,
      apiKey: "",
      enabled: "on",
      service_afval: "GROF",
      service_verlichting: "LAMP",
    });
    expect(status(saved)).toBe(302);
    const row = await db.open311Connection.findUniqueOrThrow({ where: { organisationId: owner.id } });
    expect(row.endpoint).toBe(endpoint);
    expect(decryptApiKey(row.apiKeyEncrypted)).toBe(API_KEY);
    expect(JSON.parse(row.serviceMapping)).toEqual({ afval: "GROF", verlichting: "LAMP" });
  });

  test("a new connection needs a key; the test button reads the service list", async () => {
    const fresh = await createOrganisation();
    const newUrl = `/admin/organisaties/${fresh.id}/open311`;
    const missingKey = await run(connectionAction as Handler, newUrl, {
      cookie: admin.cookie,
      form: { intent: "save", endpoint },
      params: { id: fresh.id },
    });
    expect(status(missingKey)).toBe(400);
    expect(errorsOf(missingKey).apiKey?.[0]).toBe("Vul de API-sleutel in.");

    const tested = (await post(admin.cookie, { intent: "test" })) as { data: { ok: boolean; services: unknown[] } };
    expect(tested.data).toMatchObject({
      ok: true,
      services: [
        { code: "GROF", name: "Grofvuil" },
        { code: "LAMP", name: "Lantaarnpaal" },
      ],
    });
    script = () => ({ status: 401, body: [{ code: 401, description: "Geen toegang" }] });
    const failed = (await post(admin.cookie, { intent: "test" })) as { data: { ok: boolean; error: string } };
    expect(failed.data.ok).toBe(false);
    expect(failed.data.error).toContain("401");
  });
});
