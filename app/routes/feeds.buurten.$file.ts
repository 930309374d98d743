import type { LoaderFunctionArgs } from "@remix-run/node";
import { buurtFeed } from "~/utils/feeds.server";

/** GET /feeds/buurten/{code}.xml: RSS 2.0 of the 50 newest public issues in one buurt. */
export function loader({ request, context, params }: LoaderFunctionArgs) {
  return buurtFeed(request, context, params.file);
}
