import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { t } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { markAllNotificationsRead } from "~/utils/notifications.server";
import { readFormData } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: `${t("notifications.list.title")} | ${t("common.appName")}` }];

/** The newest ones; older notifications stay in the database but are not listed. */
const LIST_LIMIT = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [notifications, unread, account] = await Promise.all([
    db.notification.findMany({
      where: { userId: user.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: LIST_LIMIT,
      select: {
        id: true,
        title: true,
        body: true,
        readAt: true,
        createdAt: true,
        issue: { select: { id: true, title: true, visibility: true } },
      },
    }),
    db.notification.count({ where: { userId: user.id, readAt: null } }),
    db.user.findUniqueOrThrow({ where: { id: user.id }, select: { emailOptOutAt: true } }),
  ]);
  return {
    unread,
    emailOff: account.emailOptOutAt !== null,
    notifications: notifications.map(({ issue, readAt, ...notification }) => ({
      ...notification,
      unread: readAt === null,
      // Only public issues get a link: hidden ones would answer 404.
      issue: issue?.visibility === "public" ? { id: issue.id, title: issue.title } : null,
      issueHidden: issue !== null && issue.visibility !== "public",
    })),
  };
}

const schema = z.object({ intent: z.literal("markAllRead") });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = schema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) throw new Response(t("notifications.follow.unknownAction"), { status: 400 });
  await markAllNotificationsRead(user.id);
  return redirectWithToast("/berichten", { kind: "success", message: t("notifications.list.allRead") });
}

export default function NotificationsPage() {
  const { notifications, unread, emailOff } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  return (
    <div className="mx-auto max-w-3xl px-4 py-6">
      <h1 className="text-3xl font-bold">{t("notifications.list.title")}</h1>
      <p className="mt-2 text-lg">{t("notifications.list.intro")}</p>
      {emailOff ? <p className="mt-2 text-gray-700">{t("notifications.list.emailOff")}</p> : null}

      {notifications.length === 0 ? (
        <p className="card mt-6 p-5">{t("notifications.list.empty")}</p>
      ) : (
        <>
          <div className="mt-6 flex flex-wrap items-center justify-between gap-3">
            <p className="font-semibold">
              {unread === 1
                ? t("notifications.list.unreadCountOne")
                : t("notifications.list.unreadCount", { count: unread.toLocaleString("nl-NL") })}
            </p>
            {unread > 0 ? (
              <Form method="post">
                <input type="hidden" name="intent" value="markAllRead" />
                <button type="submit" className="btn-secondary" disabled={navigation.state === "submitting"}>
                  {t("notifications.list.markAllRead")}
                </button>
              </Form>
            ) : null}
          </div>
          <ul className="mt-4 space-y-3">
            {notifications.map((notification) => (
              <li
                key={notification.id}
                className={`card p-4 ${notification.unread ? "border-l-8 border-l-primary-700 bg-primary-50" : ""}`}
              >
                <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                  {notification.unread ? (
                    <span className="rounded bg-primary-700 px-2 py-0.5 text-sm font-semibold text-white">
                      {t("notifications.list.unread")}
                    </span>
                  ) : null}
                  <h2 className={`text-lg ${notification.unread ? "font-bold" : "font-semibold"}`}>
                    {notification.title}
                  </h2>
                </div>
                <p className="mt-1 text-sm text-gray-700">
                  {t("notifications.list.received")}{" "}
                  <time dateTime={notification.createdAt.toISOString()}>{formatDateTime(notification.createdAt)}</time>
                </p>
                {notification.issue ? (
                  <p className="mt-2">{t("notifications.list.aboutIssue", { title: notification.issue.title })}</p>
                ) : null}
                {notification.body ? <p className="mt-2 whitespace-pre-line">{notification.body}</p> : null}
                {notification.issue ? (
                  <p className="mt-3">
                    <Link
                      to={`/berichten/${notification.id}`}
                      reloadDocument
                      aria-label={t("notifications.list.openLabel", { title: notification.issue.title })}
                    >
                      {t("notifications.list.open")}
                    </Link>
                  </p>
                ) : notification.issueHidden ? (
                  <p className="mt-3 text-gray-700">{t("notifications.list.issueGone")}</p>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
