import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ArrowLeft } from "lucide-react";
import { SolutionForm, type SolutionFormValues } from "~/components/solution-form";
import { canCreateSolution } from "~/domain/permissions";
import { SOLUTION_DESCRIPTION_MAX, SOLUTION_TITLE_MAX, solutionSchema } from "~/domain/solution-schema";
import { t } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { readFormData } from "~/utils/request.server";
import { parseIssueIds } from "~/utils/signals.server";
import { checkSolutionInput, createSolution, newApproachDecisions, solutionFormOptions } from "~/utils/solutions.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: `${t("solutions.form.newTitle")} | ${t("common.appName")}` }];

async function requireSolutionCreator(request: Request) {
  const user = await requireUser(request);
  if (!canCreateSolution(user)) throw new Response("Geen toegang", { status: 403 });
  return user;
}

/**
 * `?titel=...&omschrijving=...&thema=code` fill in the form, so the triage form can offer
 * "Maak hiervan een oplossing". Values are only a starting point: the action checks everything.
 */
function prefill(params: URLSearchParams, themeCodes: Set<string>, organisations: { id: string }[]) {
  const values: SolutionFormValues = {};
  const title = params.get("titel")?.trim();
  const description = params.get("omschrijving")?.trim();
  const themes = params.getAll("thema").filter((code) => themeCodes.has(code));
  if (title) values.title = title.slice(0, SOLUTION_TITLE_MAX);
  if (description) values.description = description.slice(0, SOLUTION_DESCRIPTION_MAX);
  if (themes.length) values.themes = [...new Set(themes)];
  if (organisations.length === 1) values.responsibleOrganisationId = organisations[0].id;
  return values;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireSolutionCreator(request);
  const { themes, organisations } = await solutionFormOptions(user);
  const defaultValue = prefill(
    new URL(request.url).searchParams,
    new Set(themes.map((theme) => theme.code)),
    organisations,
  );
  const linked = await newApproachDecisions(user, parseIssueIds(new URL(request.url).searchParams.getAll("melding")));
  return { themes, organisations, defaultValue, linkedIssues: linked.map(({ issueId, title }) => ({ id: issueId, title })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireSolutionCreator(request);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: solutionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const checked = await checkSolutionInput(user, submission.value);
  if (!checked.ok) return data(submission.reply({ fieldErrors: checked.fieldErrors }), { status: 400 });
  // Checked again here: the form's hidden issue numbers are only a request.
  const linked = await newApproachDecisions(user, parseIssueIds(formData.getAll("melding").map(String)));
  const solution = await createSolution(user.id, checked.value, linked);
  return redirectWithToast(`/oplossingen/${solution.id}`, { kind: "success", message: t("solutions.flash.created") });
}

export default function NewSolutionPage() {
  const { themes, organisations, defaultValue, linkedIssues } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl px-4 py-6">
      <Link to="/oplossingen" className="inline-flex min-h-11 items-center gap-1">
        <ArrowLeft aria-hidden="true" className="h-4 w-4" />
        {t("solutions.page.backToList")}
      </Link>
      <h1 className="mt-3 text-3xl font-bold">{t("solutions.form.newTitle")}</h1>
      <p className="mt-2 text-lg">{t("solutions.form.newIntro")}</p>
      <SolutionForm
        id="new-solution"
        lastResult={lastResult}
        defaultValue={defaultValue}
        themes={themes}
        organisations={organisations}
        submitLabel={t("solutions.form.submitNew")}
        cancelTo="/oplossingen"
      >
        {linkedIssues.length ? (
          <div className="rounded-md border-l-8 border-primary-700 bg-primary-50 p-4">
            <p className="font-semibold">{t("solutions.form.linkedIssues")}</p>
            <ul className="mt-1 list-disc pl-5">
              {linkedIssues.map((issue) => (
                <li key={issue.id}>
                  <input type="hidden" name="melding" value={issue.id} />
                  #{issue.id} {issue.title}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </SolutionForm>
    </div>
  );
}
