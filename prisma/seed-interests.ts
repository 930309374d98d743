/**
 * Demo data for the belangenkaart (interest map): a party for each demo partner organisation,
 * two fictional resident groups, and plausible interests per theme. Called from prisma/seed.ts
 * inside the demo-data transaction, after organisations and themes exist:
 *
 *   await seedInterests(tx, { organisationIds: organisationId, themeIds: themeId });
 *
 * where `organisationIds` maps the OrgKey of prisma/seed-data.ts (gemeente, woonwenz, ...) to
 * the organisation id and `themeIds` maps a theme code (afval, verkeer, ...) to the theme id.
 * Keys missing from the maps are skipped, so a trimmed-down seed still works. Every theme has a
 * trekker in the demo (PARTNERSHIP), so the "hoog belang, geen trekker" flag shows only after a
 * steering member or administrator removes a trekker.
 */
import type { Tx } from "~/utils/db.server";
import { ORGANISATIONS, type OrgKey } from "./seed-data";

type Level = "hoog" | "midden" | "laag";
type Interests = Partial<Record<string, [Level, string?]>>;

const ORGANISATION_INTERESTS: Record<OrgKey, Interests> = {
  gemeente: {
    afval: ["hoog", "Schone straten staan in het coalitieakkoord."],
    verkeer: ["hoog"],
    verlichting: ["hoog"],
    groen: ["hoog"],
    overlast: ["midden"],
    wonen: ["midden"],
    jongeren: ["midden"],
    zorg: ["midden", "Via de Wmo-consulenten."],
    samenleven: ["laag"],
  },
  woonwenz: {
    wonen: ["hoog", "Vocht en schimmel in de flats aan de Annakamp."],
    overlast: ["hoog"],
    afval: ["midden", "Afval bij de portieken van onze complexen."],
    groen: ["midden"],
    samenleven: ["midden"],
  },
  synthese: {
    zorg: ["hoog"],
    jongeren: ["hoog"],
    samenleven: ["hoog"],
    overlast: ["midden"],
    wonen: ["laag"],
  },
  bewonersondersteuning: {
    samenleven: ["hoog"],
    zorg: ["midden"],
    afval: ["midden"],
    groen: ["midden", "Buurtmoestuinen en geveltuintjes."],
  },
  politie: {
    overlast: ["hoog"],
    verkeer: ["hoog", "Snelheidscontroles in woonstraten."],
    jongeren: ["midden"],
    verlichting: ["laag"],
  },
  hulpverlening: {
    zorg: ["hoog"],
    overlast: ["laag"],
  },
};

/** Fictional resident groups (names made up for the demo). */
const RESIDENT_GROUPS: { name: string; interests: Interests }[] = [
  {
    name: "Bewonersplatform Vossener",
    interests: {
      verkeer: ["hoog", "Sluipverkeer langs de school."],
      groen: ["hoog", "Meer bankjes en schaduw op de pleintjes."],
      afval: ["midden"],
      jongeren: ["midden", "Een plek om te voetballen na schooltijd."],
      samenleven: ["midden"],
    },
  },
  {
    name: "Huurdersvereniging Annakamp",
    interests: {
      wonen: ["hoog", "Schimmel en tocht in de portiekflats."],
      overlast: ["hoog", "Overlast in de bergingen."],
      afval: ["midden", "Grofvuil naast de containers."],
      verlichting: ["midden"],
      zorg: ["laag"],
    },
  },
];

export async function seedInterests(
  tx: Tx,
  { organisationIds, themeIds }: { organisationIds: Map<string, string>; themeIds: Map<string, string> },
) {
  const writeInterests = async (partyId: string, interests: Interests) => {
    for (const [code, value] of Object.entries(interests)) {
      const themeId = themeIds.get(code);
      if (!themeId || !value) continue;
      const [level, note = ""] = value;
      await tx.interest.create({ data: { partyId, themeId, level, note } });
    }
  };
  for (const [key, interests] of Object.entries(ORGANISATION_INTERESTS) as [OrgKey, Interests][]) {
    const organisationId = organisationIds.get(key);
    if (!organisationId) continue;
    const party = await tx.party.create({
      data: { name: ORGANISATIONS[key].name, kind: "organisatie", organisationId },
      select: { id: true },
    });
    await writeInterests(party.id, interests);
  }
  for (const group of RESIDENT_GROUPS) {
    const party = await tx.party.create({ data: { name: group.name, kind: "bewonersgroep" }, select: { id: true } });
    await writeInterests(party.id, group.interests);
  }
}
