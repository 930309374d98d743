import type { Prisma } from "~/generated/prisma/client";
import { statusesFor, type IssueFilters, type ListQuery } from "~/domain/issue-filters";
import { db, type Tx } from "./db.server";
import { changeCounterValue } from "./sql.server";

/**
 * Every public list, map, feed and API reads issues through this one filter, so issues that
 * are hidden by a moderator or not yet confirmed by email can never leak.
 */
export function publicIssueWhere(filters: IssueFilters = {}): Prisma.IssueWhereInput {
  const statuses = statusesFor(filters.status);
  return {
    visibility: "public",
    ...(filters.theme ? { theme: { code: filters.theme } } : {}),
    ...(filters.buurt ? { buurtCode: filters.buurt } : {}),
    ...(statuses ? { status: { in: [...statuses] } } : {}),
  };
}

/** One public issue by id, or null when it does not exist or is not public. */
export function findPublicIssue<S extends Prisma.IssueSelect>(id: number, select: S) {
  return db.issue.findFirst({ where: { ...publicIssueWhere(), id }, select });
}

export const ISSUES_VERSION_KEY = "issues";

/** Moves the counter that tells in-process caches (map index) that public issues changed. */
export async function bumpIssuesVersion(tx: Tx) {
  await tx.changeCounter.upsert({
    where: { key: ISSUES_VERSION_KEY },
    create: { key: ISSUES_VERSION_KEY, value: 1 },
    update: { value: { increment: 1 } },
  });
}

/** The counter's current value: caches built at an older value are out of date. */
export function issuesVersion(): Promise<number> {
  return changeCounterValue(ISSUES_VERSION_KEY);
}

export const PAGE_SIZE = 20;

export const issueCardSelect = {
  id: true,
  title: true,
  status: true,
  supportCount: true,
  commentCount: true,
  createdAt: true,
  lat: true,
  lng: true,
  theme: { select: { code: true, name: true } },
  buurt: { select: { code: true, name: true } },
} satisfies Prisma.IssueSelect;

export type IssueCard = Prisma.IssueGetPayload<{ select: typeof issueCardSelect }>;

export async function listPublicIssues(query: ListQuery) {
  const where = publicIssueWhere(query);
  const orderBy: Prisma.IssueOrderByWithRelationInput[] =
    query.sort === "steun"
      ? [{ supportCount: "desc" }, { createdAt: "desc" }]
      : [{ createdAt: "desc" }, { id: "desc" }];
  const [total, issues] = await Promise.all([
    db.issue.count({ where }),
    db.issue.findMany({
      where,
      orderBy,
      select: issueCardSelect,
      skip: (query.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
  ]);
  return { total, issues, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}
