import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CalendarDays, MapPin } from "lucide-react";
import { ErrorSummary, TextField, useZodForm } from "~/components/forms";
import { canManageSteering, canViewDashboard } from "~/domain/permissions";
import { meetingCreateSchema } from "~/domain/steering";
import { t } from "~/i18n";
import { getSessionUser, requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { ForbiddenError } from "~/utils/issue-status.server";
import { createMeeting, listMeetings } from "~/utils/meetings.server";
import { readFormData } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [
  { title: `${t("steering.meetings.title")} | ${t("common.appName")}` },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Steering group and admins manage; partner members read along.
  if (!canViewDashboard(user) && !canManageSteering(user)) throw new Response(t("steering.validation.forbidden"), { status: 403 });
  const meetings = await listMeetings();
  const now = Date.now();
  const view = meetings.map((m) => ({ id: m.id, startsAt: m.startsAt, place: m.place, items: m._count.items, decisions: m._count.decisions }));
  return {
    upcoming: view.filter((m) => m.startsAt.getTime() >= now).reverse(),
    past: view.filter((m) => m.startsAt.getTime() < now),
    canManage: canManageSteering(user),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await getSessionUser(request);
  if (!user || !canManageSteering(user)) throw new Response(t("steering.validation.forbidden"), { status: 403 });
  const submission = parseWithZod(await readFormData(request), { schema: meetingCreateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const id = await createMeeting(user, submission.value);
    return redirectWithToast(`/stuurgroep/overleg/${id}`, { kind: "success", message: t("steering.meetings.created") });
  } catch (error) {
    if (error instanceof ForbiddenError) throw new Response(t("steering.validation.forbidden"), { status: 403 });
    throw error;
  }
}

type MeetingRow = { id: string; startsAt: string | Date; place: string; items: number; decisions: number };

function MeetingList({ title, meetings }: { title: string; meetings: MeetingRow[] }) {
  if (meetings.length === 0) return null;
  return (
    <section aria-label={title}>
      <h2 className="text-2xl font-bold">{title}</h2>
      <ul className="mt-3 space-y-3">
        {meetings.map((meeting) => (
          <li key={meeting.id} className="card p-4">
            <p className="flex items-center gap-2 text-lg font-semibold">
              <CalendarDays aria-hidden="true" className="h-5 w-5 shrink-0" />
              <Link to={`/stuurgroep/overleg/${meeting.id}`}>
                {t("steering.meetings.meetingTitle", { date: formatDateTime(meeting.startsAt) })}
              </Link>
            </p>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-gray-700">
              <span className="inline-flex items-center gap-1">
                <MapPin aria-hidden="true" className="h-4 w-4" />
                {meeting.place}
              </span>
              <span aria-hidden="true">·</span>
              <span>{meeting.items === 1 ? t("steering.meetings.itemsOne") : t("steering.meetings.items", { count: meeting.items })}</span>
              <span aria-hidden="true">·</span>
              <span>
                {meeting.decisions === 1 ? t("steering.meetings.decisionsOne") : t("steering.meetings.decisions", { count: meeting.decisions })}
              </span>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function MeetingsPage() {
  const { upcoming, past, canManage } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl px-4 py-6">
      <h1 className="text-3xl font-bold">{t("steering.meetings.title")}</h1>
      <p className="mt-2 text-lg">{canManage ? t("steering.meetings.intro") : t("steering.meetings.readOnly")}</p>
      <p className="mt-2">
        <Link to="/agenda" className="inline-flex min-h-11 items-center">
          {t("steering.decisions.agendaLink")}
        </Link>
      </p>
      <div className="mt-6 grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0 space-y-6">
          {upcoming.length === 0 && past.length === 0 ? <p className="card p-5">{t("steering.meetings.empty")}</p> : null}
          <MeetingList title={t("steering.meetings.upcoming")} meetings={upcoming} />
          <MeetingList title={t("steering.meetings.past")} meetings={past} />
        </div>
        {canManage ? <CreateMeetingForm /> : null}
      </div>
    </div>
  );
}

function CreateMeetingForm() {
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(meetingCreateSchema, { id: "meeting-create", lastResult, shouldValidate: "onSubmit" });
  return (
    <section aria-labelledby="create-title" className="card h-fit p-5">
      <h2 id="create-title" className="text-xl font-bold">
        {t("steering.meetings.createTitle")}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <input type="hidden" name="intent" value="create" />
        <ErrorSummary
          formErrors={form.errors}
          items={[
            { id: fields.date.id, label: t("steering.meetings.date"), errors: fields.date.errors },
            { id: fields.time.id, label: t("steering.meetings.time"), errors: fields.time.errors },
            { id: fields.place.id, label: t("steering.meetings.place"), errors: fields.place.errors },
          ]}
        />
        <TextField field={fields.date} label={t("steering.meetings.date")} inputProps={{ type: "date" }} />
        <TextField field={fields.time} label={t("steering.meetings.time")} inputProps={{ type: "time" }} />
        <TextField field={fields.place} label={t("steering.meetings.place")} hint={t("steering.meetings.placeHint")} />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state !== "idle"}>
          {t("steering.meetings.create")}
        </button>
      </Form>
    </section>
  );
}
