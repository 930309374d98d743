import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ArrowLeft, MapPin, Printer } from "lucide-react";
import type { z } from "zod";
import { SelectField, TextareaField, TextField, useZodForm } from "~/components/forms";
import { StatusBadge } from "~/components/status-badge";
import { DecisionDetails, FormError, SubjectFields, SubjectLink, subjectTitle } from "~/components/steering";
import { canManageSteering, canViewDashboard } from "~/domain/permissions";
import {
  amsterdamDateTime,
  DECISION_PROGRESS,
  decisionSchema,
  meetingAddItemSchema,
  meetingNotesSchema,
  meetingTakeSchema,
} from "~/domain/steering";
import { t } from "~/i18n";
import { SteeringInputError } from "~/utils/agenda.server";
import { getSessionUser, requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { ForbiddenError } from "~/utils/issue-status.server";
import { addMeetingItem, loadMeeting, recordDecision, saveMeetingNotes, takeIntoMeeting } from "~/utils/meetings.server";
import { readFormData } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useHydrated } from "~/utils/use-hydrated";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${t("steering.meetings.meetingTitle", { date: formatDateTime(data.meeting.startsAt) })} | ${t("common.appName")}`
      : t("common.appName"),
  },
  { name: "robots", content: "noindex" },
];

const forbidden = () => new Response(t("steering.validation.forbidden"), { status: 403 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canViewDashboard(user) && !canManageSteering(user)) throw forbidden();
  const loaded = await loadMeeting(params.id ?? "");
  if (!loaded) throw new Response("Niet gevonden", { status: 404 });
  const { meeting, candidates, organisations, themes } = loaded;
  return {
    meeting: {
      id: meeting.id,
      startsAt: meeting.startsAt,
      place: meeting.place,
      notes: meeting.notes,
      items: meeting.items.map((item) => ({
        id: item.id,
        issue: item.issue,
        theme: item.theme,
        reason: item.reason,
        decision: item.decision
          ? {
              ...item.decision,
              deadlineInput: item.decision.deadline ? amsterdamDateTime(item.decision.deadline).date : "",
              ownerOrganisation: organisations.find((o) => o.id === item.decision?.ownerOrganisationId) ?? null,
            }
          : null,
      })),
    },
    candidates: candidates.map((c) => ({ key: c.key, issue: c.issue, theme: c.theme })),
    organisations,
    themes,
    canManage: canManageSteering(user),
  };
}

const schemas = {
  take: meetingTakeSchema,
  "add-item": meetingAddItemSchema,
  decision: decisionSchema,
  notes: meetingNotesSchema,
} satisfies Record<string, z.ZodType>;
type Intent = keyof typeof schemas;
const isIntent = (value: unknown): value is Intent => typeof value === "string" && Object.hasOwn(schemas, value);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await getSessionUser(request);
  if (!user || !canManageSteering(user)) throw forbidden();
  const meetingId = params.id ?? "";
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (!isIntent(intent)) throw new Response("Onbekende actie", { status: 400 });
  const itemId = typeof formData.get("itemId") === "string" ? String(formData.get("itemId")) : null;
  const submission = parseWithZod(formData, { schema: schemas[intent] });
  if (submission.status !== "success") return data({ intent, itemId, result: submission.reply() }, { status: 400 });
  const page = `/stuurgroep/overleg/${meetingId}`;
  try {
    const value = submission.value;
    switch (value.intent) {
      case "take":
        await takeIntoMeeting(user, meetingId, value.key);
        return redirectWithToast(`${page}#agenda`, { kind: "success", message: t("steering.meetings.taken") });
      case "add-item":
        await addMeetingItem(user, meetingId, value);
        return redirectWithToast(`${page}#agenda`, { kind: "success", message: t("steering.meetings.taken") });
      case "decision": {
        const { created } = await recordDecision(user, meetingId, value);
        return redirectWithToast(`${page}#item-${value.itemId}`, {
          kind: "success",
          message: created ? t("steering.meetings.decision.saved") : t("steering.meetings.decision.updated"),
        });
      }
      case "notes":
        await saveMeetingNotes(user, meetingId, value.notes ?? "");
        return redirectWithToast(`${page}#aantekeningen`, { kind: "success", message: t("steering.meetings.notesSaved") });
    }
  } catch (error) {
    if (error instanceof SteeringInputError) {
      return data({ intent, itemId, result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) }, { status: 400 });
    }
    if (error instanceof ForbiddenError) throw forbidden();
    throw error;
  }
}

function useIntentResult(intent: Intent, itemId: string | null = null) {
  const answer = useActionData<typeof action>();
  if (!answer || answer.intent !== intent) return undefined;
  if (itemId !== null && answer.itemId !== itemId) return undefined;
  return answer.result;
}

/** On paper: no header, navigation, footer or forms; only the agenda and the minutes. */
export default function MeetingPage() {
  const { meeting, canManage } = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  return (
    <div className="mx-auto max-w-5xl px-4 py-6 print:max-w-none print:p-0">
      <Link to="/stuurgroep/overleg" className="inline-flex min-h-11 items-center gap-1 print:hidden">
        <ArrowLeft aria-hidden="true" className="h-4 w-4" />
        {t("steering.meetings.back")}
      </Link>
      <header className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold">{t("steering.meetings.meetingTitle", { date: formatDateTime(meeting.startsAt) })}</h1>
          <p className="mt-1 flex items-center gap-1 text-lg">
            <MapPin aria-hidden="true" className="h-5 w-5 print:hidden" />
            {t("steering.meetings.where", { place: meeting.place })}
          </p>
        </div>
        {hydrated ? (
          <button type="button" className="btn-secondary print:hidden" onClick={() => window.print()}>
            <Printer aria-hidden="true" className="h-5 w-5" />
            {t("steering.meetings.print")}
          </button>
        ) : null}
      </header>

      <section id="agenda" aria-labelledby="meeting-agenda-title" className="mt-6">
        <h2 id="meeting-agenda-title" className="text-2xl font-bold">
          {t("steering.meetings.agendaTitle")}
        </h2>
        {meeting.items.length === 0 ? <p className="card mt-3 p-5">{t("steering.meetings.noItems")}</p> : null}
        <ol className="mt-3 space-y-4">
          {meeting.items.map((item, index) => (
            <li key={item.id} id={`item-${item.id}`} className="card p-5 print:break-inside-avoid print:border-gray-400 print:shadow-none">
              <h3 className="text-xl font-semibold">
                <span className="mr-2 text-gray-700">{index + 1}.</span>
                <SubjectLink subject={item} />
              </h3>
              <div className="mt-1 flex flex-wrap items-center gap-2 text-gray-700">
                {item.issue ? (
                  <>
                    <StatusBadge status={item.issue.status} />
                    <span>{t("steering.agenda.issueNumber", { id: item.issue.id })}</span>
                    <span aria-hidden="true">·</span>
                    <span>{item.issue.buurt.name}</span>
                    <span aria-hidden="true">·</span>
                    <span>{t("steering.agenda.supports", { count: item.issue.supportCount })}</span>
                  </>
                ) : null}
              </div>
              {item.reason ? <p className="mt-2">{item.reason}</p> : null}
              <div className="mt-4 border-t border-gray-200 pt-3">
                <h4 className="font-bold">{t("steering.meetings.decision.title")}</h4>
                {item.decision ? (
                  <div className="mt-2">
                    <DecisionDetails decision={item.decision} />
                  </div>
                ) : (
                  <p className="mt-1 text-gray-700">{t("steering.meetings.decision.none")}</p>
                )}
                {canManage ? <DecisionForm item={item} /> : null}
              </div>
            </li>
          ))}
        </ol>
      </section>

      {canManage ? (
        <div className="mt-6 grid gap-6 md:grid-cols-2 print:hidden">
          <TakeFromAgenda />
          <AddItemForm />
        </div>
      ) : null}

      <Notes />
    </div>
  );
}

type ItemView = ReturnType<typeof useLoaderData<typeof loader>>["meeting"]["items"][number];

function DecisionForm({ item }: { item: ItemView }) {
  const { organisations } = useLoaderData<typeof loader>();
  const lastResult = useIntentResult("decision", item.id);
  const navigation = useNavigation();
  const [form, fields] = useZodForm(decisionSchema, {
    id: `decision-${item.id}`,
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: {
      text: item.decision?.text ?? "",
      ownerOrganisationId: item.decision?.ownerOrganisationId ?? "",
      deadline: item.decision?.deadlineInput ?? "",
      progress: item.decision?.progress ?? "open",
      progressNote: item.decision?.progressNote ?? "",
    },
  });
  const title = subjectTitle(item);
  return (
    <details className="mt-3 print:hidden" open={Boolean(lastResult) || !item.decision}>
      <summary className="btn-quiet cursor-pointer px-0">
        {item.decision ? t("steering.meetings.decision.update") : t("steering.meetings.decision.save")}
      </summary>
      <Form method="post" {...getFormProps(form)} aria-label={`${t("steering.meetings.decision.title")}: ${title}`} className="mt-2 space-y-4">
        <input type="hidden" name="intent" value="decision" />
        <input type="hidden" name="itemId" value={item.id} />
        <FormError errors={form.errors ?? fields.itemId.errors} />
        <TextareaField
          field={fields.text}
          label={t("steering.meetings.decision.text")}
          hint={item.issue ? t("steering.meetings.decision.textHint") : undefined}
          rows={3}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField
            field={fields.ownerOrganisationId}
            label={t("steering.meetings.decision.owner")}
            optional
            placeholder={t("steering.meetings.decision.noOwner")}
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          />
          <TextField field={fields.deadline} label={t("steering.meetings.decision.deadline")} optional inputProps={{ type: "date" }} />
          <SelectField
            field={fields.progress}
            label={t("steering.meetings.decision.progress")}
            options={DECISION_PROGRESS.map((p) => ({ value: p, label: t(`steering.progress.${p}`) }))}
          />
        </div>
        <TextField field={fields.progressNote} label={t("steering.meetings.decision.progressNote")} optional />
        <button type="submit" className="btn-primary" disabled={navigation.state !== "idle"}>
          {item.decision ? t("steering.meetings.decision.update") : t("steering.meetings.decision.save")}
        </button>
      </Form>
    </details>
  );
}

function TakeFromAgenda() {
  const { candidates } = useLoaderData<typeof loader>();
  const lastResult = useIntentResult("take");
  const navigation = useNavigation();
  const error = lastResult?.error?.key?.[0];
  return (
    <section aria-labelledby="take-title" className="card p-5">
      <h2 id="take-title" className="text-xl font-bold">
        {t("steering.meetings.fromAgendaTitle")}
      </h2>
      <p className="mt-1 text-gray-700">{t("steering.meetings.fromAgendaIntro")}</p>
      {error ? <FormError errors={[error]} /> : null}
      {candidates.length === 0 ? <p className="mt-3">{t("steering.meetings.fromAgendaEmpty")}</p> : null}
      <ul className="mt-3 space-y-2">
        {candidates.map((candidate) => (
          <li key={candidate.key} className="flex items-center justify-between gap-3 border-b border-gray-200 pb-2 last:border-0">
            <span className="min-w-0">{subjectTitle(candidate)}</span>
            <Form method="post">
              <input type="hidden" name="intent" value="take" />
              <input type="hidden" name="key" value={candidate.key} />
              <button
                type="submit"
                className="btn-secondary"
                disabled={navigation.state !== "idle"}
                aria-label={t("steering.meetings.takeLabel", { title: subjectTitle(candidate) })}
              >
                {t("steering.meetings.take")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AddItemForm() {
  const { themes } = useLoaderData<typeof loader>();
  const lastResult = useIntentResult("add-item");
  const navigation = useNavigation();
  const [form, fields] = useZodForm(meetingAddItemSchema, {
    id: "meeting-add-item",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { kind: "issue" },
  });
  return (
    <section aria-labelledby="add-item-title" className="card p-5">
      <h2 id="add-item-title" className="text-xl font-bold">
        {t("steering.meetings.addTitle")}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
        <input type="hidden" name="intent" value="add-item" />
        <FormError errors={form.errors} />
        <SubjectFields fields={fields} themes={themes} />
        <TextareaField field={fields.reason} label={t("steering.meetings.reasonOptional")} optional rows={2} />
        <button type="submit" className="btn-secondary" disabled={navigation.state !== "idle"}>
          {t("steering.meetings.addSubmit")}
        </button>
      </Form>
    </section>
  );
}

function Notes() {
  const { meeting, canManage } = useLoaderData<typeof loader>();
  const lastResult = useIntentResult("notes");
  const navigation = useNavigation();
  const [form, fields] = useZodForm(meetingNotesSchema, {
    id: "meeting-notes",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { notes: meeting.notes },
  });
  return (
    <section id="aantekeningen" aria-labelledby="notes-title" className="card mt-6 p-5 print:border-gray-400 print:shadow-none">
      <h2 id="notes-title" className="text-xl font-bold">
        {t("steering.meetings.notesTitle")}
      </h2>
      {meeting.notes ? (
        <p className={`mt-2 whitespace-pre-line ${canManage ? "hidden print:block" : ""}`}>{meeting.notes}</p>
      ) : (
        <p className="mt-2 text-gray-700">{t("steering.meetings.notesEmpty")}</p>
      )}
      {canManage ? (
        <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3 print:hidden">
          <input type="hidden" name="intent" value="notes" />
          <FormError errors={form.errors} />
          <TextareaField field={fields.notes} label={t("steering.meetings.notesLabel")} optional rows={6} />
          <button type="submit" className="btn-secondary" disabled={navigation.state !== "idle"}>
            {t("steering.meetings.notesSubmit")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
