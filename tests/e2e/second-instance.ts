/**
 * A second instance of this app for tests of the outbound Open311 client: its own SQLite
 * database with demo data (so the Open311 key `demo-open311-key` works), the same production
 * build as the e2e server, on its own port, without mail (SMTP_URL empty).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { E2E_TMP } from "./lane";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const run = promisify(execFile);
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

export type SecondInstance = { url: string; start(): Promise<void>; stop(): Promise<void> };

/**
 * Prepares the database now: a copy of the e2e database as scripts/e2e-server.mjs seeded it
 * (demo data, before any test wrote), or migrated and seeded here when there is none.
 * `start` and `stop` the server when the test wants.
 */
export async function prepareSecondInstance(port: number): Promise<SecondInstance> {
  const tmp = E2E_TMP;
  const databaseFile = path.join(tmp, `e2e-remote-${port}.db`);
  const uploadDir = path.join(tmp, `e2e-remote-${port}-uploads`);
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(databaseFile + suffix, { force: true });
  rmSync(uploadDir, { recursive: true, force: true });
  mkdirSync(uploadDir, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: `file:${databaseFile}`,
    UPLOAD_DIR: uploadDir,
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: url,
    SESSION_SECRET: "e2e-remote-secret-not-for-production-0123456789",
    TILE_URL: "http://127.0.0.1:9/{z}/{x}/{y}.png",
    DEMO_DATA: "true",
    SMTP_URL: "",
    JOB_POLL_MS: "500",
  };
  const seeded = path.join(tmp, "e2e-seeded.db");
  if (existsSync(seeded)) {
    for (const suffix of ["", "-wal"]) {
      if (existsSync(seeded + suffix)) copyFileSync(seeded + suffix, databaseFile + suffix);
    }
  } else {
    await run(bin("prisma"), ["migrate", "deploy"], { cwd: root, env });
    await run(bin("tsx"), ["prisma/seed.ts"], { cwd: root, env });
  }

  let server: ChildProcess | undefined;
  return {
    url,
    async start() {
      server = spawn(process.execPath, ["server.mjs"], { cwd: root, env, stdio: "ignore" });
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        if (server.exitCode !== null) throw new Error(`Second instance exited with ${server.exitCode}`);
        const healthy = await fetch(`${url}/healthz`).then(
          (response) => response.ok,
          () => false,
        );
        if (healthy) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error("Second instance did not become healthy within 30 s");
    },
    async stop() {
      if (!server || server.exitCode !== null) return;
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    },
  };
}
