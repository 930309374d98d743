import {
  isPartnershipRole,
  leadStatus,
  NO_PARTNERSHIP_ROLE,
  type LeadStatus,
  type PartnershipChoice,
  type PartnershipRoleValue,
} from "~/domain/partnership";
import { canEditPartnershipRow, type Actor } from "~/domain/permissions";
import { audit } from "./audit.server";
import { db, type Tx } from "./db.server";

/**
 * The partnerschapskaart: which organisation is trekker, bijdrager or geinformeerd per theme.
 * A missing PartnershipRole row means "no role". Rows are written only when a role really
 * changes, so `updatedAt` tells since when an organisation has its current role.
 */

export type PartnershipMatrix = {
  organisations: { id: string; name: string; type: string }[];
  /** Active themes only (retired ones are not offered anywhere, their rows are kept). */
  themes: { id: string; code: string; name: string; lead: LeadStatus; trekkerIds: string[] }[];
  /** roles[organisationId][themeId]; absent means no role. */
  roles: Record<string, Record<string, PartnershipRoleValue>>;
};

export async function partnershipMatrix(client: Tx = db): Promise<PartnershipMatrix> {
  const [organisations, themes, rows] = await Promise.all([
    client.organisation.findMany({ orderBy: [{ name: "asc" }], select: { id: true, name: true, type: true } }),
    client.theme.findMany({
      where: { retiredAt: null },
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      select: { id: true, code: true, name: true },
    }),
    client.partnershipRole.findMany({
      where: { theme: { retiredAt: null } },
      orderBy: [{ updatedAt: "asc" }, { organisationId: "asc" }],
      select: { organisationId: true, themeId: true, role: true },
    }),
  ]);
  const roles: PartnershipMatrix["roles"] = {};
  const trekkers = new Map<string, string[]>();
  for (const row of rows) {
    if (!isPartnershipRole(row.role)) continue;
    (roles[row.organisationId] ??= {})[row.themeId] = row.role;
    if (row.role === "trekker") trekkers.set(row.themeId, [...(trekkers.get(row.themeId) ?? []), row.organisationId]);
  }
  return {
    organisations,
    themes: themes.map((theme) => {
      const trekkerIds = trekkers.get(theme.id) ?? [];
      return { ...theme, lead: leadStatus(trekkerIds.length), trekkerIds };
    }),
    roles,
  };
}

/**
 * The organisation id of the theme's trekker, or null. A theme should have one; when it has
 * several, the one that has been trekker longest wins (then the lowest id), so the suggestion
 * in the triage form does not jump around.
 */
export async function trekkerFor(themeId: string, tx: Tx = db): Promise<string | null> {
  const row = await tx.partnershipRole.findFirst({
    where: { themeId, role: "trekker" },
    orderBy: [{ updatedAt: "asc" }, { organisationId: "asc" }],
    select: { organisationId: true },
  });
  return row?.organisationId ?? null;
}

export type SetPartnershipRowResult =
  | { ok: true; organisationName: string; changed: number }
  | { ok: false; error: "forbidden" | "unknownOrganisation" | "unknownTheme" };

/**
 * Sets the roles of one organisation (one row of the map) for the themes given; themes not in
 * `roles` keep theirs. Admins may set every row, coordinators only their own organisation's.
 * Only active themes can be set. Every change is written to the audit trail.
 */
export async function setPartnershipRow(
  actor: Actor,
  organisationId: string,
  roles: Record<string, PartnershipChoice>,
): Promise<SetPartnershipRowResult> {
  if (!canEditPartnershipRow(actor, organisationId)) return { ok: false, error: "forbidden" };
  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findUnique({ where: { id: organisationId }, select: { name: true } });
    if (!organisation) return { ok: false, error: "unknownOrganisation" } as const;
    const themeIds = Object.keys(roles);
    const activeCount = await tx.theme.count({ where: { id: { in: themeIds }, retiredAt: null } });
    if (activeCount !== themeIds.length) return { ok: false, error: "unknownTheme" } as const;

    const existing = await tx.partnershipRole.findMany({
      where: { organisationId, themeId: { in: themeIds } },
      select: { themeId: true, role: true },
    });
    const current = new Map(existing.map((row) => [row.themeId, row.role]));
    const before: Record<string, string> = {};
    const after: Record<string, string> = {};
    for (const [themeId, choice] of Object.entries(roles)) {
      const was = current.get(themeId) ?? NO_PARTNERSHIP_ROLE;
      if (was === choice) continue;
      before[themeId] = was;
      after[themeId] = choice;
      if (choice === NO_PARTNERSHIP_ROLE) {
        await tx.partnershipRole.delete({ where: { organisationId_themeId: { organisationId, themeId } } });
      } else {
        await tx.partnershipRole.upsert({
          where: { organisationId_themeId: { organisationId, themeId } },
          create: { organisationId, themeId, role: choice },
          update: { role: choice },
        });
      }
    }
    const changed = Object.keys(after).length;
    if (changed > 0) {
      await audit(tx, {
        issueId: null,
        actorId: actor.id,
        action: "partnership_changed",
        before: { organisationId, roles: before },
        after: { organisationId, roles: after },
      });
    }
    return { ok: true, organisationName: organisation.name, changed } as const;
  });
}
