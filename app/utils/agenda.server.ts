import type { Prisma } from "~/generated/prisma/client";
import { canManageSteering, type Actor } from "~/domain/permissions";
import { OPEN_STATUSES } from "~/domain/issue-status";
import { AGENDA_MAX_ITEMS, agendaKey, parseAgendaKey, type AgendaKey } from "~/domain/steering";
import { t } from "~/i18n";
import { db, type Tx } from "./db.server";
import { ForbiddenError } from "./issue-status.server";
import { publicIssueWhere } from "./issues.server";
import { getSettings } from "./settings.server";

/**
 * The residents' agenda (agenda van de buurt): open public issues with at least
 * `agendaSupportThreshold` supports or triaged `structureel` are on it by themselves; rows of
 * AgendaItem without a meeting record what the steering group changed by hand (added with a
 * public reason, ordered, removed with a public reason). Non-public issues never appear:
 * every issue read here goes through publicIssueWhere().
 */

/** Thrown for input that is well-formed but wrong (unknown issue, already on the agenda). */
export class SteeringInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function assertCanManageSteering(actor: Actor | null | undefined) {
  if (!canManageSteering(actor)) throw new ForbiddenError(t("steering.validation.forbidden"));
}

export const agendaIssueSelect = {
  id: true,
  title: true,
  status: true,
  supportCount: true,
  nature: true,
  theme: { select: { code: true, name: true } },
  buurt: { select: { name: true } },
} satisfies Prisma.IssueSelect;
type AgendaIssue = Prisma.IssueGetPayload<{ select: typeof agendaIssueSelect }>;
const themeSelect = { id: true, code: true, name: true } satisfies Prisma.ThemeSelect;

export type AgendaReason = "support" | "structural" | "manual";
export type AgendaEntry = {
  key: AgendaKey;
  /** The AgendaItem row, when the steering group added, ordered or removed it. */
  rowId: string | null;
  issue: AgendaIssue | null;
  theme: { id: string; code: string; name: string } | null;
  reasons: AgendaReason[];
  /** Public reason of a hand-added item. */
  manualReason: string | null;
};
export type RemovedEntry = AgendaEntry & { removedReason: string | null; removedAt: Date };

/** Rows of the residents' agenda whose issue is public (theme rows always). */
const residentsAgendaRows = {
  meetingId: null,
  OR: [{ issueId: null }, { issue: { is: publicIssueWhere() } }],
} satisfies Prisma.AgendaItemWhereInput;

const OPEN = new Set<string>(OPEN_STATUSES);

/** Why an issue is on the agenda by itself: open and public with enough supports, or structural. */
function autoReasons(issue: AgendaIssue, threshold: number): AgendaReason[] {
  if (!OPEN.has(issue.status)) return [];
  return [
    ...(issue.supportCount >= threshold ? (["support"] as const) : []),
    ...(issue.nature === "structureel" ? (["structural"] as const) : []),
  ];
}

/**
 * Counting every qualifying issue is a scan of all open issues (0.3 s at 100,000); beyond this
 * many the page says "more than" instead.
 */
export const AGENDA_COUNT_LIMIT = 1000;

export async function composeAgenda(client: Tx = db, { countLimit = AGENDA_COUNT_LIMIT } = {}) {
  const { agendaSupportThreshold: threshold } = await getSettings(client);
  const rows = await client.agendaItem.findMany({
    where: residentsAgendaRows,
    select: {
      id: true,
      issueId: true,
      themeId: true,
      source: true,
      position: true,
      reason: true,
      removedAt: true,
      removedReason: true,
      createdAt: true,
      issue: { select: agendaIssueSelect },
      theme: { select: themeSelect },
    },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });

  /** Items placed by hand (always on it), and where each row puts its subject in the order. */
  const manualItems: AgendaEntry[] = [];
  const orderOf = new Map<string, number>();
  /** Issues the automatic part must leave out: on the agenda by hand, or taken off it. */
  const notAutomatic: number[] = [];
  const orderedRowIds = new Map<string, string>();
  const removed: RemovedEntry[] = [];

  for (const row of rows) {
    const key = agendaKey(row);
    if (orderOf.has(key)) continue; // one row per subject; an older duplicate is ignored
    orderOf.set(key, orderOf.size);
    const manual = row.source === "manual" && row.reason !== null;
    const auto = row.issue ? autoReasons(row.issue, threshold) : [];
    const entry: AgendaEntry = {
      key,
      rowId: row.id,
      issue: row.issue,
      theme: row.theme,
      reasons: [...(manual ? (["manual"] as const) : []), ...auto],
      manualReason: manual ? row.reason : null,
    };
    if (row.removedAt) {
      removed.push({ ...entry, removedReason: row.removedReason, removedAt: row.removedAt });
      if (row.issueId !== null) notAutomatic.push(row.issueId);
    } else if (manual) {
      manualItems.push(entry);
      if (row.issueId !== null) notAutomatic.push(row.issueId);
    } else {
      // An ordered automatic item: it keeps its place while it is among the most supported; one
      // that no longer qualifies (closed, support withdrawn) or falls out of the top drops off.
      orderedRowIds.set(key, row.id);
    }
  }
  // The automatic part: the most supported qualifying issues fill the places the hand-placed
  // items leave (ordered ones among them, so a newly much-supported issue still gets on), the
  // rest is counted. By supports and structural apart, each read in the order of the
  // supportCount index, so SQLite stops at `take` (one query with OR sorted every qualifying
  // issue first: 0.1-0.4 s at 100,000 issues; counting them all scans every open issue).
  const candidates = { ...publicIssueWhere({ status: "open" }), NOT: { id: { in: notAutomatic } } };
  const bySupportWhere = { ...candidates, supportCount: { gte: threshold } } satisfies Prisma.IssueWhereInput;
  const structuralWhere = { ...candidates, supportCount: { lt: threshold }, nature: "structureel" } satisfies Prisma.IssueWhereInput;
  const places = Math.max(0, AGENDA_MAX_ITEMS - manualItems.length);
  const mostSupportedFirst = [{ supportCount: "desc" }, { createdAt: "asc" }, { id: "asc" }] satisfies Prisma.IssueOrderByWithRelationInput[];
  const top = (where: Prisma.IssueWhereInput, take: number) =>
    take > 0 ? client.issue.findMany({ where, select: agendaIssueSelect, orderBy: mostSupportedFirst, take }) : [];
  const idsUpToLimit = (where: Prisma.IssueWhereInput) =>
    client.issue.findMany({ where, select: { id: true }, orderBy: { supportCount: "desc" }, take: places + countLimit + 1 });
  const [bySupport, bySupportIds, structuralIds] = await Promise.all([
    top(bySupportWhere, places),
    idsUpToLimit(bySupportWhere),
    idsUpToLimit(structuralWhere),
  ]);
  // Structural issues with fewer supports come after every issue with enough supports.
  const structural = await top(structuralWhere, places - bySupport.length);
  const autoIssues = [...bySupport, ...structural];
  const autoItems = autoIssues.map((issue): AgendaEntry => {
    const key = agendaKey({ issueId: issue.id, themeId: null });
    return { key, rowId: orderedRowIds.get(key) ?? null, issue, theme: null, reasons: autoReasons(issue, threshold), manualReason: null };
  });
  // The order: everything with a row in the steering group's order, then the rest by supports.
  const withRow = [...manualItems, ...autoItems.filter((item) => item.rowId !== null)].sort(
    (a, b) => orderOf.get(a.key)! - orderOf.get(b.key)!,
  );
  const items = [...withRow, ...autoItems.filter((item) => item.rowId === null)];
  removed.sort((a, b) => b.removedAt.getTime() - a.removedAt.getTime());
  // At most countLimit; more is "more than countLimit".
  const notShown = Math.max(0, bySupportIds.length + structuralIds.length - autoIssues.length);
  return { threshold, items, removed, notShown: Math.min(notShown, countLimit), notShownMore: notShown > countLimit };
}

async function findRow(tx: Tx, subject: { issueId: number | null; themeId: string | null }, meetingId: string | null = null) {
  return tx.agendaItem.findFirst({
    where: { meetingId, issueId: subject.issueId, themeId: subject.themeId },
    select: { id: true, source: true, removedAt: true, reason: true },
    orderBy: { createdAt: "asc" },
  });
}

/** The issue or theme an added item is about; Dutch field errors for what does not exist. */
export async function resolveSubject(
  client: Tx,
  input: { kind: "issue" | "theme"; issueId?: number; themeId?: string },
): Promise<{ issueId: number; themeId: null } | { issueId: null; themeId: string }> {
  if (input.kind === "issue") {
    const issue = await client.issue.findFirst({ where: { ...publicIssueWhere(), id: input.issueId }, select: { id: true } });
    if (!issue) throw new SteeringInputError("issueId", t("steering.validation.issueNotFound"));
    return { issueId: issue.id, themeId: null };
  }
  const theme = await client.theme.findUnique({ where: { id: input.themeId }, select: { id: true } });
  if (!theme) throw new SteeringInputError("themeId", t("steering.validation.themeNotFound"));
  return { issueId: null, themeId: theme.id };
}

async function nextPosition(tx: Tx, meetingId: string | null) {
  const last = await tx.agendaItem.aggregate({ where: { meetingId, removedAt: null }, _max: { position: true } });
  return (last._max.position ?? -1) + 1;
}

/** Puts an issue or a theme on the residents' agenda by hand, with a public reason. */
export async function addToAgenda(
  actor: Actor,
  input: { kind: "issue" | "theme"; issueId?: number; themeId?: string; reason: string },
) {
  assertCanManageSteering(actor);
  return db.$transaction(async (tx) => {
    const subject = await resolveSubject(tx, input);
    const existing = await findRow(tx, subject);
    if (existing && !existing.removedAt && existing.source === "manual") {
      throw new SteeringInputError(subject.issueId ? "issueId" : "themeId", t("steering.validation.alreadyOnAgenda"));
    }
    const data = { source: "manual", reason: input.reason, removedAt: null, removedReason: null, addedById: actor.id };
    if (existing) {
      // Back on the agenda (or an ordered automatic item that now has a reason): keep one row.
      const position = existing.removedAt ? await nextPosition(tx, null) : undefined;
      await tx.agendaItem.update({ where: { id: existing.id }, data: { ...data, ...(position !== undefined ? { position } : {}) } });
      return existing.id;
    }
    const row = await tx.agendaItem.create({
      data: { ...subject, ...data, meetingId: null, position: await nextPosition(tx, null) },
      select: { id: true },
    });
    return row.id;
  });
}

async function requireEntry(client: Tx, key: string) {
  const agenda = await composeAgenda(client);
  const index = agenda.items.findIndex((item) => item.key === key);
  if (index < 0) throw new SteeringInputError("key", t("steering.validation.itemNotFound"));
  return { agenda, index, entry: agenda.items[index]! };
}

/**
 * Moves an item one place up or down. The whole current order is written as positions, so
 * automatic items without a row get one (source "auto") and keep their place from now on.
 */
export async function moveAgendaItem(actor: Actor, key: string, direction: "up" | "down") {
  assertCanManageSteering(actor);
  await db.$transaction(async (tx) => {
    const { agenda, index } = await requireEntry(tx, key);
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= agenda.items.length) return;
    const order = [...agenda.items];
    [order[index], order[target]] = [order[target]!, order[index]!];
    for (const [position, item] of order.entries()) {
      if (item.rowId) {
        await tx.agendaItem.update({ where: { id: item.rowId }, data: { position } });
      } else {
        await tx.agendaItem.create({
          data: { ...parseAgendaKey(item.key), meetingId: null, source: "auto", position, addedById: actor.id },
        });
      }
    }
  });
}

/** Takes an item off the residents' agenda with a public reason; it is listed as removed. */
export async function removeFromAgenda(actor: Actor, key: string, removedReason: string, now = new Date()) {
  assertCanManageSteering(actor);
  await db.$transaction(async (tx) => {
    const { entry } = await requireEntry(tx, key);
    const data = { removedAt: now, removedReason };
    if (entry.rowId) await tx.agendaItem.update({ where: { id: entry.rowId }, data });
    else await tx.agendaItem.create({ data: { ...parseAgendaKey(entry.key), meetingId: null, source: "auto", addedById: actor.id, ...data } });
  });
}

/**
 * Who is in the steering group, for the public agenda page: members with the `steering` role.
 * Partners' representatives are named with their organisation; resident members only when they
 * agreed (steeringNamePublicAt), otherwise they are only counted.
 */
export async function steeringGroupMembers(client: Tx = db) {
  const users = await client.user.findMany({
    where: { roles: { some: { role: "steering" } }, anonymisedAt: null },
    select: {
      id: true,
      name: true,
      steeringNamePublicAt: true,
      memberships: { select: { organisation: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
    },
    orderBy: { name: "asc" },
  });
  const named: { id: string; name: string; organisation: string | null }[] = [];
  let hiddenResidents = 0;
  for (const user of users) {
    const organisation = user.memberships[0]?.organisation.name ?? null;
    if (organisation || user.steeringNamePublicAt) named.push({ id: user.id, name: user.name, organisation });
    else hiddenResidents += 1;
  }
  return { named, hiddenResidents };
}

/** The first meeting that has not started yet. */
export function nextMeeting(now = new Date(), client: Tx = db) {
  return client.meeting.findFirst({
    where: { startsAt: { gte: now } },
    select: { id: true, startsAt: true, place: true },
    orderBy: { startsAt: "asc" },
  });
}
