import { getFormProps, type FieldMetadata } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { APPROACHES, NATURES, SCOPES, type Approach, type Nature } from "~/domain/triage-options";
import { t } from "~/i18n";
import { useHydrated } from "~/utils/use-hydrated";
import { CheckboxField, ErrorSummary, RadioGroupField, SelectField, TextareaField } from "./form-fields";
import { useLazyZodForm } from "./lazy-form";
import { useIntentResult } from "./partner-issue";

// Its checks load at first use (zod is not part of the page's first load).
const loadTriageValidation = () => import("~/domain/partner-validation").then((module) => module.validateTriage);

type Organisation = { id: string; name: string; members: { id: string; name: string }[] };
type SolutionOption = { id: string; title: string; organisationName: string; matchesTheme: boolean };
type LatestDecision = {
  nature: string;
  rationale: string;
  rationalePublic: boolean;
  scope: string;
  approach: string;
  newApproach: string | null;
  ownerOrganisationId: string;
  ownerUserId: string | null;
  solutions: { solution: { id: string } }[];
};

/**
 * The four questions. The owner is pre-filled with the theme's trekker from the
 * partnerschapskaart; a re-triage starts from the latest decision. Without JavaScript every
 * part of the form is shown; with it, only the part that fits the chosen approach.
 */
export function TriageForm({
  retriage,
  theme,
  trekker,
  organisations,
  solutionOptions,
  latest,
  defaultNature,
}: {
  retriage: boolean;
  theme: { name: string };
  trekker: { id: string; name: string } | null;
  organisations: Organisation[];
  solutionOptions: SolutionOption[];
  latest: LatestDecision | null;
  /** Pre-selected answer to question 1 for a first triage (e.g. "structureel" for a signal group). */
  defaultNature?: Nature;
}) {
  const lastResult = useIntentResult("triage");
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const [form, fields, validation] = useLazyZodForm(loadTriageValidation, {
    id: "triage",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: latest
      ? {
          nature: latest.nature as never,
          rationale: latest.rationale,
          rationalePublic: latest.rationalePublic,
          ownerOrganisationId: latest.ownerOrganisationId,
          ownerUserId: latest.ownerUserId ?? undefined,
          scope: latest.scope as never,
          approach: latest.approach as never,
          solutionIds: latest.solutions.map((s) => s.solution.id),
          newApproach: latest.newApproach ?? undefined,
        }
      : { ownerOrganisationId: trekker?.id, nature: defaultNature },
  });
  const [approach, setApproach] = useState<string>((fields.approach.initialValue as string | undefined) ?? "");
  const [ownerId, setOwnerId] = useState<string>((fields.ownerOrganisationId.initialValue as string | undefined) ?? "");
  const owner = organisations.find((o) => o.id === ownerId);
  const submitting = navigation.state !== "idle" && navigation.formData?.get("intent") === "triage";
  const showSolutions = !hydrated || approach === "bestaande_oplossing";
  const showNewApproach = !hydrated || approach === "nieuwe_aanpak";
  const selectedSolutions = new Set((fields.solutionIds.initialValue as string[] | undefined) ?? []);
  const summary = [
    { id: fields.nature.id, errors: fields.nature.errors },
    { id: fields.rationale.id, errors: fields.rationale.errors },
    { id: fields.ownerOrganisationId.id, errors: fields.ownerOrganisationId.errors },
    { id: fields.ownerUserId.id, errors: fields.ownerUserId.errors },
    { id: fields.scope.id, errors: fields.scope.errors },
    { id: fields.approach.id, errors: fields.approach.errors },
    { id: fields.solutionIds.id, errors: fields.solutionIds.errors },
    { id: fields.newApproach.id, errors: fields.newApproach.errors },
    { id: fields.publicMessage.id, errors: fields.publicMessage.errors },
  ].map((item) => ({ ...item, label: "" }));

  return (
    <section id="beoordelen" aria-labelledby="triage-title" className="card p-5">
      <h2 id="triage-title" className="text-xl font-bold">
        {retriage ? t("triage.questions.retitle") : t("triage.questions.title")}
      </h2>
      <p className="mt-1 text-gray-700">{t("triage.questions.intro")}</p>
      <Form method="post" {...getFormProps(form)} {...validation.warmUp} className="mt-4 space-y-6">
        <input type="hidden" name="intent" value="triage" />
        <ErrorSummary items={summary} formErrors={form.errors} />

        <div className="space-y-3">
          <RadioGroupField
            field={fields.nature}
            legend={t("triage.questions.q1")}
            options={NATURES.map((value) => ({ value, label: t(`triage.questions.${value}`) }))}
          />
          <TextareaField field={fields.rationale} label={t("triage.questions.rationale")} hint={t("triage.questions.rationaleHint")} rows={2} />
          <CheckboxField field={fields.rationalePublic} label={t("triage.questions.rationalePublic")} />
        </div>

        <fieldset className="space-y-3">
          <legend className="font-semibold">{t("triage.questions.q2")}</legend>
          <p className="text-sm text-gray-700">
            {trekker
              ? t("triage.questions.ownerHint", {
                  organisation: trekker.name,
                  reason: t("triage.questions.ownerReason", { theme: theme.name }),
                })
              : t("triage.questions.noTrekker")}
          </p>
          <div className="space-y-1">
            <label htmlFor={fields.ownerOrganisationId.id} className="block font-semibold">
              {t("triage.questions.owner")}
            </label>
            {fields.ownerOrganisationId.errors?.length ? (
              <p id={fields.ownerOrganisationId.errorId} className="font-semibold text-red-700">
                {fields.ownerOrganisationId.errors[0]}
              </p>
            ) : null}
            <select
              id={fields.ownerOrganisationId.id}
              name={fields.ownerOrganisationId.name}
              key={fields.ownerOrganisationId.key}
              defaultValue={ownerId}
              onChange={(event) => setOwnerId(event.currentTarget.value)}
              aria-invalid={fields.ownerOrganisationId.errors?.length ? true : undefined}
              aria-describedby={fields.ownerOrganisationId.errors?.length ? fields.ownerOrganisationId.errorId : undefined}
              className="input"
            >
              <option value="">{t("common.form.choose")}</option>
              {organisations.map((organisation) => (
                <option key={organisation.id} value={organisation.id}>
                  {organisation.name}
                  {organisation.id === trekker?.id ? ` (${t("triage.questions.trekkerLabel")})` : ""}
                </option>
              ))}
            </select>
          </div>
          <SelectField
            field={fields.ownerUserId}
            label={t("triage.questions.ownerUser")}
            optional
            placeholder={t("triage.questions.ownerUserNone")}
            options={(hydrated ? (owner?.members ?? []) : organisations.flatMap((o) => o.members.map((m) => ({ ...m, name: `${m.name} (${o.name})` })))).map(
              (member) => ({ value: member.id, label: member.name }),
            )}
          />
        </fieldset>

        <RadioGroupField
          field={fields.scope}
          legend={t("triage.questions.q3")}
          options={SCOPES.map((value) => ({ value, label: t(`triage.scopes.${value}`) }))}
        />

        <div className="space-y-3">
          <RadioGroupField
            field={fields.approach}
            legend={t("triage.questions.q4")}
            options={APPROACHES.map((value: Approach) => ({
              value,
              label: value === "bestaande_oplossing" ? t("triage.questions.existing") : t("triage.questions.newApproach"),
            }))}
            onChange={setApproach}
          />
          {showSolutions ? (
            <SolutionChoices field={fields.solutionIds} options={solutionOptions} selected={selectedSolutions} />
          ) : null}
          {showNewApproach ? (
            <div className="space-y-2 border-l-4 border-gray-300 pl-4">
              <TextareaField field={fields.newApproach} label={t("triage.questions.newApproachLabel")} rows={3} />
              <CheckboxField field={fields.makeSolution} label={t("triage.questions.makeSolution")} />
            </div>
          ) : null}
        </div>

        <TextareaField
          field={fields.publicMessage}
          label={t("triage.questions.publicMessage")}
          hint={t("triage.questions.publicMessageHint")}
          rows={3}
        />
        <button type="submit" className="btn-primary" disabled={submitting}>
          {t("triage.questions.submit")}
        </button>
      </Form>
    </section>
  );
}

function SolutionChoices({
  field,
  options,
  selected,
}: {
  field: FieldMetadata<unknown>;
  options: SolutionOption[];
  selected: Set<string>;
}) {
  return (
    <fieldset
      id={field.id}
      tabIndex={-1}
      aria-describedby={field.errors?.length ? field.errorId : undefined}
      className="space-y-1 border-l-4 border-gray-300 pl-4"
    >
      <legend className="font-semibold">{t("triage.questions.solutions")}</legend>
      {field.errors?.length ? (
        <p id={field.errorId} className="font-semibold text-red-700">
          {field.errors[0]}
        </p>
      ) : null}
      {options.length === 0 ? <p className="text-gray-700">{t("triage.questions.noSolutions")}</p> : null}
      {options.map((option) => (
        <label key={option.id} className="flex min-h-11 cursor-pointer items-start gap-3 py-1">
          <input
            type="checkbox"
            name={field.name}
            value={option.id}
            defaultChecked={selected.has(option.id)}
            className="mt-1 h-5 w-5 shrink-0 accent-primary-700"
          />
          <span>
            {option.title}
            <span className="block text-sm text-gray-700">
              {option.organisationName}
              {option.matchesTheme ? ` · ${t("triage.questions.matchesTheme")}` : ""}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
