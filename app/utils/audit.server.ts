import type { Tx } from "./db.server";

/**
 * Appends to the audit trail (append-only: no route updates or deletes AuditEntry rows).
 * `before` and `after` are small JSON snapshots of what changed.
 */
export async function audit(
  tx: Tx,
  entry: { issueId: number | null; actorId: string | null; action: string; before?: unknown; after?: unknown; at?: Date },
) {
  await tx.auditEntry.create({
    data: {
      issueId: entry.issueId,
      actorId: entry.actorId,
      action: entry.action,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      createdAt: entry.at ?? new Date(),
    },
  });
}
