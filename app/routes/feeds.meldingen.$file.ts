import type { LoaderFunctionArgs } from "@remix-run/node";
import { issueUpdatesFeed } from "~/utils/feeds.server";

/** GET /feeds/meldingen/{id}.xml: RSS 2.0 of the public updates of one issue. */
export function loader({ request, context, params }: LoaderFunctionArgs) {
  return issueUpdatesFeed(request, context, params.file);
}
