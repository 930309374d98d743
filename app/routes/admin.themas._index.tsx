import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { ThemeFields } from "~/components/admin";
import { ErrorSummary, TextField, useZodForm } from "~/components/forms";
import { ThemeIcon } from "~/components/theme-icon";
import { createThemeSchema, retireThemeSchema } from "~/domain/admin-schemas";
import { t } from "~/i18n";
import { createTheme, requireAdmin, setThemeRetired } from "~/utils/admin.server";
import { db } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { badRequest, readFormData } from "~/utils/request.server";
import { getSettings } from "~/utils/settings.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: `${t("admin.themes.title")} | ${t("common.appName")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [themes, settings] = await Promise.all([
    db.theme.findMany({
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      select: {
        id: true,
        code: true,
        name: true,
        retiredAt: true,
        resolutionTargetDays: true,
        _count: { select: { issues: true } },
      },
    }),
    getSettings(),
  ]);
  return {
    themes: themes.map(({ _count, retiredAt, ...theme }) => ({
      ...theme,
      retiredAt: retiredAt?.toISOString() ?? null,
      issues: _count.issues,
    })),
    defaultResolutionDays: settings.resolutionTargetDays,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "create") {
    const submission = parseWithZod(formData, { schema: createThemeSchema });
    if (submission.status !== "success") {
      return data({ intent: "create" as const, result: submission.reply() }, { status: 400 });
    }
    const result = await createTheme(user.id, submission.value);
    if (!result.ok) {
      return data(
        { intent: "create" as const, result: submission.reply({ fieldErrors: result.fieldErrors }) },
        { status: 400 },
      );
    }
    return redirectWithToast("/admin/themas", {
      kind: "success",
      message: t("admin.themes.created", { name: submission.value.name }),
    });
  }
  if (intent === "retire" || intent === "unretire") {
    const submission = parseWithZod(formData, { schema: retireThemeSchema });
    if (submission.status !== "success") throw badRequest();
    const retire = submission.value.intent === "retire";
    const theme = await setThemeRetired(user.id, submission.value.themeId, retire);
    return redirectWithToast("/admin/themas", {
      kind: retire ? "info" : "success",
      message: t(retire ? "admin.themes.retiredToast" : "admin.themes.unretiredToast", { name: theme.name }),
    });
  }
  throw badRequest();
}

export default function AdminThemes() {
  const { themes, defaultResolutionDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();

  return (
    <>
      <h1 className="text-3xl font-bold">{t("admin.themes.title")}</h1>
      <p className="mt-2 max-w-3xl text-lg">{t("admin.themes.intro")}</p>

      <section aria-labelledby="themes-title" className="mt-6">
        <h2 id="themes-title" className="text-xl font-bold">
          {t("admin.themes.listTitle")}
        </h2>
        <div
          className="relative mt-3 overflow-x-auto rounded-lg border border-gray-200 bg-white"
          role="region"
          aria-labelledby="themes-title"
          tabIndex={0}
        >
          <table className="w-full min-w-[52rem] border-collapse text-left">
            <caption className="sr-only">{t("admin.themes.listTitle")}</caption>
            <thead className="bg-gray-50 text-sm">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("admin.themes.columnName")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("admin.themes.columnCode")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("admin.themes.columnTarget")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("admin.themes.columnIssues")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("admin.themes.columnStatus")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("admin.themes.columnActions")}
                </th>
              </tr>
            </thead>
            <tbody>
              {themes.map((theme) => (
                <tr
                  key={theme.id}
                  className={`border-t border-gray-200 align-middle ${theme.retiredAt ? "bg-gray-50" : ""}`}
                >
                  <th scope="row" className="px-3 py-2 text-left font-normal">
                    <span className="inline-flex items-center gap-2">
                      <ThemeIcon code={theme.code} className="h-5 w-5 shrink-0 text-primary-700" />
                      <Link to={`/admin/themas/${theme.id}`} className="font-semibold">
                        {theme.name}
                      </Link>
                    </span>
                  </th>
                  <td className="px-3 py-2">
                    <code className="rounded bg-gray-100 px-1.5 py-0.5 text-sm">{theme.code}</code>
                  </td>
                  <td className="px-3 py-2">
                    {theme.resolutionTargetDays
                      ? t("admin.themes.targetDays", { days: theme.resolutionTargetDays })
                      : t("admin.themes.targetDefault", { days: defaultResolutionDays })}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{theme.issues.toLocaleString("nl-NL")}</td>
                  <td className="px-3 py-2">
                    {theme.retiredAt ? (
                      <span className="inline-flex rounded-full border border-gray-500 bg-gray-200 px-2 py-0.5 text-sm font-medium text-gray-900">
                        {t("admin.themes.retired", { date: formatDate(theme.retiredAt) })}
                      </span>
                    ) : (
                      <span className="inline-flex rounded-full border border-green-400 bg-green-50 px-2 py-0.5 text-sm font-medium text-green-800">
                        {t("admin.themes.active")}
                      </span>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <Form method="post">
                      <input type="hidden" name="themeId" value={theme.id} />
                      <button
                        type="submit"
                        name="intent"
                        value={theme.retiredAt ? "unretire" : "retire"}
                        className="btn-quiet whitespace-nowrap"
                      >
                        {t(theme.retiredAt ? "admin.themes.unretire" : "admin.themes.retire")}
                        <span className="sr-only"> ({theme.name})</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <CreateThemeForm
        key={location.key}
        lastResult={actionData?.intent === "create" ? actionData.result : undefined}
        defaultResolutionDays={defaultResolutionDays}
      />
    </>
  );
}

function CreateThemeForm({
  lastResult,
  defaultResolutionDays,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultResolutionDays: number;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(createThemeSchema, { id: "create-theme", lastResult });
  return (
    <section aria-labelledby="create-theme-title" className="card mt-8 max-w-2xl p-5">
      <h2 id="create-theme-title" className="text-xl font-bold">
        {t("admin.themes.createTitle")}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-5">
        <ErrorSummary
          formErrors={form.errors}
          items={[
            { id: fields.code.id, label: t("admin.themes.code"), errors: fields.code.errors },
            { id: fields.name.id, label: t("admin.themes.name"), errors: fields.name.errors },
            { id: fields.description.id, label: t("admin.themes.description"), errors: fields.description.errors },
            {
              id: fields.resolutionTargetDays.id,
              label: t("admin.themes.resolutionTargetDays"),
              errors: fields.resolutionTargetDays.errors,
            },
          ]}
        />
        <input type="hidden" name="intent" value="create" />
        <TextField
          field={fields.code}
          label={t("admin.themes.code")}
          hint={t("admin.themes.codeHint")}
          autoComplete="off"
          inputProps={{ maxLength: 40, spellCheck: false, autoCapitalize: "none" }}
        />
        <ThemeFields fields={fields} defaultResolutionDays={defaultResolutionDays} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("admin.themes.create")}
        </button>
      </Form>
    </section>
  );
}
