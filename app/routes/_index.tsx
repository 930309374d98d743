import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Pagination } from "~/components/pagination";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Mail, Plus } from "lucide-react";
import { FilterSelect } from "~/components/form-parts";
import { IssueCard } from "~/components/issue-card";
import { IssueMap } from "~/components/map";
import { homeFeedLinks } from "~/domain/feed-links";
// Loader only: issue-filters builds zod schemas at module level, which the client must not load.
import { listQueryToSearch, parseListQuery } from "~/domain/issue-filters";
import { ISSUE_STATUSES } from "~/domain/issue-status";
import { plural, t } from "~/i18n";
import { getSessionUser } from "~/utils/auth.server";
import { buurtOptions } from "~/utils/buurten.server";
import { listPublicIssues } from "~/utils/issues.server";
import { activeThemes, supportedIssueIds } from "~/utils/themes.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${t("home.title")} | ${t("common.appName")}` },
  { name: "description", content: t("common.tagline") },
  ...homeFeedLinks({
    buurt: data?.buurten.find((buurt) => buurt.code === data.query.buurt),
    theme: data?.themes.find((theme) => theme.code === data.query.theme),
  }),
];

export async function loader({ request }: LoaderFunctionArgs) {
  const query = parseListQuery(new URL(request.url).searchParams);
  const [user, themes, buurten, result] = await Promise.all([
    getSessionUser(request),
    activeThemes(),
    buurtOptions(),
    listPublicIssues(query),
  ]);
  const supported = await supportedIssueIds(
    user?.id,
    result.issues.map((issue) => issue.id),
  );
  return {
    query,
    themes: themes.map(({ code, name }) => ({ code, name })),
    buurten,
    ...result,
    supported,
    // Built here so the page's JavaScript needs no issue-filters (and so no zod).
    pageHrefs: {
      previous: `/${listQueryToSearch({ ...query, page: query.page - 1 })}`,
      next: `/${listQueryToSearch({ ...query, page: query.page + 1 })}`,
    },
    loggedIn: Boolean(user),
    now: new Date().toISOString(),
  };
}

/** The status filter's choices: STATUS_FILTERS (issue-filters.ts) in this order, plus "alle". */
const STATUS_OPTIONS = ["open", "alle", "gesloten", ...ISSUE_STATUSES] as const;

export default function Home() {
  const { query, themes, buurten, issues, total, pageCount, supported, pageHrefs, loggedIn, now } =
    useLoaderData<typeof loader>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location?.pathname === "/";
  const buurtName = buurten.find((b) => b.code === query.buurt)?.name;
  const mapFilters = { theme: query.theme, buurt: query.buurt, status: query.status };

  return (
    <div className="mx-auto max-w-7xl px-4 pt-4 md:pb-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="max-w-2xl">
          <h1 className="text-3xl font-bold">{t("home.title")}</h1>
          <p className="mt-2 text-lg">{t("home.intro")}</p>
          {loggedIn ? null : (
            <p className="mt-2">
              <Link to="/inloggen?redirectTo=%2Fmeldingen%2Fnieuw">{t("common.nav.login")}</Link> {t("home.or")}{" "}
              <Link to="/registreren?redirectTo=%2Fmeldingen%2Fnieuw">{t("home.registerLower")}</Link>{" "}
              {t("home.toReport")}
            </p>
          )}
        </div>
        <Link to="/meldingen/nieuw" className="btn-primary hidden md:inline-flex">
          <Plus aria-hidden="true" className="h-5 w-5" />
          {t("home.report")}
        </Link>
      </div>

      <div className="mt-6 flex flex-col gap-6 md:flex-row-reverse">
        <section aria-labelledby="map-title" className="md:sticky md:top-4 md:h-[calc(100vh-2rem)] md:w-3/5">
          <h2 id="map-title" className="sr-only">
            {t("home.mapTitle")}
          </h2>
          <IssueMap
            filters={mapFilters}
            className="h-[45vh] min-h-72 w-full overflow-hidden rounded-lg border border-gray-300 md:h-full"
          />
        </section>

        <section aria-labelledby="list-title" className="md:w-2/5">
          <h2 id="list-title" className="sr-only">
            {t("home.listTitle")}
          </h2>
          <Form
            method="get"
            className="card space-y-3 p-4"
            onChange={(event) => submit(event.currentTarget, { preventScrollReset: true, replace: true })}
          >
            <fieldset>
              <legend className="text-lg font-bold">{t("home.filters.legend")}</legend>
              <div className="mt-2 grid grid-cols-2 gap-3">
                <FilterSelect
                  name="theme"
                  label={t("home.filters.theme")}
                  value={query.theme ?? ""}
                  options={[
                    { value: "", label: t("home.filters.allThemes") },
                    ...themes.map((th) => ({ value: th.code, label: th.name })),
                  ]}
                />
                <FilterSelect
                  name="buurt"
                  label={t("home.filters.buurt")}
                  value={query.buurt ?? ""}
                  options={[
                    { value: "", label: t("home.filters.allBuurten") },
                    ...buurten.map((b) => ({ value: b.code, label: b.name })),
                  ]}
                />
                <FilterSelect
                  name="status"
                  label={t("home.filters.status")}
                  value={query.status ?? "alle"}
                  options={STATUS_OPTIONS.map((s) => ({ value: s, label: t(`common.status.${s}`) }))}
                />
                <FilterSelect
                  name="sort"
                  label={t("home.filters.sort")}
                  value={query.sort}
                  options={[
                    { value: "nieuw", label: t("home.filters.sortNewest") },
                    { value: "steun", label: t("home.filters.sortSupport") },
                  ]}
                />
              </div>
            </fieldset>
            <div className="flex flex-wrap items-center gap-3">
              <noscript>
                <button type="submit" className="btn-primary">
                  {t("home.filters.apply")}
                </button>
              </noscript>
              <Link to="/" className="inline-flex min-h-11 items-center" preventScrollReset>
                {t("home.filters.reset")}
              </Link>
            </div>
          </Form>

          <p className="mt-3">
            <Link
              to={`/attenties${query.buurt ? `?buurt=${query.buurt}` : query.theme ? `?thema=${query.theme}` : ""}`}
              className="inline-flex min-h-11 items-center gap-2"
            >
              <Mail aria-hidden="true" className="h-5 w-5 shrink-0" />
              {buurtName ? t("alerts.homeLinkBuurt", { buurt: buurtName }) : t("alerts.homeLink")}
            </Link>
          </p>

          <p className="mt-2 font-semibold" aria-live="polite">
            {plural(total, "home.countOne", "home.count")}
          </p>

          {issues.length === 0 ? (
            <div className="card mt-3 p-5">
              <p>{buurtName && !query.theme ? t("home.emptyBuurt", { buurt: buurtName }) : t("home.empty")}</p>
              <Link to="/meldingen/nieuw" className="btn-primary mt-3">
                {t("home.report")}
              </Link>
            </div>
          ) : (
            <ul className={`mt-3 space-y-3 ${loading ? "opacity-60" : ""}`} aria-busy={loading}>
              {issues.map((issue) => (
                <li key={issue.id}>
                  <IssueCard issue={issue} now={now} supported={supported.includes(issue.id)} loggedIn={loggedIn} />
                </li>
              ))}
            </ul>
          )}

          <Pagination
            label={t("home.pagination")}
            page={query.page}
            pageCount={pageCount}
            previousHref={pageHrefs.previous}
            nextHref={pageHrefs.next}
          />
        </section>
      </div>

      {/* Sticky, not fixed: at the end of the page it stops above the footer, whose links stay reachable. */}
      <div className="sticky bottom-0 z-[500] -mx-4 mt-4 border-t border-gray-300 bg-white/95 p-3 md:hidden">
        <Link to="/meldingen/nieuw" className="btn-primary w-full">
          <Plus aria-hidden="true" className="h-5 w-5" />
          {t("home.report")}
        </Link>
      </div>
    </div>
  );
}
