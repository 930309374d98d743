import type { LoaderFunctionArgs } from "@remix-run/node";
import { allIssuesFeed } from "~/utils/feeds.server";

/** GET /feeds/meldingen.xml: RSS 2.0 of the 50 newest public issues in Blerick. */
export function loader({ request, context }: LoaderFunctionArgs) {
  return allIssuesFeed(request, context);
}
