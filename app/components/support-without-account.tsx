import { Link, useFetcher, useLocation, useSearchParams } from "@remix-run/react";
import { ThumbsUp } from "lucide-react";
import { t } from "~/i18n";
import { useHydrated } from "~/utils/use-hydrated";
import { HoneypotField } from "./form-parts";

/** The search parameter that carries a problem back to a page without JavaScript. */
export const SUPPORT_ERROR_PARAM = "steunfout";

export type SupportProblem = "email" | "emailRequired" | "tooMany" | "other";

export function supportProblemText(problem: string | null): string | null {
  switch (problem) {
    case null:
      return null;
    case "email":
      return t("confirm.validation.emailInvalid");
    case "emailRequired":
      return t("confirm.validation.emailRequired");
    case "tooMany":
      return t("confirm.support.tooMany");
    default:
      return t("common.errors.genericText");
  }
}

/**
 * "Steun (12)" for visitors without an account: it opens a small form for an email address,
 * and the support counts once the link in the mail is used. A <details> element, so it also
 * opens without JavaScript; with JavaScript the post goes through a fetcher.
 */
export function SupportWithoutAccount({ issueId, count }: { issueId: number; count: number }) {
  const fetcher = useFetcher<{ error?: string }>({ key: `support-email-${issueId}` });
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const hydrated = useHydrated();
  const here = `${location.pathname}${location.search}`;
  const error = fetcher.data?.error ?? supportProblemText(searchParams.get(SUPPORT_ERROR_PARAM));
  const errorId = `support-email-${issueId}-error`;

  return (
    <details id="steunen" className="group w-full max-w-md" open={error ? true : undefined}>
      <summary className="btn-secondary w-fit cursor-pointer list-none px-4 [&::-webkit-details-marker]:hidden">
        <ThumbsUp aria-hidden="true" className="h-4 w-4" />
        {t("issue.support.button", { count })}
      </summary>
      <div className="card mt-2 space-y-3 p-4">
        <h3 className="font-bold">{t("confirm.support.summary")}</h3>
        <p>{t("confirm.support.intro")}</p>
        <fetcher.Form method="post" action={`/meldingen/${issueId}/steun`} className="relative space-y-3">
          {hydrated ? null : <input type="hidden" name="redirectTo" value={here} />}
          <input type="hidden" name="intent" value="support_by_email" />
          <HoneypotField id={`support-${issueId}-website`} />
          <div className="space-y-1">
            <label htmlFor={`support-email-${issueId}`} className="block font-semibold">
              {t("confirm.support.email")}
            </label>
            {error ? (
              <p id={errorId} role="alert" className="font-semibold text-red-700">
                {error}
              </p>
            ) : null}
            <input
              id={`support-email-${issueId}`}
              name="email"
              type="email"
              required
              autoComplete="email"
              className="input"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
            />
          </div>
          <button type="submit" className="btn-primary" disabled={fetcher.state !== "idle"}>
            {t("confirm.support.submit")}
          </button>
        </fetcher.Form>
        <p className="text-sm">
          {t("confirm.support.orLogin")}{" "}
          <Link to={`/inloggen?redirectTo=${encodeURIComponent(here)}`}>{t("confirm.support.login")}</Link>
        </p>
      </div>
    </details>
  );
}
