import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ArrowLeft } from "lucide-react";
import { SolutionForm } from "~/components/solution-form";
import { canEditSolution } from "~/domain/permissions";
import { solutionSchema } from "~/domain/solution-schema";
import { t } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { readFormData } from "~/utils/request.server";
import { checkSolutionInput, findSolutionForEdit, solutionFormOptions, updateSolution } from "~/utils/solutions.server";
import { redirectWithToast } from "~/utils/toast.server";

// The trailing underscore in `$id_` keeps this page out of the detail page's layout: same URL
// (/oplossingen/:id/bewerken), but it renders on its own instead of inside an <Outlet />.

export const meta: MetaFunction = () => [{ title: `${t("solutions.form.editTitle")} | ${t("common.appName")}` }];

async function requireEditableSolution(request: Request, id: string | undefined) {
  const user = await requireUser(request);
  const solution = id && id.length <= 40 ? await findSolutionForEdit(id) : null;
  if (!solution) throw new Response("Niet gevonden", { status: 404 });
  if (!canEditSolution(user, solution)) throw new Response("Geen toegang", { status: 403 });
  return { user, solution };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, solution } = await requireEditableSolution(request, params.id);
  const { themes, organisations } = await solutionFormOptions(user, solution.themeIds);
  return {
    id: solution.id,
    themes,
    organisations,
    defaultValue: {
      title: solution.title,
      description: solution.description,
      howToRequest: solution.howToRequest,
      themes: solution.themeCodes,
      responsibleOrganisationId: solution.responsibleOrganisationId,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, solution } = await requireEditableSolution(request, params.id);
  const submission = parseWithZod(await readFormData(request), { schema: solutionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const checked = await checkSolutionInput(user, submission.value, solution.themeIds);
  if (!checked.ok) return data(submission.reply({ fieldErrors: checked.fieldErrors }), { status: 400 });
  await updateSolution(user.id, solution, checked.value);
  return redirectWithToast(`/oplossingen/${solution.id}`, { kind: "success", message: t("solutions.flash.updated") });
}

export default function EditSolutionPage() {
  const { id, themes, organisations, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl px-4 py-6">
      <Link to={`/oplossingen/${id}`} className="inline-flex min-h-11 items-center gap-1">
        <ArrowLeft aria-hidden="true" className="h-4 w-4" />
        {defaultValue.title}
      </Link>
      <h1 className="mt-3 text-3xl font-bold">{t("solutions.form.editTitle")}</h1>
      <SolutionForm
        id={`edit-solution-${id}`}
        lastResult={lastResult}
        defaultValue={defaultValue}
        themes={themes}
        organisations={organisations}
        submitLabel={t("solutions.form.submitEdit")}
        cancelTo={`/oplossingen/${id}`}
      />
    </div>
  );
}
