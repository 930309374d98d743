/**
 * zod 4 compiles object parsers with `new Function` when it may, and finds out by probing with a
 * caught `new Function("")`. Our Content-Security-Policy forbids eval, so in the browser the probe
 * fails (harmlessly) but is reported as a CSP violation on every page. `jitless` skips the probe;
 * zod then parses the same way, only without compiling. The server (no CSP) keeps compiling.
 *
 * Set through zod's shared global config object (zod 4 creates `globalThis.__zod_globalConfig`
 * only when it is missing and reads `jitless` from it), so the home page does not load zod just
 * for this. Imported first by app/root.tsx: the probe runs once, at the first parse, so this must
 * happen before any module parses. tests/e2e/csp.spec.ts fails if a zod update breaks it.
 */
if (typeof document !== "undefined") {
  const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
  // In place: a zod that is already loaded keeps a reference to this very object.
  (holder.__zod_globalConfig ??= {}).jitless = true;
}

export {};
