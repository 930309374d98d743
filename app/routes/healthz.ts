import { issuesVersion } from "~/utils/issues.server";
import { log, errorFields } from "~/utils/logging.server";
import { pingDatabase } from "~/utils/sql.server";

/** A load balancer waits for the answer: a database that hangs counts as down after this. */
const TIMEOUT_MS = 3_000;

/**
 * Liveness and readiness in one: 200 only after a real database round trip that reads a table
 * (`SELECT 1` alone never touches the SQLite file, so a locked or vanished file would pass).
 */
export async function loader() {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      (async () => {
        await pingDatabase();
        await issuesVersion();
      })(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    log("error", "healthz: database check failed", errorFields(error));
    return Response.json({ status: "error" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  } finally {
    clearTimeout(timer);
  }
}
