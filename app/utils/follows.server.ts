import { db, type Tx } from "./db.server";
import { insertFollow } from "./sql.server";

/**
 * Following an issue: its updates arrive as notifications (and mail, unless the person opted
 * out). Both calls are idempotent, so double clicks and retried jobs change nothing twice.
 * Reporters follow their own issue from the moment it is created.
 */
export async function followIssue(tx: Tx, userId: string, issueId: number) {
  await insertFollow(tx, userId, issueId);
}

export async function unfollowIssue(tx: Tx, userId: string, issueId: number) {
  await tx.follow.deleteMany({ where: { userId, issueId } });
}

export async function isFollowing(userId: string | null | undefined, issueId: number) {
  if (!userId) return false;
  const row = await db.follow.findUnique({ where: { userId_issueId: { userId, issueId } }, select: { userId: true } });
  return row !== null;
}
