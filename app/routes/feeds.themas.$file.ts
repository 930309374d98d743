import type { LoaderFunctionArgs } from "@remix-run/node";
import { themeFeed } from "~/utils/feeds.server";

/** GET /feeds/themas/{code}.xml: RSS 2.0 of the 50 newest public issues of one theme. */
export function loader({ request, context, params }: LoaderFunctionArgs) {
  return themeFeed(request, context, params.file);
}
