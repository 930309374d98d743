import type { Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/domain/permissions";
import { agendaKey, amsterdamInstant, parseAgendaKey, type DecisionInput, type DecisionProgress } from "~/domain/steering";
import { t } from "~/i18n";
import { agendaIssueSelect, assertCanManageSteering, composeAgenda, resolveSubject, SteeringInputError } from "./agenda.server";
import { db, type Tx } from "./db.server";
import { publicIssueWhere } from "./issues.server";
import { queueIssueNotifications } from "./notifications.server";

/**
 * Steering group meetings (overleg): their agenda items (AgendaItem rows with a meetingId),
 * minutes per item as Decision rows, and general notes. A decision about an issue is also a
 * public timeline event and a notification to the issue's followers, in the same transaction.
 */

export function listMeetings(client: Tx = db) {
  return client.meeting.findMany({
    select: {
      id: true,
      startsAt: true,
      place: true,
      _count: { select: { items: true, decisions: true } },
    },
    orderBy: { startsAt: "desc" },
  });
}

export async function createMeeting(actor: Actor, input: { date: string; time: string; place: string }) {
  assertCanManageSteering(actor);
  const meeting = await db.meeting.create({
    data: { startsAt: amsterdamInstant(input.date, input.time), place: input.place, createdById: actor.id },
    select: { id: true },
  });
  return meeting.id;
}

export async function loadMeeting(id: string) {
  const meeting = await db.meeting.findUnique({
    where: { id },
    select: {
      id: true,
      startsAt: true,
      place: true,
      notes: true,
      items: {
        where: { removedAt: null },
        select: {
          id: true,
          issueId: true,
          themeId: true,
          reason: true,
          position: true,
          issue: { select: agendaIssueSelect },
          theme: { select: { id: true, code: true, name: true } },
          decision: {
            select: {
              id: true,
              text: true,
              ownerOrganisationId: true,
              deadline: true,
              progress: true,
              progressNote: true,
              updatedAt: true,
            },
          },
        },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      },
    },
  });
  if (!meeting) return null;
  const inMeeting = new Set(meeting.items.map((item) => agendaKey(item)));
  const [agenda, organisations, themes] = await Promise.all([
    composeAgenda(),
    db.organisation.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.theme.findMany({ where: { retiredAt: null }, select: { id: true, name: true }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }] }),
  ]);
  return {
    meeting,
    candidates: agenda.items.filter((item) => !inMeeting.has(item.key)),
    organisations,
    themes,
  };
}

async function requireMeeting(tx: Tx, meetingId: string) {
  const meeting = await tx.meeting.findUnique({ where: { id: meetingId }, select: { id: true } });
  if (!meeting) throw new Response("Niet gevonden", { status: 404 });
  return meeting;
}

async function nextMeetingPosition(tx: Tx, meetingId: string) {
  const last = await tx.agendaItem.aggregate({ where: { meetingId }, _max: { position: true } });
  return (last._max.position ?? -1) + 1;
}

async function addSubjectToMeeting(
  tx: Tx,
  actor: Actor,
  meetingId: string,
  subject: { issueId: number | null; themeId: string | null },
  fields: { source: string; reason: string | null },
  field: string,
) {
  const existing = await tx.agendaItem.findFirst({
    where: { meetingId, issueId: subject.issueId, themeId: subject.themeId, removedAt: null },
    select: { id: true },
  });
  if (existing) throw new SteeringInputError(field, t("steering.validation.alreadyOnAgenda"));
  const row = await tx.agendaItem.create({
    data: { ...subject, meetingId, ...fields, position: await nextMeetingPosition(tx, meetingId), addedById: actor.id },
    select: { id: true },
  });
  return row.id;
}

/** Takes an item of the residents' agenda into a meeting (the residents' agenda keeps it). */
export async function takeIntoMeeting(actor: Actor, meetingId: string, key: string) {
  assertCanManageSteering(actor);
  return db.$transaction(async (tx) => {
    await requireMeeting(tx, meetingId);
    const agenda = await composeAgenda(tx);
    const entry = agenda.items.find((item) => item.key === key);
    if (!entry) throw new SteeringInputError("key", t("steering.validation.itemNotFound"));
    return addSubjectToMeeting(
      tx,
      actor,
      meetingId,
      parseAgendaKey(entry.key),
      { source: entry.manualReason ? "manual" : "auto", reason: entry.manualReason },
      "key",
    );
  });
}

/** Adds an issue or a theme to a meeting's agenda directly. */
export async function addMeetingItem(
  actor: Actor,
  meetingId: string,
  input: { kind: "issue" | "theme"; issueId?: number; themeId?: string; reason?: string },
) {
  assertCanManageSteering(actor);
  return db.$transaction(async (tx) => {
    await requireMeeting(tx, meetingId);
    const subject = await resolveSubject(tx, input);
    return addSubjectToMeeting(
      tx,
      actor,
      meetingId,
      subject,
      { source: "manual", reason: input.reason || null },
      subject.issueId ? "issueId" : "themeId",
    );
  });
}

export async function saveMeetingNotes(actor: Actor, meetingId: string, notes: string) {
  assertCanManageSteering(actor);
  await db.$transaction(async (tx) => {
    await requireMeeting(tx, meetingId);
    await tx.meeting.update({ where: { id: meetingId }, data: { notes } });
  });
}

/**
 * Records (or updates) the decision on one agenda item of a meeting. A new decision about an
 * issue, or a changed decision text, is written to the issue's public timeline (IssueEvent
 * "decision") and queued as a notification to its followers in the same transaction.
 */
export async function recordDecision(
  actor: Actor,
  meetingId: string,
  input: Omit<DecisionInput, "intent">,
  now = new Date(),
) {
  assertCanManageSteering(actor);
  return db.$transaction(async (tx) => {
    const item = await tx.agendaItem.findFirst({
      where: { id: input.itemId, meetingId, removedAt: null },
      select: { id: true, issueId: true, themeId: true, decision: { select: { id: true, text: true } } },
    });
    if (!item) throw new SteeringInputError("itemId", t("steering.validation.itemNotFound"));
    if (input.ownerOrganisationId) {
      const organisation = await tx.organisation.findUnique({ where: { id: input.ownerOrganisationId }, select: { id: true } });
      if (!organisation) throw new SteeringInputError("ownerOrganisationId", t("steering.validation.ownerNotFound"));
    }
    const fields = {
      text: input.text,
      ownerOrganisationId: input.ownerOrganisationId ?? null,
      deadline: input.deadline ? amsterdamInstant(input.deadline) : null,
      progress: input.progress,
      progressNote: input.progressNote || null,
    };
    let decisionId: string;
    if (item.decision) {
      await tx.decision.update({ where: { id: item.decision.id }, data: fields });
      decisionId = item.decision.id;
    } else {
      const created = await tx.decision.create({
        data: {
          ...fields,
          agendaItemId: item.id,
          meetingId,
          issueId: item.issueId,
          themeId: item.themeId,
          createdById: actor.id,
          createdAt: now,
        },
        select: { id: true },
      });
      decisionId = created.id;
    }
    const textChanged = !item.decision || item.decision.text !== input.text;
    if (item.issueId !== null && textChanged) {
      await tx.issueEvent.create({
        data: { issueId: item.issueId, type: "decision", publicMessage: input.text, actorId: actor.id, createdAt: now },
      });
      await queueIssueNotifications(tx, { issueId: item.issueId, kind: "decision", message: input.text, actorId: actor.id });
    }
    return { decisionId, created: !item.decision };
  });
}

// Public decisions ------------------------------------------------------------------------------

const publicDecisionSelect = {
  id: true,
  text: true,
  deadline: true,
  progress: true,
  progressNote: true,
  createdAt: true,
  ownerOrganisation: { select: { name: true } },
  meeting: { select: { id: true, startsAt: true } },
  issue: { select: { id: true, title: true } },
  theme: { select: { name: true } },
} satisfies Prisma.DecisionSelect;

/** Decisions residents may see: about a public issue, a theme, or nothing in particular. */
const publicDecisionWhere = {
  OR: [{ issueId: null }, { issue: { is: publicIssueWhere() } }],
} satisfies Prisma.DecisionWhereInput;

export function listPublicDecisions(filters: { progress?: DecisionProgress } = {}) {
  return db.decision.findMany({
    where: { ...publicDecisionWhere, ...(filters.progress ? { progress: filters.progress } : {}) },
    select: publicDecisionSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
}

/** The decisions on one (public) issue, newest first, for its page. */
export function decisionsForIssue(issueId: number) {
  return db.decision.findMany({
    where: { issueId },
    select: publicDecisionSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}
