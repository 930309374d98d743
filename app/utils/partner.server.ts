import { canSeePartnerArea } from "~/domain/permissions";
import { requireUser } from "./auth.server";

/** Partner pages: partner members and admins; others get 403 (logged out: login first). */
export async function requirePartner(request: Request) {
  const user = await requireUser(request);
  if (!canSeePartnerArea(user)) throw new Response("Geen toegang", { status: 403 });
  return user;
}
