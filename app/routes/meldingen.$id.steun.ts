import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { isHoneypotFilled } from "~/components/form-parts";
import { SUPPORT_ERROR_PARAM, supportProblemText, type SupportProblem } from "~/components/support-without-account";
import { hasPermission } from "~/domain/permissions";
import { anonymousSupportSchema } from "~/domain/report-schema";
import { getSessionUser, requireUser, safeRedirectTo } from "~/utils/auth.server";
import { requestSupportConfirmation } from "~/utils/confirmations.server";
import { readFormData } from "~/utils/request.server";
import { clientAddress, hitRateLimit } from "~/utils/rate-limit.server";
import { deleteSupport, insertSupport, publicIssueExists } from "~/utils/sql.server";

const schema = z.object({
  intent: z.enum(["support", "withdraw"]),
  redirectTo: z.string().optional(),
});

export async function loader({ params }: LoaderFunctionArgs) {
  // Only a real id goes into the Location header (a NUL or U+202E there made it throw: a 500).
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id < 1) throw new Response("Niet gevonden", { status: 404 });
  return redirect(`/meldingen/${id}`);
}

/** Support or withdraw support. Answers JSON to fetchers and redirects plain form posts back. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const issueId = Number(params.id);
  if (!Number.isSafeInteger(issueId) || issueId < 1) throw new Response("Niet gevonden", { status: 404 });
  const formData = await readFormData(request);
  if (formData.get("intent") === "support_by_email" && !(await getSessionUser(request))) {
    return supportByEmail(issueId, formData, context);
  }

  const user = await requireUser(request);
  if (!hasPermission(user, "issue:support")) throw new Response("Geen toegang", { status: 403 });
  if (!(await publicIssueExists(issueId))) throw new Response("Niet gevonden", { status: 404 });

  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return Response.json({ error: "Onbekende actie." }, { status: 400 });
  const limit = await hitRateLimit(`support:user:${user.id}`, 120, 60 * 1000);
  if (!limit.allowed)
    return Response.json({ error: "Je steunt erg veel meldingen achter elkaar. Wacht een minuut." }, { status: 429 });

  const supportCount =
    parsed.data.intent === "support" ? await insertSupport(issueId, user.id) : await deleteSupport(issueId, user.id);

  if (parsed.data.redirectTo !== undefined) {
    return redirect(safeRedirectTo(parsed.data.redirectTo, `/meldingen/${issueId}`));
  }
  return Response.json({ supportCount, supported: parsed.data.intent === "support" });
}

const HOUR = 60 * 60 * 1000;

/**
 * Support without an account: a link by mail, and the support counts once it is used
 * (confirmations.server.ts). The answer is the same whether or not the address has an account.
 */
async function supportByEmail(issueId: number, formData: FormData, context: AppLoadContext) {
  const back = safeRedirectTo(formData.get("redirectTo"), "");
  // A fetcher reads the error from JSON; a page without JavaScript gets it back in the URL.
  const fail = (problem: SupportProblem, status: number) => {
    if (!back) return Response.json({ error: supportProblemText(problem) }, { status });
    const url = new URL(back, "http://localhost");
    url.searchParams.set(SUPPORT_ERROR_PARAM, problem);
    return redirect(`${url.pathname}${url.search}#steunen`);
  };
  if (!(await publicIssueExists(issueId))) throw new Response("Niet gevonden", { status: 404 });

  const parsed = anonymousSupportSchema.safeParse({ email: formData.get("email") ?? undefined });
  if (!parsed.success) return fail(formData.get("email") ? "email" : "emailRequired", 400);
  if (isHoneypotFilled(formData)) return fail("other", 400);
  const [perAddress, perEmail] = await Promise.all([
    hitRateLimit(`support:ip:${clientAddress(context)}`, 20, HOUR),
    hitRateLimit(`support:email:${parsed.data.email}`, 5, HOUR),
  ]);
  if (!perAddress.allowed || !perEmail.allowed) return fail("tooMany", 429);

  await requestSupportConfirmation(issueId, parsed.data.email);
  return redirect("/bevestigen/verstuurd?soort=steun");
}
