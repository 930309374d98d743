import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorSummary, SelectField, TextareaField, TextField, useZodForm } from "~/components/forms";
import { ThemeIcon } from "~/components/theme-icon";
import { SOLUTION_TITLE_MAX, solutionSchema } from "~/domain/solution-schema";
import { t } from "~/i18n";

export type SolutionFormValues = {
  title?: string;
  description?: string;
  howToRequest?: string;
  themes?: string[];
  responsibleOrganisationId?: string;
};

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" ? [value] : [];
}

/**
 * The create and edit form of a solution (oplossingenbank). A plain POST form: it works
 * without JavaScript; with it, conform checks the same schema as the action before sending.
 */
export function SolutionForm({
  id,
  lastResult,
  defaultValue,
  themes,
  organisations,
  submitLabel,
  cancelTo,
  children,
}: {
  id: string;
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue?: SolutionFormValues;
  themes: { code: string; name: string }[];
  organisations: { id: string; name: string }[];
  submitLabel: string;
  cancelTo: string;
  /** Shown above the fields, inside the form (hidden inputs that go along). */
  children?: ReactNode;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(solutionSchema, {
    id,
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue,
  });
  const checked = new Set(asList(fields.themes.initialValue));
  const firstThemeId = `${fields.themes.id}-${themes[0]?.code ?? "none"}`;
  const themesDescribedBy = [`${fields.themes.id}-hint`, fields.themes.errors?.length ? fields.themes.errorId : null]
    .filter(Boolean)
    .join(" ");

  return (
    <Form method="post" {...getFormProps(form)} className="mt-6 space-y-6">
      <ErrorSummary
        formErrors={form.errors}
        items={[
          { id: fields.title.id, label: t("solutions.form.title"), errors: fields.title.errors },
          { id: fields.description.id, label: t("solutions.form.description"), errors: fields.description.errors },
          { id: fields.howToRequest.id, label: t("solutions.form.howToRequest"), errors: fields.howToRequest.errors },
          { id: firstThemeId, label: t("solutions.form.themes"), errors: fields.themes.errors },
          {
            id: fields.responsibleOrganisationId.id,
            label: t("solutions.form.organisation"),
            errors: fields.responsibleOrganisationId.errors,
          },
        ]}
      />
      {children}
      <div className="card space-y-5 p-4 sm:p-5">
        <TextField
          field={fields.title}
          label={t("solutions.form.title")}
          hint={t("solutions.form.titleHint")}
          inputProps={{ maxLength: SOLUTION_TITLE_MAX }}
        />
        <TextareaField
          field={fields.description}
          label={t("solutions.form.description")}
          hint={t("solutions.form.descriptionHint")}
          rows={8}
        />
        <TextareaField
          field={fields.howToRequest}
          label={t("solutions.form.howToRequest")}
          hint={t("solutions.form.howToRequestHint")}
          optional
          rows={4}
        />

        <fieldset aria-describedby={themesDescribedBy}>
          <legend className="font-semibold">{t("solutions.form.themes")}</legend>
          <p id={`${fields.themes.id}-hint`} className="mt-1 text-sm text-gray-700">
            {t("solutions.form.themesHint")}
          </p>
          {fields.themes.errors?.length ? (
            <p id={fields.themes.errorId} className="mt-1 font-semibold text-red-700">
              {fields.themes.errors[0]}
            </p>
          ) : null}
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {themes.map((theme) => (
              <label
                key={`${fields.themes.key ?? ""}-${theme.code}`}
                htmlFor={`${fields.themes.id}-${theme.code}`}
                className="flex min-h-11 cursor-pointer items-center gap-3 rounded-md border-2 border-gray-300 bg-white px-3 py-2 has-[:checked]:border-primary-700 has-[:checked]:bg-primary-50"
              >
                <input
                  type="checkbox"
                  id={`${fields.themes.id}-${theme.code}`}
                  name={fields.themes.name}
                  value={theme.code}
                  defaultChecked={checked.has(theme.code)}
                  aria-invalid={fields.themes.errors?.length ? true : undefined}
                  className="h-5 w-5 shrink-0 accent-primary-700"
                />
                <ThemeIcon code={theme.code} className="h-5 w-5 shrink-0 text-primary-700" />
                <span className="leading-tight">{theme.name}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <SelectField
          field={fields.responsibleOrganisationId}
          label={t("solutions.form.organisation")}
          placeholder={organisations.length === 1 ? undefined : t("solutions.form.organisationPlaceholder")}
          options={organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
        <Link to={cancelTo} className="btn-secondary">
          {t("solutions.form.cancel")}
        </Link>
      </div>
    </Form>
  );
}
