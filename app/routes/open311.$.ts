import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleOpen311 } from "~/utils/open311.server";

/**
 * Open311 GeoReport v2 (see app/utils/open311.server.ts): /open311/discovery.{json,xml} and
 * /open311/v2/{services,requests,tokens}[/{id}].{json,xml}, GET and POST requests.
 */
export function loader({ request, params }: LoaderFunctionArgs) {
  return handleOpen311(params["*"] ?? "", request);
}

export function action({ request, params }: ActionFunctionArgs) {
  return handleOpen311(params["*"] ?? "", request);
}
