import { CircleCheck, CircleDashed, Clock, type LucideIcon } from "lucide-react";
import { Link } from "@remix-run/react";
import type { FieldMetadata } from "@conform-to/react";
import { RadioGroupField, SelectField, TextField } from "./form-fields";
import type { DecisionProgress } from "~/domain/steering";
import { t } from "~/i18n";
import { formatDate } from "~/utils/format";

/** Shared pieces of the steering group pages (/agenda, /stuurgroep/overleg, /besluiten). */

const PROGRESS_STYLE: Record<DecisionProgress, { icon: LucideIcon; className: string }> = {
  open: { icon: CircleDashed, className: "bg-gray-100 text-gray-800 border-gray-400" },
  loopt: { icon: Clock, className: "bg-amber-50 text-amber-900 border-amber-400" },
  afgerond: { icon: CircleCheck, className: "bg-green-50 text-green-800 border-green-400" },
};

/** Progress of a decision: text and icon, never colour alone. */
export function ProgressBadge({ progress }: { progress: string }) {
  const style = PROGRESS_STYLE[progress as DecisionProgress] ?? PROGRESS_STYLE.open;
  const Icon = style.icon;
  return (
    <span className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-sm font-medium ${style.className}`}>
      <Icon aria-hidden="true" className="h-4 w-4" />
      {t(`steering.progress.${progress as DecisionProgress}`)}
    </span>
  );
}

export type SubjectView = {
  issue: { id: number; title: string } | null;
  theme: { name: string } | null;
};

/** The title of an agenda item or decision: the issue (linked) or the theme. */
export function subjectTitle(subject: SubjectView) {
  if (subject.issue) return subject.issue.title;
  return t("steering.agenda.theme", { name: subject.theme?.name ?? "" });
}

export function SubjectLink({ subject }: { subject: SubjectView }) {
  if (subject.issue) return <Link to={`/meldingen/${subject.issue.id}`}>{subject.issue.title}</Link>;
  return <>{subjectTitle(subject)}</>;
}

/** The decision card: text, owner, deadline, progress (issue page, /besluiten, minutes). */
export function DecisionDetails({
  decision,
}: {
  decision: {
    text: string;
    deadline: string | Date | null;
    progress: string;
    progressNote: string | null;
    ownerOrganisation: { name: string } | null;
  };
}) {
  return (
    <>
      <p className="text-lg whitespace-pre-line">{decision.text}</p>
      <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-3">
        <div>
          <dt className="text-sm font-semibold text-gray-700">{t("steering.decisions.owner")}</dt>
          <dd>{decision.ownerOrganisation?.name ?? t("steering.decisions.noOwner")}</dd>
        </div>
        <div>
          <dt className="text-sm font-semibold text-gray-700">{t("steering.decisions.deadline")}</dt>
          <dd>{decision.deadline ? formatDate(decision.deadline) : t("steering.decisions.noDeadline")}</dd>
        </div>
        <div>
          <dt className="text-sm font-semibold text-gray-700">{t("steering.decisions.progress")}</dt>
          <dd>
            <ProgressBadge progress={decision.progress} />
          </dd>
        </div>
      </dl>
      {decision.progressNote ? <p className="mt-2 text-gray-700">{decision.progressNote}</p> : null}
    </>
  );
}

export function FormError({ errors }: { errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p role="alert" className="font-semibold text-red-700">
      {errors[0]}
    </p>
  );
}

/** Issue number or theme: both fields are shown, so the form works without JavaScript. */
export function SubjectFields({
  fields,
  themes,
}: {
  fields: { kind: unknown; issueId: unknown; themeId: unknown };
  themes: { id: string; name: string }[];
}) {
  // The add forms of /agenda and of a meeting share these three fields (different schemas).
  const field = (name: keyof typeof fields) => fields[name] as FieldMetadata<string>;
  return (
    <>
      <RadioGroupField
        field={field("kind")}
        legend={t("steering.agenda.manage.kind")}
        options={[
          { value: "issue", label: t("steering.agenda.manage.kindIssue") },
          { value: "theme", label: t("steering.agenda.manage.kindTheme") },
        ]}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          field={field("issueId")}
          label={t("steering.agenda.manage.issueId")}
          hint={t("steering.agenda.manage.issueIdHint")}
          inputProps={{ inputMode: "numeric" }}
        />
        <SelectField
          field={field("themeId")}
          label={t("steering.agenda.manage.theme")}
          placeholder={t("common.form.choose")}
          options={themes.map((theme) => ({ value: theme.id, label: theme.name }))}
        />
      </div>
    </>
  );
}
