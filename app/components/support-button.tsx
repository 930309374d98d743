import { Link, useFetcher, useLocation } from "@remix-run/react";
import { ThumbsUp } from "lucide-react";
import { t } from "~/i18n";
import { useHydrated } from "~/utils/use-hydrated";

type SupportResult = { supportCount: number; supported: boolean } | { error: string };

/**
 * "Steun (12)" / "Je steunt deze melding (13)". Optimistic with a fetcher; without JavaScript a
 * plain form post that redirects back. Withdrawing is a separate control, so a double click on
 * "Steun" can never undo itself. The form is aria-busy until the server has answered: the
 * optimistic text shows before the support is saved.
 */
export function SupportButton({
  issueId,
  count,
  supported,
  loggedIn,
  size = "normal",
}: {
  issueId: number;
  count: number;
  supported: boolean;
  loggedIn: boolean;
  size?: "normal" | "small";
}) {
  const fetcher = useFetcher<SupportResult>({ key: `support-${issueId}` });
  const location = useLocation();
  const hydrated = useHydrated();
  const here = `${location.pathname}${location.search}`;

  let shownSupported = supported;
  let shownCount = count;
  const pending = fetcher.formData?.get("intent");
  if (pending === "support" || pending === "withdraw") {
    shownSupported = pending === "support";
    shownCount = count + (shownSupported === supported ? 0 : shownSupported ? 1 : -1);
  } else if (fetcher.data && "supportCount" in fetcher.data) {
    shownSupported = fetcher.data.supported;
    shownCount = fetcher.data.supportCount;
  }
  const error = fetcher.data && "error" in fetcher.data ? fetcher.data.error : null;
  const padding = size === "small" ? "px-3 text-sm" : "px-4";

  if (!loggedIn) {
    return (
      <Link
        to={`/inloggen?redirectTo=${encodeURIComponent(here)}`}
        className={`btn-secondary ${padding}`}
        aria-label={t("issue.support.loginToSupportLabel", { count: shownCount })}
      >
        <ThumbsUp aria-hidden="true" className="h-4 w-4" />
        {t("issue.support.button", { count: shownCount })}
      </Link>
    );
  }

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <fetcher.Form method="post" action={`/meldingen/${issueId}/steun`} aria-busy={fetcher.state !== "idle"}>
        {hydrated ? null : <input type="hidden" name="redirectTo" value={here} />}
        {shownSupported ? (
          <>
            <input type="hidden" name="intent" value="withdraw" />
            <span className={`btn ${padding} border-2 border-green-700 bg-green-50 text-green-900`} aria-live="polite">
              <ThumbsUp aria-hidden="true" className="h-4 w-4 fill-current" />
              {t("issue.support.supported", { count: shownCount })}
            </span>
            <button type="submit" className={`btn-quiet ${padding}`}>
              {t("issue.support.withdraw")}
            </button>
          </>
        ) : (
          <>
            <input type="hidden" name="intent" value="support" />
            <button type="submit" className={`btn-secondary ${padding}`} aria-live="polite">
              <ThumbsUp aria-hidden="true" className="h-4 w-4" />
              {t("issue.support.button", { count: shownCount })}
            </button>
          </>
        )}
      </fetcher.Form>
      {error ? (
        <p role="alert" className="text-sm font-semibold text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
