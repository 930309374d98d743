import { getFormProps, type FieldMetadata } from "@conform-to/react";
import { TextareaField } from "~/components/form-fields";
import { useLazyZodForm } from "~/components/lazy-form";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { ArrowLeft } from "lucide-react";
import { useEffect, useRef } from "react";
import { SmallIssueMap } from "~/components/map";
import { StatusBadge } from "~/components/status-badge";
import { FollowButton } from "~/components/follow-button";
import { IssueMetaLine, OutcomeCard } from "~/components/issue-parts";
import { SupportButton } from "~/components/support-button";
import { SupportWithoutAccount } from "~/components/support-without-account";
import { commentSchema } from "~/domain/comment-schema";
import { feedLink, feedPaths } from "~/domain/feed-links";
import {
  canChangeStatus,
  canDeleteComment,
  canSeeHiddenContent,
  canSeePartnerArea,
  hasPermission,
  issueTextEditorRole,
} from "~/domain/permissions";
import { reopenSchema, triageOutcomeText } from "~/domain/triage";
import { t } from "~/i18n";
import { getSessionUser, requireUser } from "~/utils/auth.server";
import { isFollowing } from "~/utils/follows.server";
import { readFormData } from "~/utils/request.server";
import { db } from "~/utils/db.server";
import { firstName, formatAge, formatDate, formatDateTime } from "~/utils/format";
import { findPublicIssue } from "~/utils/issues.server";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { recountComments } from "~/utils/sql.server";
import { supportedIssueIds } from "~/utils/themes.server";
import { redirectWithToast } from "~/utils/toast.server";
import { getSettings } from "~/utils/settings.server";
import { ForbiddenError, TransitionError } from "~/utils/issue-status.server";
import { transitionIssue } from "~/utils/triage.server";
import { decisionsForIssue } from "~/utils/meetings.server";
import { DecisionDetails } from "~/components/steering";
import {
  FlagDisclosure,
  HiddenBanner,
  HiddenIssueBoundary,
  HiddenPlaceholder,
  RevisionHistory,
} from "~/components/moderation";
import { editDeadlineTime } from "~/domain/moderation";
import { findIssueForPage, hiddenIssueResponse, issueEditHistory } from "~/utils/moderation.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.issue.title} | ${t("common.appName")}` : t("common.appName") },
  { name: "description", content: data?.issue.description.slice(0, 160) ?? "" },
  ...(data ? [feedLink(t("api.feeds.issueTitle"), feedPaths.issue(data.issue.id))] : []),
];

function parseId(value: string | undefined) {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 1) throw new Response("Niet gevonden", { status: 404 });
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const [user, issue] = await Promise.all([
    getSessionUser(request),
    // Hidden issues too: the public gets a placeholder, moderators and partners the content.
    findIssueForPage(id, {
      id: true,
      title: true,
      description: true,
      status: true,
      lat: true,
      lng: true,
      locationApproximate: true,
      placeDescription: true,
      supportCount: true,
      createdAt: true,
      closedAt: true,
      duplicateOfId: true,
      reporterId: true,
      visibility: true,
      moderationReason: true,
      moderatedAt: true,
      ownerOrganisationId: true,
      theme: { select: { code: true, name: true } },
      buurt: { select: { code: true, name: true, wijkName: true } },
      reporter: { select: { name: true, anonymisedAt: true, buurt: { select: { name: true } } } },
      ownerOrganisation: { select: { name: true } },
      photos: {
        select: { id: true, fileName: true, width: true, height: true, visibility: true, moderationReason: true },
        orderBy: { createdAt: "asc" },
      },
      triageDecisions: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: {
          nature: true,
          scope: true,
          approach: true,
          rationale: true,
          rationalePublic: true,
          ownerOrganisation: { select: { name: true } },
          solutions: { select: { solution: { select: { id: true, title: true, deletedAt: true } } } },
        },
      },
      events: {
        // Every step with a public message; internal notes live elsewhere and never show here.
        where: { OR: [{ type: "created" }, { publicMessage: { not: null } }] },
        select: { id: true, type: true, toStatus: true, publicMessage: true, organisationId: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      },
      comments: {
        select: {
          id: true,
          body: true,
          visibility: true,
          moderationReason: true,
          createdAt: true,
          deletedAt: true,
          authorId: true,
          author: { select: { name: true, anonymisedAt: true, buurt: { select: { name: true } } } },
        },
        orderBy: { createdAt: "asc" },
      },
    }),
  ]);
  if (!issue) throw new Response("Niet gevonden", { status: 404 });
  const seesHidden = canSeeHiddenContent(user);
  // The public gets "Verborgen door moderator" with the reason (ErrorBoundary below), never the content.
  if (issue.visibility === "hidden" && !seesHidden) throw hiddenIssueResponse(issue);
  const editHistory = await issueEditHistory(issue.id, user);
  const editorRole = issueTextEditorRole(user, issue);
  const organisationIds = [
    ...new Set(issue.events.map((e) => e.organisationId).filter((v): v is string => Boolean(v))),
  ];
  const [organisations, supported, settings, following, steeringDecisions] = await Promise.all([
    organisationIds.length
      ? db.organisation.findMany({ where: { id: { in: organisationIds } }, select: { id: true, name: true } })
      : [],
    supportedIssueIds(user?.id, [issue.id]),
    getSettings(),
    isFollowing(user?.id, issue.id),
    decisionsForIssue(issue.id),
  ]);
  const decision = issue.triageDecisions[0];
  const solutions = decision?.solutions.map((s) => s.solution).filter((s) => !s.deletedAt) ?? [];
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  const reporterName = issue.reporter && !issue.reporter.anonymisedAt ? firstName(issue.reporter.name) : null;

  return {
    issue: {
      id: issue.id,
      title: issue.title,
      description: issue.description,
      status: issue.status,
      lat: issue.lat,
      lng: issue.lng,
      locationApproximate: issue.locationApproximate,
      placeDescription: issue.placeDescription,
      supportCount: issue.supportCount,
      createdAt: issue.createdAt,
      duplicateOfId: issue.duplicateOfId,
      theme: issue.theme,
      buurt: issue.buurt,
      // In public a reporter is a first name and a buurt, never an email address.
      reporter: reporterName ? { name: reporterName, buurt: issue.reporter?.buurt?.name ?? issue.buurt.name } : null,
      owner: issue.ownerOrganisation?.name ?? null,
      // A hidden photo is a placeholder for the public (and /uploads no longer serves it).
      photos: issue.photos.map((photo) => ({
        id: photo.id,
        fileName: photo.visibility === "public" || seesHidden ? photo.fileName : null,
        width: photo.width,
        height: photo.height,
        hiddenReason: photo.visibility === "public" ? null : (photo.moderationReason ?? ""),
      })),
    },
    outcome: decision
      ? {
          text: triageOutcomeText({
            nature: decision.nature,
            scope: decision.scope,
            // After a hand-over the organisation that has it now, not the one chosen at triage.
            ownerName: issue.ownerOrganisation?.name ?? decision.ownerOrganisation.name,
            solutionTitles: solutions.map((s) => s.title),
            newApproach: decision.approach === "nieuwe_aanpak",
          }),
          rationale: decision.rationalePublic ? decision.rationale : null,
          solutions: solutions.map(({ id, title }) => ({ id, title })),
        }
      : null,
    // The reporter reopens here; partners and admins use the partner page.
    canReopen:
      user !== null &&
      user.id === issue.reporterId &&
      canChangeStatus(user, issue, "heropend", { reopenWindowDays: settings.reopenWindowDays }),
    reopenWindowDays: settings.reopenWindowDays,
    isPartner: canSeePartnerArea(user),
    timeline: issue.events.map((event) => ({
      id: event.id,
      type: event.type,
      status: event.toStatus,
      message: event.publicMessage,
      organisation: event.organisationId ? (orgName.get(event.organisationId) ?? null) : null,
      createdAt: event.createdAt,
    })),
    comments: issue.comments.map((comment) => {
      // A hidden comment shows the public neither its text nor who wrote it.
      const concealed = comment.visibility !== "public" && !seesHidden;
      return {
        id: comment.id,
        body: comment.deletedAt || concealed ? null : comment.body,
        hiddenReason: comment.visibility !== "public" && !comment.deletedAt ? (comment.moderationReason ?? "") : null,
        createdAt: comment.createdAt,
        author: comment.author && !comment.author.anonymisedAt && !concealed ? firstName(comment.author.name) : null,
        authorBuurt: concealed ? null : (comment.author?.buurt?.name ?? null),
        canDelete: !comment.deletedAt && canDeleteComment(user, comment),
      };
    }),
    steeringDecisions,
    supported: supported.length > 0,
    following,
    loggedIn: Boolean(user),
    // No new comments under a hidden issue (its action only accepts public issues).
    canComment: hasPermission(user, "comment:create") && issue.visibility === "public",
    justReported: new URL(request.url).searchParams.get("nieuw") === "1",
    now: new Date().toISOString(),
    moderation: {
      issueHiddenReason: issue.visibility === "hidden" ? (issue.moderationReason ?? "") : null,
      editedByModeratorAt: editHistory.editedByModeratorAt,
      revisions: editHistory.revisions,
      editorRole,
      editDeadline: editorRole === "reporter" ? editDeadlineTime(issue.createdAt) : null,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = parseId(params.id);
  const user = await requireUser(request);
  const issue = await findPublicIssue(id, { id: true });
  if (!issue) throw new Response("Niet gevonden", { status: 404 });
  const formData = await readFormData(request);
  if (formData.get("intent") === "reopen") return reopen(id, user, formData);
  const submission = parseWithZod(formData, { schema: commentSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });

  if (submission.value.intent === "comment") {
    if (!hasPermission(user, "comment:create")) throw new Response("Geen toegang", { status: 403 });
    const limit = await hitRateLimit(`comment:user:${user.id}`, 20, 10 * 60 * 1000);
    if (!limit.allowed) return data(submission.reply({ formErrors: [t("issue.comments.tooMany")] }), { status: 429 });
    await db.comment.create({ data: { issueId: id, authorId: user.id, body: submission.value.body } });
    await recountComments(id);
    return redirectWithToast(`/meldingen/${id}#reacties`, { kind: "success", message: t("issue.comments.posted") });
  }

  const comment = await db.comment.findFirst({
    where: { id: submission.value.commentId, issueId: id, deletedAt: null },
    select: { id: true, authorId: true },
  });
  if (!comment) throw new Response("Niet gevonden", { status: 404 });
  if (!canDeleteComment(user, comment)) throw new Response("Geen toegang", { status: 403 });
  await db.comment.update({ where: { id: comment.id }, data: { deletedAt: new Date() } });
  await recountComments(id);
  return redirectWithToast(`/meldingen/${id}#reacties`, { kind: "info", message: t("issue.comments.removed") });
}

/** The reporter reopens a solved issue within the window; permission is checked in changeStatus. */
async function reopen(id: number, user: Awaited<ReturnType<typeof requireUser>>, formData: FormData) {
  const submission = parseWithZod(formData, { schema: reopenSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await transitionIssue(user, id, { to: "heropend", reason: submission.value.reason });
  } catch (error) {
    if (error instanceof ForbiddenError) throw new Response(t("triage.errors.forbidden"), { status: 403 });
    if (error instanceof TransitionError) {
      return data(submission.reply({ formErrors: [t("triage.errors.transition")] }), { status: 409 });
    }
    throw error;
  }
  return redirectWithToast(`/meldingen/${id}`, { kind: "success", message: t("triage.reopen.saved") });
}

export default function IssuePage() {
  const {
    issue,
    timeline,
    comments,
    supported,
    loggedIn,
    canComment,
    justReported,
    now,
    outcome,
    canReopen,
    following,
    reopenWindowDays,
    isPartner,
    steeringDecisions,
    moderation,
  } = useLoaderData<typeof loader>();
  // Back to the list as it was (filters, page) when the issue was opened from it.
  const backTo = (useLocation().state as { backTo?: unknown } | null)?.backTo;
  const listHref = typeof backTo === "string" && /^\/(\?|$)/.test(backTo) ? backTo : "/";
  return (
    <div className="mx-auto max-w-5xl px-4 py-6">
      <Link to={listHref} className="inline-flex min-h-11 items-center gap-1">
        <ArrowLeft aria-hidden="true" className="h-4 w-4" />
        {t("issue.page.backToList")}
      </Link>

      {justReported ? (
        <div role="status" className="mt-3 rounded-md border-l-8 border-green-700 bg-green-50 p-4 text-green-900">
          <p className="font-semibold">{t("report.thanks")}</p>
        </div>
      ) : null}

      <article className="mt-3 grid gap-6 md:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          <header className="space-y-3">
            <IssueMetaLine theme={issue.theme} buurt={issue.buurt} />
            <h1 className="text-3xl leading-tight font-bold">{issue.title}</h1>
            <div className="flex flex-wrap items-center gap-3">
              <StatusBadge status={issue.status} />
              <span className="text-gray-700">
                {issue.reporter
                  ? t("issue.page.reportedBy", { name: issue.reporter.name, buurt: issue.reporter.buurt })
                  : t("issue.page.reportedByAnonymous")}
                , {formatAge(issue.createdAt, now)}
              </span>
            </div>
            <div className="flex flex-wrap items-center gap-3">
              {loggedIn ? (
                <SupportButton issueId={issue.id} count={issue.supportCount} supported={supported} loggedIn />
              ) : (
                <SupportWithoutAccount issueId={issue.id} count={issue.supportCount} />
              )}
              <FollowButton issueId={issue.id} following={following} loggedIn={loggedIn} />
              {isPartner ? (
                <Link to={`/partner/meldingen/${issue.id}`} className="btn-secondary">
                  {t("issue.page.handle")}
                </Link>
              ) : null}
            </div>
          </header>

          {moderation.issueHiddenReason !== null ? (
            <HiddenBanner text={t("moderation.hidden.bannerIssue", { reason: moderation.issueHiddenReason })} />
          ) : null}

          {issue.duplicateOfId ? (
            <p className="rounded-md border-l-8 border-gray-500 bg-gray-100 p-4">
              {t("issue.page.duplicateOf", { id: issue.duplicateOfId })}{" "}
              <Link to={`/meldingen/${issue.duplicateOfId}`}>{t("issue.page.goToKept")}</Link>
            </p>
          ) : null}

          <section aria-labelledby="description-title" className="card p-5">
            <h2 id="description-title" className="sr-only">
              {t("issue.page.description")}
            </h2>
            <p className="text-lg whitespace-pre-line">{issue.description}</p>
            {moderation.editedByModeratorAt ? (
              <p className="mt-2 text-sm text-gray-700">
                {t("moderation.edited.byModerator", { date: formatDate(moderation.editedByModeratorAt) })}
              </p>
            ) : null}
            {issue.photos.map((photo) =>
              photo.fileName === null ? (
                <div key={photo.id} className="mt-4">
                  <HiddenPlaceholder kind="photo" reason={photo.hiddenReason} />
                </div>
              ) : (
                <figure key={photo.id} className="mt-4">
                  <img
                    src={`/uploads/${photo.fileName}`}
                    alt={t("issue.page.photo")}
                    width={photo.width}
                    height={photo.height}
                    loading="lazy"
                    className="h-auto max-h-[28rem] w-auto max-w-full rounded-md border border-gray-200"
                  />
                  {photo.hiddenReason !== null ? (
                    <figcaption className="mt-2">
                      <HiddenBanner text={t("moderation.hidden.bannerPhoto", { reason: photo.hiddenReason })} />
                    </figcaption>
                  ) : (
                    <FlagDisclosure target={{ type: "photo", issueId: issue.id, photoId: photo.id }} />
                  )}
                </figure>
              ),
            )}
            <div className="mt-4 flex flex-wrap items-start gap-x-6 gap-y-1 border-t border-gray-200 pt-2">
              {moderation.editorRole ? (
                <p className="flex min-h-11 flex-wrap items-center gap-2 text-sm">
                  <Link to={`/meldingen/${issue.id}/bewerken`}>{t("moderation.edited.edit")}</Link>
                  {moderation.editDeadline ? (
                    <span className="text-gray-700">
                      {t("moderation.edited.editHint", { time: moderation.editDeadline })}
                    </span>
                  ) : null}
                </p>
              ) : null}
              {moderation.issueHiddenReason === null ? (
                <FlagDisclosure target={{ type: "issue", issueId: issue.id }} />
              ) : null}
            </div>
          </section>

          <RevisionHistory revisions={moderation.revisions} />

          {outcome?.text ? (
            <OutcomeCard text={outcome.text} rationale={outcome.rationale} solutions={outcome.solutions} />
          ) : null}

          {steeringDecisions.map((decision) => (
            <section
              key={decision.id}
              aria-labelledby={`besluit-${decision.id}`}
              className="card border-l-8 border-l-amber-500 p-5"
            >
              <h2 id={`besluit-${decision.id}`} className="text-xl font-bold">
                {t("steering.decisions.cardTitle")}
              </h2>
              <p className="mt-1 text-sm text-gray-700">
                {t("steering.decisions.decidedAt", { date: formatDate(decision.createdAt) })} ·{" "}
                <Link to="/besluiten">{t("steering.decisions.title")}</Link>
              </p>
              <div className="mt-3">
                <DecisionDetails decision={decision} />
              </div>
            </section>
          ))}

          {canReopen ? <ReopenForm issueId={issue.id} days={reopenWindowDays} /> : null}

          <section aria-labelledby="timeline-title" className="card p-5">
            <h2 id="timeline-title" className="text-xl font-bold">
              {t("issue.page.timeline")}
            </h2>
            <ol className="mt-4 space-y-4 border-l-2 border-gray-300 pl-5">
              {timeline.map((event) => (
                <li key={event.id} className="relative">
                  <span
                    aria-hidden="true"
                    className="absolute top-1.5 -left-[1.72rem] h-3 w-3 rounded-full border-2 border-white bg-primary-700"
                  />
                  <p className="flex flex-wrap items-center gap-2">
                    {event.type === "status_changed" ? (
                      <StatusBadge status={event.status ?? "nieuw"} />
                    ) : (
                      <span className="font-semibold">{t(`issue.page.events.${eventLabel(event.type)}`)}</span>
                    )}
                    <time dateTime={new Date(event.createdAt).toISOString()} className="text-sm text-gray-700">
                      {formatDateTime(event.createdAt)}
                    </time>
                  </p>
                  {event.message ? (
                    <p className="mt-1">
                      {event.organisation ? <span className="font-semibold">{event.organisation}: </span> : null}
                      {event.message}
                    </p>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>

          <Comments issueId={issue.id} comments={comments} canComment={canComment} loggedIn={loggedIn} />
        </div>

        <aside className="space-y-4">
          <dl className="card space-y-3 p-4">
            <div>
              <dt className="text-sm font-semibold text-gray-700">{t("issue.page.status")}</dt>
              <dd className="mt-1">
                <StatusBadge status={issue.status} />
              </dd>
            </div>
            <div>
              <dt className="text-sm font-semibold text-gray-700">{t("issue.page.owner")}</dt>
              <dd className="mt-1">{issue.owner ?? t("issue.page.noOwnerYet")}</dd>
            </div>
            <div>
              <dt className="text-sm font-semibold text-gray-700">{t("issue.page.buurt")}</dt>
              <dd className="mt-1">
                {issue.buurt.name} ({issue.buurt.wijkName})
              </dd>
            </div>
            <div>
              <dt className="text-sm font-semibold text-gray-700">{t("issue.page.reportedOnLabel")}</dt>
              <dd className="mt-1">{formatDate(issue.createdAt)}</dd>
            </div>
          </dl>
          <section aria-labelledby="location-title" className="card overflow-hidden">
            <h2 id="location-title" className="px-4 pt-3 font-semibold">
              {t("issue.page.locationTitle")}
            </h2>
            {issue.locationApproximate && issue.placeDescription ? (
              <p className="px-4 pt-1 text-sm">
                {t("issue.page.approximateLocation", { place: issue.placeDescription })}
              </p>
            ) : null}
            <SmallIssueMap
              lat={issue.lat}
              lng={issue.lng}
              theme={issue.theme.code}
              status={issue.status}
              className="mt-2 h-64 w-full"
            />
          </section>
        </aside>
      </article>
    </div>
  );
}

/** A hidden issue answers 410 to the public: this shows "Verborgen door moderator" and the reason. */
export const ErrorBoundary = HiddenIssueBoundary;

type CommentView = {
  id: string;
  body: string | null;
  createdAt: string | Date;
  author: string | null;
  authorBuurt: string | null;
  canDelete: boolean;
  /** Set when a moderator hid the comment; the public then gets no body. */
  hiddenReason: string | null;
};

function Comments({
  issueId,
  comments,
  canComment,
  loggedIn,
}: {
  issueId: number;
  comments: CommentView[];
  canComment: boolean;
  loggedIn: boolean;
}) {
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, fields, validation] = useLazyZodForm(loadCommentValidation, {
    id: `comment-${issueId}`,
    lastResult,
    shouldValidate: "onSubmit",
  });
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "comment";
  useEffect(() => {
    if (navigation.state === "idle" && !lastResult) formRef.current?.reset();
  }, [navigation.state, lastResult]);
  // The schema is a union of "comment" and "delete-comment"; this form only sends the first.
  const bodyField = (fields as unknown as Record<string, FieldMetadata<string>>).body;

  return (
    <section id="reacties" aria-labelledby="comments-title" className="card p-5">
      <h2 id="comments-title" className="text-xl font-bold">
        {t("issue.comments.title")} ({comments.filter((c) => c.body !== null && c.hiddenReason === null).length})
      </h2>
      {comments.length === 0 ? <p className="mt-3 text-gray-700">{t("issue.comments.empty")}</p> : null}
      <ul className="mt-4 space-y-4">
        {comments.map((comment) => (
          <li key={comment.id} className="border-b border-gray-200 pb-3 last:border-0">
            {comment.body === null && comment.hiddenReason !== null ? (
              <HiddenPlaceholder kind="comment" reason={comment.hiddenReason} />
            ) : comment.body === null ? (
              <p className="text-gray-600 italic">{t("issue.comments.deleted")}</p>
            ) : (
              <>
                <p className="text-sm text-gray-700">
                  <span className="font-semibold text-gray-900">{comment.author ?? t("issue.comments.anonymous")}</span>
                  {comment.authorBuurt ? ` · ${comment.authorBuurt}` : null} ·{" "}
                  <time dateTime={new Date(comment.createdAt).toISOString()}>{formatDateTime(comment.createdAt)}</time>
                </p>
                <p className="mt-1 whitespace-pre-line">{comment.body}</p>
                {comment.hiddenReason !== null ? (
                  <div className="mt-2">
                    <HiddenBanner text={t("moderation.hidden.bannerComment", { reason: comment.hiddenReason })} />
                  </div>
                ) : (
                  <FlagDisclosure target={{ type: "comment", issueId, commentId: comment.id }} />
                )}
                {comment.canDelete ? (
                  // Asked once more: deleting cannot be undone (works without JavaScript too).
                  <details className="mt-1">
                    <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm text-primary-700 underline underline-offset-2">
                      {t("issue.comments.delete")}
                    </summary>
                    <Form method="post" className="mt-1 flex flex-wrap items-center gap-3 rounded-md border border-gray-300 bg-white p-3">
                      <p className="text-sm">{t("issue.comments.deleteConfirm")}</p>
                      <input type="hidden" name="intent" value="delete-comment" />
                      <input type="hidden" name="commentId" value={comment.id} />
                      <button type="submit" className="btn-secondary min-h-11 text-sm">
                        {t("issue.comments.deleteYes")}
                      </button>
                    </Form>
                  </details>
                ) : null}
              </>
            )}
          </li>
        ))}
      </ul>
      {canComment ? (
        <Form method="post" {...getFormProps(form)} {...validation.warmUp} ref={formRef} className="mt-4 space-y-2">
          <input type="hidden" name="intent" value="comment" />
          {form.errors?.length ? (
            <p role="alert" className="font-semibold text-red-700">
              {form.errors[0]}
            </p>
          ) : null}
          <TextareaField field={bodyField} label={t("issue.comments.label")} hint={t("issue.comments.hint")} rows={3} />
          <button type="submit" className="btn-primary" disabled={submitting}>
            {t("issue.comments.submit")}
          </button>
        </Form>
      ) : !loggedIn ? (
        <p className="mt-4">
          <Link to={`/inloggen?redirectTo=${encodeURIComponent(location.pathname)}`}>
            {t("issue.comments.loginToComment")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

// The forms' checks load at their first use (lazy-form.ts): zod is not part of the page's first load.
const loadCommentValidation = () => import("~/domain/issue-validation").then((module) => module.validateComment);
const loadReopenValidation = () => import("~/domain/issue-validation").then((module) => module.validateReopen);

const EVENT_LABELS = ["created", "triaged", "public_update", "owner_changed", "decision"] as const;
function eventLabel(type: string) {
  return EVENT_LABELS.find((label) => label === type) ?? "public_update";
}

function ReopenForm({ issueId, days }: { issueId: number; days: number }) {
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields, validation] = useLazyZodForm(loadReopenValidation, {
    id: `reopen-${issueId}`,
    lastResult,
    shouldValidate: "onSubmit",
  });
  const submitting = navigation.state !== "idle" && navigation.formData?.get("intent") === "reopen";
  return (
    <section aria-labelledby="reopen-title" className="card p-5">
      <h2 id="reopen-title" className="text-xl font-bold">
        {t("triage.reopen.title")}
      </h2>
      <p className="mt-1">{t("triage.reopen.intro", { days })}</p>
      <Form method="post" {...getFormProps(form)} {...validation.warmUp} className="mt-3 space-y-3">
        <input type="hidden" name="intent" value="reopen" />
        {form.errors?.length ? (
          <p role="alert" className="font-semibold text-red-700">
            {form.errors[0]}
          </p>
        ) : null}
        <TextareaField field={fields.reason} label={t("triage.reopen.reason")} rows={3} />
        <button type="submit" className="btn-secondary" disabled={submitting}>
          {t("triage.reopen.submit")}
        </button>
      </Form>
    </section>
  );
}
