import type { LoaderFunctionArgs } from "@remix-run/node";
import { localDate } from "~/domain/working-days";
import { requireUser } from "~/utils/auth.server";
import { exportUserData } from "~/utils/privacy.server";

/**
 * GET /account/export.json: everything stored about the logged-in person, as a download
 * (AVG right of access and data portability). Only ever about the session's own user.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const body = JSON.stringify(await exportUserData(user.id, now), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="buurt-bestuurt-mijn-gegevens-${localDate(now)}.json"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
