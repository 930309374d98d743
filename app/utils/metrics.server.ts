import { db } from "./db.server";

/**
 * Process metrics in Prometheus' text format (version 0.0.4), served by server.mjs on /metrics.
 * Kept by hand instead of a client library: a few counters and one histogram. Labels have
 * few values on purpose (route groups and status classes, never paths or ids), so the
 * number of series stays small whatever clients send.
 */

export type RouteGroup = "document" | "data" | "api" | "open311" | "feed" | "upload" | "asset" | "health" | "metrics";

const STATIC_FILE = /\.(?:js|css|svg|png|jpg|jpeg|webp|ico|woff2?|txt|map|webmanifest)$/;

/** The coarse group a request path belongs to (the label of the request metrics). */
export function routeGroup(path: string): RouteGroup {
  if (path.startsWith("/assets/") || STATIC_FILE.test(path)) return "asset";
  if (path === "/healthz") return "health";
  if (path === "/metrics") return "metrics";
  if (path.startsWith("/api/") || path === "/api") return path.endsWith(".data") ? "data" : "api";
  if (path.startsWith("/open311/")) return "open311";
  if (path.startsWith("/feeds/")) return "feed";
  if (path.startsWith("/uploads/")) return "upload";
  if (path.endsWith(".data")) return "data";
  return "document";
}

// Seconds, as Prometheus conventions want; dense below 250 ms where most requests land.
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Histogram = { counts: number[]; sum: number; count: number };

const requests = new Map<string, number>();
const durations = new Map<RouteGroup, Histogram>();
const renderCache = { hits: 0, misses: 0, bypasses: 0, stores: 0, invalidations: 0 };
let renderCacheSize = () => ({ entries: 0, bytes: 0 });
const startedAt = Date.now();

export function recordRequest(group: RouteGroup, status: number, durationMs: number) {
  const statusClass = `${Math.floor(status / 100)}xx`;
  const key = `${group}\u0000${statusClass}`;
  requests.set(key, (requests.get(key) ?? 0) + 1);
  let histogram = durations.get(group);
  if (!histogram) {
    histogram = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
    durations.set(group, histogram);
  }
  const seconds = durationMs / 1000;
  // Buckets are cumulative in the output; count each observation in its first bucket here.
  const bucket = BUCKETS.findIndex((bound) => seconds <= bound);
  if (bucket !== -1) histogram.counts[bucket] += 1;
  histogram.sum += seconds;
  histogram.count += 1;
}

export function recordRenderCache(event: keyof typeof renderCache) {
  renderCache[event] += 1;
}

/** The render cache reports its size when it is created (server.mjs). */
export function reportRenderCacheSize(size: () => { entries: number; bytes: number }) {
  renderCacheSize = size;
}

function escapeLabel(value: string) {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function metric(lines: string[], name: string, type: string, help: string, samples: Array<[string, number]>) {
  lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  for (const [labels, value] of samples) lines.push(`${name}${labels} ${Number.isFinite(value) ? value : 0}`);
}

async function jobCounts() {
  const [queued, running, failed] = await Promise.all([
    db.job.count({ where: { completedAt: null, failedAt: null, lockedAt: null } }),
    db.job.count({ where: { completedAt: null, failedAt: null, lockedAt: { not: null } } }),
    db.job.count({ where: { failedAt: { not: null } } }),
  ]);
  return { queued, running, failed };
}

/** The whole exposition; the job queue numbers come from the database (shared by all servers). */
export async function renderMetrics() {
  const lines: string[] = [];
  metric(
    lines,
    "bb_http_requests_total",
    "counter",
    "HTTP requests answered by this process, by route group and status class.",
    [...requests.entries()].map(([key, value]) => {
      const [group, statusClass] = key.split("\u0000");
      return [`{group="${escapeLabel(group)}",status="${escapeLabel(statusClass)}"}`, value];
    }),
  );
  lines.push(
    "# HELP bb_http_request_duration_seconds Time from request to the last byte of the response.",
    "# TYPE bb_http_request_duration_seconds histogram",
  );
  for (const [group, histogram] of durations) {
    let cumulative = 0;
    BUCKETS.forEach((bound, index) => {
      cumulative += histogram.counts[index];
      lines.push(`bb_http_request_duration_seconds_bucket{group="${group}",le="${bound}"} ${cumulative}`);
    });
    lines.push(
      `bb_http_request_duration_seconds_bucket{group="${group}",le="+Inf"} ${histogram.count}`,
      `bb_http_request_duration_seconds_sum{group="${group}"} ${histogram.sum}`,
      `bb_http_request_duration_seconds_count{group="${group}"} ${histogram.count}`,
    );
  }
  metric(lines, "bb_render_cache_hits_total", "counter", "Anonymous pages served from the render cache.", [
    ["", renderCache.hits],
  ]);
  metric(lines, "bb_render_cache_misses_total", "counter", "Cacheable requests that had to be rendered.", [
    ["", renderCache.misses],
  ]);
  metric(lines, "bb_render_cache_stores_total", "counter", "Rendered pages stored in the render cache.", [
    ["", renderCache.stores],
  ]);
  metric(lines, "bb_render_cache_invalidations_total", "counter", "Times the render cache was emptied by a write.", [
    ["", renderCache.invalidations],
  ]);
  const size = renderCacheSize();
  metric(lines, "bb_render_cache_entries", "gauge", "Pages in the render cache.", [["", size.entries]]);
  metric(lines, "bb_render_cache_bytes", "gauge", "Bytes of page bodies in the render cache.", [["", size.bytes]]);
  try {
    const jobs = await jobCounts();
    metric(lines, "bb_jobs_queued", "gauge", "Jobs waiting to run (due or scheduled).", [["", jobs.queued]]);
    metric(lines, "bb_jobs_running", "gauge", "Jobs claimed by a worker and not finished.", [["", jobs.running]]);
    metric(lines, "bb_jobs_failed", "gauge", "Jobs that gave up after their last attempt.", [["", jobs.failed]]);
    metric(lines, "bb_database_up", "gauge", "1 when the database answered this scrape.", [["", 1]]);
  } catch {
    metric(lines, "bb_database_up", "gauge", "1 when the database answered this scrape.", [["", 0]]);
  }
  const memory = process.memoryUsage();
  metric(lines, "process_resident_memory_bytes", "gauge", "Resident memory of this process.", [["", memory.rss]]);
  metric(lines, "nodejs_heap_used_bytes", "gauge", "V8 heap in use.", [["", memory.heapUsed]]);
  metric(lines, "process_uptime_seconds", "gauge", "Seconds since this process started.", [
    ["", Math.round((Date.now() - startedAt) / 1000)],
  ]);
  return `${lines.join("\n")}\n`;
}
