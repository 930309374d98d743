import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { canSeeHiddenContent } from "~/domain/permissions";
import { getSessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { publicIssueWhere } from "~/utils/issues.server";

const FILE_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.jpg$/;

/**
 * Serves a photo to everyone while it and its issue are public. Once a moderator hid either,
 * only moderators and partners get it (to judge it), and nothing may cache it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const fileName = params.file ?? "";
  if (!FILE_NAME.test(fileName)) return new Response("Niet gevonden", { status: 404 });
  let photo = await db.photo.findFirst({
    where: { fileName, visibility: "public", issue: publicIssueWhere() },
    select: { mimeType: true },
  });
  const isPublic = photo !== null;
  if (!photo && canSeeHiddenContent(await getSessionUser(request))) {
    photo = await db.photo.findFirst({
      where: {
        fileName,
        issue: { visibility: { in: ["public", "hidden"] } },
        OR: [{ visibility: "hidden" }, { issue: { visibility: "hidden" } }],
      },
      select: { mimeType: true },
    });
  }
  if (!photo) return new Response("Niet gevonden", { status: 404 });
  const filePath = path.join(env().UPLOAD_DIR, fileName);
  const info = await stat(filePath).catch(() => null);
  if (!info) return new Response("Niet gevonden", { status: 404 });
  const body = Readable.toWeb(createReadStream(filePath)) as ReadableStream;
  return new Response(body, {
    headers: {
      "Content-Type": photo.mimeType,
      "Content-Length": String(info.size),
      // Short lifetime: a photo hidden by a moderator should disappear from caches soon.
      "Cache-Control": isPublic ? "public, max-age=600" : "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": `inline; filename="${fileName}"`,
    },
  });
}
