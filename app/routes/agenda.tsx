import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ArrowDown, ArrowUp, CalendarDays, MapPin, Users } from "lucide-react";
import { useEffect, useRef } from "react";
import type { z } from "zod";
import { TextareaField, useZodForm } from "~/components/forms";
import { StatusBadge } from "~/components/status-badge";
import { FormError, SubjectFields, SubjectLink, subjectTitle } from "~/components/steering";
import { ThemeIcon } from "~/components/theme-icon";
import { canManageSteering } from "~/domain/permissions";
import { AGENDA_MAX_ITEMS, agendaAddSchema, agendaMoveSchema, agendaRemoveSchema } from "~/domain/steering";
import { t } from "~/i18n";
import {
  addToAgenda,
  composeAgenda,
  moveAgendaItem,
  nextMeeting,
  removeFromAgenda,
  SteeringInputError,
  steeringGroupMembers,
  type AgendaReason,
} from "~/utils/agenda.server";
import { getSessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { ForbiddenError } from "~/utils/issue-status.server";
import { readFormData } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${t("steering.agenda.title")} | ${t("common.appName")}` },
  { name: "description", content: t("steering.agenda.intro", { threshold: data?.threshold ?? 10 }).slice(0, 160) },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const canManage = canManageSteering(user);
  const [agenda, members, next, themes] = await Promise.all([
    composeAgenda(),
    steeringGroupMembers(),
    nextMeeting(),
    canManage
      ? db.theme.findMany({ where: { retiredAt: null }, select: { id: true, name: true }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }] })
      : [],
  ]);
  const view = <T extends (typeof agenda.items)[number]>(item: T) => ({
    key: item.key,
    issue: item.issue,
    theme: item.theme,
    reasons: item.reasons,
    manualReason: item.manualReason,
  });
  return {
    threshold: agenda.threshold,
    items: agenda.items.map(view),
    notShown: agenda.notShown,
    notShownMore: agenda.notShownMore,
    removed: agenda.removed.map((item) => ({ ...view(item), removedReason: item.removedReason, removedAt: item.removedAt })),
    members,
    nextMeeting: next,
    canManage,
    themes,
  };
}

const schemas = { add: agendaAddSchema, move: agendaMoveSchema, remove: agendaRemoveSchema } satisfies Record<string, z.ZodType>;
type Intent = keyof typeof schemas;
const isIntent = (value: unknown): value is Intent => typeof value === "string" && Object.hasOwn(schemas, value);

export async function action({ request }: ActionFunctionArgs) {
  const user = await getSessionUser(request);
  // Authorisation before validation: who may not change the agenda learns nothing from the answer.
  if (!user || !canManageSteering(user)) throw new Response(t("steering.validation.forbidden"), { status: 403 });
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (!isIntent(intent)) throw new Response("Onbekende actie", { status: 400 });
  const key = typeof formData.get("key") === "string" ? String(formData.get("key")) : null;
  const submission = parseWithZod(formData, { schema: schemas[intent] });
  if (submission.status !== "success") return data({ intent, key, result: submission.reply() }, { status: 400 });
  try {
    const value = submission.value;
    switch (value.intent) {
      case "add":
        await addToAgenda(user, value);
        return redirectWithToast("/agenda", { kind: "success", message: t("steering.agenda.manage.added") });
      case "move":
        await moveAgendaItem(user, value.key, value.direction);
        return redirectWithToast(`/agenda#${value.key.replace(":", "-")}`, { kind: "success", message: t("steering.agenda.manage.moved") });
      case "remove":
        await removeFromAgenda(user, value.key, value.removedReason);
        return redirectWithToast("/agenda#van-de-agenda", { kind: "success", message: t("steering.agenda.manage.removedToast") });
    }
  } catch (error) {
    if (error instanceof SteeringInputError) {
      return data({ intent, key, result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) }, { status: 400 });
    }
    if (error instanceof ForbiddenError) throw new Response(t("steering.validation.forbidden"), { status: 403 });
    throw error;
  }
}

function useIntentResult(intent: Intent, key: string | null = null) {
  const answer = useActionData<typeof action>();
  if (!answer || answer.intent !== intent) return undefined;
  if (key !== null && answer.key !== key) return undefined;
  return answer.result;
}

function ReasonBadges({ reasons, threshold, supportCount }: { reasons: AgendaReason[]; threshold: number; supportCount?: number }) {
  return (
    <ul className="flex flex-wrap gap-2 text-sm" aria-label={t("steering.agenda.listTitle")}>
      {reasons
        .filter((reason) => reason !== "manual")
        .map((reason) => (
          <li key={reason} className="rounded-full border border-primary-700 bg-primary-50 px-2 py-0.5 font-medium text-primary-900">
            {reason === "support"
              ? t("steering.agenda.why.support", { count: supportCount ?? threshold })
              : t("steering.agenda.why.structural")}
          </li>
        ))}
    </ul>
  );
}

export default function AgendaPage() {
  const { threshold, items, notShown, notShownMore, removed, members, nextMeeting, canManage } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-7xl px-4 py-6">
      <h1 className="text-3xl font-bold">{t("steering.agenda.title")}</h1>
      <p className="mt-2 max-w-3xl text-lg">{t("steering.agenda.intro", { threshold })}</p>

      <div className="mt-6 grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="agenda-list-title">
            <h2 id="agenda-list-title" className="text-2xl font-bold">
              {t("steering.agenda.listTitle")}
            </h2>
            {items.length === 0 ? <p className="card mt-3 p-5">{t("steering.agenda.empty", { threshold })}</p> : null}
            <ol className="mt-3 space-y-3">
              {items.map((item, index) => (
                <li key={item.key} id={item.key.replace(":", "-")} className="card p-4">
                  <div className="flex gap-3">
                    <span aria-hidden="true" className="mt-0.5 flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-primary-700 font-bold text-white">
                      {index + 1}
                    </span>
                    <div className="min-w-0 flex-1 space-y-2">
                      <p className="flex flex-wrap items-center gap-2 text-sm text-gray-700">
                        {item.issue ? (
                          <>
                            <span className="inline-flex items-center gap-1 font-medium text-primary-800">
                              <ThemeIcon code={item.issue.theme.code} />
                              {item.issue.theme.name}
                            </span>
                            <span aria-hidden="true">·</span>
                            <span>{item.issue.buurt.name}</span>
                            <span aria-hidden="true">·</span>
                            <span>{t("steering.agenda.issueNumber", { id: item.issue.id })}</span>
                          </>
                        ) : item.theme ? (
                          <span className="inline-flex items-center gap-1 font-medium text-primary-800">
                            <ThemeIcon code={item.theme.code} />
                            {t("steering.agenda.themeLabel")}
                          </span>
                        ) : null}
                      </p>
                      <h3 className="text-lg font-semibold">
                        <SubjectLink subject={item} />
                      </h3>
                      <div className="flex flex-wrap items-center gap-2">
                        {item.issue ? <StatusBadge status={item.issue.status} /> : null}
                        <ReasonBadges reasons={item.reasons} threshold={threshold} supportCount={item.issue?.supportCount} />
                      </div>
                      {item.manualReason ? <p>{t("steering.agenda.why.manual", { reason: item.manualReason })}</p> : null}
                      {canManage ? (
                        <ItemControls itemKey={item.key} title={subjectTitle(item)} first={index === 0} last={index === items.length - 1} />
                      ) : null}
                    </div>
                  </div>
                </li>
              ))}
            </ol>
            {notShown > 0 ? (
              <div className="mt-3 rounded-lg border border-gray-300 bg-gray-50 p-4">
                <p>
                  {notShown === 1 && !notShownMore
                    ? t("steering.agenda.notShownOne", { max: AGENDA_MAX_ITEMS })
                    : t(notShownMore ? "steering.agenda.notShownMore" : "steering.agenda.notShownMany", {
                        count: notShown.toLocaleString("nl-NL"),
                        max: AGENDA_MAX_ITEMS,
                      })}
                </p>
                <p className="mt-1">
                  <Link to="/?sort=steun" className="inline-flex min-h-11 items-center">
                    {t("steering.agenda.notShownLink")}
                  </Link>
                </p>
              </div>
            ) : null}
          </section>

          {canManage ? <AddForm /> : null}

          {removed.length ? (
            <section id="van-de-agenda" aria-labelledby="removed-title" className="card p-5">
              <h2 id="removed-title" className="text-xl font-bold">
                {t("steering.agenda.removedTitle")}
              </h2>
              <p className="mt-1 text-gray-700">{t("steering.agenda.removedIntro")}</p>
              <ul className="mt-3 space-y-3">
                {removed.map((item) => (
                  <li key={item.key} className="border-b border-gray-200 pb-3 last:border-0">
                    <p className="font-semibold">
                      <SubjectLink subject={item} />
                    </p>
                    <p className="text-sm text-gray-700">
                      <time dateTime={new Date(item.removedAt).toISOString()}>{formatDate(item.removedAt)}</time>
                    </p>
                    {item.removedReason ? <p>{t("steering.agenda.removedReason", { reason: item.removedReason })}</p> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>

        <aside className="space-y-4">
          <section aria-labelledby="next-meeting-title" className="card p-4">
            <h2 id="next-meeting-title" className="flex items-center gap-2 text-lg font-bold">
              <CalendarDays aria-hidden="true" className="h-5 w-5" />
              {t("steering.agenda.nextMeeting")}
            </h2>
            {nextMeeting ? (
              <p className="mt-2">
                <time dateTime={new Date(nextMeeting.startsAt).toISOString()} className="font-semibold">
                  {formatDateTime(nextMeeting.startsAt)}
                </time>
                <span className="mt-1 flex items-center gap-1">
                  <MapPin aria-hidden="true" className="h-4 w-4 shrink-0" />
                  {nextMeeting.place}
                </span>
              </p>
            ) : (
              <p className="mt-2">{t("steering.agenda.noNextMeeting")}</p>
            )}
            <p className="mt-3">
              <Link to="/besluiten" className="inline-flex min-h-11 items-center">
                {t("steering.agenda.decisionsLink")}
              </Link>
            </p>
            {canManage ? (
              <p>
                <Link to="/stuurgroep/overleg" className="inline-flex min-h-11 items-center">
                  {t("steering.agenda.meetingsLink")}
                </Link>
              </p>
            ) : null}
          </section>
          <section aria-labelledby="members-title" className="card p-4">
            <h2 id="members-title" className="flex items-center gap-2 text-lg font-bold">
              <Users aria-hidden="true" className="h-5 w-5" />
              {t("steering.agenda.members.title")}
            </h2>
            <p className="mt-1 text-sm text-gray-700">{t("steering.agenda.members.intro")}</p>
            {members.named.length === 0 && members.hiddenResidents === 0 ? (
              <p className="mt-2">{t("steering.agenda.members.empty")}</p>
            ) : (
              <ul className="mt-2 space-y-1">
                {members.named.map((member) => (
                  <li key={member.id}>
                    <span className="font-semibold">{member.name}</span>
                    <span className="text-gray-700"> · {member.organisation ?? t("steering.agenda.members.resident")}</span>
                  </li>
                ))}
                {members.hiddenResidents > 0 ? (
                  <li>
                    {members.named.length === 0
                      ? members.hiddenResidents === 1
                        ? t("steering.agenda.members.residentOne")
                        : t("steering.agenda.members.residentsOnly", { count: members.hiddenResidents })
                      : members.hiddenResidents === 1
                        ? t("steering.agenda.members.andResidentOne")
                        : t("steering.agenda.members.andResidents", { count: members.hiddenResidents })}
                  </li>
                ) : null}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}

function ItemControls({ itemKey, title, first, last }: { itemKey: string; title: string; first: boolean; last: boolean }) {
  const lastResult = useIntentResult("remove", itemKey);
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const [form, fields] = useZodForm(agendaRemoveSchema, { id: `remove-${itemKey}`, lastResult, shouldValidate: "onSubmit" });
  // After a move the keyboard stays on the moved item (its button, or the other one when it
  // reached the top or bottom), not on the page: the buttons are disabled while it saves.
  const moved = useRef<"up" | "down" | null>(null);
  useEffect(() => {
    if (navigation.state !== "idle" || !moved.current) return;
    const direction = moved.current;
    moved.current = null;
    const button = (name: "up" | "down") => document.getElementById(`move-${name}-${itemKey}`) as HTMLButtonElement | null;
    const wanted = button(direction);
    (wanted && !wanted.disabled ? wanted : button(direction === "up" ? "down" : "up"))?.focus();
  }, [navigation.state, itemKey]);
  return (
    <div className="flex flex-wrap items-start gap-2 border-t border-gray-200 pt-2">
      <Form method="post" className="flex gap-2">
        <input type="hidden" name="key" value={itemKey} />
        <input type="hidden" name="intent" value="move" />
        <button
          type="submit"
          id={`move-up-${itemKey}`}
          onClick={() => (moved.current = "up")}
          name="direction"
          value="up"
          className="btn-quiet"
          disabled={first || busy}
          aria-label={t("steering.agenda.manage.moveUpLabel", { title })}
        >
          <ArrowUp aria-hidden="true" className="h-4 w-4" />
          {t("steering.agenda.manage.moveUp")}
        </button>
        <button
          type="submit"
          id={`move-down-${itemKey}`}
          onClick={() => (moved.current = "down")}
          name="direction"
          value="down"
          className="btn-quiet"
          disabled={last || busy}
          aria-label={t("steering.agenda.manage.moveDownLabel", { title })}
        >
          <ArrowDown aria-hidden="true" className="h-4 w-4" />
          {t("steering.agenda.manage.moveDown")}
        </button>
      </Form>
      <details className="min-w-0 flex-1" open={Boolean(lastResult)}>
        <summary className="btn-quiet cursor-pointer">{t("steering.agenda.manage.remove")}</summary>
        <Form method="post" {...getFormProps(form)} className="mt-2 space-y-2">
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="key" value={itemKey} />
          <FormError errors={form.errors} />
          <TextareaField field={fields.removedReason} label={t("steering.agenda.manage.removeReason")} rows={2} />
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t("steering.agenda.manage.removeSubmit")}
          </button>
        </Form>
      </details>
    </div>
  );
}

function AddForm() {
  const { themes } = useLoaderData<typeof loader>();
  const lastResult = useIntentResult("add");
  const navigation = useNavigation();
  const [form, fields] = useZodForm(agendaAddSchema, {
    id: "agenda-add",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { kind: "issue" },
  });
  return (
    <section id="toevoegen" aria-labelledby="agenda-add-title" className="card p-5">
      <h2 id="agenda-add-title" className="text-xl font-bold">
        {t("steering.agenda.manage.title")}
      </h2>
      <p className="mt-1 text-gray-700">{t("steering.agenda.manage.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <input type="hidden" name="intent" value="add" />
        <FormError errors={form.errors} />
        <SubjectFields fields={fields} themes={themes} />
        <TextareaField field={fields.reason} label={t("steering.agenda.manage.reason")} hint={t("steering.agenda.manage.reasonHint")} rows={2} />
        <button type="submit" className="btn-primary" disabled={navigation.state !== "idle"}>
          {t("steering.agenda.manage.add")}
        </button>
      </Form>
    </section>
  );
}
