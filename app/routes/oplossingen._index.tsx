import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Building2, Plus } from "lucide-react";
import { ThemeIcon } from "~/components/theme-icon";
import { canCreateSolution } from "~/domain/permissions";
import { plural, t } from "~/i18n";
import { getSessionUser } from "~/utils/auth.server";
import { listSolutions } from "~/utils/solutions.server";
import { activeThemes } from "~/utils/themes.server";

export const meta: MetaFunction = () => [
  { title: `${t("solutions.list.title")} | ${t("common.appName")}` },
  { name: "description", content: t("solutions.list.intro") },
];

const THEME_CODE = /^[a-z0-9_-]{1,40}$/;

export async function loader({ request }: LoaderFunctionArgs) {
  // A hand-edited URL with a strange value shows all solutions rather than an error.
  const themeParam = new URL(request.url).searchParams.get("thema") ?? "";
  const themeCode = THEME_CODE.test(themeParam) ? themeParam : undefined;
  const [user, themes, solutions] = await Promise.all([
    getSessionUser(request),
    activeThemes(),
    listSolutions({ themeCode }),
  ]);
  return {
    themeCode: themeCode ?? null,
    themes: themes.map(({ code, name }) => ({ code, name })),
    solutions,
    canCreate: canCreateSolution(user),
  };
}

export default function SolutionsPage() {
  const { themeCode, themes, solutions, canCreate } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-4xl px-4 py-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="max-w-2xl">
          <h1 className="text-3xl font-bold">{t("solutions.list.title")}</h1>
          <p className="mt-2 text-lg">{t("solutions.list.intro")}</p>
        </div>
        {canCreate ? (
          <Link to="/oplossingen/nieuw" className="btn-primary">
            <Plus aria-hidden="true" className="h-5 w-5" />
            {t("solutions.list.newSolution")}
          </Link>
        ) : null}
      </div>

      <Form method="get" className="card mt-6 p-4">
        <fieldset>
          <legend className="text-lg font-bold">{t("solutions.list.filterLegend")}</legend>
          <div className="mt-2 flex flex-wrap items-end gap-3">
            <div className="min-w-60 flex-1 space-y-1">
              <label htmlFor="filter-thema" className="block font-semibold">
                {t("solutions.list.theme")}
              </label>
              {/* Keyed on the filter so the select shows the URL's value after back/forward. */}
              <select
                id="filter-thema"
                name="thema"
                key={themeCode ?? ""}
                defaultValue={themeCode ?? ""}
                className="input"
              >
                <option value="">{t("solutions.list.allThemes")}</option>
                {themes.map((theme) => (
                  <option key={theme.code} value={theme.code}>
                    {theme.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn-primary">
              {t("solutions.list.apply")}
            </button>
            {themeCode ? (
              <Link to="/oplossingen" className="inline-flex min-h-11 items-center">
                {t("solutions.list.reset")}
              </Link>
            ) : null}
          </div>
        </fieldset>
      </Form>

      <p className="mt-4 font-semibold" aria-live="polite">
        {plural(solutions.length, "solutions.list.countOne", "solutions.list.count")}
      </p>

      {solutions.length === 0 ? (
        <div className="card mt-3 p-5">
          <p>{themeCode ? t("solutions.list.emptyTheme") : t("solutions.list.empty")}</p>
        </div>
      ) : (
        <ul className="mt-3 space-y-3">
          {solutions.map((solution) => (
            <li key={solution.id}>
              <article className="card space-y-2 p-4" aria-labelledby={`solution-${solution.id}-title`}>
                <h2 id={`solution-${solution.id}-title`} className="text-lg leading-snug font-semibold">
                  <Link
                    to={`/oplossingen/${solution.id}`}
                    className="text-gray-900 decoration-primary-600 hover:text-primary-800"
                  >
                    {solution.title}
                  </Link>
                </h2>
                <ul className="flex flex-wrap gap-2" aria-label={t("solutions.list.themes")}>
                  {solution.themes.map((theme) => (
                    <li
                      key={theme.code}
                      className="inline-flex items-center gap-1 rounded-full bg-primary-50 px-2 py-0.5 text-sm font-medium text-primary-800"
                    >
                      <ThemeIcon code={theme.code} className="h-4 w-4" />
                      {theme.name}
                    </li>
                  ))}
                </ul>
                <p className="inline-flex items-center gap-1 text-sm text-gray-700">
                  <Building2 aria-hidden="true" className="h-4 w-4" />
                  <span className="sr-only">{t("solutions.list.organisation")}: </span>
                  {solution.organisationName}
                </p>
                <p>{solution.summary}</p>
                <p className="text-sm text-gray-700">
                  {solution.appliedCount === 0
                    ? t("solutions.list.appliedNone")
                    : plural(solution.appliedCount, "solutions.list.appliedCountOne", "solutions.list.appliedCount")}
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
