import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { CLOSE_REASONS, type IssueStatus } from "~/domain/issue-status";
import { t } from "~/i18n";
import type { action, loader, PartnerIntent } from "~/routes/partner.meldingen.$id";
import { formatDateTime } from "~/utils/format";
import { useHydrated } from "~/utils/use-hydrated";
import { SelectField, TextareaField, TextField } from "./form-fields";
import { useLazyZodForm } from "./lazy-form";
import { StatusBadge } from "./status-badge";

// The forms' checks load at first use (zod is not part of the page's first load).
const loadStatusValidation = () => import("~/domain/partner-validation").then((module) => module.validateStatus);
const loadPublicUpdateValidation = () => import("~/domain/partner-validation").then((module) => module.validatePublicUpdate);
const loadMergeValidation = () => import("~/domain/partner-validation").then((module) => module.validateMerge);
const loadNoteValidation = () => import("~/domain/partner-validation").then((module) => module.validateNote);
const loadClaimValidation = () => import("~/domain/partner-validation").then((module) => module.validateClaim);
const loadHandoverResponseValidation = () => import("~/domain/partner-validation").then((module) => module.validateHandoverResponse);
const loadHandoverValidation = () => import("~/domain/partner-validation").then((module) => module.validateHandover);

/**
 * The panels of the partner workspace of one issue (/partner/meldingen/:id). Each form posts
 * its own `intent`; the action's answer names the intent, so only that form shows its errors.
 */
export function useIntentResult(intent: PartnerIntent) {
  const answer = useActionData<typeof action>();
  return answer?.intent === intent ? answer.result : undefined;
}

/** Whether this page is sending one of these intents right now (another form's does not count). */
function useSubmitting(...intents: PartnerIntent[]) {
  const navigation = useNavigation();
  const sent = navigation.formData?.get("intent");
  return navigation.state !== "idle" && typeof sent === "string" && (intents as string[]).includes(sent);
}

function FormError({ errors }: { errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p role="alert" className="font-semibold text-red-700">
      {errors[0]}
    </p>
  );
}

function Panel({ id, title, intro, children }: { id: string; title: string; intro?: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="card p-5">
      <h2 id={`${id}-title`} className="text-xl font-bold">
        {title}
      </h2>
      {intro ? <p className="mt-1 text-gray-700">{intro}</p> : null}
      {children}
    </section>
  );
}

export function StatusForm({ status, targets }: { status: string; targets: readonly IssueStatus[] }) {
  const lastResult = useIntentResult("status");
  const hydrated = useHydrated();
  const [form, fields, validation] = useLazyZodForm(loadStatusValidation, { id: "status", lastResult, shouldValidate: "onSubmit" });
  const submitting = useSubmitting("status");
  const [to, setTo] = useState((fields.to.initialValue as string | undefined) ?? "");
  const options = targets.filter((target) => target !== "getrieerd");
  return (
    <Panel id="status-wijzigen" title={t("triage.status.title")}>
      <p className="mt-2 flex items-center gap-2">
        {t("triage.status.current")} <StatusBadge status={status} />
      </p>
      <Form method="post" {...getFormProps(form)} {...validation.warmUp} className="mt-4 space-y-4">
        <input type="hidden" name="intent" value="status" />
        <FormError errors={form.errors} />
        <fieldset className="space-y-1">
          <legend className="font-semibold">{t("triage.status.to")}</legend>
          {fields.to.errors?.length ? <p className="font-semibold text-red-700">{fields.to.errors[0]}</p> : null}
          {options.map((option) => (
            <label key={option} className="flex min-h-11 cursor-pointer items-center gap-3">
              <input
                type="radio"
                name={fields.to.name}
                value={option}
                defaultChecked={to === option}
                onChange={() => setTo(option)}
                className="h-5 w-5 accent-primary-700"
              />
              <StatusBadge status={option} />
            </label>
          ))}
        </fieldset>
        {!hydrated || to === "gesloten_niet_opgelost" ? (
          <SelectField
            field={fields.closeReason}
            label={t("triage.status.closeReason")}
            hint={hydrated ? undefined : t("triage.status.closeReasonHint")}
            placeholder={t("common.form.choose")}
            options={CLOSE_REASONS.map((reason) => ({ value: reason, label: t(`triage.closeReasons.${reason}`) }))}
          />
        ) : null}
        <TextareaField
          field={fields.publicMessage}
          label={t("triage.status.publicMessage")}
          hint={to === "heropend" ? t("triage.status.reopenHint") : t("triage.questions.publicMessageHint")}
          rows={3}
        />
        <button type="submit" className="btn-primary" disabled={submitting}>
          {t("triage.status.submit")}
        </button>
      </Form>
    </Panel>
  );
}

export function PublicUpdateForm() {
  const lastResult = useIntentResult("public-update");
  const [form, fields, validation] = useLazyZodForm(loadPublicUpdateValidation, { id: "public-update", lastResult, shouldValidate: "onSubmit" });
  const submitting = useSubmitting("public-update");
  return (
    <Panel id="update" title={t("triage.update.title")} intro={t("triage.update.intro")}>
      <Form method="post" {...getFormProps(form)} {...validation.warmUp} className="mt-4 space-y-3">
        <input type="hidden" name="intent" value="public-update" />
        <FormError errors={form.errors} />
        <TextareaField field={fields.publicMessage} label={t("triage.update.label")} rows={3} />
        <button type="submit" className="btn-secondary" disabled={submitting}>
          {t("triage.update.submit")}
        </button>
      </Form>
    </Panel>
  );
}

export function MergeForm() {
  const lastResult = useIntentResult("merge");
  const [form, fields, validation] = useLazyZodForm(loadMergeValidation, { id: "merge", lastResult, shouldValidate: "onSubmit" });
  const submitting = useSubmitting("merge");
  return (
    <Panel id="samenvoegen" title={t("triage.merge.title")} intro={t("triage.merge.intro")}>
      <Form method="post" {...getFormProps(form)} {...validation.warmUp} className="mt-4 space-y-3">
        <input type="hidden" name="intent" value="merge" />
        <FormError errors={form.errors} />
        <TextField field={fields.duplicateId as never} label={t("triage.merge.label")} type="text" inputProps={{ inputMode: "numeric" }} />
        <button type="submit" className="btn-secondary" disabled={submitting}>
          {t("triage.merge.submit")}
        </button>
      </Form>
    </Panel>
  );
}

export function InternalNotes() {
  const { notes } = useLoaderData<typeof loader>();
  const lastResult = useIntentResult("note");
  const [form, fields, validation] = useLazyZodForm(loadNoteValidation, { id: "note", lastResult, shouldValidate: "onSubmit" });
  const submitting = useSubmitting("note");
  return (
    <section id="notities" aria-labelledby="notities-title" className="rounded-lg border-2 border-dashed border-amber-500 bg-amber-50 p-5">
      <p className="text-sm font-bold tracking-wide text-amber-900 uppercase">{t("triage.page.internalBadge")}</p>
      <h2 id="notities-title" className="text-xl font-bold">
        {t("triage.notes.title")}
      </h2>
      <p className="mt-1">{t("triage.notes.intro")}</p>
      {notes.length === 0 ? <p className="mt-3 text-gray-700">{t("triage.notes.empty")}</p> : null}
      <ul className="mt-3 space-y-3">
        {notes.map((note) => (
          <li key={note.id} className="rounded-md bg-white p-3">
            <p className="text-sm text-gray-700">
              <span className="font-semibold text-gray-900">{note.author?.name ?? t("triage.audit.system")}</span>
              {note.organisationName ? ` · ${note.organisationName}` : null} ·{" "}
              <time dateTime={new Date(note.createdAt).toISOString()}>{formatDateTime(note.createdAt)}</time>
            </p>
            <p className="mt-1 whitespace-pre-line">{note.body}</p>
          </li>
        ))}
      </ul>
      <Form method="post" {...getFormProps(form)} {...validation.warmUp} className="mt-4 space-y-3">
        <input type="hidden" name="intent" value="note" />
        <FormError errors={form.errors} />
        <TextareaField field={fields.body} label={t("triage.notes.label")} rows={3} />
        <button type="submit" className="btn-secondary" disabled={submitting}>
          {t("triage.notes.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ClaimForm({ organisations }: { organisations: { id: string; name: string }[] }) {
  const lastResult = useIntentResult("claim");
  const [form, fields, validation] = useLazyZodForm(loadClaimValidation, {
    id: "claim",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { organisationId: organisations[0]?.id },
  });
  const submitting = useSubmitting("claim");
  return (
    <Panel id="oppakken" title={t("triage.page.claimTitle")} intro={t("triage.page.claimIntro")}>
      <Form method="post" {...getFormProps(form)} {...validation.warmUp} className="mt-3 space-y-3">
        <input type="hidden" name="intent" value="claim" />
        <FormError errors={form.errors} />
        {organisations.length > 1 ? (
          <SelectField
            field={fields.organisationId}
            label={t("triage.page.claimFor")}
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
        ) : (
          <input type="hidden" name={fields.organisationId.name} value={organisations[0]?.id ?? ""} />
        )}
        <button type="submit" className="btn-primary w-full" disabled={submitting}>
          {t("triage.page.claim")}
        </button>
      </Form>
    </Panel>
  );
}

function IncomingHandover({
  handover,
}: {
  handover: { id: string; reason: string; fromOrganisation: { name: string }; toOrganisation: { name: string } };
}) {
  const lastResult = useIntentResult("handover-accept");
  const [form, fields, validation] = useLazyZodForm(loadHandoverResponseValidation, { id: "handover-response", lastResult, shouldValidate: "onSubmit" });
  const submitting = useSubmitting("handover-accept", "handover-decline");
  return (
    <section
      id="overdracht-antwoord"
      aria-labelledby="overdracht-antwoord-title"
      className="mt-4 rounded-md border-l-8 border-amber-500 bg-amber-50 p-4"
    >
      <h2 id="overdracht-antwoord-title" className="text-xl font-bold">
        {t("triage.handover.incomingTitle")}
      </h2>
      <p className="mt-1">{t("triage.handover.incoming", { from: handover.fromOrganisation.name, reason: handover.reason })}</p>
      <Form method="post" {...getFormProps(form)} {...validation.warmUp} className="mt-3 max-w-2xl space-y-3">
        <input type="hidden" name="handoverId" value={handover.id} />
        <FormError errors={form.errors} />
        <TextareaField field={fields.responseReason} label={t("triage.handover.responseReason")} rows={2} />
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="intent" value="handover-accept" className="btn-primary" disabled={submitting}>
            {t("triage.handover.accept")}
          </button>
          <button type="submit" name="intent" value="handover-decline" className="btn-secondary" disabled={submitting}>
            {t("triage.handover.decline")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function RequestHandover() {
  const { can, pendingHandover, organisations, issue, handovers } = useLoaderData<typeof loader>();
  const lastResult = useIntentResult("handover");
  const [form, fields, validation] = useLazyZodForm(loadHandoverValidation, { id: "handover", lastResult, shouldValidate: "onSubmit" });
  const submitting = useSubmitting("handover");
  if (!can.handOver && !pendingHandover && handovers.length === 0) return null;
  return (
    <Panel id="overdragen" title={t("triage.handover.title")} intro={can.handOver ? t("triage.handover.intro") : undefined}>
      {pendingHandover ? (
        <p className="mt-3 rounded-md bg-amber-50 p-3">
          {t("triage.handover.pending", { organisation: pendingHandover.toOrganisation.name, reason: pendingHandover.reason })}
        </p>
      ) : null}
      {can.handOver ? (
        <Form method="post" {...getFormProps(form)} {...validation.warmUp} className="mt-3 space-y-3">
          <input type="hidden" name="intent" value="handover" />
          <FormError errors={form.errors} />
          <SelectField
            field={fields.toOrganisationId}
            label={t("triage.handover.to")}
            placeholder={t("common.form.choose")}
            options={organisations.filter((o) => o.id !== issue.ownerOrganisationId).map((o) => ({ value: o.id, label: o.name }))}
          />
          <TextareaField field={fields.reason} label={t("triage.handover.reason")} rows={2} />
          <button type="submit" className="btn-secondary w-full" disabled={submitting}>
            {t("triage.handover.submit")}
          </button>
        </Form>
      ) : null}
      {handovers.some((h) => h.status !== "pending") ? (
        <ul className="mt-4 space-y-2 text-sm">
          {handovers
            .filter((h) => h.status !== "pending")
            .map((h) => (
              <li key={h.id}>
                <span className="font-semibold">
                  {t(`triage.handover.history.${h.status as "accepted" | "declined"}`, {
                    from: h.fromOrganisation.name,
                    to: h.toOrganisation.name,
                  })}
                </span>{" "}
                <time dateTime={new Date(h.createdAt).toISOString()}>{formatDateTime(h.createdAt)}</time>
                {h.responseReason ? <span className="block">{h.responseReason}</span> : null}
              </li>
            ))}
        </ul>
      ) : null}
    </Panel>
  );
}

export const HandoverPanel = { Incoming: IncomingHandover, Request: RequestHandover };

export function TriageHistory() {
  const { decisions } = useLoaderData<typeof loader>();
  if (decisions.length === 0) return null;
  return (
    <Panel id="beoordelingen" title={t("triage.questions.history")}>
      <ol className="mt-3 space-y-3 text-sm">
        {decisions.map((decision) => (
          <li key={decision.id} className="border-b border-gray-200 pb-2 last:border-0">
            <p className="font-semibold">
              <time dateTime={new Date(decision.createdAt).toISOString()}>{formatDateTime(decision.createdAt)}</time>{" "}
              {t("triage.questions.by", { name: decision.actor?.name ?? "", organisation: decision.ownerOrganisation.name })}
            </p>
            <p>
              {t(`triage.questions.${decision.nature as "incident" | "structureel"}`)} ·{" "}
              {t(`triage.scopes.${decision.scope as "deze_plek"}`)}
            </p>
            <p className="text-gray-700">{decision.rationale}</p>
          </li>
        ))}
      </ol>
    </Panel>
  );
}

export function AuditTrail() {
  const { auditEntries, organisations } = useLoaderData<typeof loader>();
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  return (
    <Panel id="logboek" title={t("triage.audit.title")} intro={t("triage.audit.intro")}>
      {auditEntries.length === 0 ? <p className="mt-3 text-gray-700">{t("triage.audit.empty")}</p> : null}
      <ol className="mt-3 space-y-2 text-sm">
        {auditEntries.map((entry) => (
          <li key={entry.id}>
            <p>
              <span className="font-semibold">{t(`triage.audit.actions.${entry.action as "triage"}`)}</span>{" "}
              {entry.actor?.name ?? t("triage.audit.system")}
            </p>
            <p className="text-gray-700">
              <time dateTime={new Date(entry.createdAt).toISOString()}>{formatDateTime(entry.createdAt)}</time>
              {describeChange(entry.before, entry.after, orgName)}
            </p>
          </li>
        ))}
      </ol>
    </Panel>
  );
}

/** "nieuw → getrieerd", "Eigenaar: Gemeente → Woonstichting": what changed, in words. */
function describeChange(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  orgName: Map<string, string>,
) {
  const parts: string[] = [];
  const from = before?.status;
  const to = after?.status;
  if (typeof to === "string" && typeof from === "string" && from !== to) {
    parts.push(`${t(`common.status.${from as IssueStatus}`)} → ${t(`common.status.${to as IssueStatus}`)}`);
  }
  const name = (id: unknown) => (typeof id === "string" ? (orgName.get(id) ?? id) : t("triage.page.noOwner"));
  if (after?.owner !== undefined && after.owner !== before?.owner) {
    parts.push(t("triage.audit.owner", { from: name(before?.owner), to: name(after.owner) }));
  }
  if (typeof after?.to === "string") parts.push(t("triage.audit.handoverTo", { to: name(after.to) }));
  if (typeof after?.duplicateOf === "number") parts.push(t("triage.audit.duplicateOf", { id: after.duplicateOf }));
  if (typeof after?.duplicateId === "number") parts.push(t("triage.audit.keptFor", { id: after.duplicateId }));
  return parts.map((part) => ` · ${part}`).join("");
}
