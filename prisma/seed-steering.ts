/**
 * Demo data for the steering group (called from prisma/seed.ts inside its demo transaction,
 * after the issues exist): one past meeting with decisions on the most supported structural
 * issues, one upcoming meeting, a hand-added theme and a removed item on the residents' agenda,
 * and the demo steering member's consent to be named on /agenda.
 *
 * Decisions are written as the app writes them (Decision + a public "decision" timeline event),
 * but no notification jobs are queued: demo residents should not get mail about seeded history.
 */
import { localDate } from "~/domain/working-days";
import { amsterdamInstant } from "~/domain/steering";
import type { Tx } from "~/utils/db.server";
import { publicIssueWhere } from "~/utils/issues.server";

const DAY = 24 * 60 * 60 * 1000;
export const STEERING_DEMO_EMAIL = "stuurgroep@buurtbestuurt.test";

type SeedSteeringOptions = {
  now: Date;
  /** Organisation ids by the keys of seed-data.ts ORGANISATIONS (gemeente, woonwenz, ...). */
  organisationIds: Map<string, string>;
  steeringUserId: string;
  adminUserId: string;
};

const DECISIONS = [
  {
    text: "De stuurgroep vraagt {org} om samen met bewoners een plan te maken. Eerst een buurtgesprek, daarna een proef van drie maanden.",
    progress: "loopt",
    deadlineDays: 45,
    progressNote: "Het buurtgesprek is gepland.",
  },
  {
    text: "Dit speelt in meer straten. {org} zoekt uit wat een vaste aanpak kost en komt daarmee terug in het volgende overleg.",
    progress: "open",
    deadlineDays: 30,
    progressNote: null,
  },
  {
    text: "{org} maakt hier afspraken over met de andere partners en zet ze op de website.",
    progress: "afgerond",
    deadlineDays: -5,
    progressNote: "De afspraken staan sinds vorige week online.",
  },
] as const;

export async function seedSteering(tx: Tx, { now, organisationIds, steeringUserId, adminUserId }: SeedSteeringOptions) {
  const at = (days: number, time: string) => amsterdamInstant(localDate(new Date(now.getTime() + days * DAY)), time);

  // The most supported open structural issues first, then the most supported others.
  const candidates = await tx.issue.findMany({
    where: publicIssueWhere({ status: "open" }),
    select: { id: true, nature: true, supportCount: true, ownerOrganisationId: true },
    orderBy: [{ supportCount: "desc" }, { id: "asc" }],
    take: 40,
  });
  const ranked = [
    ...candidates.filter((issue) => issue.nature === "structureel"),
    ...candidates.filter((issue) => issue.nature !== "structureel"),
  ];
  const discussed = ranked.slice(0, 3);
  const upcomingIssues = ranked.slice(3, 5);
  const organisationName = new Map(
    (await tx.organisation.findMany({ select: { id: true, name: true } })).map((o) => [o.id, o.name]),
  );
  const fallbackOwner = organisationIds.get("gemeente") ?? null;

  // The past meeting, three weeks ago, with minutes.
  const pastStartsAt = at(-21, "19:30");
  const past = await tx.meeting.create({
    data: {
      startsAt: pastStartsAt,
      place: "Buurthuis De Vossener, Vossenerlaan",
      notes:
        "Aanwezig: alle partners en drie bewoners. De stuurgroep bespreekt voortaan eerst de meldingen met de meeste steun.\nVolgende keer: jongerenwerk uitnodigen.",
      createdById: adminUserId,
      createdAt: new Date(pastStartsAt.getTime() - 14 * DAY),
    },
    select: { id: true },
  });
  for (const [index, issue] of discussed.entries()) {
    const item = await tx.agendaItem.create({
      data: { meetingId: past.id, issueId: issue.id, source: "auto", position: index, addedById: steeringUserId, createdAt: pastStartsAt },
      select: { id: true },
    });
    const plan = DECISIONS[index]!;
    const ownerOrganisationId = issue.ownerOrganisationId ?? fallbackOwner;
    const text = plan.text.replace("{org}", (ownerOrganisationId && organisationName.get(ownerOrganisationId)) || "De gemeente");
    const decidedAt = new Date(pastStartsAt.getTime() + (index + 1) * 15 * 60 * 1000);
    await tx.decision.create({
      data: {
        agendaItemId: item.id,
        meetingId: past.id,
        issueId: issue.id,
        text,
        ownerOrganisationId,
        deadline: at(plan.deadlineDays, "00:00"),
        progress: plan.progress,
        progressNote: plan.progressNote,
        createdById: steeringUserId,
        createdAt: decidedAt,
        updatedAt: decidedAt,
      },
    });
    await tx.issueEvent.create({
      data: { issueId: issue.id, type: "decision", publicMessage: text, actorId: steeringUserId, createdAt: decidedAt },
    });
  }

  // The next meeting, in two weeks, with the next items of the residents' agenda.
  const upcoming = await tx.meeting.create({
    data: { startsAt: at(14, "19:30"), place: "Wijkcentrum Klingerberg, zaal 2", createdById: steeringUserId, createdAt: now },
    select: { id: true },
  });
  for (const [index, issue] of upcomingIssues.entries()) {
    await tx.agendaItem.create({
      data: { meetingId: upcoming.id, issueId: issue.id, source: "auto", position: index, addedById: steeringUserId, createdAt: now },
    });
  }

  // The residents' agenda: a theme added by hand, and one item taken off with a reason.
  const wonen = await tx.theme.findUnique({ where: { code: "wonen" }, select: { id: true } });
  if (wonen) {
    await tx.agendaItem.create({
      data: {
        themeId: wonen.id,
        source: "manual",
        position: 0,
        reason: "Vocht en schimmel komen in meerdere portiekflats terug. We willen één aanpak voor heel Blerick.",
        addedById: steeringUserId,
        createdAt: new Date(now.getTime() - 10 * DAY),
      },
    });
  }
  const solvedElsewhere = discussed.find((_, index) => DECISIONS[index]?.progress === "afgerond");
  if (solvedElsewhere) {
    await tx.agendaItem.create({
      data: {
        issueId: solvedElsewhere.id,
        source: "auto",
        removedAt: new Date(pastStartsAt.getTime() + DAY),
        removedReason: "Besproken in het overleg; de afspraken staan bij het besluit.",
        addedById: steeringUserId,
        createdAt: pastStartsAt,
      },
    });
  }

  // The demo steering member agreed to be named on /agenda.
  await tx.user.update({ where: { id: steeringUserId }, data: { steeringNamePublicAt: new Date(now.getTime() - 30 * DAY) } });

  return { pastMeetingId: past.id, upcomingMeetingId: upcoming.id, decisions: discussed.length };
}
