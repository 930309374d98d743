/**
 * E2E_LANE=n gives a Playwright run its own ports, database, mail folder and build directory,
 * so several runs on one machine (developers, parallel sessions) never share state. Lane 0 (the
 * default) is what `npm test` uses: 127.0.0.1:3100, SMTP 3125, tests/.tmp, ./build.
 * scripts/e2e-server.mjs computes the same values.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

export const LANE = Number(process.env.E2E_LANE ?? 0) || 0;
export const E2E_PORT = 3100 + LANE * 10;
export const E2E_SMTP_PORT = 3125 + LANE * 10;
/** A second instance of the app for the Open311 client test. */
export const E2E_REMOTE_PORT = 3101 + LANE * 10;
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
const tmpRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", ".tmp");
export const E2E_TMP = LANE ? path.join(tmpRoot, `lane-${LANE}`) : tmpRoot;
export const E2E_DATABASE = path.join(E2E_TMP, "e2e.db");
