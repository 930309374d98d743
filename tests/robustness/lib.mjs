// Shared helpers of the robustness suite (scripts/test-robustness.mjs): a real server process
// on its own port and database, raw HTTP requests (so malformed bodies reach the server as they
// are), sessions written straight into the database, and a tally of passed/failed checks.
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { copyFileSync, createWriteStream, existsSync, rmSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SESSION_SECRET = "robustness-session-secret-not-for-production-0123";

// ---------------------------------------------------------------------------------------------
// Results

const results = [];

/** Runs one named check; a thrown error (or failed assertion) counts as a failure. */
export async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false, error });
    console.log(
      `  ✗ ${name}\n      ${String(error?.stack ?? error)
        .split("\n")
        .slice(0, 6)
        .join("\n      ")}`,
    );
  }
}

export function summary() {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  return { passed, failed, failures: results.filter((r) => !r.ok).map((r) => r.name) };
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export function assertEqual(actual, expected, message) {
  if (actual !== expected)
    throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness (mulberry32): the same seed gives the same requests.

export function prng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    bytes: (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(next() * 256))),
  };
}

// ---------------------------------------------------------------------------------------------
// Databases

/** Copies a database file (no WAL: the app's SQLite runs in rollback-journal mode). */
export function copyDatabase(from, to) {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(to + suffix, { force: true });
  copyFileSync(from, to);
}

export function openDatabase(file, options = {}) {
  const db = new Database(file, options);
  db.pragma("busy_timeout = 10000");
  return db;
}

/** A session row for a user, as app/utils/auth.server.ts writes it; returns the Cookie header. */
export function createSessionCookie(db, userId) {
  // 20 random bytes in lower-case base32 without padding, like generateSessionToken().
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let token = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      token += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  const id = createHash("sha256").update(token).digest("hex");
  const expiresAt = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().replace("Z", "+00:00");
  const createdAt = new Date().toISOString().replace("Z", "+00:00");
  db.prepare(`INSERT INTO "Session" ("id", "userId", "expiresAt", "createdAt") VALUES (?, ?, ?, ?)`).run(
    id,
    userId,
    expiresAt,
    createdAt,
  );
  return { cookie: `bb_session=${token}`, sessionId: id };
}

/** A new resident (fictional name), written like the app's factories do. */
export function createResident(db, index) {
  const id = `robust${Date.now().toString(36)}${index.toString(36)}${randomBytes(4).toString("hex")}`;
  const now = new Date().toISOString().replace("Z", "+00:00");
  db.prepare(
    `INSERT INTO "User" ("id", "name", "email", "emailVerifiedAt", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(id, `Testbewoner ${index} Vossenakker`, `robust-${id}@buurtbestuurt.test`, now, now, now);
  db.prepare(`INSERT INTO "UserRole" ("userId", "role", "createdAt") VALUES (?, 'resident', ?)`).run(id, now);
  return id;
}

// ---------------------------------------------------------------------------------------------
// The server

export function serverEnv({ dir, port, databaseFile, extra = {} }) {
  return {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: `file:${databaseFile}`,
    UPLOAD_DIR: path.join(dir, "uploads"),
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    SESSION_SECRET,
    // A closed local port: nothing leaves the machine; the CSP still names it in img-src.
    TILE_URL: "http://127.0.0.1:9/{z}/{x}/{y}.png",
    DEMO_DATA: "true",
    SMTP_URL: "",
    BUILD_DIR: process.env.BUILD_DIR,
    // X-Forwarded-For from the test (on loopback) is trusted, so requests can come from many
    // addresses (per-address rate limits) and X-Forwarded-Proto: https can be tested.
    TRUST_PROXY: "loopback",
    API_RATE_LIMIT_PER_MINUTE: "1000000",
    LOG_LEVEL: "info",
    JOB_POLL_MS: "500",
    ...extra,
  };
}

/**
 * Starts `node server.mjs` and waits for /healthz to answer 200 (or anything, when
 * `requireHealthy` is false). stdout lines are kept (JSON logs) and also
 * written to `<dir>/server-<port>.log` for a look after a failure.
 */
export async function startServer({ dir, port, databaseFile, extra, requireHealthy = true }) {
  const env = serverEnv({ dir, port, databaseFile, extra });
  const child = spawn(process.execPath, ["server.mjs"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const logFile = createWriteStream(path.join(dir, `server-${port}.log`), { flags: "a" });
  const lines = [];
  let buffered = "";
  child.stdout.on("data", (chunk) => {
    logFile.write(chunk);
    buffered += chunk.toString();
    const parts = buffered.split("\n");
    buffered = parts.pop();
    lines.push(...parts);
    // Only the recent past matters to the checks; do not hold a fuzz run's worth of lines.
    if (lines.length > 50_000) lines.splice(0, lines.length - 20_000);
  });
  const errors = [];
  child.stderr.on("data", (chunk) => {
    logFile.write(chunk);
    errors.push(chunk.toString());
  });
  let exited = false;
  const exit = new Promise((resolve) =>
    child.on("exit", (code, signal) => {
      exited = true;
      resolve({ code, signal });
    }),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`server on ${port} exited during start:\n${errors.join("")}`);
    try {
      const response = await request(port, { path: "/healthz" });
      if (response.status === 200 || !requireHealthy) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server on ${port} did not become healthy:\n${errors.join("")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    port,
    child,
    lines,
    errors,
    exit,
    get exited() {
      return exited;
    },
    async stop(signal = "SIGTERM") {
      if (!exited) child.kill(signal);
      const result = await exit;
      logFile.end();
      return result;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/**
 * One raw HTTP request. `body` is sent as given (Buffer or string), with the headers given and
 * nothing else, so broken content types and bodies reach the server unchanged. `reused` says
 * whether it went over a keep-alive connection an earlier request had used.
 */
export function request(
  port,
  {
    method = "GET",
    path: target = "/",
    headers = {},
    body,
    timeoutMs = 30_000,
    fresh = false,
    agent: ownAgent = agent,
  } = {},
) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      // Large response headers are allowed: e.g. a login redirect carries the whole long URL back.
      {
        host: "127.0.0.1",
        port,
        method,
        path: target,
        headers,
        // fresh: a new connection, never one the server may be closing.
        agent: fresh ? false : ownAgent,
        timeout: timeoutMs,
        maxHeaderSize: 1 << 20,
      },
      (res) => {
        const chunks = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            body: Buffer.concat(chunks),
            reused: req.reusedSocket,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${method} ${target}`)));
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export function formBody(fields) {
  const params = new URLSearchParams();
  for (const [name, value] of fields) params.append(name, value);
  return params.toString();
}

/** A multipart/form-data body; `files` are [name, filename, contentType, Buffer]. */
export function multipartBody(fields, files = [], boundary = `----robust${randomBytes(8).toString("hex")}`) {
  const parts = [];
  for (const [name, value] of fields) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`));
    parts.push(Buffer.isBuffer(value) ? value : Buffer.from(String(value)));
    parts.push(Buffer.from("\r\n"));
  }
  for (const [name, filename, type, data] of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
    );
    parts.push(data, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function exists(file) {
  return existsSync(file);
}
