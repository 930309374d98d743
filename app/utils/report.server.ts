import type { ReportInput } from "~/domain/report-schema";
import { queueAlertMatching } from "./alerts.server";
import { createPendingConfirmation } from "./confirmations.server";
import { db } from "./db.server";
import { bumpIssuesVersion } from "./issues.server";
import { queueNewIssueMail } from "./notifications.server";

type NewIssue = {
  input: ReportInput;
  reporterId: string;
  themeId: string;
  buurtCode: string;
  lat: number;
  lng: number;
  photo?: { fileName: string; mimeType: string; width: number; height: number; byteSize: number };
};

/**
 * Creates a resident's issue with its "created" timeline entry, the reporter's own support
 * (a new issue shows 1), the reporter's follow, the photo and the mail to the theme's trekker, in one transaction.
 */
export async function createIssue({ input, reporterId, themeId, buurtCode, lat, lng, photo }: NewIssue) {
  return db.$transaction(async (tx) => {
    const issue = await tx.issue.create({
      data: {
        ...issueFields({ input, themeId, buurtCode, lat, lng }),
        reporterId,
        supportCount: 1,
        supports: { create: { userId: reporterId } },
        // Reporters follow their own issue: they hear about every public update.
        follows: { create: { userId: reporterId } },
        events: { create: { type: "created", actorId: reporterId } },
        ...(photo ? { photos: { create: photo } } : {}),
      },
      select: { id: true },
    });
    await bumpIssuesVersion(tx);
    await queueNewIssueMail(tx, issue.id);
    await queueAlertMatching(tx, issue.id);
    return issue;
  });
}

function issueFields({ input, themeId, buurtCode, lat, lng }: Omit<NewIssue, "reporterId" | "photo">) {
  return {
    title: input.title,
    description: input.description,
    themeId,
    buurtCode,
    lat,
    lng,
    locationApproximate: input.locationMode === "omschrijving",
    placeDescription: input.locationMode === "omschrijving" ? input.placeDescription : null,
  };
}

/**
 * A report by someone without an account: stored as `unconfirmed` (nowhere public) with the
 * email as contact, and a confirmation link mailed in the same transaction. Support, follow,
 * the trekker mail and area alerts wait for the confirmation (confirmations.server.ts).
 */
export async function createUnconfirmedIssue(
  { input, themeId, buurtCode, lat, lng, photo }: Omit<NewIssue, "reporterId">,
  email: string,
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const issue = await tx.issue.create({
      data: {
        ...issueFields({ input, themeId, buurtCode, lat, lng }),
        visibility: "unconfirmed",
        reporterEmail: email,
        createdAt: now,
        events: { create: { type: "created", createdAt: now } },
        ...(photo ? { photos: { create: { ...photo, createdAt: now } } } : {}),
      },
      select: { id: true, title: true },
    });
    await createPendingConfirmation(tx, { kind: "report", email, issueId: issue.id, issueTitle: issue.title }, now);
    return issue;
  });
}
