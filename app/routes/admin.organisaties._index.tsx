import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useZodForm } from "~/components/forms";
import { organisationTypeLabel, OrganisationFields } from "~/components/admin";
import { createOrganisationSchema } from "~/domain/admin-schemas";
import { t } from "~/i18n";
import { createOrganisation, requireAdmin } from "~/utils/admin.server";
import { db } from "~/utils/db.server";
import { badRequest, readFormData } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: `${t("admin.organisations.title")} | ${t("common.appName")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const organisations = await db.organisation.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, type: true, contactEmail: true, _count: { select: { memberships: true } } },
  });
  return {
    organisations: organisations.map(({ _count, ...organisation }) => ({
      ...organisation,
      members: _count.memberships,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const formData = await readFormData(request);
  if (formData.get("intent") !== "create") throw badRequest();
  const submission = parseWithZod(formData, { schema: createOrganisationSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createOrganisation(user.id, submission.value);
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 });
  return redirectWithToast(`/admin/organisaties/${result.value.id}`, {
    kind: "success",
    message: t("admin.organisations.created", { name: submission.value.name }),
  });
}

export default function AdminOrganisations() {
  const { organisations } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(createOrganisationSchema, { id: "create-organisation", lastResult });

  return (
    <>
      <h1 className="text-3xl font-bold">{t("admin.organisations.title")}</h1>
      <p className="mt-2 max-w-3xl text-lg">{t("admin.organisations.intro")}</p>

      <section aria-labelledby="organisations-title" className="mt-6">
        <h2 id="organisations-title" className="text-xl font-bold">
          {t("admin.organisations.listTitle")}
        </h2>
        {organisations.length === 0 ? (
          <p className="card mt-3 p-5">{t("admin.organisations.empty")}</p>
        ) : (
          <div
            className="relative mt-3 overflow-x-auto rounded-lg border border-gray-200 bg-white"
            role="region"
            aria-labelledby="organisations-title"
            tabIndex={0}
          >
            <table className="w-full min-w-[40rem] border-collapse text-left">
              <caption className="sr-only">{t("admin.organisations.listTitle")}</caption>
              <thead className="bg-gray-50 text-sm">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t("admin.organisations.columnName")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("admin.organisations.columnType")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("admin.organisations.columnEmail")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t("admin.organisations.columnMembers")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {organisations.map((organisation) => (
                  <tr key={organisation.id} className="border-t border-gray-200 align-top">
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      <Link to={`/admin/organisaties/${organisation.id}`} className="font-semibold">
                        {organisation.name}
                      </Link>
                    </th>
                    <td className="px-3 py-2">{organisationTypeLabel(organisation.type)}</td>
                    <td className="px-3 py-2 break-all">
                      {organisation.contactEmail ?? (
                        <span className="text-gray-700">{t("admin.organisations.noEmail")}</span>
                      )}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{organisation.members}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="create-organisation-title" className="card mt-8 max-w-2xl p-5">
        <h2 id="create-organisation-title" className="text-xl font-bold">
          {t("admin.organisations.createTitle")}
        </h2>
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-5">
          <input type="hidden" name="intent" value="create" />
          <OrganisationFields fields={fields} formErrors={form.errors} />
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            {t("admin.organisations.create")}
          </button>
        </Form>
      </section>
    </>
  );
}
