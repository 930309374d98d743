import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

/**
 * "Bekijk de melding" in Berichten: marks that message read, then opens its issue. A link (not a
 * form), so it works without JavaScript and in a new tab; only the person's own messages, and
 * marking read is all it changes (doing it twice changes nothing).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const notification = await db.notification.findFirst({
    where: { id: params.id ?? "", userId: user.id },
    select: { id: true, issue: { select: { id: true, visibility: true } } },
  });
  if (!notification) throw redirect("/berichten");
  // This message and the person's other unread ones about the same issue (also when this one
  // was read before and newer ones came since): they read the issue now.
  await db.notification.updateMany({
    where: { userId: user.id, readAt: null, ...(notification.issue ? { issueId: notification.issue.id } : { id: notification.id }) },
    data: { readAt: new Date() },
  });
  return redirect(notification.issue?.visibility === "public" ? `/meldingen/${notification.issue.id}` : "/berichten");
}
