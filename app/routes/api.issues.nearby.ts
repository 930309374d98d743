import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { enforceApiRateLimit } from "~/utils/api-rate-limit.server";
import { bboxAround, distanceMeters } from "~/domain/geo";
import { OPEN_STATUSES } from "~/domain/issue-status";
import { NEARBY_METERS } from "~/domain/report-schema";
import { getSessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { publicIssueWhere } from "~/utils/issues.server";
import { issueIdsInBox } from "~/utils/sql.server";
import { supportedIssueIds } from "~/utils/themes.server";

const schema = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  theme: z.string().regex(/^[a-z0-9_-]{1,40}$/),
});

/** Open public issues of the same theme within 150 m of a point: "Bedoel je een van deze?" */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await enforceApiRateLimit(request, context);
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return Response.json({ error: "Geef lat, lng en theme mee." }, { status: 400 });
  }
  const { lat, lng, theme } = parsed.data;
  const box = bboxAround({ lat, lng }, NEARBY_METERS);
  // The spatial index narrows the box first; the exact lat/lng comparison stays (see issueIdsInBox).
  const inBox = await issueIdsInBox(box);
  const candidates = await db.issue.findMany({
    where: {
      id: { in: inBox },
      ...publicIssueWhere({ theme }),
      status: { in: [...OPEN_STATUSES] },
      lat: { gte: box.minLat, lte: box.maxLat },
      lng: { gte: box.minLng, lte: box.maxLng },
    },
    select: {
      id: true,
      title: true,
      status: true,
      supportCount: true,
      lat: true,
      lng: true,
      createdAt: true,
      buurt: { select: { name: true } },
    },
    take: 200,
  });
  const nearby = candidates
    .map((issue) => ({ ...issue, distance: Math.round(distanceMeters({ lat, lng }, issue)) }))
    .filter((issue) => issue.distance <= NEARBY_METERS)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 5);
  const user = await getSessionUser(request);
  const supported = await supportedIssueIds(
    user?.id,
    nearby.map((issue) => issue.id),
  );
  return Response.json(
    {
      issues: nearby.map(({ lat: _lat, lng: _lng, ...issue }) => ({
        ...issue,
        supported: supported.includes(issue.id),
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
