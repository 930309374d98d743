import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, isRouteErrorResponse, Link, useFetcher, useRouteError } from "@remix-run/react";
import { EyeOff, Flag, ShieldAlert } from "lucide-react";
import { FLAG_REASONS, flagPath, type FlagTarget } from "~/domain/flags";
import { t } from "~/i18n";
import { ErrorMessage } from "~/root";
import { formatDate, formatDateTime } from "~/utils/format";
import { RadioGroupField, TextareaField } from "./form-fields";
import { HoneypotField } from "./form-parts";
import { useLazyZodForm } from "./lazy-form";

const loadFlagValidation = () => import("~/domain/issue-validation").then((module) => module.validateFlag);

function targetSuffix(target: FlagTarget) {
  return target.type === "issue" ? "issue" : target.type === "comment" ? target.commentId : target.photoId;
}

const SUMMARY_KEYS = {
  issue: "moderation.flag.summaryIssue",
  comment: "moderation.flag.summaryComment",
  photo: "moderation.flag.summaryPhoto",
} as const;

/**
 * "Ongepast melden" beside an issue, comment or photo: a disclosure that works without
 * JavaScript (a plain form POST to the flag page). With JavaScript the form is sent in place
 * and errors show here; after sending, the page reloads with a thank-you toast.
 */
export function FlagDisclosure({ target }: { target: FlagTarget }) {
  const fetcher = useFetcher<SubmissionResult<string[]>>();
  const visible = t("moderation.flag.summary");
  const full = t(SUMMARY_KEYS[target.type]);
  return (
    <details className="group mt-2 text-sm">
      <summary className="inline-flex min-h-11 cursor-pointer items-center gap-1 text-gray-700 underline-offset-2 hover:underline">
        <Flag aria-hidden="true" className="h-4 w-4" />
        {visible}
        <span className="sr-only">{full.slice(visible.length)}</span>
      </summary>
      <div className="mt-2 rounded-md border border-gray-300 bg-gray-50 p-4 text-base">
        <FlagForm target={target} lastResult={fetcher.data} FormComponent={fetcher.Form} />
      </div>
    </details>
  );
}

/** The fields of a flag; inline (fetcher) on the issue page, a plain form on the flag page. */
export function FlagForm({
  target,
  lastResult,
  FormComponent = Form,
}: {
  target: FlagTarget;
  lastResult: SubmissionResult<string[]> | null | undefined;
  FormComponent?: typeof Form;
}) {
  const suffix = targetSuffix(target);
  const [form, fields, validation] = useLazyZodForm(loadFlagValidation, {
    id: `flag-${suffix}`,
    lastResult,
    shouldValidate: "onSubmit",
  });
  return (
    <FormComponent
      method="post"
      action={flagPath(target)}
      {...getFormProps(form)}
      {...validation.warmUp}
      className="relative space-y-3"
    >
      {form.errors?.length ? (
        <p role="alert" className="font-semibold text-red-700">
          {form.errors[0]}
        </p>
      ) : null}
      <p className="text-gray-700">{t("moderation.flag.intro")}</p>
      <RadioGroupField
        field={fields.reason}
        legend={t("moderation.flag.reason")}
        options={FLAG_REASONS.map((reason) => ({ value: reason, label: t(`moderation.flag.reasons.${reason}`) }))}
      />
      <TextareaField
        field={fields.note}
        label={t("moderation.flag.note")}
        hint={t("moderation.flag.noteHint")}
        rows={2}
      />
      <HoneypotField id={`flag-${suffix}-website`} />
      <button type="submit" className="btn-secondary">
        {t("moderation.flag.submit")}
      </button>
    </FormComponent>
  );
}

const PLACEHOLDER_TEXT = {
  issue: "moderation.hidden.issueText",
  comment: "moderation.hidden.commentText",
  photo: "moderation.hidden.photoText",
} as const;

/** What the public sees instead of hidden content. */
export function HiddenPlaceholder({
  kind,
  reason,
  at,
  showTitle = true,
}: {
  kind: "issue" | "comment" | "photo";
  reason: string | null;
  at?: Date | string | null;
  /** Off where a heading above already says "Verborgen door moderator". */
  showTitle?: boolean;
}) {
  return (
    <div className="flex gap-3 rounded-md border border-dashed border-gray-400 bg-gray-50 p-4 text-gray-800">
      <EyeOff aria-hidden="true" className="mt-0.5 h-5 w-5 shrink-0" />
      <div>
        {showTitle ? <p className="font-semibold">{t("moderation.hidden.title")}</p> : null}
        <p>{t(PLACEHOLDER_TEXT[kind])}</p>
        {reason ? <p className="mt-1">{t("moderation.hidden.reason", { reason })}</p> : null}
        {at ? (
          <p className="mt-1 text-sm text-gray-700">{t("moderation.hidden.on", { date: formatDate(at) })}</p>
        ) : null}
      </div>
    </div>
  );
}

/** For moderators and partners: this content is hidden from the public. */
export function HiddenBanner({ text }: { text: string }) {
  return (
    <p className="flex gap-2 rounded-md border-l-8 border-amber-600 bg-amber-50 p-3 text-amber-950">
      <ShieldAlert aria-hidden="true" className="mt-0.5 h-5 w-5 shrink-0" />
      <span>{text}</span>
    </p>
  );
}

function hiddenIssueOf(error: unknown) {
  if (!isRouteErrorResponse(error) || error.status !== 410) return null;
  const hidden = (error.data as { hiddenIssue?: { reason: string | null; moderatedAt: string | null } } | null)
    ?.hiddenIssue;
  return hidden ?? null;
}

/**
 * Error boundary of the issue page: a hidden issue (410 from the loader) shows "Verborgen door
 * moderator" with the reason, never the content; other errors the usual Dutch message.
 */
export function HiddenIssueBoundary() {
  const error = useRouteError();
  const hidden = hiddenIssueOf(error);
  if (!hidden) {
    return (
      <div className="mx-auto max-w-2xl px-4 py-12">
        <ErrorMessage error={error} />
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-3xl px-4 py-6">
      <h1 className="text-3xl font-bold">{t("moderation.hidden.title")}</h1>
      <div className="mt-4">
        <HiddenPlaceholder kind="issue" reason={hidden.reason} at={hidden.moderatedAt} showTitle={false} />
      </div>
      <p className="mt-4">
        <Link to="/">{t("moderation.hidden.backToList")}</Link>
      </p>
    </div>
  );
}

export type RevisionView = {
  id: string;
  title: string;
  description: string;
  editorRole: string;
  reason: string | null;
  createdAt: Date | string;
  editor: string | null;
};

/** Earlier versions of an issue's text, for moderators and partners. */
export function RevisionHistory({ revisions }: { revisions: RevisionView[] }) {
  if (revisions.length === 0) return null;
  return (
    <details className="card p-5">
      <summary className="min-h-11 cursor-pointer text-lg font-bold">
        {t("moderation.edited.revisionsTitle")} ({revisions.length})
      </summary>
      <p className="mt-1 text-sm text-gray-700">{t("moderation.edited.revisionsIntro")}</p>
      <ol className="mt-3 space-y-4">
        {revisions.map((revision) => (
          <li key={revision.id} className="border-l-4 border-gray-300 pl-3">
            <p className="text-sm text-gray-700">
              {t("moderation.edited.revisionBy", {
                date: formatDateTime(revision.createdAt),
                who:
                  revision.editorRole === "moderator"
                    ? `${t("moderation.edited.byModeratorShort")}${revision.editor ? ` (${revision.editor})` : ""}`
                    : t("moderation.edited.byReporter"),
              })}
            </p>
            {revision.reason ? (
              <p className="text-sm text-gray-700">{t("moderation.edited.reason", { reason: revision.reason })}</p>
            ) : null}
            <p className="mt-1 font-semibold">{revision.title}</p>
            <p className="whitespace-pre-line">{revision.description}</p>
          </li>
        ))}
      </ol>
    </details>
  );
}
