import { db } from "./db.server";

/** Themes residents can choose now (retired ones keep their history but are not offered). */
export function activeThemes() {
  return db.theme.findMany({
    where: { retiredAt: null },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, code: true, name: true, description: true },
  });
}

/** The ids among `issueIds` that this user supports. */
export async function supportedIssueIds(userId: string | undefined, issueIds: number[]) {
  if (!userId || issueIds.length === 0) return [];
  const rows = await db.support.findMany({
    where: { userId, issueId: { in: issueIds } },
    select: { issueId: true },
  });
  return rows.map((row) => row.issueId);
}
