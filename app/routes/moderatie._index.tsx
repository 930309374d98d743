import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { SelectField, TextField, useZodForm } from "~/components/forms";
import {
  FLAG_REASONS,
  hideReasonText,
  hideSchema,
  moderationActionSchema,
  targetKey,
  type FlagReason,
} from "~/domain/moderation";
import { canModerate } from "~/domain/permissions";
import { plural, t } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import {
  dismissFlags,
  hideContent,
  openFlagGroups,
  recentlyHidden,
  unhideContent,
  type QueueContent,
} from "~/utils/moderation.server";
import { readFormData } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: `${t("moderation.queue.title")} | ${t("common.appName")}` }];

async function requireModerator(request: Request) {
  const user = await requireUser(request);
  if (!canModerate(user)) throw new Response("Geen toegang", { status: 403 });
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireModerator(request);
  const [groups, hidden] = await Promise.all([openFlagGroups(), recentlyHidden()]);
  return { groups, hidden };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireModerator(request);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: moderationActionSchema });
  if (submission.status !== "success") {
    const targetType = formData.get("targetType");
    const targetId = formData.get("targetId");
    const key =
      typeof targetType === "string" && typeof targetId === "string" ? targetKey({ targetType, targetId }) : "";
    return data({ key, result: submission.reply() }, { status: 400 });
  }
  const action = submission.value;
  const target = { targetType: action.targetType, targetId: action.targetId };
  let outcome: "done" | "gone";
  let message: string;
  if (action.intent === "hide") {
    outcome = await hideContent(user, target, hideReasonText(action.reason, action.note));
    message = t("moderation.queue.hidden");
  } else if (action.intent === "dismiss") {
    outcome = await dismissFlags(user, target);
    message = t("moderation.queue.dismissed");
  } else {
    outcome = await unhideContent(user, target);
    message = t("moderation.queue.unhidden");
  }
  if (outcome === "gone") return redirectWithToast("/moderatie", { kind: "info", message: t("moderation.queue.gone") });
  return redirectWithToast("/moderatie", { kind: "success", message });
}

const TARGET_LABEL = {
  issue: "moderation.queue.targetIssue",
  comment: "moderation.queue.targetComment",
  photo: "moderation.queue.targetPhoto",
} as const;

export default function ModerationPage() {
  const { groups, hidden } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl px-4 py-6">
      <h1 className="text-3xl font-bold">{t("moderation.queue.title")}</h1>
      <p className="mt-2 max-w-3xl text-gray-700">{t("moderation.queue.intro")}</p>

      <section aria-labelledby="open-title" className="mt-6">
        <h2 id="open-title" className="text-2xl font-bold">
          {t("moderation.queue.openTitle", { count: groups.length })}
        </h2>
        {groups.length === 0 ? <p className="mt-3">{t("moderation.queue.empty")}</p> : null}
        <ul className="mt-4 space-y-4">
          {groups.map((group) => (
            <li key={group.key}>
              <article aria-labelledby={`flag-${group.key}`} className="card space-y-4 p-5">
                <header className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 id={`flag-${group.key}`} className="text-lg font-bold">
                    <Link to={`/meldingen/${group.issueId}`}>
                      {t(TARGET_LABEL[group.targetType], { id: group.issueId })}
                    </Link>
                  </h3>
                  <p className="text-sm text-gray-700">
                    <span className="mr-2 rounded-full bg-red-100 px-2 py-0.5 font-semibold text-red-900">
                      {plural(group.count, "moderation.queue.flagCountOne", "moderation.queue.flagCountMany")}
                    </span>
                    {t("moderation.queue.firstFlagged", { date: formatDateTime(group.firstAt) })}
                  </p>
                </header>
                <Content content={group.content} issueTitle={group.issueTitle} />
                <div className="grid gap-3 sm:grid-cols-2">
                  <div>
                    <h4 className="font-semibold">{t("moderation.queue.reasonsLabel")}</h4>
                    <ul className="mt-1 list-disc pl-5">
                      {group.reasons.map(({ reason, count }) => (
                        <li key={reason}>
                          {t(`moderation.flag.reasons.${reason}`)} ({count})
                        </li>
                      ))}
                    </ul>
                  </div>
                  {group.notes.length ? (
                    <div>
                      <h4 className="font-semibold">{t("moderation.queue.notesLabel")}</h4>
                      <ul className="mt-1 space-y-1">
                        {group.notes.map((note, index) => (
                          <li key={index} className="border-l-4 border-gray-300 pl-2 whitespace-pre-line">
                            {note}
                          </li>
                        ))}
                      </ul>
                    </div>
                  ) : null}
                </div>
                <HideForm
                  targetType={group.targetType}
                  targetId={group.targetId}
                  suggested={mostCommon(group.reasons)}
                  label={t(TARGET_LABEL[group.targetType], { id: group.issueId })}
                />
                <div className="flex flex-wrap gap-3">
                  <Form method="post">
                    <input type="hidden" name="intent" value="dismiss" />
                    <input type="hidden" name="targetType" value={group.targetType} />
                    <input type="hidden" name="targetId" value={group.targetId} />
                    <button type="submit" className="btn-secondary">
                      {t("moderation.queue.dismiss")}
                    </button>
                  </Form>
                  {group.targetType === "issue" ? (
                    <Link to={`/meldingen/${group.issueId}/bewerken`} className="btn-secondary">
                      {t("moderation.queue.editText")}
                    </Link>
                  ) : null}
                </div>
              </article>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="hidden-title" className="mt-10">
        <h2 id="hidden-title" className="text-2xl font-bold">
          {t("moderation.queue.hiddenTitle", { count: hidden.length })}
        </h2>
        <p className="mt-1 text-gray-700">{t("moderation.queue.hiddenIntro")}</p>
        {hidden.length === 0 ? <p className="mt-3">{t("moderation.queue.hiddenEmpty")}</p> : null}
        <ul className="mt-4 space-y-3">
          {hidden.map((item) => (
            <li key={item.key} className="card space-y-2 p-4">
              <p className="flex flex-wrap items-baseline justify-between gap-2">
                <Link to={`/meldingen/${item.issueId}`} className="font-semibold">
                  {t(TARGET_LABEL[item.targetType], { id: item.issueId })}
                </Link>
                {item.moderatedAt ? (
                  <span className="text-sm text-gray-700">
                    {t("moderation.queue.hiddenOn", { date: formatDateTime(item.moderatedAt) })}
                  </span>
                ) : null}
              </p>
              {item.reason ? <p>{t("moderation.hidden.reason", { reason: item.reason })}</p> : null}
              <Content content={item.content} issueTitle={item.issueTitle} compact />
              <Form method="post">
                <input type="hidden" name="intent" value="unhide" />
                <input type="hidden" name="targetType" value={item.targetType} />
                <input type="hidden" name="targetId" value={item.targetId} />
                <button type="submit" className="btn-secondary">
                  {t("moderation.queue.unhide")}
                  <span className="sr-only">: {t(TARGET_LABEL[item.targetType], { id: item.issueId })}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function mostCommon(reasons: { reason: FlagReason; count: number }[]) {
  return [...reasons].sort((a, b) => b.count - a.count)[0]?.reason;
}

function Content({
  content,
  issueTitle,
  compact = false,
}: {
  content: QueueContent;
  issueTitle: string;
  compact?: boolean;
}) {
  if (content.kind === "issue") {
    return (
      <blockquote className="rounded-md bg-gray-50 p-3">
        <p className="font-semibold">{content.title}</p>
        <p className={`mt-1 whitespace-pre-line ${compact ? "line-clamp-3" : ""}`}>{content.description}</p>
      </blockquote>
    );
  }
  if (content.kind === "comment") {
    return (
      <blockquote className="rounded-md bg-gray-50 p-3">
        <p className="text-sm text-gray-700">
          {t("moderation.queue.commentBy", { name: content.author ?? t("moderation.queue.anonymous") })} · {issueTitle}
        </p>
        <p className={`mt-1 whitespace-pre-line ${compact ? "line-clamp-3" : ""}`}>
          {content.body ?? t("issue.comments.deleted")}
        </p>
      </blockquote>
    );
  }
  return (
    <figure className="rounded-md bg-gray-50 p-3">
      <img
        src={`/uploads/${content.fileName}`}
        alt={t("issue.page.photo")}
        width={content.width}
        height={content.height}
        loading="lazy"
        className={`h-auto w-auto max-w-full rounded-md border border-gray-200 ${compact ? "max-h-32" : "max-h-72"}`}
      />
      <figcaption className="mt-1 text-sm text-gray-700">{issueTitle}</figcaption>
    </figure>
  );
}

function HideForm({
  targetType,
  targetId,
  suggested,
  label,
}: {
  targetType: string;
  targetId: string;
  suggested: FlagReason | undefined;
  label: string;
}) {
  const actionData = useActionData<typeof action>() as { key: string; result: SubmissionResult<string[]> } | undefined;
  const navigation = useNavigation();
  const key = targetKey({ targetType, targetId });
  const [form, fields] = useZodForm(hideSchema, {
    id: `hide-${key.replace(":", "-")}`,
    lastResult: actionData?.key === key ? actionData.result : undefined,
    shouldValidate: "onSubmit",
    defaultValue: { reason: suggested },
  });
  const submitting =
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === "hide" &&
    navigation.formData?.get("targetId") === targetId;
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      aria-label={`${t("moderation.queue.hide")}: ${label}`}
      className="space-y-3 rounded-md border border-gray-300 p-4"
    >
      <input type="hidden" name="intent" value="hide" />
      <input type="hidden" name="targetType" value={targetType} />
      <input type="hidden" name="targetId" value={targetId} />
      <div className="grid gap-3 md:grid-cols-2">
        <SelectField
          field={fields.reason}
          label={t("moderation.queue.hideLegend")}
          placeholder={t("common.form.choose")}
          options={FLAG_REASONS.map((reason) => ({
            value: reason,
            label: t(`moderation.queue.hideReasons.${reason}`),
          }))}
        />
        <TextField
          field={fields.note}
          label={t("moderation.queue.hideNote")}
          hint={t("moderation.queue.hideNoteHint")}
        />
      </div>
      <button type="submit" className="btn-primary" disabled={submitting}>
        {t("moderation.queue.hide")}
      </button>
    </Form>
  );
}
