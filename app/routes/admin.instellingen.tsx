import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, TextField, useZodForm } from "~/components/forms";
import { settingBounds, settingsFormSchema } from "~/domain/admin-schemas";
import { TIME_ZONE, type Settings } from "~/domain/settings";
import { t, type MessageKey } from "~/i18n";
import { requireAdmin, updateSettings } from "~/utils/admin.server";
import { readFormData } from "~/utils/request.server";
import { getSettings } from "~/utils/settings.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: `${t("admin.settings.title")} | ${t("common.appName")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { settings: await getSettings() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const submission = parseWithZod(await readFormData(request), { schema: settingsFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await updateSettings(user.id, submission.value);
  return redirectWithToast("/admin/instellingen", { kind: "success", message: t("admin.settings.saved") });
}

const FIELDS: { key: keyof Settings; label: MessageKey; hint: MessageKey }[] = [
  { key: "triageTargetDays", label: "admin.settings.triageTargetDays", hint: "admin.settings.triageTargetDaysHint" },
  {
    key: "resolutionTargetDays",
    label: "admin.settings.resolutionTargetDays",
    hint: "admin.settings.resolutionTargetDaysHint",
  },
  {
    key: "agendaSupportThreshold",
    label: "admin.settings.agendaSupportThreshold",
    hint: "admin.settings.agendaSupportThresholdHint",
  },
  { key: "reopenWindowDays", label: "admin.settings.reopenWindowDays", hint: "admin.settings.reopenWindowDaysHint" },
  { key: "signalMinIssues", label: "admin.settings.signalMinIssues", hint: "admin.settings.signalMinIssuesHint" },
  { key: "signalWindowDays", label: "admin.settings.signalWindowDays", hint: "admin.settings.signalWindowDaysHint" },
  {
    key: "signalRadiusMeters",
    label: "admin.settings.signalRadiusMeters",
    hint: "admin.settings.signalRadiusMetersHint",
  },
  {
    key: "reporterRetentionMonths",
    label: "privacy.settings.reporterRetentionMonths",
    hint: "privacy.settings.reporterRetentionMonthsHint",
  },
];

export default function AdminSettings() {
  const { settings } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(settingsFormSchema, {
    id: "settings",
    lastResult,
    defaultValue: settings as never,
  });

  return (
    <>
      <h1 className="text-3xl font-bold">{t("admin.settings.title")}</h1>
      <p className="mt-2 max-w-3xl text-lg">{t("admin.settings.intro")}</p>

      <div className="mt-6 grid gap-6 lg:grid-cols-[3fr_2fr]">
        <section aria-labelledby="settings-form-title" className="card self-start p-5">
          <h2 id="settings-form-title" className="text-xl font-bold">
            {t("admin.settings.formTitle")}
          </h2>
          <Form method="post" {...getFormProps(form)} className="mt-4 space-y-5">
            <ErrorSummary
              formErrors={form.errors}
              items={FIELDS.map((field) => ({
                id: fields[field.key].id,
                label: t(field.label),
                errors: fields[field.key].errors,
              }))}
            />
            {FIELDS.map((field) => {
              const bounds = settingBounds(field.key);
              return (
                <TextField
                  key={field.key}
                  field={fields[field.key] as never}
                  label={t(field.label)}
                  hint={t(field.hint)}
                  type="number"
                  inputProps={{
                    min: bounds.min,
                    max: bounds.max,
                    step: 1,
                    inputMode: "numeric",
                    className: "input w-32",
                  }}
                />
              );
            })}
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              {t("admin.settings.save")}
            </button>
          </Form>
        </section>

        <section aria-labelledby="working-days-title" className="card self-start p-5">
          <h2 id="working-days-title" className="text-xl font-bold">
            {t("admin.settings.workingDaysTitle")}
          </h2>
          <dl className="mt-3 space-y-3">
            <div>
              <dt className="font-semibold">{t("admin.settings.timeZone")}</dt>
              <dd>{TIME_ZONE}</dd>
            </div>
            <div>
              <dt className="font-semibold">{t("admin.settings.workingDaysLabel")}</dt>
              <dd>{t("admin.settings.workingDays")}</dd>
            </div>
            <div>
              <dt className="font-semibold">{t("admin.settings.holidaysLabel")}</dt>
              <dd>{t("admin.settings.workingDaysHolidays")}</dd>
            </div>
          </dl>
          <p className="mt-3 text-sm text-gray-700">{t("admin.settings.readOnlyHint")}</p>
        </section>
      </div>
    </>
  );
}
