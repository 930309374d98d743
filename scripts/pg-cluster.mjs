// A throwaway PostgreSQL 15 cluster for tests: `initdb` in a temp directory, `postgres` on a
// free local port, trust auth over TCP on 127.0.0.1 only, removed again by stop().
//
//   import { startCluster, stopCluster, createDatabase } from "./pg-cluster.mjs";
//   const cluster = await startCluster();          // { url, port, dataDir, ... }
//   const url = await createDatabase(cluster, "app");
//   ...
//   await stopCluster(cluster);
//
// PostgreSQL refuses to run as root: as root the cluster runs as the `postgres` system user
// (created when missing) through `runuser`, and the temp directory is owned by it.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const BIN_DIRS = [process.env.PG_BIN_DIR, "/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin"].filter(Boolean);

function pgBinary(name) {
  for (const dir of BIN_DIRS) {
    const file = path.join(dir, name);
    if (existsSync(file)) return file;
  }
  throw new Error(`PostgreSQL's ${name} not found in ${BIN_DIRS.join(", ")} (set PG_BIN_DIR)`);
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

function ensurePostgresUser() {
  if (spawnSync("id", ["-u", "postgres"], { stdio: "ignore" }).status === 0) return;
  execFileSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], {
    stdio: "inherit",
  });
}

/** [command, args] that run a PostgreSQL binary as a user it accepts. */
function asClusterUser(binary, args) {
  return isRoot() ? ["runuser", ["-u", "postgres", "--", binary, ...args]] : [binary, args];
}

function run(binary, args) {
  const [command, commandArgs] = asClusterUser(binary, args);
  const result = spawnSync(command, commandArgs, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${path.basename(binary)} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/** A port the kernel just handed out, so nothing else is listening on it. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url, child, logFile, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`postgres exited with code ${child.exitCode}; see ${logFile}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      return;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new Error(`postgres did not accept connections within ${timeoutMs} ms: ${lastError?.message}`);
}

/**
 * Starts a fresh cluster. Options: `port` (default: a free one), `user` (the superuser role,
 * default "postgres"). Returns the handle stopCluster() needs; `url` points at database "postgres".
 */
export async function startCluster({ port, user = "postgres" } = {}) {
  const initdb = pgBinary("initdb");
  const postgres = pgBinary("postgres");
  if (isRoot()) ensurePostgresUser();

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "buurt-pg-"));
  const cluster = { dataDir, port: 0, user, url: "", child: null, logFile: path.join(dataDir, "postgres.log") };
  try {
    if (isRoot()) {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
      chownSync(dataDir, uid, gid);
    }
    const pgData = path.join(dataDir, "data");
    // C collation and UTF-8: byte-order sorting like SQLite's default, the same on every machine.
    run(initdb, ["-D", pgData, "-U", user, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);

    cluster.port = port ?? (await freePort());
    cluster.url = `postgresql://${user}@127.0.0.1:${cluster.port}/postgres`;
    const args = [
      "-D",
      pgData,
      "-p",
      String(cluster.port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=${dataDir}`,
      // A test cluster: durability buys nothing and costs a lot on a shared disk.
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
      "-c",
      "max_connections=200",
    ];
    const [command, commandArgs] = asClusterUser(postgres, args);
    const log = openSync(cluster.logFile, "a");
    cluster.child = spawn(command, commandArgs, { stdio: ["ignore", log, log] });
    await waitUntilReady(cluster.url, cluster.child, cluster.logFile);
    return cluster;
  } catch (error) {
    await stopCluster(cluster);
    throw error;
  }
}

/** A URL for database `name` on the cluster (same role, same host). */
export function databaseUrl(cluster, name) {
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates database `name` (optionally from a template) and returns its URL. */
export async function createDatabase(cluster, name, { template } = {}) {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    const quote = (identifier) => `"${identifier.replaceAll('"', '""')}"`;
    await client.query(`CREATE DATABASE ${quote(name)}${template ? ` TEMPLATE ${quote(template)}` : ""}`);
  } finally {
    await client.end();
  }
  return databaseUrl(cluster, name);
}

/** Stops the server (fast shutdown, then kill) and removes the temp directory. Safe to call twice. */
export async function stopCluster(cluster) {
  const child = cluster?.child;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // SIGINT is PostgreSQL's "fast" shutdown: ends sessions and stops cleanly. It goes to the
    // postmaster itself, since runuser (as root) does not pass it on.
    killPostmaster(cluster, "SIGINT");
    child.kill("SIGINT");
    const timeout = new Promise((resolve) => setTimeout(() => resolve("timeout"), 10_000));
    if ((await Promise.race([exited, timeout])) === "timeout") {
      killPostmaster(cluster, "SIGKILL");
      child.kill("SIGKILL");
      await exited;
    }
  }
  if (cluster?.dataDir) rmSync(cluster.dataDir, { recursive: true, force: true });
}

/** The postmaster's own pid: as root `child` is runuser, which cannot pass on a SIGKILL. */
function postmasterPid(cluster) {
  try {
    const pid = Number(readFileSync(path.join(cluster.dataDir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function killPostmaster(cluster, signal) {
  const pid = postmasterPid(cluster);
  if (pid === null) return;
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Synchronous last-resort cleanup for process "exit" handlers (no awaiting possible there):
 * kills the server and removes its directory.
 */
export function stopClusterSync(cluster) {
  const child = cluster?.child;
  if (child && child.exitCode === null && child.signalCode === null) {
    // SIGQUIT is PostgreSQL's immediate shutdown: the postmaster takes its backends down with it.
    killPostmaster(cluster, "SIGQUIT");
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
  if (cluster?.dataDir) rmSync(cluster.dataDir, { recursive: true, force: true });
}
