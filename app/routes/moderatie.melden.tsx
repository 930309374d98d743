import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ArrowLeft } from "lucide-react";
import { isHoneypotFilled } from "~/components/forms";
import { FlagForm } from "~/components/moderation";
import { flagSchema, parseFlagTarget, type FlagTarget } from "~/domain/moderation";
import { canFlag } from "~/domain/permissions";
import { t } from "~/i18n";
import { getSessionUser } from "~/utils/auth.server";
import { createFlag, findFlagTarget } from "~/utils/moderation.server";
import { clientAddress } from "~/utils/rate-limit.server";
import { readFormData } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

/**
 * "Ongepast melden" (/moderatie/melden?melding=12[&reactie=...|&foto=...]). The disclosure on
 * the issue page posts here; without JavaScript, this page shows the form again with its errors.
 * Anyone may flag, also without an account.
 */

export const meta: MetaFunction = () => [
  { title: `${t("moderation.flag.pageTitle")} | ${t("common.appName")}` },
  { name: "robots", content: "noindex" },
];

async function requireFlagTarget(request: Request) {
  const target = parseFlagTarget(new URL(request.url).searchParams);
  const found = target ? await findFlagTarget(target) : null;
  if (!target || !found) throw new Response("Niet gevonden", { status: 404 });
  return { target, issue: found.issue };
}

function backTo(target: FlagTarget) {
  return `/meldingen/${target.issueId}${target.type === "comment" ? "#reacties" : ""}`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { target, issue } = await requireFlagTarget(request);
  return { target, issueTitle: issue.title };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { target } = await requireFlagTarget(request);
  const user = await getSessionUser(request);
  if (!canFlag(user)) throw new Response("Geen toegang", { status: 403 });
  const formData = await readFormData(request);
  // Bots get the same answer as people, and nothing is stored.
  if (isHoneypotFilled(formData)) {
    return redirectWithToast(backTo(target), { kind: "success", message: t("moderation.flag.thanks") });
  }
  const submission = parseWithZod(formData, { schema: flagSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createFlag({
    target,
    reason: submission.value.reason,
    note: submission.value.note,
    userId: user?.id ?? null,
    address: clientAddress(context),
  });
  if (result === "rate_limited") {
    return data(submission.reply({ formErrors: [t("moderation.flag.validation.tooMany")] }), { status: 429 });
  }
  return redirectWithToast(
    backTo(target),
    result === "duplicate"
      ? { kind: "info", message: t("moderation.flag.alreadyFlagged") }
      : { kind: "success", message: t("moderation.flag.thanks") },
  );
}

const ABOUT = {
  issue: "moderation.flag.aboutIssue",
  comment: "moderation.flag.aboutComment",
  photo: "moderation.flag.aboutPhoto",
} as const;

export default function FlagPage() {
  const { target, issueTitle } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  return (
    <div className="mx-auto max-w-2xl px-4 py-6">
      <Link to={backTo(target)} className="inline-flex min-h-11 items-center gap-1">
        <ArrowLeft aria-hidden="true" className="h-4 w-4" />
        {t("moderation.flag.backToIssue")}
      </Link>
      <h1 className="mt-3 text-3xl font-bold">{t("moderation.flag.pageTitle")}</h1>
      <p className="mt-2">{t(ABOUT[target.type], { title: issueTitle })}</p>
      <div className="card mt-4 p-5">
        <FlagForm target={target} lastResult={lastResult} />
      </div>
    </div>
  );
}
