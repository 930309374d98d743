import {
  highInterestWithoutTrekker,
  isInterestLevel,
  isPartyKind,
  NO_INTEREST,
  type InterestChoice,
  type InterestLevel,
  type PartyKind,
} from "~/domain/interests";
import { canManageSteering, type Actor } from "~/domain/permissions";
import { Prisma } from "~/generated/prisma/client";
import { t } from "~/i18n";
import { audit } from "./audit.server";
import { db, type Tx } from "./db.server";
import { partnershipMatrix } from "./partnership.server";

/**
 * The belangenkaart: parties x active themes with interest hoog/midden/laag and a note. Every
 * partner organisation is on the map automatically: an organisation without a Party row shows
 * as an empty row, and its party is created the first time its row is saved (no writes in
 * loaders). Resident groups and other organisations are added by the steering group.
 */

export type InterestRow = {
  /** The row's id in URLs: the party id, or the organisation id while it has no party yet. */
  rowId: string;
  partyId: string | null;
  organisationId: string | null;
  name: string;
  kind: PartyKind;
  interests: Record<string, { level: InterestLevel; note: string }>;
};

export async function interestMap(client: Tx = db) {
  const [matrix, parties, interests] = await Promise.all([
    partnershipMatrix(client),
    client.party.findMany({
      orderBy: [{ name: "asc" }],
      select: { id: true, name: true, kind: true, organisationId: true },
    }),
    client.interest.findMany({
      where: { theme: { retiredAt: null } },
      select: { partyId: true, themeId: true, level: true, note: true },
    }),
  ]);
  const byParty = new Map<string, InterestRow["interests"]>();
  for (const row of interests) {
    if (!isInterestLevel(row.level)) continue;
    const cells = byParty.get(row.partyId) ?? {};
    cells[row.themeId] = { level: row.level, note: row.note };
    byParty.set(row.partyId, cells);
  }
  const withParty = new Set(parties.map((p) => p.organisationId).filter(Boolean));
  const rows: InterestRow[] = [
    ...parties.map((party) => ({
      rowId: party.id,
      partyId: party.id,
      organisationId: party.organisationId,
      name: party.name,
      kind: isPartyKind(party.kind) ? party.kind : ("organisatie" as const),
      interests: byParty.get(party.id) ?? {},
    })),
    ...matrix.organisations
      .filter((organisation) => !withParty.has(organisation.id))
      .map((organisation) => ({
        rowId: organisation.id,
        partyId: null,
        organisationId: organisation.id,
        name: organisation.name,
        kind: "organisatie" as const,
        interests: {},
      })),
  ];
  // Organisations first, then resident groups; alphabetical within each.
  rows.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, "nl") : a.kind === "organisatie" ? -1 : 1));
  const organisationNames = new Map(matrix.organisations.map((o) => [o.id, o.name]));
  const themes = matrix.themes.map((theme) => ({
    id: theme.id,
    code: theme.code,
    name: theme.name,
    trekkerIds: theme.trekkerIds,
    trekkers: theme.trekkerIds.map((id) => organisationNames.get(id) ?? ""),
  }));
  const flagged = highInterestWithoutTrekker(themes, interests).map((theme) => theme.id);
  return { rows, themes, flagged };
}

export type InterestMap = Awaited<ReturnType<typeof interestMap>>;

type Failure = { ok: false; error: "forbidden" } | { ok: false; error: "invalid"; field: string; message: string };

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

async function nameTaken(tx: Tx, name: string) {
  // SQLite compares case-sensitively; two parties that differ only in case would confuse people.
  const rows = await tx.party.findMany({ select: { name: true } });
  return rows.some((row) => row.name.toLocaleLowerCase("nl") === name.toLocaleLowerCase("nl"));
}

export async function addParty(
  actor: Actor,
  input: { name: string; kind: PartyKind },
): Promise<{ ok: true; id: string; name: string } | Failure> {
  if (!canManageSteering(actor)) return { ok: false, error: "forbidden" };
  const taken = { ok: false, error: "invalid", field: "name", message: t("interests.validation.nameTaken") } as const;
  try {
    return await db.$transaction(async (tx) => {
      if (await nameTaken(tx, input.name)) return taken;
      const party = await tx.party.create({ data: { name: input.name, kind: input.kind }, select: { id: true, name: true } });
      await audit(tx, { issueId: null, actorId: actor.id, action: "party_added", after: { partyId: party.id, ...input } });
      return { ok: true, ...party } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return taken;
    throw error;
  }
}

export async function removeParty(actor: Actor, partyId: string): Promise<{ ok: true; name: string } | Failure> {
  if (!canManageSteering(actor)) return { ok: false, error: "forbidden" };
  return db.$transaction(async (tx) => {
    const party = await tx.party.findUnique({ where: { id: partyId }, select: { name: true, kind: true } });
    if (!party) {
      return { ok: false, error: "invalid", field: "partyId", message: t("interests.validation.partyUnknown") } as const;
    }
    await tx.party.delete({ where: { id: partyId } });
    await audit(tx, { issueId: null, actorId: actor.id, action: "party_removed", before: { partyId, ...party } });
    return { ok: true, name: party.name } as const;
  });
}

/**
 * Sets the interests of one party (one row) for the themes given; themes not in `levels` keep
 * theirs. `geen` removes the interest. A note is kept only with a level. Only active themes.
 */
export async function setInterestRow(
  actor: Actor,
  input: {
    partyId?: string;
    organisationId?: string;
    levels: Record<string, InterestChoice>;
    notes?: Record<string, string | undefined>;
  },
): Promise<{ ok: true; name: string; changed: number } | Failure> {
  if (!canManageSteering(actor)) return { ok: false, error: "forbidden" };
  const unknownParty = {
    ok: false,
    error: "invalid",
    field: "partyId",
    message: t("interests.validation.partyUnknown"),
  } as const;
  try {
    return await db.$transaction(async (tx) => {
      let party: { id: string; name: string } | null = null;
      if (input.partyId) {
        party = await tx.party.findUnique({ where: { id: input.partyId }, select: { id: true, name: true } });
      } else if (input.organisationId) {
        const organisation = await tx.organisation.findUnique({
          where: { id: input.organisationId },
          select: { id: true, name: true, party: { select: { id: true, name: true } } },
        });
        if (organisation) {
          party =
            organisation.party ??
            (await tx.party.create({
              data: { name: organisation.name, kind: "organisatie", organisationId: organisation.id },
              select: { id: true, name: true },
            }));
        }
      }
      if (!party) return unknownParty;

      const themeIds = Object.keys(input.levels);
      const active = await tx.theme.count({ where: { id: { in: themeIds }, retiredAt: null } });
      if (active !== themeIds.length) {
        return { ok: false, error: "invalid", field: "levels", message: t("interests.validation.themeUnknown") } as const;
      }
      const existing = await tx.interest.findMany({
        where: { partyId: party.id, themeId: { in: themeIds } },
        select: { themeId: true, level: true, note: true },
      });
      const current = new Map(existing.map((row) => [row.themeId, row]));
      const before: Record<string, { level: string; note: string }> = {};
      const after: Record<string, { level: string; note: string }> = {};
      for (const [themeId, choice] of Object.entries(input.levels)) {
        const was = current.get(themeId) ?? { level: NO_INTEREST, note: "" };
        const note = choice === NO_INTEREST ? "" : (input.notes?.[themeId] ?? "").trim();
        if (was.level === choice && was.note === note) continue;
        before[themeId] = { level: was.level, note: was.note };
        after[themeId] = { level: choice, note };
        if (choice === NO_INTEREST) {
          await tx.interest.delete({ where: { partyId_themeId: { partyId: party.id, themeId } } });
        } else {
          await tx.interest.upsert({
            where: { partyId_themeId: { partyId: party.id, themeId } },
            create: { partyId: party.id, themeId, level: choice, note },
            update: { level: choice, note },
          });
        }
      }
      const changed = Object.keys(after).length;
      if (changed > 0) {
        await audit(tx, {
          issueId: null,
          actorId: actor.id,
          action: "interests_changed",
          before: { partyId: party.id, interests: before },
          after: { partyId: party.id, interests: after },
        });
      }
      return { ok: true, name: party.name, changed } as const;
    });
  } catch (error) {
    // A party with the organisation's name already exists (e.g. added by hand before).
    if (isUniqueViolation(error)) {
      return { ok: false, error: "invalid", field: "partyId", message: t("interests.validation.nameTaken") };
    }
    throw error;
  }
}
