import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { action as accountAction } from "~/routes/account";
import { action as agendaAction, loader as agendaLoader } from "~/routes/agenda";
import { loader as decisionsLoader } from "~/routes/besluiten";
import { loader as issueLoader } from "~/routes/meldingen.$id";
import { action as meetingAction, loader as meetingLoader } from "~/routes/stuurgroep.overleg.$id";
import { action as meetingsAction, loader as meetingsLoader } from "~/routes/stuurgroep.overleg._index";
import { OPEN_STATUSES } from "~/domain/issue-status";
import { AGENDA_MAX_ITEMS } from "~/domain/steering";
import { composeAgenda } from "~/utils/agenda.server";
import { db } from "~/utils/db.server";
import { saveSettings } from "~/utils/settings.server";
import { createIssue, createUser } from "../db-utils";
import { createOrganisation, errorsOf, locationOf, partner, person, run, status, type Handler } from "../route-utils";

type AgendaData = Awaited<ReturnType<typeof agendaLoader>>;
type MeetingData = Awaited<ReturnType<typeof meetingLoader>>;

let steering: Awaited<ReturnType<typeof person>>;
let admin: Awaited<ReturnType<typeof person>>;
let resident: Awaited<ReturnType<typeof person>>;
let organisation: { id: string; name: string };
let themeId: string;

beforeAll(async () => {
  steering = await person({ roles: ["resident", "steering"] });
  admin = await person({ roles: ["admin"] });
  resident = await person();
  organisation = await createOrganisation("Gemeente Stuurstad");
  themeId = (await db.theme.findUniqueOrThrow({ where: { code: "afval" } })).id;
});

afterEach(async () => {
  await saveSettings({ agendaSupportThreshold: 10 });
});

async function issueWith(fields: { supportCount?: number; nature?: string; status?: "nieuw" | "getrieerd" | "opgelost"; visibility?: "public" | "hidden" | "unconfirmed" } = {}) {
  const issue = await createIssue({
    reporterId: (await createUser()).id,
    themeCode: "afval",
    status: fields.status ?? "getrieerd",
    visibility: fields.visibility ?? "public",
  });
  await db.issue.update({
    where: { id: issue.id },
    data: { supportCount: fields.supportCount ?? 0, nature: fields.nature ?? null },
  });
  return issue;
}

const agenda = async (cookie?: string) => (await run(agendaLoader as Handler, "/agenda", { cookie })) as AgendaData;
const keys = async (cookie?: string) => (await agenda(cookie)).items.map((item) => item.key);
const postAgenda = (cookie: string | undefined, form: Record<string, string>) => run(agendaAction as Handler, "/agenda", { cookie, form });
const postMeetings = (cookie: string | undefined, form: Record<string, string>) =>
  run(meetingsAction as Handler, "/stuurgroep/overleg", { cookie, form });
const postMeeting = (id: string, cookie: string | undefined, form: Record<string, string>) =>
  run(meetingAction as Handler, `/stuurgroep/overleg/${id}`, { cookie, form, params: { id } });
const meetingPage = async (id: string, cookie: string) =>
  (await run(meetingLoader as Handler, `/stuurgroep/overleg/${id}`, { cookie, params: { id } })) as MeetingData;

async function newMeeting(cookie = steering.cookie) {
  const result = await postMeetings(cookie, { intent: "create", date: "2026-03-12", time: "19:30", place: "Buurthuis De Vossener" });
  const location = locationOf(result)!;
  return location.split("/").at(-1)!;
}

describe("composition of the residents' agenda", () => {
  test("open public issues at or above the support threshold from the settings are on it, most supported first", async () => {
    const nine = await issueWith({ supportCount: 9 });
    const ten = await issueWith({ supportCount: 10 });
    const forty = await issueWith({ supportCount: 40 });
    const closed = await issueWith({ supportCount: 50, status: "opgelost" });
    let current = await keys();
    expect(current).toContain(`issue:${ten.id}`);
    expect(current).not.toContain(`issue:${nine.id}`);
    expect(current).not.toContain(`issue:${closed.id}`);
    expect(current.indexOf(`issue:${forty.id}`)).toBeLessThan(current.indexOf(`issue:${ten.id}`));
    const item = (await agenda()).items.find((i) => i.key === `issue:${ten.id}`);
    expect(item?.reasons).toEqual(["support"]);

    await saveSettings({ agendaSupportThreshold: 5 });
    current = await keys();
    expect(current).toContain(`issue:${nine.id}`);
    expect((await agenda()).threshold).toBe(5);
  });

  test("open issues triaged structureel are on it without supports; closed ones are not", async () => {
    const structural = await issueWith({ nature: "structureel" });
    const incident = await issueWith({ nature: "incident" });
    const solved = await issueWith({ nature: "structureel", status: "opgelost" });
    const current = await agenda();
    expect(current.items.find((i) => i.key === `issue:${structural.id}`)?.reasons).toEqual(["structural"]);
    expect(current.items.map((i) => i.key)).not.toContain(`issue:${incident.id}`);
    expect(current.items.map((i) => i.key)).not.toContain(`issue:${solved.id}`);
  });

  test(`at most ${AGENDA_MAX_ITEMS} items: placed by hand first, then the most supported; how many more qualify is counted`, async () => {
    await saveSettings({ agendaSupportThreshold: 500 });
    const many = [];
    for (let i = 0; i < AGENDA_MAX_ITEMS + 5; i++) many.push(await issueWith({ supportCount: 600 + i }));
    const low = await issueWith({ supportCount: 0 });
    try {
      const added = await postAgenda(steering.cookie, { intent: "add", kind: "issue", issueId: String(low.id), reason: "Bewoners vragen hier al jaren om" });
      expect(status(added)).toBe(302);
      const current = await agenda();
      const keys = current.items.map((item) => item.key);
      expect(keys).toHaveLength(AGENDA_MAX_ITEMS);
      expect(keys).toContain(`issue:${low.id}`);
      // The qualifying issues without a row that made it are the most supported ones, in that order.
      const byKey = new Map(many.map((issue, i) => [`issue:${issue.id}`, 600 + i]));
      const shown = keys.filter((key) => byKey.has(key)).map((key) => byKey.get(key)!);
      expect(shown.length).toBeGreaterThan(0);
      expect(shown).toEqual([...byKey.values()].sort((a, b) => b - a).slice(0, shown.length));
      // Counted from the database, not from the function under test.
      const qualifying = await db.issue.findMany({
        where: { visibility: "public", status: { in: [...OPEN_STATUSES] }, OR: [{ supportCount: { gte: 500 } }, { nature: "structureel" }] },
        select: { id: true },
      });
      const listed = new Set([...current.items, ...current.removed].map((item) => item.key));
      expect(current.notShown).toBe(qualifying.filter(({ id }) => !listed.has(`issue:${id}`)).length);
      expect(current.notShown).toBeGreaterThanOrEqual(5);
      expect(current.notShownMore).toBe(false);
      // Beyond the count limit the page says "more than" (counting all is a scan of every open issue).
      const capped = await composeAgenda(db, { countLimit: 3 });
      expect(capped.items.map((item) => item.key)).toEqual(keys);
      expect(capped).toMatchObject({ notShown: 3, notShownMore: true });

      // A move writes the order of every item shown; an issue that then gets far more supports
      // still gets on the agenda (the ordered items do not keep the places for good).
      const moved = await postAgenda(steering.cookie, { intent: "move", key: keys[0]!, direction: "down" });
      expect(status(moved)).toBe(302);
      const hot = await issueWith({ supportCount: 5000 });
      many.push(hot);
      const after = (await agenda()).items.map((item) => item.key);
      expect(after).toHaveLength(AGENDA_MAX_ITEMS);
      expect(after).toContain(`issue:${hot.id}`);
      expect(after).toContain(`issue:${low.id}`);
      // The ordered ones keep the steering group's order among themselves.
      const orderedBefore = [keys[1], keys[0]].filter((key) => after.includes(key!));
      expect(after.filter((key) => orderedBefore.includes(key))).toEqual(orderedBefore);
    } finally {
      // Later tests expect their own issues on the agenda, not these.
      await db.issue.updateMany({ where: { id: { in: [...many, low].map((issue) => issue.id) } }, data: { status: "opgelost" } });
    }
  });

  test("hidden and unconfirmed issues never appear, also not when added or ordered by hand", async () => {
    const hidden = await issueWith({ supportCount: 80, nature: "structureel", visibility: "hidden" });
    const unconfirmed = await issueWith({ supportCount: 80, visibility: "unconfirmed" });
    // A row written while the issue was public, hidden by a moderator since.
    await db.agendaItem.create({ data: { issueId: hidden.id, source: "manual", reason: "Was openbaar", position: 0 } });
    const current = await agenda(steering.cookie);
    const all = [...current.items, ...current.removed].map((i) => i.key);
    expect(all).not.toContain(`issue:${hidden.id}`);
    expect(all).not.toContain(`issue:${unconfirmed.id}`);

    const result = await postAgenda(steering.cookie, { intent: "add", kind: "issue", issueId: String(unconfirmed.id), reason: "Belangrijk voor de buurt" });
    expect(status(result)).toBe(400);
    expect(errorsOf(result).issueId).toEqual(["Er is geen openbare melding met dit nummer."]);
  });

  test("the steering group adds (issue or theme, with a public reason), orders and removes with a reason", async () => {
    const low = await issueWith({ supportCount: 1 });
    const top = await issueWith({ supportCount: 500 });

    expect(locationOf(await postAgenda(steering.cookie, { intent: "add", kind: "issue", issueId: String(low.id), reason: "Speelt al jaren in de wijk" }))).toBe("/agenda");
    expect(locationOf(await postAgenda(admin.cookie, { intent: "add", kind: "theme", themeId, reason: "Afval is het grootste thema" }))).toBe("/agenda");
    let current = await agenda();
    const lowItem = current.items.find((i) => i.key === `issue:${low.id}`);
    expect(lowItem).toMatchObject({ reasons: ["manual"], manualReason: "Speelt al jaren in de wijk" });
    expect(current.items.find((i) => i.key === `theme:${themeId}`)).toMatchObject({ manualReason: "Afval is het grootste thema" });
    // Hand-added items come first (rows have positions); automatic items without a row after.
    let order = current.items.map((i) => i.key);
    expect(order.indexOf(`issue:${low.id}`)).toBeLessThan(order.indexOf(`issue:${top.id}`));

    // Adding it again is refused with a Dutch message.
    const again = await postAgenda(steering.cookie, { intent: "add", kind: "issue", issueId: String(low.id), reason: "Nog een keer" });
    expect(status(again)).toBe(400);
    expect(errorsOf(again).issueId).toEqual(["Dit staat al op de agenda."]);

    // Move the most supported automatic item up, past the theme.
    const topIndex = order.indexOf(`issue:${top.id}`);
    await postAgenda(steering.cookie, { intent: "move", key: `issue:${top.id}`, direction: "up" });
    order = await keys();
    expect(order.indexOf(`issue:${top.id}`)).toBe(topIndex - 1);
    expect(await db.agendaItem.count({ where: { meetingId: null, issueId: top.id, source: "auto" } })).toBe(1);

    // Removing needs a reason.
    const noReason = await postAgenda(steering.cookie, { intent: "remove", key: `issue:${top.id}`, removedReason: "" });
    expect(status(noReason)).toBe(400);
    expect(errorsOf(noReason).removedReason).toEqual(["Schrijf waarom, in minstens 5 tekens."]);
    expect(locationOf(await postAgenda(steering.cookie, { intent: "remove", key: `issue:${top.id}`, removedReason: "De gemeente lost dit al op" }))).toBe(
      "/agenda#van-de-agenda",
    );
    current = await agenda();
    expect(current.items.map((i) => i.key)).not.toContain(`issue:${top.id}`);
    expect(current.removed.find((i) => i.key === `issue:${top.id}`)).toMatchObject({ removedReason: "De gemeente lost dit al op" });

    // Adding a removed issue by hand puts it back.
    await postAgenda(steering.cookie, { intent: "add", kind: "issue", issueId: String(top.id), reason: "Toch weer bespreken" });
    current = await agenda();
    expect(current.items.map((i) => i.key)).toContain(`issue:${top.id}`);
    expect(current.removed.map((i) => i.key)).not.toContain(`issue:${top.id}`);
  });

  test("bad input gives Dutch errors with status 400, never a 500", async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ intent: "add", kind: "issue", reason: "Een goede reden" }, "issueId", "Vul het nummer van de melding in."],
      [{ intent: "add", kind: "issue", issueId: "abc", reason: "Een goede reden" }, "issueId", "Vul het nummer van de melding in."],
      [{ intent: "add", kind: "theme", reason: "Een goede reden" }, "themeId", "Kies een thema."],
      [{ intent: "add", kind: "theme", themeId: "bestaat-niet", reason: "Een goede reden" }, "themeId", "Dit thema bestaat niet."],
      [{ intent: "add", reason: "Een goede reden" }, "kind", "Kies of je een melding of een thema toevoegt."],
      [{ intent: "add", kind: "issue", issueId: "1", reason: "kort" }, "reason", "Schrijf waarom, in minstens 5 tekens."],
      [{ intent: "move", key: "iets", direction: "up" }, "key", "Kies een onderwerp."],
      [{ intent: "move", key: "issue:999999", direction: "up" }, "key", "Dit onderwerp staat niet (meer) op de agenda."],
      [{ intent: "move", key: "issue:1", direction: "links" }, "direction", "Kies omhoog of omlaag."],
    ];
    for (const [form, field, message] of cases) {
      const result = await postAgenda(steering.cookie, form);
      expect(status(result), JSON.stringify(form)).toBe(400);
      expect(errorsOf(result)[field], JSON.stringify(form)).toEqual([message]);
    }
    expect(status(await postAgenda(steering.cookie, { intent: "wat" }))).toBe(400);
  });

  test("the page shows the next meeting and who is in the steering group, residents by name only with consent", async () => {
    const named = await person({ roles: ["resident", "steering"], name: "Truus Maasveldt" });
    await person({ roles: ["resident", "steering"], name: "Geheime Bewoner" });
    const leader = await partner(organisation.id);
    await db.userRole.create({ data: { userId: leader.id, role: "steering" } });

    let page = await agenda();
    expect(page.members.named.map((m) => m.name)).toContain(leader.name);
    expect(page.members.named.find((m) => m.name === leader.name)?.organisation).toBe(organisation.name);
    expect(page.members.named.map((m) => m.name)).not.toContain("Truus Maasveldt");
    const hiddenBefore = page.members.hiddenResidents;

    // The consent checkbox on /account.
    const consent = await run(accountAction as Handler, "/account", { cookie: named.cookie, form: { intent: "steering-consent", consent: "on" } });
    expect(locationOf(consent)).toBe("/account");
    page = await agenda();
    expect(page.members.named.map((m) => m.name)).toContain("Truus Maasveldt");
    expect(page.members.hiddenResidents).toBe(hiddenBefore - 1);
    expect(JSON.stringify(page)).not.toContain("Geheime Bewoner");
    // A resident without the steering role cannot give this consent.
    expect(status(await run(accountAction as Handler, "/account", { cookie: resident.cookie, form: { intent: "steering-consent", consent: "on" } }))).toBe(403);

    await db.meeting.create({ data: { startsAt: new Date(Date.now() + 3 * 86_400_000), place: "Wijkcentrum Klingerberg" } });
    await db.meeting.create({ data: { startsAt: new Date(Date.now() - 3 * 86_400_000), place: "Verleden zaal" } });
    page = await agenda();
    expect(page.nextMeeting?.place).toBe("Wijkcentrum Klingerberg");
  });
});

describe("authorisation", () => {
  test("residents and anonymous visitors get 403 on every steering action", async () => {
    const meetingId = await newMeeting();
    const item = await db.agendaItem.create({ data: { meetingId, themeId, source: "manual", position: 0 } });
    const issue = await issueWith({ supportCount: 30 });
    const agendaForms: Record<string, string>[] = [
      { intent: "add", kind: "theme", themeId, reason: "Een goede reden" },
      { intent: "move", key: `issue:${issue.id}`, direction: "up" },
      { intent: "remove", key: `issue:${issue.id}`, removedReason: "Een goede reden" },
      { intent: "add" },
    ];
    const meetingForms: Record<string, string>[] = [
      { intent: "take", key: `issue:${issue.id}` },
      { intent: "add-item", kind: "theme", themeId },
      { intent: "decision", itemId: item.id, text: "Een besluit van de stuurgroep", progress: "open" },
      { intent: "notes", notes: "Aantekening" },
      { intent: "decision" },
    ];
    for (const cookie of [resident.cookie, undefined, (await partner(organisation.id)).cookie]) {
      for (const form of agendaForms) expect(status(await postAgenda(cookie, form)), JSON.stringify(form)).toBe(403);
      expect(status(await postMeetings(cookie, { intent: "create", date: "2026-03-12", time: "19:30", place: "Ergens" }))).toBe(403);
      for (const form of meetingForms) expect(status(await postMeeting(meetingId, cookie, form)), JSON.stringify(form)).toBe(403);
    }
    expect(await db.decision.count({ where: { agendaItemId: item.id } })).toBe(0);
    expect((await db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).notes).toBe("");
  });

  test("meetings: steering and admins manage, partners read, residents 403, anonymous to the login page", async () => {
    const meetingId = await newMeeting(admin.cookie);
    const member = await partner(organisation.id);
    const list = (await run(meetingsLoader as Handler, "/stuurgroep/overleg", { cookie: member.cookie })) as Awaited<ReturnType<typeof meetingsLoader>>;
    expect(list.canManage).toBe(false);
    expect((await meetingPage(meetingId, member.cookie)).canManage).toBe(false);
    expect((await meetingPage(meetingId, steering.cookie)).canManage).toBe(true);
    expect(status(await run(meetingsLoader as Handler, "/stuurgroep/overleg", { cookie: resident.cookie }))).toBe(403);
    expect(status(await run(meetingLoader as Handler, `/stuurgroep/overleg/${meetingId}`, { cookie: resident.cookie, params: { id: meetingId } }))).toBe(403);
    const anonymous = await run(meetingsLoader as Handler, "/stuurgroep/overleg");
    expect(locationOf(anonymous)).toMatch(/^\/inloggen\?redirectTo=/);
    expect(status(await run(meetingLoader as Handler, "/stuurgroep/overleg/bestaat-niet", { cookie: steering.cookie, params: { id: "bestaat-niet" } }))).toBe(404);
  });
});

describe("meetings, minutes and decisions", () => {
  test("bad input when planning a meeting or recording a decision: Dutch errors, 400", async () => {
    const bad = await postMeetings(steering.cookie, { intent: "create", date: "2026-02-30", time: "25:00", place: "" });
    expect(status(bad)).toBe(400);
    expect(errorsOf(bad)).toMatchObject({
      date: ["Vul een datum in, bijvoorbeeld 2026-03-12."],
      time: ["Vul een tijd in, bijvoorbeeld 19:30."],
      place: ["Vul de plaats van het overleg in."],
    });
    const meetingId = await newMeeting();
    const item = await db.agendaItem.create({ data: { meetingId, themeId, source: "manual", position: 0 } });
    const decision = await postMeeting(meetingId, steering.cookie, {
      intent: "decision",
      itemId: item.id,
      text: "Ja",
      progress: "misschien",
      deadline: "morgen",
    });
    expect(status(decision)).toBe(400);
    expect(errorsOf(decision)).toMatchObject({
      text: ["Schrijf wat de stuurgroep besloot, in minstens 5 tekens."],
      progress: ["Kies de voortgang: open, loopt of afgerond."],
      deadline: ["Vul een geldige datum in, bijvoorbeeld 2026-06-30."],
    });
    const unknownOwner = await postMeeting(meetingId, steering.cookie, {
      intent: "decision",
      itemId: item.id,
      text: "Een besluit van de stuurgroep",
      progress: "open",
      ownerOrganisationId: "bestaat-niet",
    });
    expect(status(unknownOwner)).toBe(400);
    expect(errorsOf(unknownOwner).ownerOrganisationId).toEqual(["Kies een organisatie uit de lijst."]);
    const otherMeeting = await newMeeting();
    const wrongItem = await postMeeting(otherMeeting, steering.cookie, { intent: "decision", itemId: item.id, text: "Een besluit", progress: "open" });
    expect(status(wrongItem)).toBe(400);
  });

  test("the meeting takes items from the residents' agenda; a decision on an issue notifies followers and is public", async () => {
    const issue = await issueWith({ supportCount: 25, nature: "structureel" });
    const follower = await createUser();
    await db.follow.create({ data: { userId: follower.id, issueId: issue.id } });
    const meetingId = await newMeeting();
    const meeting = await db.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    // 19:30 on the clock in Venlo (winter time, UTC+1).
    expect(meeting.startsAt.toISOString()).toBe("2026-03-12T18:30:00.000Z");

    let page = await meetingPage(meetingId, steering.cookie);
    expect(page.candidates.map((c) => c.key)).toContain(`issue:${issue.id}`);
    expect(locationOf(await postMeeting(meetingId, steering.cookie, { intent: "take", key: `issue:${issue.id}` }))).toBe(
      `/stuurgroep/overleg/${meetingId}#agenda`,
    );
    const twice = await postMeeting(meetingId, steering.cookie, { intent: "take", key: `issue:${issue.id}` });
    expect(status(twice)).toBe(400);
    expect(errorsOf(twice).key).toEqual(["Dit staat al op de agenda."]);
    // And a theme added directly.
    await postMeeting(meetingId, steering.cookie, { intent: "add-item", kind: "theme", themeId, reason: "Jaarlijkse terugblik" });

    page = await meetingPage(meetingId, steering.cookie);
    expect(page.candidates.map((c) => c.key)).not.toContain(`issue:${issue.id}`);
    expect(page.meeting.items).toHaveLength(2);
    const item = page.meeting.items.find((i) => i.issue?.id === issue.id)!;

    const text = "De gemeente plaatst extra afvalbakken en controleert elke week.";
    const result = await postMeeting(meetingId, steering.cookie, {
      intent: "decision",
      itemId: item.id,
      text,
      ownerOrganisationId: organisation.id,
      deadline: "2026-06-30",
      progress: "loopt",
      progressNote: "Bakken zijn besteld.",
    });
    expect(locationOf(result)).toBe(`/stuurgroep/overleg/${meetingId}#item-${item.id}`);

    const decision = await db.decision.findFirstOrThrow({ where: { agendaItemId: item.id } });
    expect(decision).toMatchObject({ issueId: issue.id, meetingId, text, ownerOrganisationId: organisation.id, progress: "loopt" });
    expect(decision.deadline?.toISOString()).toBe("2026-06-29T22:00:00.000Z");
    const jobs = await db.job.findMany({ where: { type: "notify_issue_update" } });
    const payloads = jobs.map((job) => JSON.parse(job.payload) as { issueId: number; kind: string; message: string; actorId: string });
    expect(payloads).toContainEqual({ issueId: issue.id, kind: "decision", message: text, actorId: steering.id });
    expect(await db.issueEvent.count({ where: { issueId: issue.id, type: "decision", publicMessage: text } })).toBe(1);

    // The issue page: a decision card and the timeline entry.
    const view = (await run(issueLoader as Handler, `/meldingen/${issue.id}`, { params: { id: String(issue.id) } })) as Awaited<
      ReturnType<typeof issueLoader>
    >;
    expect(view.steeringDecisions).toHaveLength(1);
    expect(view.steeringDecisions[0]).toMatchObject({ text, progress: "loopt", ownerOrganisation: { name: organisation.name } });
    expect(view.timeline.find((e) => e.type === "decision")?.message).toBe(text);

    // /besluiten, with the progress filter.
    const all = (await run(decisionsLoader as Handler, "/besluiten")) as Awaited<ReturnType<typeof decisionsLoader>>;
    expect(all.decisions.map((d) => d.text)).toContain(text);
    const done = (await run(decisionsLoader as Handler, "/besluiten?voortgang=afgerond")) as Awaited<ReturnType<typeof decisionsLoader>>;
    expect(done.decisions.map((d) => d.text)).not.toContain(text);

    // Updating only the progress does not notify again; a new text does.
    await postMeeting(meetingId, steering.cookie, { intent: "decision", itemId: item.id, text, progress: "afgerond" });
    expect(await db.issueEvent.count({ where: { issueId: issue.id, type: "decision" } })).toBe(1);
    expect((await db.decision.findFirstOrThrow({ where: { agendaItemId: item.id } })).progress).toBe("afgerond");
    expect(await db.decision.count({ where: { agendaItemId: item.id } })).toBe(1);

    // Notes.
    expect(locationOf(await postMeeting(meetingId, steering.cookie, { intent: "notes", notes: "Volgende keer: jongerenwerk uitnodigen." }))).toBe(
      `/stuurgroep/overleg/${meetingId}#aantekeningen`,
    );
    expect((await meetingPage(meetingId, steering.cookie)).meeting.notes).toBe("Volgende keer: jongerenwerk uitnodigen.");
  });

  test("decisions about issues that are no longer public are not shown on /besluiten", async () => {
    const issue = await issueWith({ supportCount: 25 });
    const decision = await db.decision.create({ data: { issueId: issue.id, text: "Geheim besluit over verborgen melding", progress: "open" } });
    await db.issue.update({ where: { id: issue.id }, data: { visibility: "hidden" } });
    const all = (await run(decisionsLoader as Handler, "/besluiten")) as Awaited<ReturnType<typeof decisionsLoader>>;
    expect(all.decisions.map((d) => d.id)).not.toContain(decision.id);
  });
});
