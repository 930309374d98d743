import { Link, useFetcher, useLocation } from "@remix-run/react";
import { Bell, BellRing } from "lucide-react";
import { t } from "~/i18n";
import type { FollowResult } from "~/routes/meldingen.$id.volgen";
import { useHydrated } from "~/utils/use-hydrated";

/**
 * "Volgen" as a toggle button (aria-pressed). With JavaScript a fetcher posts in place and the
 * button changes at once (optimistic); without it, a plain form post that redirects back here
 * with a confirmation. `loggedIn={false}` shows a link to log in instead.
 */
export function FollowButton({
  issueId,
  following,
  loggedIn = true,
}: {
  issueId: number;
  following: boolean;
  loggedIn?: boolean;
}) {
  const fetcher = useFetcher<FollowResult>({ key: `follow-${issueId}` });
  const location = useLocation();
  const hydrated = useHydrated();
  const here = `${location.pathname}${location.search}`;

  if (!loggedIn) {
    return (
      <Link to={`/inloggen?redirectTo=${encodeURIComponent(here)}`} className="btn-secondary">
        <Bell aria-hidden="true" className="h-4 w-4" />
        {t("notifications.follow.loginToFollow")}
      </Link>
    );
  }

  let shownFollowing = following;
  const pending = fetcher.formData?.get("intent");
  if (pending === "follow" || pending === "unfollow") shownFollowing = pending === "follow";
  else if (fetcher.data && "following" in fetcher.data) shownFollowing = fetcher.data.following;
  const error = fetcher.data && "error" in fetcher.data ? fetcher.data.error : null;
  const Icon = shownFollowing ? BellRing : Bell;

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <fetcher.Form method="post" action={`/meldingen/${issueId}/volgen`}>
        {hydrated ? null : <input type="hidden" name="redirectTo" value={here} />}
        <input type="hidden" name="intent" value={shownFollowing ? "unfollow" : "follow"} />
        <button
          type="submit"
          aria-pressed={shownFollowing}
          aria-describedby={`follow-${issueId}-state`}
          className={
            shownFollowing ? "btn border-2 border-primary-700 bg-primary-50 text-primary-900" : "btn-secondary"
          }
        >
          <Icon aria-hidden="true" className={`h-4 w-4 ${shownFollowing ? "fill-current" : ""}`} />
          {t("notifications.follow.button")}
        </button>
      </fetcher.Form>
      <p id={`follow-${issueId}-state`} aria-live="polite" className="text-sm text-gray-700">
        {shownFollowing
          ? t("notifications.follow.followingState")
          : // Right after stopping, say so (the pressed look alone is easy to miss).
            fetcher.data && "following" in fetcher.data && !pending
            ? t("notifications.follow.unfollowed")
            : null}
      </p>
      {error ? (
        <p role="alert" className="text-sm font-semibold text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
