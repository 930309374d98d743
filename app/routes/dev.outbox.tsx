import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { t } from "~/i18n";
import { getSessionUser, requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { outboxAccess } from "~/utils/mail.server";

export const meta: MetaFunction = () => [
  { title: `${t("mail.outbox.title")} | ${t("common.appName")}` },
  { name: "robots", content: "noindex" },
];

const LIST_LIMIT = 50;

/** Mail that was not sent because SMTP_URL is unset (see outboxAccess for who may look). */
export async function loader({ request }: LoaderFunctionArgs) {
  const access = outboxAccess(await getSessionUser(request));
  if (access === "not_found") throw new Response("Niet gevonden", { status: 404 });
  if (access === "login") await requireUser(request);
  if (access === "forbidden") throw new Response("Geen toegang", { status: 403 });
  const mails = await db.outboxMail.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIST_LIMIT,
    select: { id: true, to: true, subject: true, text: true, transport: true, createdAt: true },
  });
  return { mails };
}

/** Links in the text become clickable, so a developer can follow a reset or unsubscribe link. */
function TextWithLinks({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>]+)/g);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} className="break-all">
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export default function OutboxPage() {
  const { mails } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-4xl px-4 py-6">
      <h1 className="text-3xl font-bold">{t("mail.outbox.title")}</h1>
      <p className="mt-2 text-lg">{t("mail.outbox.intro")}</p>
      {mails.length === 0 ? (
        <p className="card mt-6 p-5">{t("mail.outbox.empty")}</p>
      ) : (
        <ol className="mt-6 space-y-4">
          {mails.map((mail) => (
            <li key={mail.id} className="card p-4">
              <h2 className="text-lg font-bold break-words">{mail.subject}</h2>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt className="font-semibold">{t("mail.outbox.to")}</dt>
                <dd className="break-all">{mail.to}</dd>
                <dt className="font-semibold">{t("mail.outbox.time")}</dt>
                <dd>
                  <time dateTime={mail.createdAt.toISOString()}>{formatDateTime(mail.createdAt)}</time>
                </dd>
                <dt className="font-semibold">{t("mail.outbox.transport")}</dt>
                <dd>{mail.transport === "smtp" ? t("mail.outbox.transportSmtp") : t("mail.outbox.transportLocal")}</dd>
              </dl>
              <details className="mt-3" open={mails.length <= 5}>
                <summary className="min-h-11 cursor-pointer py-2 font-semibold">{t("mail.outbox.text")}</summary>
                <pre className="mt-2 overflow-x-auto rounded bg-gray-100 p-3 font-sans text-sm whitespace-pre-wrap">
                  <TextWithLinks text={mail.text} />
                </pre>
              </details>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
