import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { t } from "~/i18n";
import { requireUser, safeRedirectTo } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { followIssue, unfollowIssue } from "~/utils/follows.server";
import { findPublicIssue } from "~/utils/issues.server";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { readFormData } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

const schema = z.object({
  intent: z.enum(["follow", "unfollow"]),
  redirectTo: z.string().optional(),
});

export type FollowResult = { following: boolean } | { error: string };

export async function loader({ params }: LoaderFunctionArgs) {
  // Only a real id goes into the Location header (a NUL or U+202E there made it throw: a 500).
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id < 1) throw new Response("Niet gevonden", { status: 404 });
  return redirect(`/meldingen/${id}`);
}

/**
 * Follow or unfollow an issue (idempotent). Fetchers (FollowButton with JavaScript) get JSON;
 * a plain form post (no JavaScript yet) is redirected back with a confirmation toast.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const issueId = Number(params.id);
  if (!Number.isSafeInteger(issueId) || issueId < 1) throw new Response("Niet gevonden", { status: 404 });
  const issue = await findPublicIssue(issueId, { id: true });
  if (!issue) throw new Response("Niet gevonden", { status: 404 });

  const parsed = schema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) {
    return Response.json({ error: t("notifications.follow.unknownAction") } satisfies FollowResult, { status: 400 });
  }
  const limit = await hitRateLimit(`follow:user:${user.id}`, 120, 60 * 1000);
  if (!limit.allowed) {
    return Response.json({ error: t("notifications.follow.tooMany") } satisfies FollowResult, { status: 429 });
  }

  const following = parsed.data.intent === "follow";
  if (following) await followIssue(db, user.id, issueId);
  else await unfollowIssue(db, user.id, issueId);

  if (parsed.data.redirectTo !== undefined) {
    return redirectWithToast(safeRedirectTo(parsed.data.redirectTo, `/meldingen/${issueId}`), {
      kind: "success",
      message: following ? t("notifications.follow.followed") : t("notifications.follow.unfollowed"),
    });
  }
  return Response.json({ following } satisfies FollowResult);
}
