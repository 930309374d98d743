/**
 * `npm run bench`: the performance benchmarks of issue 8 (see bench/README.md).
 *
 *   npm run bench                    every part
 *   npm run bench -- map pages       some parts (map, pages, supports, dashboard, frontend)
 *
 * Prints one table per part and a PASS/FAIL line per target, writes bench/results/<date>.json
 * (a run of some parts replaces only their sections of that day's file) and exits with 1 when
 * a target fails. Only ratios and limits that hold on other machines are checked; the machine
 * and its load average are printed and saved with the numbers.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { RESULTS_DIR, ROOT, TMP_DIR, loadAverage, localDate, log, machineInfo, round, type Target } from "./lib/common";
import { stopTileStub } from "./lib/server";

type PartResult = { results: unknown; targets: Target[]; report: string };
const PARTS: Record<string, () => Promise<PartResult>> = {
  map: async () => {
    const { runMap, DEFAULT_SIZES } = await import("./map");
    const sizes = process.env.BENCH_MAP_SIZES?.split(",").map(Number) ?? DEFAULT_SIZES;
    if (sizes.some((n) => !Number.isSafeInteger(n) || n < 1))
      throw new Error("BENCH_MAP_SIZES: a comma-separated list of positive integers");
    return runMap(sizes);
  },
  pages: async () => (await import("./pages")).runPages(),
  supports: async () => (await import("./supports")).runSupports(),
  dashboard: async () => (await import("./dashboard")).runDashboard(),
  frontend: async () => (await import("./frontend")).runFrontend(),
};

async function main() {
  const asked = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
  const unknown = asked.filter((name) => !(name in PARTS));
  if (unknown.length > 0) {
    console.error(`Unknown part(s): ${unknown.join(", ")}. Parts: ${Object.keys(PARTS).join(", ")}.`);
    process.exitCode = 2;
    return;
  }
  const names = asked.length > 0 ? Object.keys(PARTS).filter((name) => asked.includes(name)) : Object.keys(PARTS);
  mkdirSync(TMP_DIR, { recursive: true });
  mkdirSync(RESULTS_DIR, { recursive: true });

  const machine = machineInfo();
  const started = performance.now();
  const loads: Record<string, { before: number; after: number }> = {};
  const sections: Record<string, unknown> = {};
  const targets: Target[] = [];
  const seconds: Record<string, number> = {};
  console.log(
    `Machine: ${machine.cpus} x ${machine.cpu}, ${machine.memoryGb} GB, Node ${machine.node}, ${machine.platform}`,
  );
  console.log(`Load average (1 min) at start: ${loadAverage()}`);
  for (const name of names) {
    const partStart = performance.now();
    const before = loadAverage();
    log(`--- ${name} (load average ${before})`);
    try {
      const result = await PARTS[name]();
      sections[name] = result.results;
      targets.push(...result.targets);
      console.log("");
      console.log(result.report);
    } catch (error) {
      // One broken part must not hide the others' numbers: it counts as a failed target.
      console.error(error);
      const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
      sections[name] = { error: message };
      targets.push({ part: name, name: "part ran to the end", pass: false, detail: message });
    }
    loads[name] = { before, after: loadAverage() };
    seconds[name] = round((performance.now() - partStart) / 1000, 1);
  }
  await stopTileStub();

  console.log("");
  console.log("Targets");
  for (const target of targets)
    console.log(`  ${target.pass ? "PASS" : "FAIL"}  [${target.part}] ${target.name}: ${target.detail}`);
  const busy = Object.entries(loads).filter(([, load]) => Math.max(load.before, load.after) > machine.cpus);
  console.log("");
  console.log(
    `Load average (1 min) per part: ${Object.entries(loads)
      .map(([name, l]) => `${name} ${l.before}→${l.after}`)
      .join(", ")}`,
  );
  if (busy.length > 0) {
    console.log(
      `WARNING: the load average was above the number of CPUs (${machine.cpus}) during ${busy.map(([name]) => name).join(", ")}: ` +
        "other processes competed for the CPU, so times and rates are noisier (and rates lower) than on an idle machine.",
    );
  }

  const now = new Date();
  const file = path.join(RESULTS_DIR, `${localDate(now)}.json`);
  // A run of some parts keeps the other parts of that day's file.
  const previous = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as { parts?: Record<string, unknown> })
    : {};
  const parts = { ...(previous.parts ?? {}) } as Record<string, unknown>;
  for (const name of names) {
    parts[name] = {
      date: now.toISOString(),
      loadAverage1m: loads[name],
      seconds: seconds[name],
      targets: targets.filter((target) => target.part === name),
      results: sections[name],
    };
  }
  const output = {
    date: now.toISOString(),
    machine,
    parts,
    pass: Object.values(parts).every((part) => (part as { targets: Target[] }).targets.every((t) => t.pass)),
  };
  writeFileSync(file, JSON.stringify(output, null, 2) + "\n");
  const total = round((performance.now() - started) / 1000, 1);
  console.log(`Wrote ${path.relative(ROOT, file)} (this run: ${names.join(", ")} in ${total} s)`);
  process.exitCode = targets.every((target) => target.pass) ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
