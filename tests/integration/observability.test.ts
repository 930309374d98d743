import { describe, expect, it } from "vitest";
import { loggablePath, requestIdFrom } from "~/utils/logging.server";
import { recordRequest, renderMetrics, routeGroup } from "~/utils/metrics.server";
import { contentSecurityPolicy, createCspNonce, securityHeaders, tileSources } from "~/utils/security-headers.server";

describe("security headers", () => {
  it("allow scripts only from the app and with this response's nonce", () => {
    const nonce = createCspNonce();
    const csp = contentSecurityPolicy({ nonce, tileUrl: "https://tiles.example.org/{z}/{x}/{y}.png" });
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("img-src 'self' data: blob: https://tiles.example.org");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(createCspNonce()).not.toBe(nonce);
    expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });

  it("never hand out the same nonce twice, also across refills of the random pool", () => {
    const nonces = Array.from({ length: 1_000 }, () => createCspNonce());
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });

  it("name the tile server's origin, with a wildcard for {s} subdomains, and nothing for junk", () => {
    expect(tileSources("https://{s}.tile.example.org/{z}/{x}/{y}.png")).toEqual(["https://*.tile.example.org"]);
    expect(tileSources("http://127.0.0.1:9/{z}/{x}/{y}.png")).toEqual(["http://127.0.0.1:9"]);
    expect(tileSources("javascript:alert(1)")).toEqual([]);
    expect(tileSources("not a url")).toEqual([]);
  });

  it("send HSTS only for https requests, and relax scripts only in development", () => {
    const names = (https: boolean) => securityHeaders({ nonce: "n", https }).map(([name]) => name);
    expect(names(true)).toContain("Strict-Transport-Security");
    expect(names(false)).not.toContain("Strict-Transport-Security");
    const dev = contentSecurityPolicy({ dev: true });
    expect(dev).toContain("'unsafe-inline'");
    expect(dev).not.toContain("nonce");
  });
});

describe("request logs", () => {
  it("keep a caller's plain request id and replace anything else", () => {
    expect(requestIdFrom("lb-1234.abc:5")).toBe("lb-1234.abc:5");
    expect(requestIdFrom(["first-id", "second"])).toBe("first-id");
    for (const bad of [undefined, "", "has space", 'quote"', "x".repeat(129), "ünïcode", "-leading"]) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("log paths without query strings and without tokens", () => {
    expect(loggablePath("/api/issues.geojson?api_key=secret&email=a@b.test")).toBe("/api/issues.geojson");
    expect(loggablePath("/wachtwoord-herstellen/abcdefghijklmnopqrstuvwxyz234567")).toBe(
      "/wachtwoord-herstellen/:token",
    );
    expect(loggablePath("/bevestigen/short-token")).toBe("/bevestigen/:token");
    expect(loggablePath("/attenties/afmelden/v1.abc.def")).toBe("/attenties/afmelden/:token");
    expect(loggablePath("/x/ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcd/y")).toBe("/x/:token/y");
    expect(loggablePath("/meldingen/12")).toBe("/meldingen/12");
    expect(loggablePath("/assets/entry.client-BYpNwsQW.js")).toBe("/assets/entry.client-BYpNwsQW.js");
  });
});

describe("metrics", () => {
  it("group paths coarsely", () => {
    expect(routeGroup("/")).toBe("document");
    expect(routeGroup("/meldingen/12.data")).toBe("data");
    expect(routeGroup("/api/issues.geojson")).toBe("api");
    expect(routeGroup("/assets/x-1.js")).toBe("asset");
    expect(routeGroup("/open311/v2/requests.json")).toBe("open311");
    expect(routeGroup("/feeds/meldingen.xml")).toBe("feed");
  });

  it("render Prometheus text with counters, a cumulative histogram and the job queue", async () => {
    recordRequest("api", 200, 3);
    recordRequest("api", 503, 700);
    const text = await renderMetrics();
    expect(text).toContain('bb_http_requests_total{group="api",status="2xx"} 1');
    expect(text).toContain('bb_http_requests_total{group="api",status="5xx"} 1');
    expect(text).toContain('bb_http_request_duration_seconds_bucket{group="api",le="0.005"} 1');
    expect(text).toContain('bb_http_request_duration_seconds_bucket{group="api",le="1"} 2');
    expect(text).toContain('bb_http_request_duration_seconds_count{group="api"} 2');
    expect(text).toMatch(/^bb_jobs_queued \d+$/m);
    expect(text).toMatch(/^bb_database_up 1$/m);
    for (const line of text.trim().split("\n")) {
      expect(line).toMatch(/^(# (HELP|TYPE) .+|[a-z_]+(\{[^}]*\})? -?[0-9.e+-]+)$/);
    }
  });
});
