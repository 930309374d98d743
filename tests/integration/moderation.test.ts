import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseListQuery } from "~/domain/issue-filters";
import { loader as issuesGeojsonLoader } from "~/routes/api.issues[.]geojson";
import { loader as issueFeedLoader } from "~/routes/feeds.meldingen.$file";
import { loader as allFeedLoader } from "~/routes/feeds.meldingen[.]xml";
import { action as editAction, loader as editLoader } from "~/routes/meldingen.$id_.bewerken";
import { loader as issueLoader } from "~/routes/meldingen.$id";
import { action as flagAction, loader as flagLoader } from "~/routes/moderatie.melden";
import { action as queueAction, loader as queueLoader } from "~/routes/moderatie._index";
import { loader as open311Loader } from "~/routes/open311.$";
import { loader as uploadLoader } from "~/routes/uploads.$file";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { listPublicIssues } from "~/utils/issues.server";
import { notifyModerators } from "~/utils/moderation.server";
import { createIssue, createUser } from "../db-utils";
import { errorsOf, locationOf, partner, person, run, status, createOrganisation, type Handler } from "../route-utils";

const MINUTE = 60 * 1000;

/** POST the flag form, as a visitor from `address` (the load context server.mjs fills in). */
async function flag(search: string, form: Record<string, string>, options: { cookie?: string; address?: string } = {}) {
  const request = new Request(`http://localhost/moderatie/melden?${search}`, {
    method: "POST",
    body: new URLSearchParams(form),
    headers: options.cookie ? { Cookie: options.cookie } : {},
  });
  try {
    return await flagAction({ request, params: {}, context: { clientAddress: options.address ?? "192.0.2.10" } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const moderate = (cookie: string | undefined, form: Record<string, string>) =>
  run(queueAction as Handler, "/moderatie", { cookie, form });

async function hide(cookie: string, targetType: string, targetId: string | number, reason = "beledigend", note = "") {
  const result = await moderate(cookie, { intent: "hide", targetType, targetId: String(targetId), reason, note });
  expect(status(result)).toBe(302);
  return result;
}

/** The issue page as the loader answers it: data, or the 410 that the error boundary shows. */
async function issuePage(id: number, cookie?: string) {
  const request = new Request(`http://localhost/meldingen/${id}`, { headers: cookie ? { Cookie: cookie } : {} });
  try {
    return { status: 200, data: await issueLoader({ request, params: { id: String(id) }, context: {} }) };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: null, error: null };
    const error = thrown as { init?: ResponseInit; data?: unknown };
    if (error.init) return { status: error.init.status ?? 500, data: null, error: error.data };
    throw thrown;
  }
}

async function photoFor(issueId: number) {
  const fileName = `${randomUUID()}.jpg`;
  await mkdir(env().UPLOAD_DIR, { recursive: true });
  await writeFile(path.join(env().UPLOAD_DIR, fileName), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
  return db.photo.create({
    data: { issueId, fileName, mimeType: "image/jpeg", width: 10, height: 10, byteSize: 4 },
    select: { id: true, fileName: true },
  });
}

async function upload(fileName: string, cookie?: string) {
  return (await run(uploadLoader as Handler, `/uploads/${fileName}`, {
    cookie,
    params: { file: fileName },
  })) as Response;
}

/** Everywhere the public could meet an issue, and whether it is there. */
async function publicSightings(issue: { id: number; title: string; lat: number; lng: number }) {
  const around = `${issue.lng - 0.001},${issue.lat - 0.001},${issue.lng + 0.001},${issue.lat + 0.001}`;
  const geojson = (await run(issuesGeojsonLoader as Handler, `/api/issues.geojson?bbox=${around}&zoom=22`)) as Response;
  const features = ((await geojson.json()) as { features: { properties: { id?: number } }[] }).features;
  const feed = await ((await run(allFeedLoader as Handler, "/feeds/meldingen.xml")) as Response).text();
  const issueFeed = (await run(issueFeedLoader as Handler, `/feeds/meldingen/${issue.id}.xml`, {
    params: { file: `${issue.id}.xml` },
  })) as Response;
  const open311 = (path: string) =>
    open311Loader({ request: new Request(`http://localhost/open311/${path}`), params: { "*": path }, context: {} });
  const open311List = (await (await open311("v2/requests.json")).json()) as { service_request_id: string }[];
  const open311One = await open311(`v2/requests/${issue.id}.json`);
  const list = await listPublicIssues({ ...parseListQuery(new URLSearchParams()), page: 1 });
  return {
    map: features.some((feature) => feature.properties.id === issue.id),
    feed: feed.includes(issue.title),
    issueFeed: issueFeed.status === 200,
    open311List: open311List.some((request) => request.service_request_id === String(issue.id)),
    open311One: open311One.status === 200,
    list: list.issues.some((row) => row.id === issue.id),
  };
}

describe("flagging (Ongepast melden)", () => {
  test("anyone flags an issue, comment or photo; a second flag from the same address adds nothing", async () => {
    const issue = await createIssue({ reporterId: null });
    const comment = await db.comment.create({ data: { issueId: issue.id, body: "Wat een onzin allemaal." } });
    const photo = await photoFor(issue.id);

    expect(status(await run(flagLoader as Handler, `/moderatie/melden?melding=${issue.id}`))).toBe(200);
    const first = await flag(`melding=${issue.id}`, { reason: "spam" });
    expect(locationOf(first)).toBe(`/meldingen/${issue.id}`);
    expect(status(await flag(`melding=${issue.id}&reactie=${comment.id}`, { reason: "beledigend" }))).toBe(302);
    expect(status(await flag(`melding=${issue.id}&foto=${photo.id}`, { reason: "persoonsgegevens" }))).toBe(302);
    // Same address again: a kind answer, no second row.
    expect(status(await flag(`melding=${issue.id}`, { reason: "onjuist" }))).toBe(302);
    // Another address counts separately.
    expect(status(await flag(`melding=${issue.id}`, { reason: "spam" }, { address: "192.0.2.99" }))).toBe(302);

    const flags = await db.flag.findMany({ where: { issueId: issue.id }, orderBy: { createdAt: "asc" } });
    expect(flags.map((f) => [f.targetType, f.reason])).toEqual([
      ["issue", "spam"],
      ["comment", "beledigend"],
      ["photo", "persoonsgegevens"],
      ["issue", "spam"],
    ]);
    expect(flags[1]!.commentId).toBe(comment.id);
    expect(flags[2]!.photoId).toBe(photo.id);
    // Only a hash of the address is stored.
    expect(flags[0]!.reporterKey).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(flags)).not.toContain("192.0.2.10");
    expect(flags[0]!.reporterKey).not.toBe(flags[3]!.reporterKey);
  });

  test("a logged-in person flags once per target, whatever their address", async () => {
    const issue = await createIssue({ reporterId: null });
    const resident = await person();
    await flag(`melding=${issue.id}`, { reason: "spam" }, { cookie: resident.cookie, address: "198.51.100.1" });
    await flag(`melding=${issue.id}`, { reason: "spam" }, { cookie: resident.cookie, address: "198.51.100.2" });
    const flags = await db.flag.findMany({ where: { issueId: issue.id } });
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ reporterId: resident.id, reporterKey: null });
  });

  test("validation: a reason is required, 'anders' needs a note, notes are limited; nothing is stored", async () => {
    const issue = await createIssue({ reporterId: null });
    const none = await flag(`melding=${issue.id}`, { note: "Kijk hier eens naar" });
    expect(status(none)).toBe(400);
    expect(errorsOf(none).reason).toEqual(["Kies wat er mis is."]);
    const other = await flag(`melding=${issue.id}`, { reason: "anders", note: "  " });
    expect(errorsOf(other).note).toEqual(["Vertel kort wat er mis is."]);
    const long = await flag(`melding=${issue.id}`, { reason: "spam", note: "x".repeat(501) });
    expect(errorsOf(long).note).toEqual(["Schrijf een toelichting van hoogstens 500 tekens."]);
    const unknown = await flag(`melding=${issue.id}`, { reason: "vervelend" });
    expect(status(unknown)).toBe(400);
    expect(await db.flag.count({ where: { issueId: issue.id } })).toBe(0);
  });

  test("unknown, hidden or mismatched targets are 404; a filled honeypot stores nothing", async () => {
    const issue = await createIssue({ reporterId: null });
    const other = await createIssue({ reporterId: null });
    const hidden = await createIssue({ reporterId: null, visibility: "hidden" });
    const comment = await db.comment.create({ data: { issueId: other.id, body: "Reactie elders" } });
    expect(status(await flag(`melding=${hidden.id}`, { reason: "spam" }))).toBe(404);
    expect(status(await flag(`melding=${issue.id}&reactie=${comment.id}`, { reason: "spam" }))).toBe(404);
    expect(status(await flag(`melding=abc`, { reason: "spam" }))).toBe(404);
    expect(status(await flag(`melding=${issue.id}&reactie=x&foto=y`, { reason: "spam" }))).toBe(404);
    expect(status(await flag(`melding=${issue.id}`, { reason: "spam", website: "http://spam.example" }))).toBe(302);
    expect(await db.flag.count({ where: { issueId: { in: [issue.id, other.id, hidden.id] } } })).toBe(0);
  });

  test("rate limited per address: the 11th flag within an hour is refused with a Dutch message", async () => {
    const address = "203.0.113.77";
    const issues = await Promise.all(Array.from({ length: 11 }, () => createIssue({ reporterId: null })));
    for (const issue of issues.slice(0, 10)) {
      expect(status(await flag(`melding=${issue.id}`, { reason: "spam" }, { address }))).toBe(302);
    }
    const refused = await flag(`melding=${issues[10]!.id}`, { reason: "spam" }, { address });
    expect(status(refused)).toBe(429);
    expect(JSON.stringify(refused)).toContain("Je hebt veel meldingen gestuurd.");
  });
});

describe("the moderation queue", () => {
  test("residents, partners and steering members get 403 on the queue and on every action", async () => {
    const issue = await createIssue({ reporterId: null });
    await flag(`melding=${issue.id}`, { reason: "spam" });
    const organisation = await createOrganisation();
    const outsiders = [
      await person(),
      await person({ roles: ["resident", "steering"] }),
      await partner(organisation.id, "coordinator"),
    ];
    for (const outsider of outsiders) {
      expect(status(await run(queueLoader as Handler, "/moderatie", { cookie: outsider.cookie }))).toBe(403);
      for (const intent of ["hide", "dismiss", "unhide"]) {
        const form = { intent, targetType: "issue", targetId: String(issue.id), reason: "spam" };
        expect(status(await moderate(outsider.cookie, form))).toBe(403);
      }
    }
    expect(locationOf(await run(queueLoader as Handler, "/moderatie"))).toMatch(/^\/inloggen/);
    expect(locationOf(await moderate(undefined, { intent: "dismiss", targetType: "issue", targetId: "1" }))).toMatch(
      /^\/inloggen/,
    );
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).visibility).toBe("public");
    expect(await db.flag.count({ where: { issueId: issue.id, resolvedAt: null } })).toBe(1);
  });

  test("open flags are grouped per target with counts and reasons, for moderators and admins", async () => {
    const issue = await createIssue({ reporterId: null, title: "Groepje meldingen in de wachtrij" });
    await flag(`melding=${issue.id}`, { reason: "spam" }, { address: "10.0.0.1" });
    await flag(`melding=${issue.id}`, { reason: "spam", note: "Reclame voor een garage" }, { address: "10.0.0.2" });
    await flag(`melding=${issue.id}`, { reason: "onjuist" }, { address: "10.0.0.3" });
    for (const roles of [["moderator"], ["admin"]] as const) {
      const moderator = await person({ roles: [...roles] });
      const queue = (await run(queueLoader as Handler, "/moderatie", { cookie: moderator.cookie })) as Awaited<
        ReturnType<typeof queueLoader>
      >;
      const group = queue.groups.find((g) => g.targetType === "issue" && g.issueId === issue.id)!;
      expect(group).toMatchObject({ count: 3, notes: ["Reclame voor een garage"] });
      expect(group.reasons).toEqual([
        { reason: "spam", count: 2 },
        { reason: "onjuist", count: 1 },
      ]);
      expect(group.content).toMatchObject({ kind: "issue", title: "Groepje meldingen in de wachtrij" });
    }
  });

  test("hiding needs a reason; 'Andere reden' needs the moderator's words", async () => {
    const issue = await createIssue({ reporterId: null });
    const moderator = await person({ roles: ["moderator"] });
    const target = { intent: "hide", targetType: "issue", targetId: String(issue.id) };
    const none = await moderate(moderator.cookie, target);
    expect(status(none)).toBe(400);
    expect(errorsOf(none).reason).toEqual(["Kies een reden."]);
    const other = await moderate(moderator.cookie, { ...target, reason: "anders" });
    expect(errorsOf(other).note).toEqual(["Schrijf de reden bij 'Andere reden'."]);
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).visibility).toBe("public");
  });

  test("a hidden issue disappears from map, feeds, Open311 and lists; its page shows only the reason", async () => {
    const reporter = await createUser({ name: "Marloes Kessenbroek" });
    const issue = await createIssue({
      reporterId: reporter.id,
      title: "Scheldpartij over de buren",
      lat: 51.3678,
      lng: 6.1431,
    });
    const moderator = await person({ roles: ["moderator"] });
    await flag(`melding=${issue.id}`, { reason: "beledigend" });
    expect(await publicSightings(issue)).toEqual({
      map: true,
      feed: true,
      issueFeed: true,
      open311List: true,
      open311One: true,
      list: true,
    });

    await hide(moderator.cookie, "issue", issue.id, "beledigend", "Noemt buren bij naam");

    const row = await db.issue.findUniqueOrThrow({ where: { id: issue.id } });
    expect(row).toMatchObject({
      visibility: "hidden",
      moderationReason: "Beledigend of discriminerend: Noemt buren bij naam",
      moderatedById: moderator.id,
    });
    expect(await db.flag.findFirstOrThrow({ where: { issueId: issue.id } })).toMatchObject({
      resolution: "hidden",
      resolvedById: moderator.id,
    });
    expect(await publicSightings(issue)).toEqual({
      map: false,
      feed: false,
      issueFeed: false,
      open311List: false,
      open311One: false,
      list: false,
    });

    // The public page: 410 with the reason only (the error boundary shows the placeholder).
    const page = await issuePage(issue.id);
    expect(page.status).toBe(410);
    expect(page.error).toMatchObject({
      hiddenIssue: { reason: "Beledigend of discriminerend: Noemt buren bij naam" },
    });
    expect(JSON.stringify(page.error)).not.toContain("Scheldpartij");
    const resident = await person();
    expect((await issuePage(issue.id, resident.cookie)).status).toBe(410);

    // Moderators and partners still see the content, with a banner.
    for (const viewer of [moderator, await partner((await createOrganisation()).id)]) {
      const seen = await issuePage(issue.id, viewer.cookie);
      expect(seen.status).toBe(200);
      expect(seen.data!.issue.title).toBe("Scheldpartij over de buren");
      expect(seen.data!.moderation.issueHiddenReason).toBe("Beledigend of discriminerend: Noemt buren bij naam");
    }
    expect(await db.auditEntry.count({ where: { issueId: issue.id, action: "moderation_hidden" } })).toBe(1);

    // Unhide: everything is back.
    expect(
      status(await moderate(moderator.cookie, { intent: "unhide", targetType: "issue", targetId: String(issue.id) })),
    ).toBe(302);
    expect((await issuePage(issue.id)).status).toBe(200);
    expect((await publicSightings(issue)).map).toBe(true);
    expect(await db.auditEntry.count({ where: { issueId: issue.id, action: "moderation_unhidden" } })).toBe(1);
  });

  test("the author is told why: a notification and a queued mail", async () => {
    const reporter = await createUser({ name: "Joris Maasveldt", email: "joris.moderatie@example.test" });
    const issue = await createIssue({ reporterId: reporter.id, title: "Melding met een telefoonnummer" });
    const moderator = await person({ roles: ["moderator"] });
    await hide(moderator.cookie, "issue", issue.id, "persoonsgegevens");

    const notification = await db.notification.findFirstOrThrow({ where: { userId: reporter.id, issueId: issue.id } });
    expect(notification).toMatchObject({
      type: "moderated",
      title: "Je melding is verborgen door een moderator",
      body: "Reden: Bevat persoonsgegevens",
    });
    const jobs = await db.job.findMany({ where: { type: "send_email" } });
    const mail = jobs
      .map((job) => JSON.parse(job.payload) as { to: string; subject: string; text: string })
      .find((payload) => payload.to === "joris.moderatie@example.test")!;
    expect(mail.subject).toBe("Je melding is verborgen door een moderator: Melding met een telefoonnummer");
    expect(mail.text).toContain("De reden: Bevat persoonsgegevens");
    expect(mail.text).toContain("Beste Joris,");
    expect(mail.text).toContain(`${env().PUBLIC_URL}/meldingen/${issue.id}`);
  });

  test("a reporter without an account (Open311 contact) gets the mail; dismiss keeps the content", async () => {
    const issue = await createIssue({ reporterId: null });
    await db.issue.update({ where: { id: issue.id }, data: { reporterEmail: "contact.moderatie@example.test" } });
    const moderator = await person({ roles: ["admin"] });

    await flag(`melding=${issue.id}`, { reason: "onjuist" });
    expect(
      status(await moderate(moderator.cookie, { intent: "dismiss", targetType: "issue", targetId: String(issue.id) })),
    ).toBe(302);
    expect(await db.flag.findFirstOrThrow({ where: { issueId: issue.id } })).toMatchObject({ resolution: "dismissed" });
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).visibility).toBe("public");
    // Nothing left to dismiss: a calm "already handled", not an error.
    const again = await moderate(moderator.cookie, {
      intent: "dismiss",
      targetType: "issue",
      targetId: String(issue.id),
    });
    expect(status(again)).toBe(302);

    await hide(moderator.cookie, "issue", issue.id, "spam");
    const payloads = (await db.job.findMany({ where: { type: "send_email" } })).map(
      (job) => JSON.parse(job.payload) as { to: string; text: string },
    );
    const mail = payloads.find((payload) => payload.to === "contact.moderatie@example.test")!;
    expect(mail.text).toContain("Beste melder,");
    expect(mail.text).toContain("De reden: Spam of reclame");
  });

  test("a hidden comment is a placeholder for the public, is not counted, and its author is told", async () => {
    const issue = await createIssue({ reporterId: null });
    const author = await createUser({ name: "Sanne Peeterhuys" });
    const comment = await db.comment.create({
      data: { issueId: issue.id, authorId: author.id, body: "Grof taalgebruik hier" },
    });
    await db.comment.create({ data: { issueId: issue.id, body: "Nette reactie" } });
    await db.issue.update({ where: { id: issue.id }, data: { commentCount: 2 } });
    const moderator = await person({ roles: ["moderator"] });
    await flag(`melding=${issue.id}&reactie=${comment.id}`, { reason: "beledigend" });
    await hide(moderator.cookie, "comment", comment.id);

    const page = await issuePage(issue.id);
    const hidden = page.data!.comments.find((c) => c.id === comment.id)!;
    expect(hidden).toMatchObject({ body: null, hiddenReason: "Beledigend of discriminerend" });
    expect(JSON.stringify(page.data)).not.toContain("Grof taalgebruik");
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).commentCount).toBe(1);
    expect(await db.flag.findFirstOrThrow({ where: { commentId: comment.id } })).toMatchObject({
      resolution: "hidden",
    });

    const moderatorView = await issuePage(issue.id, moderator.cookie);
    expect(moderatorView.data!.comments.find((c) => c.id === comment.id)).toMatchObject({
      body: "Grof taalgebruik hier",
      hiddenReason: "Beledigend of discriminerend",
    });
    expect(await db.notification.findFirstOrThrow({ where: { userId: author.id } })).toMatchObject({
      title: "Je reactie is verborgen door een moderator",
    });

    await moderate(moderator.cookie, { intent: "unhide", targetType: "comment", targetId: comment.id });
    expect((await issuePage(issue.id)).data!.comments.find((c) => c.id === comment.id)!.body).toBe(
      "Grof taalgebruik hier",
    );
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).commentCount).toBe(2);
  });

  test("a hidden photo is a placeholder and is no longer served, except to moderators and partners", async () => {
    const reporter = await createUser();
    const issue = await createIssue({ reporterId: reporter.id });
    const photo = await photoFor(issue.id);
    const moderator = await person({ roles: ["moderator"] });
    expect((await upload(photo.fileName)).status).toBe(200);

    await hide(moderator.cookie, "photo", photo.id, "persoonsgegevens", "Kenteken leesbaar");

    const page = await issuePage(issue.id);
    expect(page.data!.issue.photos).toEqual([
      {
        id: photo.id,
        fileName: null,
        width: 10,
        height: 10,
        hiddenReason: "Bevat persoonsgegevens: Kenteken leesbaar",
      },
    ]);
    expect(JSON.stringify(page.data)).not.toContain(photo.fileName);
    expect((await upload(photo.fileName)).status).toBe(404);
    expect((await upload(photo.fileName, (await person()).cookie)).status).toBe(404);
    const forModerator = await upload(photo.fileName, moderator.cookie);
    expect(forModerator.status).toBe(200);
    expect(forModerator.headers.get("Cache-Control")).toBe("private, no-store");
    expect(await db.notification.findFirstOrThrow({ where: { userId: reporter.id } })).toMatchObject({
      title: "Een foto bij je melding is verborgen door een moderator",
    });
  });
});

describe("editing an issue's text", () => {
  const edit = (id: number, cookie: string, form: Record<string, string>) =>
    run(editAction as Handler, `/meldingen/${id}/bewerken`, { cookie, form, params: { id: String(id) } });
  const view = (id: number, cookie: string) =>
    run(editLoader as Handler, `/meldingen/${id}/bewerken`, { cookie, params: { id: String(id) } });

  test("the reporter edits within the hour (59 minutes: yes, 61 minutes: 403); the old text is kept", async () => {
    const reporter = await person();
    const fresh = await createIssue({
      reporterId: reporter.id,
      title: "Kapotte lantaarn Maasstraat",
      createdAt: new Date(Date.now() - 59 * MINUTE),
    });
    expect(status(await view(fresh.id, reporter.cookie))).toBe(200);
    expect((await issuePage(fresh.id, reporter.cookie)).data!.moderation.editorRole).toBe("reporter");
    const saved = await edit(fresh.id, reporter.cookie, {
      title: "Kapotte lantaarnpaal Maasstraat",
      description: "De lantaarnpaal bij nummer 12 brandt niet meer.",
    });
    expect(locationOf(saved)).toBe(`/meldingen/${fresh.id}`);
    expect(await db.issue.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({
      title: "Kapotte lantaarnpaal Maasstraat",
    });
    expect(await db.issueRevision.findFirstOrThrow({ where: { issueId: fresh.id } })).toMatchObject({
      title: "Kapotte lantaarn Maasstraat",
      editorRole: "reporter",
      editedById: reporter.id,
    });
    // No "bewerkt door moderator" for the reporter's own edit.
    expect((await issuePage(fresh.id)).data!.moderation.editedByModeratorAt).toBeNull();

    const old = await createIssue({ reporterId: reporter.id, createdAt: new Date(Date.now() - 61 * MINUTE) });
    expect(status(await view(old.id, reporter.cookie))).toBe(403);
    expect(
      status(await edit(old.id, reporter.cookie, { title: "Nieuwe titel hier", description: "Nieuwe tekst hier." })),
    ).toBe(403);
    expect((await issuePage(old.id, reporter.cookie)).data!.moderation.editorRole).toBeNull();
    // Someone else never edits, not even within the hour.
    expect(status(await view(fresh.id, (await person()).cookie))).toBe(403);
  });

  test("the same validation as the report form; typed text is kept; unchanged text is refused", async () => {
    const reporter = await person();
    const issue = await createIssue({ reporterId: reporter.id, title: "Titel die blijft staan" });
    const short = await edit(issue.id, reporter.cookie, { title: "Kort", description: "Dit is lang genoeg." });
    expect(status(short)).toBe(400);
    expect(errorsOf(short).title).toEqual(["Schrijf een titel van minstens 5 tekens."]);
    expect(JSON.stringify(short)).toContain("Dit is lang genoeg.");
    const same = await edit(issue.id, reporter.cookie, { title: issue.title, description: issue.description });
    expect(status(same)).toBe(400);
    expect(await db.issueRevision.count({ where: { issueId: issue.id } })).toBe(0);
  });

  test("a moderator edits later with a reason; history is kept and shown to moderators and partners", async () => {
    const reporter = await person();
    const issue = await createIssue({
      reporterId: reporter.id,
      title: "Overlast van de familie Jansenbosch",
      description: "Familie Jansenbosch op nummer 8 maakt elke nacht herrie.",
      createdAt: new Date(Date.now() - 3 * 24 * 60 * MINUTE),
    });
    const moderator = await person({ roles: ["moderator"] });
    const noReason = await edit(issue.id, moderator.cookie, {
      title: "Overlast in de straat",
      description: "Een huishouden maakt elke nacht herrie.",
    });
    expect(status(noReason)).toBe(400);
    expect(errorsOf(noReason).reason).toEqual(["Schrijf waarom je de tekst aanpast."]);

    const saved = await edit(issue.id, moderator.cookie, {
      title: "Overlast in de straat",
      description: "Een huishouden maakt elke nacht herrie.",
      reason: "Namen van buren weggehaald",
    });
    expect(status(saved)).toBe(302);
    const revision = await db.issueRevision.findFirstOrThrow({ where: { issueId: issue.id } });
    expect(revision).toMatchObject({
      title: "Overlast van de familie Jansenbosch",
      editorRole: "moderator",
      reason: "Namen van buren weggehaald",
      editedById: moderator.id,
    });

    const publicView = (await issuePage(issue.id)).data!;
    expect(publicView.issue.title).toBe("Overlast in de straat");
    expect(publicView.moderation.editedByModeratorAt).not.toBeNull();
    expect(publicView.moderation.revisions).toEqual([]);
    expect(JSON.stringify(publicView)).not.toContain("Jansenbosch");

    const partnerView = (await issuePage(issue.id, (await partner((await createOrganisation()).id)).cookie)).data!;
    expect(partnerView.moderation.revisions).toMatchObject([
      { title: "Overlast van de familie Jansenbosch", editorRole: "moderator", reason: "Namen van buren weggehaald" },
    ]);
    expect(await db.auditEntry.count({ where: { issueId: issue.id, action: "issue_text_edited" } })).toBe(1);
  });
});

describe("moderators hear about new flags", () => {
  /** The notify_moderators jobs queued for flags on this issue. */
  async function noticeJobs(issueId: number) {
    const flags = await db.flag.findMany({ where: { issueId }, select: { id: true } });
    const ids = new Set(flags.map((f) => f.id));
    const jobs = await db.job.findMany({ where: { type: "notify_moderators" }, select: { id: true, payload: true } });
    return jobs.filter((job) => ids.has((JSON.parse(job.payload) as { flagId: string }).flagId));
  }

  async function mailsTo(email: string) {
    const jobs = await db.job.findMany({ where: { type: "send_email" }, select: { payload: true } });
    return jobs
      .map((job) => JSON.parse(job.payload) as { to: string; subject: string; text: string })
      .filter((mail) => mail.to === email);
  }

  test("the first flag on content queues one notice; more flags on it do not", async () => {
    const issue = await createIssue({ reporterId: null });
    await flag(`melding=${issue.id}`, { reason: "spam" }, { address: "10.1.0.1" });
    await flag(`melding=${issue.id}`, { reason: "beledigend" }, { address: "10.1.0.2" });
    expect(await noticeJobs(issue.id)).toHaveLength(1);
  });

  test("a moderator gets one mail per half hour with a link to the queue, never the flagger's note", async () => {
    const moderator = await person({ roles: ["moderator"] });
    const optedOut = await person({ roles: ["moderator"] });
    await db.user.update({ where: { id: optedOut.id }, data: { emailOptOutAt: new Date() } });
    const first = await createIssue({ reporterId: null, title: "Reclame voor een autohandel" });
    await flag(`melding=${first.id}`, { reason: "spam", note: "Zie het telefoonnummer" }, { address: "10.1.1.1" });
    const [job] = await noticeJobs(first.id);
    const t0 = new Date();
    await notifyModerators(JSON.parse((await db.job.findUniqueOrThrow({ where: { id: job.id } })).payload), {
      jobId: job.id,
      now: t0,
    });
    // The same job again (a worker died after the work): no second mail.
    await notifyModerators({ flagId: JSON.parse(job.payload).flagId }, { jobId: job.id, now: t0 });
    const mails = await mailsTo(moderator.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Nieuwe melding van ongepaste inhoud");
    expect(mails[0].text).toContain("Iemand vindt de melding “Reclame voor een autohandel” ongepast.");
    expect(mails[0].text).toContain("Reden: Spam of reclame");
    expect(mails[0].text).toContain(`${env().PUBLIC_URL}/moderatie`);
    expect(mails[0].text).not.toContain("telefoonnummer");
    expect(await mailsTo(optedOut.email)).toHaveLength(0);

    // A second flagged item ten minutes later: the queue will show it, no new mail.
    const second = await createIssue({ reporterId: null });
    await flag(`melding=${second.id}`, { reason: "onjuist" }, { address: "10.1.1.2" });
    const [secondJob] = await noticeJobs(second.id);
    await notifyModerators(JSON.parse(secondJob.payload), {
      jobId: secondJob.id,
      now: new Date(t0.getTime() + 10 * MINUTE),
    });
    expect(await mailsTo(moderator.email)).toHaveLength(1);

    // After the half hour the next one mails again, counting what is waiting.
    const third = await createIssue({ reporterId: null });
    await flag(`melding=${third.id}`, { reason: "beledigend" }, { address: "10.1.1.3" });
    const [thirdJob] = await noticeJobs(third.id);
    await notifyModerators(JSON.parse(thirdJob.payload), {
      jobId: thirdJob.id,
      now: new Date(t0.getTime() + 31 * MINUTE),
    });
    const later = await mailsTo(moderator.email);
    expect(later).toHaveLength(2);
    const waiting = await db.flag.groupBy({
      by: ["targetType", "issueId", "commentId", "photoId"],
      where: { resolvedAt: null },
    });
    expect(later[1].text).toContain(`Er wachten nu ${waiting.length} onderwerpen op een moderator.`);
  });

  test("no mail when the flag was handled before the job ran", async () => {
    const moderator = await person({ roles: ["moderator"] });
    const issue = await createIssue({ reporterId: null });
    await flag(`melding=${issue.id}`, { reason: "spam" }, { address: "10.1.2.1" });
    await moderate(moderator.cookie, { intent: "dismiss", targetType: "issue", targetId: String(issue.id) });
    const [job] = await noticeJobs(issue.id);
    expect(await notifyModerators(JSON.parse(job.payload), { jobId: job.id, now: new Date() })).toEqual({
      recipients: 0,
    });
    expect(await mailsTo(moderator.email)).toHaveLength(0);
  });
});
