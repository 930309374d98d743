import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { ArrowLeft, Pencil, Trash2 } from "lucide-react";
import { useEffect, useRef } from "react";
import { IssueCard } from "~/components/issue-card";
import { ThemeIcon } from "~/components/theme-icon";
import { canEditSolution } from "~/domain/permissions";
import { deleteSolutionSchema } from "~/domain/solution-schema";
import { t } from "~/i18n";
import { getSessionUser, requireUser } from "~/utils/auth.server";
import { badRequest, readFormData } from "~/utils/request.server";
import { appliedPublicIssues, findSolution, softDeleteSolution } from "~/utils/solutions.server";
import { supportedIssueIds } from "~/utils/themes.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.solution.title} | ${t("common.appName")}` : t("common.appName") },
  { name: "description", content: data?.solution.description.slice(0, 160) ?? "" },
];

const APPLIED_SHOWN = 50;

function notFound() {
  return new Response("Niet gevonden", { status: 404 });
}

/** Solution ids are cuids; anything far off is simply not found. */
function parseId(value: string | undefined) {
  if (!value || value.length > 40) throw notFound();
  return value;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const [user, solution] = await Promise.all([getSessionUser(request), findSolution(id)]);
  if (!solution) throw notFound();
  const applied = await appliedPublicIssues(solution.id, APPLIED_SHOWN);
  const supported = await supportedIssueIds(
    user?.id,
    applied.issues.map((issue) => issue.id),
  );
  const canEdit = canEditSolution(user, solution);
  return {
    solution: {
      id: solution.id,
      title: solution.title,
      description: solution.description,
      howToRequest: solution.howToRequest,
      organisationName: solution.responsibleOrganisation.name,
      themes: solution.themes.map(({ theme }) => ({ code: theme.code, name: theme.name })),
    },
    applied: applied.issues,
    appliedTotal: applied.total,
    supported,
    loggedIn: Boolean(user),
    canEdit,
    // The confirmation step is a URL of its own, so it works without JavaScript.
    confirmDelete: canEdit && new URL(request.url).searchParams.get("verwijderen") === "1",
    now: new Date().toISOString(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = parseId(params.id);
  const user = await requireUser(request);
  const solution = await findSolution(id);
  if (!solution) throw notFound();
  if (!canEditSolution(user, solution)) throw new Response("Geen toegang", { status: 403 });
  const parsed = deleteSolutionSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) throw badRequest();
  await softDeleteSolution(user.id, { id: solution.id, title: solution.title });
  return redirectWithToast("/oplossingen", { kind: "info", message: t("solutions.flash.deleted") });
}

export default function SolutionPage() {
  const { solution, applied, appliedTotal, supported, loggedIn, canEdit, confirmDelete, now } =
    useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-4xl px-4 py-6">
      <Link to="/oplossingen" className="inline-flex min-h-11 items-center gap-1">
        <ArrowLeft aria-hidden="true" className="h-4 w-4" />
        {t("solutions.page.backToList")}
      </Link>

      <article className="mt-3 space-y-6">
        <header className="space-y-3">
          <ul className="flex flex-wrap gap-2" aria-label={t("solutions.page.themes")}>
            {solution.themes.map((theme) => (
              <li key={theme.code} className="inline-flex items-center gap-1 font-medium text-primary-800">
                <ThemeIcon code={theme.code} />
                {theme.name}
              </li>
            ))}
          </ul>
          <h1 className="text-3xl leading-tight font-bold">{solution.title}</h1>
          <p className="text-gray-700">
            <span className="font-semibold">{t("solutions.page.organisation")}:</span> {solution.organisationName}
          </p>
          {canEdit && !confirmDelete ? (
            <div className="flex flex-wrap gap-3">
              <Link to={`/oplossingen/${solution.id}/bewerken`} className="btn-secondary">
                <Pencil aria-hidden="true" className="h-4 w-4" />
                {t("solutions.page.edit")}
              </Link>
              <Link to={`/oplossingen/${solution.id}?verwijderen=1`} className="btn-secondary" preventScrollReset>
                <Trash2 aria-hidden="true" className="h-4 w-4" />
                {t("solutions.page.delete")}
              </Link>
            </div>
          ) : null}
          {confirmDelete ? <ConfirmDelete solutionId={solution.id} /> : null}
        </header>

        <section aria-labelledby="description-title" className="card p-5">
          <h2 id="description-title" className="text-xl font-bold">
            {t("solutions.page.description")}
          </h2>
          <p className="mt-2 text-lg break-words whitespace-pre-wrap">{solution.description}</p>
        </section>

        <section aria-labelledby="how-title" className="card p-5">
          <h2 id="how-title" className="text-xl font-bold">
            {t("solutions.page.howToRequest")}
          </h2>
          <p className="mt-2 break-words whitespace-pre-wrap">
            {solution.howToRequest || t("solutions.page.noHowToRequest")}
          </p>
          {solution.howToRequest ? null : <p className="mt-1 font-semibold">{solution.organisationName}</p>}
        </section>

        <section aria-labelledby="applied-title">
          <h2 id="applied-title" className="text-xl font-bold">
            {t("solutions.page.appliedTitle")} ({appliedTotal})
          </h2>
          {applied.length === 0 ? (
            <p className="mt-3">{t("solutions.page.appliedEmpty")}</p>
          ) : (
            <ul className="mt-3 space-y-3">
              {applied.map((issue) => (
                <li key={issue.id}>
                  <IssueCard issue={issue} now={now} supported={supported.includes(issue.id)} loggedIn={loggedIn} />
                </li>
              ))}
            </ul>
          )}
          {appliedTotal > applied.length ? (
            <p className="mt-3 text-gray-700">
              {t("solutions.page.appliedMore", { count: (appliedTotal - applied.length).toLocaleString("nl-NL") })}
            </p>
          ) : null}
        </section>
      </article>
    </div>
  );
}

function ConfirmDelete({ solutionId }: { solutionId: string }) {
  const navigation = useNavigation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Move focus to the question so keyboard and screen reader users land on it.
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section
      aria-labelledby="confirm-delete-title"
      className="rounded-md border-l-8 border-red-700 bg-red-50 p-4 text-red-950"
    >
      <h2 id="confirm-delete-title" ref={headingRef} tabIndex={-1} className="text-lg font-bold">
        {t("solutions.page.confirmTitle")}
      </h2>
      <p className="mt-1">{t("solutions.page.confirmText")}</p>
      <Form method="post" className="mt-3 flex flex-wrap items-center gap-3">
        <input type="hidden" name="intent" value="delete" />
        <button
          type="submit"
          className="btn bg-red-700 text-white hover:bg-red-800 hover:text-white"
          disabled={navigation.state === "submitting"}
        >
          {t("solutions.page.confirmYes")}
        </button>
        <Link to={`/oplossingen/${solutionId}`} className="btn-secondary" preventScrollReset>
          {t("solutions.page.confirmNo")}
        </Link>
      </Form>
    </section>
  );
}
