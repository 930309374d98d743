import { spawn } from "node:child_process";
/**
 * Small helpers shared by the benchmark parts (bench/run.ts): paths, statistics, tables,
 * machine information and the shape of a target.
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const TMP_DIR = path.join(ROOT, "bench", ".tmp");
export const RESULTS_DIR = path.join(ROOT, "bench", "results");
/** Never used outside this benchmark; set so env() does not write a .session-secret file. */
export const BENCH_SESSION_SECRET = "bench-session-secret-not-for-production-0123456789";

export const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** One PASS/FAIL line of the report. */
export type Target = { part: string; name: string; pass: boolean; detail: string };

/** Deterministic PRNG (same data on every build of a database). */
export function mulberry32(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

export function table(headers: string[], rows: (string | number)[][]) {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  return [line(cells[0]), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export function localDate(date: Date) {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpu: cpus[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

export const loadAverage = () => round(os.loadavg()[0], 2);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `script` (a bench module) in its own Node process on a database file and returns the
 * JSON of its last stdout line: the app's `db` and `env()` are process singletons, so each
 * database needs a process of its own.
 */
export function runJsonWorker<T>(
  script: string,
  args: string[],
  databaseFile: string,
  name: string,
  nodeFlags: string[] = [],
) {
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", script, ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: `file:${databaseFile}`,
        SESSION_SECRET: BENCH_SESSION_SECRET,
        NODE_ENV: "production",
        DEMO_DATA: "false",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`${name} exited with code ${code}`));
      try {
        resolve(JSON.parse(out.trim().split("\n").pop() ?? "") as T);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
