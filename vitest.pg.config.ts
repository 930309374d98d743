import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// `npm run test:pg` (scripts/test-pg.mjs): the database-backed tests against PostgreSQL. The
// setup files switch to PostgreSQL when TEST_PG_URL is set; pure unit tests (app/**) do not
// touch the database and run once, in the default SQLite run. (Not mergeConfig: it would
// concatenate the include lists.)
export default defineConfig({
  ...base,
  test: { ...base.test, include: ["tests/integration/**/*.test.ts"] },
});
