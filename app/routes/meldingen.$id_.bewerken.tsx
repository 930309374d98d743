import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ArrowLeft } from "lucide-react";
import { ErrorSummary, TextareaField, TextField, useZodForm } from "~/components/forms";
import { editDeadlineTime, issueTextSchema } from "~/domain/moderation";
import { issueTextEditorRole } from "~/domain/permissions";
import { TITLE_MAX } from "~/domain/report-schema";
import { t } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { editIssueText, findEditableIssue } from "~/utils/moderation.server";
import { readFormData } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

// `$id_`: same URL as the issue (/meldingen/:id/bewerken) but rendered on its own page.

export const meta: MetaFunction = () => [
  { title: `${t("moderation.edit.pageTitle")} | ${t("common.appName")}` },
  { name: "robots", content: "noindex" },
];

/**
 * The reporter within an hour of posting, or a moderator (with a reason; the old text is kept).
 * Checked on every request with the current time: a form opened at minute 59 and sent at
 * minute 61 is refused.
 */
async function requireEditor(request: Request, idParam: string | undefined) {
  const user = await requireUser(request);
  const id = Number(idParam);
  const issue = Number.isSafeInteger(id) && id > 0 ? await findEditableIssue(id) : null;
  if (!issue) throw new Response("Niet gevonden", { status: 404 });
  const role = issueTextEditorRole(user, issue, new Date());
  if (!role) throw new Response(t("moderation.edit.windowClosed"), { status: 403 });
  return { user, issue, role };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { issue, role } = await requireEditor(request, params.id);
  return {
    issue: { id: issue.id, title: issue.title, description: issue.description },
    role,
    deadline: editDeadlineTime(issue.createdAt),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, issue, role } = await requireEditor(request, params.id);
  const submission = parseWithZod(await readFormData(request), { schema: issueTextSchema(role) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { title, description } = submission.value;
  if (title === issue.title && description === issue.description) {
    return data(submission.reply({ formErrors: [t("moderation.edit.noChange")] }), { status: 400 });
  }
  await editIssueText(user, issue, role, submission.value);
  return redirectWithToast(`/meldingen/${issue.id}`, {
    kind: "success",
    message: role === "moderator" ? t("moderation.edit.savedModerator") : t("moderation.edit.saved"),
  });
}

export default function EditIssueTextPage() {
  const { issue, role, deadline } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const navigation = useNavigation();
  const [form, fields] = useZodForm(issueTextSchema(role), {
    id: `edit-issue-${issue.id}`,
    lastResult,
    defaultValue: { title: issue.title, description: issue.description },
  });
  return (
    <div className="mx-auto max-w-3xl px-4 py-6">
      <Link to={`/meldingen/${issue.id}`} className="inline-flex min-h-11 items-center gap-1">
        <ArrowLeft aria-hidden="true" className="h-4 w-4" />
        {issue.title}
      </Link>
      <h1 className="mt-3 text-3xl font-bold">{t("moderation.edit.pageTitle")}</h1>
      <p className="mt-2">
        {role === "moderator"
          ? t("moderation.edit.introModerator")
          : t("moderation.edit.introReporter", { time: deadline })}
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-6">
        <ErrorSummary
          formErrors={form.errors}
          items={[
            { id: fields.title.id, label: t("moderation.edit.title"), errors: fields.title.errors },
            { id: fields.description.id, label: t("moderation.edit.description"), errors: fields.description.errors },
            { id: fields.reason.id, label: t("moderation.edit.reason"), errors: fields.reason.errors },
          ]}
        />
        <TextField field={fields.title} label={t("moderation.edit.title")} inputProps={{ maxLength: TITLE_MAX }} />
        <TextareaField field={fields.description} label={t("moderation.edit.description")} rows={8} />
        {role === "moderator" ? (
          <TextareaField
            field={fields.reason}
            label={t("moderation.edit.reason")}
            hint={t("moderation.edit.reasonHint")}
            rows={2}
          />
        ) : null}
        <div className="flex flex-wrap gap-3">
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            {t("moderation.edit.submit")}
          </button>
          <Link to={`/meldingen/${issue.id}`} className="btn-secondary">
            {t("moderation.edit.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
