/**
 * The real production server for the HTTP parts: one `remix vite:build` into bench/.tmp/build
 * per run (the code as it is now), then `node server.mjs` per database on a port of its own,
 * with the environment scripts/e2e-server.mjs uses. Plus a tile stub, so pages that show a map
 * never reach the internet (TILE_URL points at it), and a keep-alive HTTP client.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import sharp from "sharp";
import { BENCH_SESSION_SECRET, ROOT, TMP_DIR, bin, log, sleep } from "./common";

export const BUILD_DIR = path.join(TMP_DIR, "build");
let built = false;

/** Production build of the app as it is now (BENCH_SKIP_BUILD=1 reuses bench/.tmp/build). */
export function ensureBuild() {
  if (built) return;
  built = true;
  if (process.env.BENCH_SKIP_BUILD === "1") {
    log("BENCH_SKIP_BUILD=1: reusing bench/.tmp/build");
    return;
  }
  log("production build into bench/.tmp/build (remix vite:build)");
  const start = performance.now();
  execFileSync(bin("remix"), ["vite:build"], {
    cwd: ROOT,
    env: { ...process.env, BUILD_DIR, NODE_ENV: "production" },
    stdio: "pipe",
  });
  log(`built in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}

export const TILE_PORT = 3339;
let tileServer: http.Server | undefined;

export async function startTileStub() {
  if (tileServer) return;
  // One plain 256x256 tile for every z/x/y: the size a real tile has, so image audits see
  // what they would see with the real basemap (less the detail).
  const tile = await sharp({ create: { width: 256, height: 256, channels: 3, background: "#e8e4dc" } })
    .png()
    .toBuffer();
  tileServer = http.createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "image/png", "Cache-Control": "public, max-age=86400" });
    response.end(tile);
  });
  await new Promise<void>((resolve) => tileServer!.listen(TILE_PORT, "127.0.0.1", resolve));
}

export async function stopTileStub() {
  const server = tileServer;
  tileServer = undefined;
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
}

export type AppServer = { url: string; port: number; child: ChildProcess; stop: () => Promise<void> };

/**
 * `node server.mjs` on 127.0.0.1:port with the given SQLite file. Resolves once /healthz answers.
 * The API rate limit is raised through its own setting (API_RATE_LIMIT_PER_MINUTE) rather than
 * switched off: every request still writes its counter, as in production.
 */
export async function startServer(options: { database: string; port: number; env?: Record<string, string> }) {
  ensureBuild();
  await startTileStub();
  const uploadDir = path.join(TMP_DIR, "uploads");
  mkdirSync(uploadDir, { recursive: true });
  const url = `http://127.0.0.1:${options.port}`;
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (Node
  // refuses --cpu-prof in NODE_OPTIONS).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "server.mjs"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: `file:${options.database}`,
      UPLOAD_DIR: uploadDir,
      PORT: String(options.port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      SESSION_SECRET: BENCH_SESSION_SECRET,
      TILE_URL: `http://127.0.0.1:${TILE_PORT}/{z}/{x}/{y}.png`,
      DEMO_DATA: "false",
      SMTP_URL: "",
      BUILD_DIR,
      API_RATE_LIMIT_PER_MINUTE: "100000000",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server.mjs on port ${options.port} exited:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server.mjs on port ${options.port} did not answer /healthz within 60 s:\n${output}`);
    }
    await sleep(200);
  }
  return { url, port: options.port, child, stop, output: () => output } satisfies AppServer & { output: () => string };
}

/** One keep-alive connection's worth of GETs: time to the last byte of the body. */
export function createClient(base: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (pathname: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: Buffer; headers: http.IncomingHttpHeaders; ms: number }>((resolve, reject) => {
      const start = performance.now();
      const request = http.get(`${base}${pathname}`, { agent, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks),
            headers: response.headers,
            ms: performance.now() - start,
          }),
        );
        response.on("error", reject);
      });
      request.on("error", reject);
    });
  return { get, close: () => agent.destroy() };
}
