import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BackLink, ThemeFields } from "~/components/admin";
import { ErrorSummary, useZodForm } from "~/components/forms";
import { ThemeIcon } from "~/components/theme-icon";
import { retireThemeSchema, updateThemeSchema } from "~/domain/admin-schemas";
import { t } from "~/i18n";
import { notFound, parseRecordId, requireAdmin, setThemeRetired, updateTheme } from "~/utils/admin.server";
import { db } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { badRequest, readFormData } from "~/utils/request.server";
import { getSettings } from "~/utils/settings.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data ? t("admin.themes.editTitle", { name: data.theme.name }) : t("admin.themes.title")} | ${t("common.appName")}`,
  },
];

async function findTheme(id: string) {
  const theme = await db.theme.findUnique({
    where: { id },
    select: {
      id: true,
      code: true,
      name: true,
      description: true,
      resolutionTargetDays: true,
      retiredAt: true,
      _count: { select: { issues: true } },
    },
  });
  if (!theme) notFound();
  return theme;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [{ _count, retiredAt, ...theme }, settings] = await Promise.all([
    findTheme(parseRecordId(params.id)),
    getSettings(),
  ]);
  return {
    theme: { ...theme, retiredAt: retiredAt?.toISOString() ?? null, issues: _count.issues },
    defaultResolutionDays: settings.resolutionTargetDays,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const theme = await findTheme(parseRecordId(params.id));
  const formData = await readFormData(request);
  const here = `/admin/themas/${theme.id}`;
  const intent = formData.get("intent");
  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: updateThemeSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    await updateTheme(user.id, theme.id, submission.value);
    return redirectWithToast(here, {
      kind: "success",
      message: t("admin.themes.saved", { name: submission.value.name }),
    });
  }
  if (intent === "retire" || intent === "unretire") {
    const submission = parseWithZod(formData, { schema: retireThemeSchema });
    if (submission.status !== "success" || submission.value.themeId !== theme.id) throw badRequest();
    const retire = submission.value.intent === "retire";
    await setThemeRetired(user.id, theme.id, retire);
    return redirectWithToast(here, {
      kind: retire ? "info" : "success",
      message: t(retire ? "admin.themes.retiredToast" : "admin.themes.unretiredToast", { name: theme.name }),
    });
  }
  throw badRequest();
}

export default function AdminTheme() {
  const { theme, defaultResolutionDays } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(updateThemeSchema, {
    id: "edit-theme",
    lastResult,
    defaultValue: {
      name: theme.name,
      description: theme.description || undefined,
      resolutionTargetDays: (theme.resolutionTargetDays ?? undefined) as never,
    },
  });

  return (
    <>
      <BackLink to="/admin/themas">{t("admin.themes.back")}</BackLink>
      <h1 className="mt-3 flex items-center gap-2 text-3xl font-bold">
        <ThemeIcon code={theme.code} className="h-7 w-7 shrink-0 text-primary-700" />
        {t("admin.themes.editTitle", { name: theme.name })}
      </h1>

      <div className="mt-6 grid gap-6 lg:grid-cols-[3fr_2fr]">
        <section aria-labelledby="edit-theme-title" className="card self-start p-5">
          <h2 id="edit-theme-title" className="sr-only">
            {t("admin.themes.editTitle", { name: theme.name })}
          </h2>
          <Form method="post" {...getFormProps(form)} className="space-y-5">
            <ErrorSummary
              formErrors={form.errors}
              items={[
                { id: fields.name.id, label: t("admin.themes.name"), errors: fields.name.errors },
                { id: fields.description.id, label: t("admin.themes.description"), errors: fields.description.errors },
                {
                  id: fields.resolutionTargetDays.id,
                  label: t("admin.themes.resolutionTargetDays"),
                  errors: fields.resolutionTargetDays.errors,
                },
              ]}
            />
            <input type="hidden" name="intent" value="update" />
            <div className="space-y-1">
              <p className="font-semibold">{t("admin.themes.code")}</p>
              <p>
                <code className="rounded bg-gray-100 px-1.5 py-0.5">{theme.code}</code>
              </p>
              <p className="text-sm text-gray-700">{t("admin.themes.codeFixed", { code: theme.code })}</p>
            </div>
            <ThemeFields fields={fields} defaultResolutionDays={defaultResolutionDays} />
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              {t("admin.themes.save")}
            </button>
          </Form>
        </section>

        <section aria-labelledby="theme-status-title" className="card self-start p-5">
          <h2 id="theme-status-title" className="text-xl font-bold">
            {t("admin.themes.statusTitle")}
          </h2>
          <p className="mt-2">
            {theme.retiredAt
              ? t("admin.themes.statusRetired", {
                  date: formatDate(theme.retiredAt),
                  count: theme.issues.toLocaleString("nl-NL"),
                })
              : t("admin.themes.statusActive")}
          </p>
          {theme.retiredAt ? null : (
            <p className="mt-2">{t("admin.themes.issueCount", { count: theme.issues.toLocaleString("nl-NL") })}</p>
          )}
          <Form method="post" className="mt-4">
            <input type="hidden" name="themeId" value={theme.id} />
            <button
              type="submit"
              name="intent"
              value={theme.retiredAt ? "unretire" : "retire"}
              className="btn-secondary"
            >
              {t(theme.retiredAt ? "admin.themes.unretire" : "admin.themes.retire")}
            </button>
          </Form>
        </section>
      </div>
    </>
  );
}
