#!/usr/bin/env node
// The server Playwright starts (playwright.config.ts webServer): a fresh SQLite database in
// tests/.tmp/e2e.db with migrations and demo data, a production build, and server.mjs on
// 127.0.0.1:3100. Map tiles point at a closed local port so no test reaches the internet; mail
// goes to the test SMTP server on 127.0.0.1:3125 (tests/e2e/global-setup.ts), and the job
// worker polls every 200 ms so tests see mail quickly.
// SKIP_BUILD=1 reuses ./build (when you just built it yourself).
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// E2E_LANE=n: own port, database, mail port and build directory (tests/e2e/lane.ts).
const lane = Number(process.env.E2E_LANE ?? 0) || 0;
const tmp = lane ? path.join(root, "tests", ".tmp", `lane-${lane}`) : path.join(root, "tests", ".tmp");
const databaseFile = path.join(tmp, "e2e.db");
// The database as seeded, before the server writes: the Open311 client test's second instance
// starts from a copy instead of migrating and seeding its own (tests/e2e/second-instance.ts).
const seededFile = path.join(tmp, "e2e-seeded.db");
const uploadDir = path.join(tmp, "e2e-uploads");
const PORT = String(3100 + lane * 10);
const BUILD_DIR = lane ? `build-lane-${lane}` : "build";

for (const file of [databaseFile, seededFile]) {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
}
rmSync(uploadDir, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
mkdirSync(uploadDir, { recursive: true });

const env = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: `file:${databaseFile}`,
  UPLOAD_DIR: uploadDir,
  PORT,
  HOST: "127.0.0.1",
  PUBLIC_URL: `http://127.0.0.1:${PORT}`,
  SESSION_SECRET: "e2e-session-secret-not-for-production-0123456789",
  TILE_URL: "http://127.0.0.1:9/{z}/{x}/{y}.png",
  DEMO_DATA: "true",
  SMTP_URL: `smtp://127.0.0.1:${3125 + lane * 10}`,
  BUILD_DIR,
  JOB_POLL_MS: "200",
  // The Open311 client reads the status of sent issues back every 2 s (open311-client.spec.ts).
  OPEN311_POLL_SECONDS: "2",
};

const bin = (name) => path.join(root, "node_modules", ".bin", name);
const run = (command, args) => execFileSync(command, args, { cwd: root, env, stdio: "inherit" });

run(bin("prisma"), ["migrate", "deploy"]);
run(bin("tsx"), ["prisma/seed.ts"]);
// The seed has closed the database, which folds the WAL into the file; copied too if it did not.
for (const suffix of ["", "-wal"]) {
  if (existsSync(databaseFile + suffix)) copyFileSync(databaseFile + suffix, seededFile + suffix);
}
if (process.env.SKIP_BUILD !== "1") run("npm", ["run", "build"]);

const server = spawn(process.execPath, ["server.mjs"], { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
