import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Pagination } from "~/components/pagination";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Search } from "lucide-react";
import { membershipRoleLabel, roleLabel } from "~/components/admin";
import { peopleSearchSchema } from "~/domain/admin-schemas";
import { plural, t } from "~/i18n";
import { listPeople, requireAdmin } from "~/utils/admin.server";

export const meta: MetaFunction = () => [{ title: `${t("admin.people.title")} | ${t("common.appName")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const params = new URL(request.url).searchParams;
  const parsed = peopleSearchSchema.safeParse({ q: params.get("q") ?? undefined });
  const q = parsed.success ? parsed.data.q || undefined : undefined;
  const page = Number.parseInt(params.get("pagina") ?? "1", 10);
  const result = await listPeople({ q, page: Number.isFinite(page) ? page : 1 });
  return {
    ...result,
    q: params.get("q") ?? "",
    searchError: parsed.success ? null : (parsed.error.issues[0]?.message ?? null),
  };
}

export default function AdminPeople() {
  const { people, total, page, pageCount, q, searchError } = useLoaderData<typeof loader>();
  const pageHref = (target: number) => {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (target > 1) params.set("pagina", String(target));
    const search = params.toString();
    return `/admin/mensen${search ? `?${search}` : ""}`;
  };

  return (
    <>
      <h1 className="text-3xl font-bold">{t("admin.people.title")}</h1>
      <p className="mt-2 max-w-3xl text-lg">{t("admin.people.intro")}</p>

      <Form method="get" role="search" className="card mt-6 p-4">
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-64 flex-1 space-y-1">
            <label htmlFor="people-q" className="block font-semibold">
              {t("admin.people.search")}
            </label>
            {searchError ? (
              <p id="people-q-error" className="font-semibold text-red-700">
                {searchError}
              </p>
            ) : null}
            <input
              id="people-q"
              name="q"
              type="search"
              defaultValue={q}
              key={q}
              className="input"
              aria-invalid={searchError ? true : undefined}
              aria-describedby={searchError ? "people-q-error" : undefined}
            />
          </div>
          <button type="submit" className="btn-primary">
            <Search aria-hidden="true" className="h-5 w-5" />
            {t("admin.people.searchButton")}
          </button>
          {q ? (
            <Link to="/admin/mensen" className="inline-flex min-h-11 items-center">
              {t("admin.people.clearSearch")}
            </Link>
          ) : null}
        </div>
      </Form>

      <p className="mt-4 font-semibold" aria-live="polite">
        {plural(total, "admin.people.countOne", "admin.people.count")}
      </p>
      {people.length === 0 ? (
        <p className="card mt-3 p-5">{t("admin.people.empty")}</p>
      ) : (
        <div
          className="relative mt-3 overflow-x-auto rounded-lg border border-gray-200 bg-white"
          role="region"
          aria-labelledby="people-caption"
          tabIndex={0}
        >
          <table className="w-full min-w-[48rem] border-collapse text-left">
            <caption id="people-caption" className="sr-only">
              {t("admin.people.title")}
            </caption>
            <thead className="bg-gray-50 text-sm">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("admin.people.columnName")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("admin.people.columnEmail")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("admin.people.columnRoles")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("admin.people.columnOrganisations")}
                </th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id} className="border-t border-gray-200 align-top">
                  <th scope="row" className="px-3 py-2 text-left font-normal">
                    <Link to={`/admin/mensen/${person.id}`} className="font-semibold">
                      {person.name}
                    </Link>
                  </th>
                  <td className="px-3 py-2 break-all">{person.email}</td>
                  <td className="px-3 py-2">
                    {person.roles.length ? person.roles.map(roleLabel).join(", ") : t("admin.people.noRoles")}
                  </td>
                  <td className="px-3 py-2">
                    {person.memberships.length
                      ? person.memberships
                          .map((m) => `${m.organisationName} (${membershipRoleLabel(m.role).toLowerCase()})`)
                          .join(", ")
                      : t("admin.people.noOrganisations")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pagination
        label={t("admin.people.pagination")}
        page={page}
        pageCount={pageCount}
        previousHref={pageHref(page - 1)}
        nextHref={pageHref(page + 1)}
      />
    </>
  );
}
