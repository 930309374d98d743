import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ArrowLeft, ExternalLink } from "lucide-react";
import {
  AuditTrail,
  ClaimForm,
  HandoverPanel,
  InternalNotes,
  MergeForm,
  PublicUpdateForm,
  StatusForm,
  TriageHistory,
} from "~/components/partner-issue";
import { ExternalSendPanel } from "~/components/external-send";
import { IssueMetaLine, OutcomeCard } from "~/components/issue-parts";
import { StatusBadge } from "~/components/status-badge";
import { TriageForm } from "~/components/triage-form";
import { externalRetrySchema } from "~/domain/open311-client";
import { partnerIntentSchemas } from "~/domain/partner-validation";
import { triageOutcomeText } from "~/domain/triage";
import { canRetryExternalSend } from "~/domain/permissions";
import { t } from "~/i18n";
import { firstName, formatAge, formatDate } from "~/utils/format";
import { ForbiddenError, TransitionError } from "~/utils/issue-status.server";
import { externalRequestsFor, retryExternalRequest } from "~/utils/open311-client.server";
import { loadPartnerIssue } from "~/utils/partner-issue.server";
import { requirePartner } from "~/utils/partner.server";
import { readFormData } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import {
  addInternalNote,
  claimIssue,
  mergeDuplicate,
  postPublicUpdate,
  requestHandover,
  respondToHandover,
  transitionIssue,
  triageIssue,
  TriageInputError,
} from "~/utils/triage.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${t("triage.page.title", { title: data.issue.title })} | ${t("common.appName")}`
      : t("common.appName"),
  },
  // Internal notes and the audit trail are on this page: never in a search index.
  { name: "robots", content: "noindex" },
];

function parseId(value: string | undefined) {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 1) throw new Response("Niet gevonden", { status: 404 });
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  const user = await requirePartner(request);
  const loaded = await loadPartnerIssue(user, id);
  if (!loaded) throw new Response("Niet gevonden", { status: 404 });
  const { issue, decisions } = loaded;
  const latest = decisions[0];
  const externalRequests = await externalRequestsFor(id);
  return {
    ...loaded,
    externalRequests: externalRequests.map((request) => ({
      ...request,
      canRetry: canRetryExternalSend(user, request),
    })),
    issue: {
      ...loaded.issue,
      reporter: issue.reporter ? firstName(issue.reporter.name) : null,
    },
    outcome: latest
      ? triageOutcomeText({
          nature: latest.nature,
          scope: latest.scope,
          ownerName: issue.ownerOrganisation?.name ?? latest.ownerOrganisation.name,
          solutionTitles: latest.solutions.map((s) => s.solution.title),
          newApproach: latest.approach === "nieuwe_aanpak",
        })
      : null,
    now: new Date().toISOString(),
  };
}

/** The forms on this page post an `intent` (domain/partner-validation); each answer names it, so only that form shows errors. */
const schemas = { ...partnerIntentSchemas, "external-retry": externalRetrySchema };
export type PartnerIntent = keyof typeof schemas;

function isIntent(value: unknown): value is PartnerIntent {
  return typeof value === "string" && Object.hasOwn(schemas, value);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = parseId(params.id);
  const user = await requirePartner(request);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (!isIntent(intent)) throw new Response("Onbekende actie", { status: 400 });
  // One intent per form; the submission of the two hand-over answers shares a form.
  const form: PartnerIntent = intent === "handover-decline" ? "handover-accept" : intent;
  const submission = parseWithZod(formData, { schema: schemas[intent] });
  if (submission.status !== "success") return data({ intent: form, result: submission.reply() }, { status: 400 });

  const page = `/partner/meldingen/${id}`;
  try {
    const value = submission.value;
    switch (value.intent) {
      case "triage": {
        await triageIssue(user, id, value);
        if (value.approach === "nieuwe_aanpak" && value.makeSolution && value.newApproach) {
          const issue = await loadPartnerIssue(user, id);
          const query = new URLSearchParams({ omschrijving: value.newApproach, melding: String(id) });
          if (issue) query.append("thema", issue.issue.theme.code);
          return redirectWithToast(`/oplossingen/nieuw?${query}`, {
            kind: "success",
            message: t("triage.questions.saved"),
          });
        }
        return redirectWithToast(page, { kind: "success", message: t("triage.questions.saved") });
      }
      case "status":
        await transitionIssue(user, id, {
          to: value.to,
          publicMessage: value.publicMessage,
          closeReason: value.closeReason,
          // Reopening needs a reason; the public message is it.
          reason: value.to === "heropend" ? value.publicMessage : undefined,
        });
        return redirectWithToast(page, { kind: "success", message: t("triage.status.saved") });
      case "public-update":
        await postPublicUpdate(user, id, value.publicMessage);
        return redirectWithToast(page, { kind: "success", message: t("triage.update.saved") });
      case "note":
        await addInternalNote(user, id, value.body);
        return redirectWithToast(`${page}#notities`, { kind: "success", message: t("triage.notes.saved") });
      case "claim": {
        await claimIssue(user, id, value.organisationId!);
        const organisation = user.memberships.find((m) => m.organisationId === value.organisationId);
        return redirectWithToast(page, {
          kind: "success",
          message: t("triage.page.claimedToast", { organisation: organisation?.organisationName ?? "" }),
        });
      }
      case "handover": {
        await requestHandover(user, id, value.toOrganisationId!, value.reason);
        return redirectWithToast(`${page}#overdragen`, {
          kind: "success",
          message: t("triage.handover.requestedToast"),
        });
      }
      case "handover-accept":
      case "handover-decline": {
        const accept = value.intent === "handover-accept";
        await respondToHandover(user, id, value.handoverId, accept, value.responseReason);
        return redirectWithToast(page, {
          kind: accept ? "success" : "info",
          message: accept ? t("triage.handover.acceptedToast") : t("triage.handover.declined"),
        });
      }
      case "merge":
        await mergeDuplicate(user, id, value.duplicateId);
        return redirectWithToast(page, {
          kind: "success",
          message: t("triage.merge.saved", { id: value.duplicateId }),
        });
      case "external-retry": {
        const queued = await retryExternalRequest(user, value.externalRequestId, id);
        return redirectWithToast(`${page}#extern`, {
          kind: queued ? "success" : "info",
          message: queued ? t("open311Client.partner.retried") : t("open311Client.partner.retryNotNeeded"),
        });
      }
    }
  } catch (error) {
    if (error instanceof TriageInputError) {
      return data(
        { intent: form, result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) },
        { status: 400 },
      );
    }
    if (error instanceof ForbiddenError) throw new Response(t("triage.errors.forbidden"), { status: 403 });
    if (error instanceof TransitionError) {
      // The issue changed under the form (someone else acted first) or the change is not allowed.
      return data(
        { intent: form, result: submission.reply({ formErrors: [t("triage.errors.transition")] }) },
        { status: 409 },
      );
    }
    throw error;
  }
}

export default function PartnerIssuePage() {
  const {
    issue,
    outcome,
    can,
    trekker,
    now,
    decisions,
    pendingHandover,
    organisations,
    solutionOptions,
    externalRequests,
  } = useLoaderData<typeof loader>();
  const untriaged = issue.status === "nieuw" || issue.status === "heropend";
  return (
    <div className="mx-auto max-w-7xl px-4 py-6">
      <Link to="/partner/triage" className="inline-flex min-h-11 items-center gap-1">
        <ArrowLeft aria-hidden="true" className="h-4 w-4" />
        {t("triage.page.backToQueue")}
      </Link>

      <header className="mt-2 space-y-2">
        <IssueMetaLine theme={issue.theme} buurt={issue.buurt} id={issue.id} />
        <h1 className="text-3xl leading-tight font-bold">{issue.title}</h1>
        <div className="flex flex-wrap items-center gap-3">
          <StatusBadge status={issue.status} />
          <Link to={`/meldingen/${issue.id}`} className="inline-flex min-h-11 items-center gap-1">
            {t("triage.page.publicPage")}
            <ExternalLink aria-hidden="true" className="h-4 w-4" />
          </Link>
        </div>
      </header>

      {pendingHandover && can.respondToHandover ? <HandoverPanel.Incoming handover={pendingHandover} /> : null}

      <div className="mt-6 grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="description-title" className="card p-5">
            <h2 id="description-title" className="sr-only">
              {t("issue.page.description")}
            </h2>
            <p className="text-lg whitespace-pre-line">{issue.description}</p>
            {issue.locationApproximate && issue.placeDescription ? (
              <p className="mt-3 text-gray-700">
                {t("issue.page.approximateLocation", { place: issue.placeDescription })}
              </p>
            ) : null}
            {issue.photos.map((photo) => (
              <img
                key={photo.fileName}
                src={`/uploads/${photo.fileName}`}
                alt={t("issue.page.photo")}
                loading="lazy"
                className="mt-4 h-auto max-h-80 w-auto max-w-full rounded-md border border-gray-200"
              />
            ))}
          </section>

          {outcome && !untriaged ? <OutcomeCard text={outcome} /> : null}

          {can.triage ? (
            <TriageForm
              key={decisions[0]?.id ?? "first"}
              retriage={!untriaged}
              theme={issue.theme}
              trekker={trekker}
              organisations={organisations}
              solutionOptions={solutionOptions}
              latest={decisions[0] ?? null}
            />
          ) : null}

          {can.statusTargets.some((to) => to !== "getrieerd") ? (
            <StatusForm status={issue.status} targets={can.statusTargets} />
          ) : null}
          {can.publicUpdate && !untriaged ? <PublicUpdateForm /> : null}
          {can.merge ? <MergeForm /> : null}
          <InternalNotes />
        </div>

        <aside className="space-y-4">
          <dl className="card space-y-3 p-4">
            <div>
              <dt className="text-sm font-semibold text-gray-700">{t("triage.page.owner")}</dt>
              <dd className="mt-1">
                {issue.ownerOrganisation ? (
                  <>
                    {issue.ownerOrganisation.name}
                    {issue.ownerUser ? ` (${issue.ownerUser.name})` : null}
                  </>
                ) : (
                  t("triage.page.noOwner")
                )}
              </dd>
            </div>
            <div>
              <dt className="text-sm font-semibold text-gray-700">{t("triage.page.reporter")}</dt>
              <dd className="mt-1">
                {issue.reporter ?? issue.reporterName ?? t("issue.page.reportedByAnonymous")}
                {issue.reporterEmail ? <span className="block break-all">{issue.reporterEmail}</span> : null}
                {issue.reporterPhone ? <span className="block">{issue.reporterPhone}</span> : null}
              </dd>
            </div>
            <div>
              <dt className="text-sm font-semibold text-gray-700">{t("triage.page.reported")}</dt>
              <dd className="mt-1">
                {formatDate(issue.createdAt)} ({formatAge(issue.createdAt, now)})
              </dd>
            </div>
            <div>
              <dt className="text-sm font-semibold text-gray-700">{t("triage.page.supports")}</dt>
              <dd className="mt-1 tabular-nums">{issue.supportCount}</dd>
            </div>
            {issue.duplicateOfId ? (
              <div>
                <dt className="text-sm font-semibold text-gray-700">{t("triage.page.duplicateOf")}</dt>
                <dd className="mt-1">
                  <Link to={`/partner/meldingen/${issue.duplicateOfId}`}>#{issue.duplicateOfId}</Link>
                </dd>
              </div>
            ) : null}
          </dl>
          {can.claimFor.length && !issue.ownerOrganisation ? <ClaimForm organisations={can.claimFor} /> : null}
          <HandoverPanel.Request />
          {externalRequests.length ? <ExternalSendPanel requests={externalRequests} /> : null}
          <TriageHistory />
          <AuditTrail />
        </aside>
      </div>
    </div>
  );
}
