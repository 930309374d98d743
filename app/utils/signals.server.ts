import { canTriage, type Actor } from "~/domain/permissions";
import { findSignalGroups, signalWindowStart } from "~/domain/signals";
import type { TriageInput } from "~/domain/triage";
import { db, type Tx } from "./db.server";
import { publicIssueWhere } from "./issues.server";
import { ForbiddenError, TransitionError } from "./issue-status.server";
import { getSettings } from "./settings.server";
import { triageIssue, TriageInputError } from "./triage.server";

/**
 * "Mogelijk structureel" groups from the database: the window, visibility, theme and the
 * exclusions are filtered in SQL (so only a few hundred rows at most come back), then the pure
 * rule in ~/domain/signals runs with the administrator's settings.
 */
export async function loadSignalGroups(options: { now?: Date; theme?: string } = {}, client: Tx = db) {
  const now = options.now ?? new Date();
  const settings = await getSettings(client);
  const issues = await client.issue.findMany({
    where: {
      ...publicIssueWhere({ theme: options.theme }),
      createdAt: { gte: signalWindowStart(now, settings.signalWindowDays), lte: now },
      locationApproximate: false,
      duplicateOfId: null,
      theme: { retiredAt: null, ...(options.theme ? { code: options.theme } : {}) },
      // Prisma's `not` leaves out NULLs, so NULL is allowed explicitly.
      AND: [
        { OR: [{ nature: null }, { nature: { not: "structureel" } }] },
        { OR: [{ closeReason: null }, { closeReason: { not: "dubbele_melding" } }] },
      ],
    },
    orderBy: [{ themeId: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      status: true,
      themeId: true,
      lat: true,
      lng: true,
      createdAt: true,
      visibility: true,
      locationApproximate: true,
      nature: true,
      duplicateOfId: true,
      closeReason: true,
      supportCount: true,
      ownerOrganisationId: true,
      buurt: { select: { code: true, name: true } },
    },
  });
  const groups = findSignalGroups(issues, {
    now,
    windowDays: settings.signalWindowDays,
    minIssues: settings.signalMinIssues,
    radiusMeters: settings.signalRadiusMeters,
  });
  const themes = await client.theme.findMany({
    where: { id: { in: [...new Set(groups.map((g) => g.themeId))] } },
    select: { id: true, code: true, name: true },
  });
  const themeById = new Map(themes.map((theme) => [theme.id, theme]));
  return {
    settings: {
      minIssues: settings.signalMinIssues,
      windowDays: settings.signalWindowDays,
      radiusMeters: settings.signalRadiusMeters,
    },
    groups: groups.map((group) => ({
      ...group,
      theme: themeById.get(group.themeId)!,
      buurten: [...new Map(group.issues.map((issue) => [issue.buurt.code, issue.buurt.name])).values()].sort((a, b) =>
        a.localeCompare(b, "nl"),
      ),
    })),
  };
}

export type LoadedSignalGroup = Awaited<ReturnType<typeof loadSignalGroups>>["groups"][number];

/** At most this many issues are triaged together (one form, one request). */
export const MAX_BULK_TRIAGE = 50;

/** "1,2,3" (from the URL) or repeated form values: positive integer ids, unique, in order. */
export function parseIssueIds(values: readonly (string | null | undefined)[]) {
  const ids: number[] = [];
  for (const value of values) {
    for (const part of (value ?? "").split(",")) {
      const id = Number(part.trim());
      if (part.trim() && Number.isSafeInteger(id) && id > 0 && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/** The issues of a bulk triage with what this actor may do with each. */
export async function loadBulkTriageIssues(actor: Actor, ids: number[], client: Tx = db) {
  const issues = await client.issue.findMany({
    where: { ...publicIssueWhere(), id: { in: ids } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      status: true,
      createdAt: true,
      ownerOrganisationId: true,
      nature: true,
      theme: { select: { id: true, code: true, name: true } },
      buurt: { select: { name: true } },
    },
  });
  return issues.map((issue) => ({ ...issue, canTriage: canTriage(actor, issue) }));
}

export type BulkTriageResult =
  | { ok: true; triaged: number[] }
  | { ok: false; error: "forbidden" | "notFound" | "mixedThemes"; ids: number[] }
  | { ok: false; error: "failed"; ids: number[]; triaged: number[] };

/**
 * The four questions answered once for several issues of one theme. Every issue is checked
 * first (exists and public, same theme, this actor may triage it), so a refusal writes
 * nothing. Then each issue is triaged with triageIssue (its own transaction, history and
 * notifications, as on the issue page). Input problems (e.g. an unknown owner) are the same
 * for every issue and surface on the first one as TriageInputError, before anything is
 * written. Only a change by someone else between the check and the write can leave a group
 * half done; the answer then says which issues were triaged.
 */
export async function triageIssuesTogether(actor: Actor, ids: number[], input: TriageInput): Promise<BulkTriageResult> {
  const issues = await loadBulkTriageIssues(actor, ids);
  const found = new Set(issues.map((issue) => issue.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) return { ok: false, error: "notFound", ids: missing };
  const themeId = issues[0]?.theme.id;
  const otherTheme = issues.filter((issue) => issue.theme.id !== themeId).map((issue) => issue.id);
  if (otherTheme.length) return { ok: false, error: "mixedThemes", ids: otherTheme };
  const forbidden = issues.filter((issue) => !issue.canTriage).map((issue) => issue.id);
  if (forbidden.length) return { ok: false, error: "forbidden", ids: forbidden };

  const triaged: number[] = [];
  const failed: number[] = [];
  for (const id of ids) {
    try {
      await triageIssue(actor, id, input);
      triaged.push(id);
    } catch (error) {
      if (error instanceof TriageInputError && triaged.length === 0) throw error;
      if (error instanceof ForbiddenError || error instanceof TransitionError || error instanceof TriageInputError) {
        failed.push(id);
        continue;
      }
      throw error;
    }
  }
  return failed.length ? { ok: false, error: "failed", ids: failed, triaged } : { ok: true, triaged };
}
