import { Form, Link, useNavigation } from "@remix-run/react";
import { ALERT_FREQUENCIES } from "~/domain/alerts";
import { t } from "~/i18n";

export type AlertSubscriptionItem = { id: string; description: string; frequency: string; confirmed: boolean };

const FREQUENCY_LABELS = {
  direct: "alerts.account.frequencyDirect",
  dagelijks: "alerts.account.frequencyDagelijks",
} as const;

/** "Mijn e-mailattenties" on /account: change how often, or delete. The server checks ownership. */
export function AlertSubscriptions({ subscriptions }: { subscriptions: AlertSubscriptionItem[] }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <section id="attenties" className="card mt-6 scroll-mt-4 p-5" aria-labelledby="alerts-title">
      <h2 id="alerts-title" className="text-xl font-bold">
        {t("alerts.account.title")}
      </h2>
      {subscriptions.length === 0 ? (
        <p className="mt-1">{t("alerts.account.empty")}</p>
      ) : (
        <>
          <p className="mt-1">{t("alerts.account.intro")}</p>
          <ul className="mt-4 space-y-4">
            {subscriptions.map((subscription) => (
              <li key={subscription.id} className="rounded-md border border-gray-300 p-4">
                <p className="font-semibold">{subscription.description}</p>
                {subscription.confirmed ? null : (
                  <p className="mt-1 text-sm text-amber-900">{t("alerts.account.unconfirmed")}</p>
                )}
                <div className="mt-3 flex flex-wrap items-end gap-3">
                  <Form method="post" className="flex flex-wrap items-end gap-3">
                    <input type="hidden" name="intent" value="alert-frequency" />
                    <input type="hidden" name="subscriptionId" value={subscription.id} />
                    <div className="space-y-1">
                      <label htmlFor={`alert-frequency-${subscription.id}`} className="block text-sm font-semibold">
                        {t("alerts.account.frequency")}
                      </label>
                      <select
                        id={`alert-frequency-${subscription.id}`}
                        name="frequency"
                        defaultValue={subscription.frequency}
                        className="input"
                      >
                        {ALERT_FREQUENCIES.map((frequency) => (
                          <option key={frequency} value={frequency}>
                            {t(FREQUENCY_LABELS[frequency])}
                          </option>
                        ))}
                      </select>
                    </div>
                    <button
                      type="submit"
                      className="btn-secondary"
                      disabled={busy}
                      aria-label={t("alerts.account.saveLabel", { description: subscription.description })}
                    >
                      {t("alerts.account.save")}
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="intent" value="alert-delete" />
                    <input type="hidden" name="subscriptionId" value={subscription.id} />
                    <button
                      type="submit"
                      className="btn-quiet"
                      disabled={busy}
                      aria-label={t("alerts.account.deleteLabel", { description: subscription.description })}
                    >
                      {t("alerts.account.delete")}
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="mt-4">
        <Link to="/attenties" className="btn-secondary">
          {t("alerts.account.add")}
        </Link>
      </p>
    </section>
  );
}
