import { Form } from "@remix-run/react";
import type { ExternalRequestStatus } from "~/domain/open311-client";
import { t } from "~/i18n";
import { formatDateTime } from "~/utils/format";

export type ExternalSend = {
  id: string;
  status: string;
  organisation: { name: string };
  externalId: string | null;
  token: string | null;
  externalStatus: string | null;
  externalStatusNotes: string | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | string | null;
  sentAt: Date | string | null;
  lastPolledAt: Date | string | null;
  canRetry: boolean;
};

const TONE: Record<ExternalRequestStatus, string> = {
  wachtrij: "bg-gray-100 text-gray-900",
  bezig: "bg-gray-100 text-gray-900",
  verzonden: "bg-green-100 text-green-900",
  mislukt: "bg-red-100 text-red-900",
  overgeslagen: "bg-amber-100 text-amber-900",
  onbekend: "bg-amber-100 text-amber-900",
};

function isKnownStatus(status: string): status is ExternalRequestStatus {
  return Object.hasOwn(TONE, status);
}

/** Partner page: whether the issue reached each organisation's own meldingensysteem. */
export function ExternalSendPanel({ requests }: { requests: ExternalSend[] }) {
  return (
    <section id="extern" aria-labelledby="extern-title" className="card p-5">
      <h2 id="extern-title" className="text-xl font-bold">
        {t("open311Client.partner.title")}
      </h2>
      <p className="mt-1 text-gray-700">{t("open311Client.partner.intro")}</p>
      <ul className="mt-3 space-y-4">
        {requests.map((request) => {
          const status = isKnownStatus(request.status) ? request.status : "wachtrij";
          const failed = status === "mislukt" || status === "overgeslagen" || status === "onbekend";
          return (
            <li key={request.id} className="space-y-1 text-sm" data-testid="external-send">
              <p className="font-semibold">
                {t("open311Client.partner.organisation", { organisation: request.organisation.name })}
              </p>
              <p>
                <span className={`inline-block rounded px-2 py-0.5 font-semibold ${TONE[status]}`}>
                  {t(`open311Client.partner.status.${status}`)}
                </span>
              </p>
              {request.externalId ? <p>{t("open311Client.partner.externalId", { id: request.externalId })}</p> : null}
              {!request.externalId && request.token ? (
                <p>{t("open311Client.partner.token", { token: request.token })}</p>
              ) : null}
              {request.sentAt ? (
                <p>{t("open311Client.partner.sentAt", { date: formatDateTime(request.sentAt) })}</p>
              ) : null}
              {request.externalStatus ? (
                <p>
                  {t("open311Client.partner.externalStatus", {
                    status:
                      request.externalStatus === "closed"
                        ? t("open311Client.partner.externalClosed")
                        : t("open311Client.partner.externalOpen"),
                  })}
                </p>
              ) : null}
              {request.externalStatusNotes ? (
                <p>{t("open311Client.partner.externalNotes", { notes: request.externalStatusNotes })}</p>
              ) : null}
              {request.lastPolledAt ? (
                <p className="text-gray-700">
                  {t("open311Client.partner.lastPolled", { date: formatDateTime(request.lastPolledAt) })}
                </p>
              ) : null}
              {request.lastError && failed ? (
                <p className="text-red-800">{t("open311Client.partner.lastError", { error: request.lastError })}</p>
              ) : null}
              {request.lastError && status === "verzonden" ? (
                <p className="text-gray-700">{request.lastError}</p>
              ) : null}
              {request.attempts > 0 && status !== "verzonden" ? (
                <p className="text-gray-700">{t("open311Client.partner.attempts", { count: request.attempts })}</p>
              ) : null}
              {status === "mislukt" ? (
                <p className="text-gray-700">
                  {request.nextAttemptAt
                    ? t("open311Client.partner.nextAttempt", { date: formatDateTime(request.nextAttemptAt) })
                    : t("open311Client.partner.noMoreAttempts")}
                </p>
              ) : null}
              {failed && request.canRetry ? (
                <Form method="post" className="pt-1">
                  <input type="hidden" name="intent" value="external-retry" />
                  <input type="hidden" name="externalRequestId" value={request.id} />
                  <button type="submit" className="btn-secondary">
                    {t("open311Client.partner.retry")}
                    <span className="sr-only">
                      {" "}
                      {t("open311Client.partner.retryFor", { organisation: request.organisation.name })}
                    </span>
                  </button>
                </Form>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
