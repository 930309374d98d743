import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { hasPermission } from "~/domain/permissions";
import { requireUser, safeRedirectTo } from "~/utils/auth.server";
import { readFormData } from "~/utils/request.server";
import { findPublicIssue } from "~/utils/issues.server";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { deleteSupport, insertSupport } from "~/utils/sql.server";
import { db } from "~/utils/db.server";

const schema = z.object({
  intent: z.enum(["support", "withdraw"]),
  redirectTo: z.string().optional(),
});

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/meldingen/${params.id}`);
}

/** Support or withdraw support. Answers JSON to fetchers and redirects plain form posts back. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!hasPermission(user, "issue:support")) throw new Response("Geen toegang", { status: 403 });
  const issueId = Number(params.id);
  if (!Number.isSafeInteger(issueId) || issueId < 1) throw new Response("Niet gevonden", { status: 404 });
  const issue = await findPublicIssue(issueId, { id: true });
  if (!issue) throw new Response("Niet gevonden", { status: 404 });

  const parsed = schema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return Response.json({ error: "Onbekende actie." }, { status: 400 });
  const limit = await hitRateLimit(`support:user:${user.id}`, 120, 60 * 1000);
  if (!limit.allowed)
    return Response.json({ error: "Je steunt erg veel meldingen achter elkaar. Wacht een minuut." }, { status: 429 });

  if (parsed.data.intent === "support") await insertSupport(issueId, user.id);
  else await deleteSupport(issueId, user.id);

  if (parsed.data.redirectTo !== undefined) {
    return redirect(safeRedirectTo(parsed.data.redirectTo, `/meldingen/${issueId}`));
  }
  const current = await db.issue.findUniqueOrThrow({ where: { id: issueId }, select: { supportCount: true } });
  return Response.json({ supportCount: current.supportCount, supported: parsed.data.intent === "support" });
}
