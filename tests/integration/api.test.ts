import { readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { openApiDocument } from "~/domain/openapi";
import { loader as openApiLoader } from "~/routes/api.openapi[.]json";
import { loader as issuesLoader } from "~/routes/api.issues[.]geojson";
import { loader as allFeedLoader } from "~/routes/feeds.meldingen[.]xml";
import { loader as apiPageLoader } from "~/routes/api._index";
import { API_RATE_LIMIT_PER_MINUTE, apiRateLimit } from "~/utils/api-rate-limit.server";
import { env } from "~/utils/env.server";

type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

async function call(loader: unknown, url: string, clientAddress: string) {
  try {
    return await (loader as Loader)({
      request: new Request(`http://localhost${url}`),
      params: {},
      context: { clientAddress },
    });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("OpenAPI document", () => {
  test("is JSON with openapi 3.1.0, PUBLIC_URL as server and responses on every operation", async () => {
    const response = await call(openApiLoader, "/api/openapi.json", "198.51.100.1");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    const document = JSON.parse(await response.text()) as ReturnType<typeof openApiDocument>;
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers).toEqual([{ url: env().PUBLIC_URL }]);
    const operationIds = new Set<string>();
    for (const [route, item] of Object.entries(document.paths)) {
      const operations = Object.values(item);
      expect(operations.length, route).toBeGreaterThan(0);
      for (const operation of operations) {
        expect(Object.keys(operation.responses).length, route).toBeGreaterThan(0);
        expect(operationIds.has(operation.operationId), operation.operationId).toBe(false);
        operationIds.add(operation.operationId);
      }
    }
  });

  test("every $ref points at a component that exists", () => {
    const document = openApiDocument("https://example.nl");
    const refs = JSON.stringify(document).match(/"\$ref":"#\/components\/[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const [, , kind, name] = ref.slice(8, -1).split("/");
      expect((document.components as Record<string, Record<string, unknown>>)[kind!]?.[name!], ref).toBeDefined();
    }
  });

  test("documents every api.* route, the feeds, /healthz and Open311", () => {
    const document = openApiDocument("https://example.nl");
    const documented = Object.keys(document.paths);
    const routeFiles = readdirSync(path.resolve("app/routes")).filter(
      (file) => file.startsWith("api.") && file !== "api._index.tsx",
    );
    expect(routeFiles.length).toBeGreaterThan(0);
    for (const file of routeFiles) {
      // api.issues[.]geojson.ts → /api/issues.geojson; api.stuurgroep.grid.ts → /api/stuurgroep/grid
      const url =
        "/" +
        file
          .replace(/\.tsx?$/, "")
          .split("[.]")
          .map((part) => part.replace(/\./g, "/"))
          .join(".");
      expect(documented, file).toContain(url);
    }
    for (const url of [
      "/healthz",
      "/feeds/meldingen.xml",
      "/feeds/buurten/{code}.xml",
      "/feeds/themas/{code}.xml",
      "/feeds/meldingen/{id}.xml",
      "/open311/discovery.json",
      "/open311/v2/services.json",
      "/open311/v2/services/{service_code}.json",
      "/open311/v2/requests.json",
      "/open311/v2/requests/{service_request_id}.json",
      "/open311/v2/tokens/{token}.json",
    ]) {
      expect(documented).toContain(url);
    }
    expect(Object.keys(document.paths["/open311/v2/requests.json"]!)).toEqual(["get", "post"]);
    expect(Object.keys(document.paths["/feeds/meldingen.xml"]!.get!.responses["200"]!.content!)).toEqual([
      "application/rss+xml",
    ]);
  });
});

describe("rate limit on the JSON APIs and feeds", () => {
  afterEach(() => {
    delete process.env.API_RATE_LIMIT_PER_MINUTE;
  });

  test("the default leaves room for panning the map", () => {
    expect(apiRateLimit()).toBe(API_RATE_LIMIT_PER_MINUTE);
    expect(API_RATE_LIMIT_PER_MINUTE).toBeGreaterThanOrEqual(120);
  });

  test("over the limit: 429 with Retry-After and a Dutch JSON error, per address", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "3";
    const url = "/api/issues.geojson?bbox=6.10,51.34,6.20,51.40&zoom=12";
    for (let i = 0; i < 3; i++) {
      expect((await call(issuesLoader, url, "203.0.113.5")).status).toBe(200);
    }
    const refused = await call(issuesLoader, url, "203.0.113.5");
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("Retry-After"));
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60).toBe(true);
    const body = (await refused.json()) as { error: string };
    expect(body.error).toMatch(/Te veel verzoeken/);

    // The same counter covers the feeds (plain text there); another address is not affected.
    const feedRefused = await call(allFeedLoader, "/feeds/meldingen.xml", "203.0.113.5");
    expect(feedRefused.status).toBe(429);
    expect(feedRefused.headers.get("Retry-After")).toBeTruthy();
    expect((await call(issuesLoader, url, "203.0.113.6")).status).toBe(200);
  });

  test("an api_key has its own counter across addresses", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "2";
    const url = "/api/openapi.json?api_key=sleutel-test";
    expect((await call(openApiLoader, url, "192.0.2.1")).status).toBe(200);
    expect((await call(openApiLoader, url, "192.0.2.2")).status).toBe(200);
    expect((await call(openApiLoader, url, "192.0.2.3")).status).toBe(429);
  });

  test("the /api page states the limit", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "77";
    expect(apiPageLoader()).toMatchObject({ limit: 77, publicUrl: env().PUBLIC_URL });
  });
});
