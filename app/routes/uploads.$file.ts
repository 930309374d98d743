import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { publicIssueWhere } from "~/utils/issues.server";

const FILE_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.jpg$/;

/** Serves a photo only while it and its issue are public. */
export async function loader({ params }: LoaderFunctionArgs) {
  const fileName = params.file ?? "";
  if (!FILE_NAME.test(fileName)) return new Response("Niet gevonden", { status: 404 });
  const photo = await db.photo.findFirst({
    where: { fileName, visibility: "public", issue: publicIssueWhere() },
    select: { mimeType: true },
  });
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
      "Cache-Control": "public, max-age=600",
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": `inline; filename="${fileName}"`,
    },
  });
}
