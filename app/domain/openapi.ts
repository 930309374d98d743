/**
 * The OpenAPI 3.1 description of every public machine interface: the JSON APIs, /healthz, the
 * RSS feeds and the Open311 GeoReport v2 endpoints (JSON variants). Served at /api/openapi.json;
 * a test checks every `api.*` route file is described here.
 */

type Schema = Record<string, unknown>;
type Parameter = {
  name: string;
  in: "query" | "path";
  required?: boolean;
  description: string;
  schema: Schema;
  example?: unknown;
};
type Response = {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: Schema }>;
};
type Operation = {
  summary: string;
  description?: string;
  operationId: string;
  tags: string[];
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, Response>;
};
export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<"get" | "post", Operation>>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, Response> };
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema) => ({ "application/json": { schema } });
const rss = { "application/rss+xml": { schema: { type: "string", description: "RSS 2.0 document" } } };
const tooMany = { $ref: "#/components/responses/TooManyRequests" } as unknown as Response;

const query = (name: string, description: string, schema: Schema, required = false, example?: unknown): Parameter => ({
  name,
  in: "query",
  required,
  description,
  schema,
  ...(example === undefined ? {} : { example }),
});
const path = (name: string, description: string, example: string): Parameter => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
  example,
});

const themeParameter = query("theme", "Themacode, e.g. afval.", { type: "string" }, false, "afval");
const buurtParameter = query(
  "buurt",
  "CBS-buurtcode, e.g. BU09832402.",
  { type: "string", pattern: "^BU\\d{8}$" },
  false,
  "BU09832402",
);

function feed(summary: string, operationId: string, parameters: Parameter[] = []): Operation {
  return {
    summary,
    operationId,
    tags: ["feeds"],
    parameters,
    responses: {
      "200": { description: "RSS 2.0 feed, newest 50 items first.", content: rss },
      ...(parameters.length
        ? {
            "404": {
              description: "Unknown or non-public item.",
              content: { "text/plain": { schema: { type: "string" } } },
            },
          }
        : {}),
      "429": tooMany,
    },
  };
}

const open311Error = {
  description: "GeoReport v2 error list.",
  content: json({ type: "array", items: ref("Open311Error") }),
};

export function openApiDocument(publicUrl: string): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: {
      title: "Buurt Bestuurt API",
      version: "1.0.0",
      description:
        "Public data of Buurt Bestuurt (Blerick, Venlo): issues on the map, buurt outlines, RSS feeds and Open311 GeoReport v2. " +
        "Only public issues appear; internal notes never do. The APIs under /api and the feeds share a rate limit per client address (and per api_key when given): " +
        "over the limit the answer is 429 with Retry-After. A human-readable page is at /api.",
      license: { name: "CC BY 4.0", identifier: "CC-BY-4.0" },
    },
    servers: [{ url: publicUrl }],
    tags: [
      { name: "map", description: "GeoJSON for the map" },
      { name: "feeds", description: "RSS 2.0 feeds" },
      {
        name: "open311",
        description:
          "Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), JSON variants; .xml variants exist too",
      },
      { name: "meta", description: "Health and this description" },
    ],
    paths: {
      "/api/issues.geojson": {
        get: {
          summary: "Clusters and public issues in a map view",
          description: "At most 500 features: clusters when zoomed out, single issues when zoomed in.",
          operationId: "getIssuesGeojson",
          tags: ["map"],
          parameters: [
            query("bbox", "minLon,minLat,maxLon,maxLat (WGS84).", { type: "string" }, true, "6.10,51.34,6.20,51.40"),
            query("zoom", "Zoom level, whole number 0 to 22.", { type: "integer", minimum: 0, maximum: 22 }, true, 15),
            themeParameter,
            buurtParameter,
            query("status", "Status filter.", {
              type: "string",
              enum: [
                "open",
                "gesloten",
                "alle",
                "nieuw",
                "getrieerd",
                "in_behandeling",
                "opgelost",
                "gesloten_niet_opgelost",
                "heropend",
              ],
            }),
          ],
          responses: {
            "200": {
              description: "GeoJSON FeatureCollection.",
              content: { "application/geo+json": { schema: ref("IssueFeatureCollection") } },
            },
            "400": {
              description: "Bad or missing parameter; the message says what to change (Dutch).",
              content: json(ref("Error")),
            },
            "429": tooMany,
          },
        },
      },
      "/api/buurten.geojson": {
        get: {
          summary: "Outlines of the 32 buurten of Blerick",
          operationId: "getBuurtenGeojson",
          tags: ["map"],
          responses: {
            "200": {
              description:
                "GeoJSON FeatureCollection of Polygon/MultiPolygon features with code and name (CBS / Kadaster, CC BY 4.0).",
              content: { "application/geo+json": { schema: ref("FeatureCollection") } },
            },
            "429": tooMany,
          },
        },
      },
      "/api/issues/nearby": {
        get: {
          summary: "Open public issues of one theme within 150 m of a point",
          description: 'Used while reporting: "Bedoel je een van deze?"',
          operationId: "getNearbyIssues",
          tags: ["map"],
          parameters: [
            query("lat", "Latitude (WGS84).", { type: "number" }, true, 51.37),
            query("lng", "Longitude (WGS84).", { type: "number" }, true, 6.15),
            query("theme", "Themacode.", { type: "string" }, true, "afval"),
          ],
          responses: {
            "200": { description: "Nearby open issues, nearest first.", content: json({ type: "object" }) },
            "400": { description: "Missing or bad lat, lng or theme.", content: json(ref("Error")) },
            "429": tooMany,
          },
        },
      },
      "/api/stuurgroep/grid": {
        get: {
          summary: "Heat layer of the trends dashboard (steering group, partners, admins; needs a session)",
          description: "Counts per ~150 m cell, only non-empty cells, never single issues.",
          operationId: "getDashboardGrid",
          tags: ["map"],
          parameters: [
            themeParameter,
            buurtParameter,
            query("organisatie", "Owner organisation id.", { type: "string" }),
            query("periode", "Months back: 3, 6, 12 or 24.", { type: "string" }),
            query("van", "From month (YYYY-MM).", { type: "string" }),
            query("tot", "To month (YYYY-MM).", { type: "string" }),
          ],
          responses: {
            "200": { description: "Grid cells with counts.", content: json({ type: "object" }) },
            "302": { description: "Not logged in: redirect to the login page." },
            "403": { description: "Logged in without access to the dashboard." },
          },
        },
      },
      "/api/openapi.json": {
        get: {
          summary: "This OpenAPI document",
          operationId: "getOpenApi",
          tags: ["meta"],
          responses: {
            "200": { description: "OpenAPI 3.1 document.", content: json({ type: "object" }) },
            "429": tooMany,
          },
        },
      },
      "/healthz": {
        get: {
          summary: "Health check (runs a database query)",
          operationId: "getHealth",
          tags: ["meta"],
          responses: {
            "200": {
              description: "Healthy.",
              content: json({ type: "object", properties: { status: { const: "ok" } }, required: ["status"] }),
            },
            "503": {
              description: "The database does not answer.",
              content: json({ type: "object", properties: { status: { type: "string" } } }),
            },
          },
        },
      },
      "/feeds/meldingen.xml": { get: feed("Newest public issues in Blerick", "getIssuesFeed") },
      "/feeds/buurten/{code}.xml": {
        get: feed("Newest public issues in one buurt", "getBuurtFeed", [path("code", "CBS-buurtcode.", "BU09832402")]),
      },
      "/feeds/themas/{code}.xml": {
        get: feed("Newest public issues of one theme", "getThemeFeed", [path("code", "Themacode.", "afval")]),
      },
      "/feeds/meldingen/{id}.xml": {
        get: feed("Public updates of one issue", "getIssueUpdatesFeed", [path("id", "Issue id.", "1")]),
      },
      "/open311/discovery.json": {
        get: {
          summary: "GeoReport v2 discovery",
          operationId: "open311Discovery",
          tags: ["open311"],
          responses: {
            "200": { description: "Endpoints, formats and changeset.", content: json(ref("Open311Discovery")) },
          },
        },
      },
      "/open311/v2/services.json": {
        get: {
          summary: "Service list (one service per theme)",
          operationId: "open311Services",
          tags: ["open311"],
          parameters: [query("jurisdiction_id", "Optional; this server has one jurisdiction.", { type: "string" })],
          responses: {
            "200": { description: "Services.", content: json({ type: "array", items: ref("Open311Service") }) },
          },
        },
      },
      "/open311/v2/services/{service_code}.json": {
        get: {
          summary: "Service definition (extra attributes of a service)",
          operationId: "open311ServiceDefinition",
          tags: ["open311"],
          parameters: [path("service_code", "Theme code.", "afval")],
          responses: {
            "200": { description: "Service definition.", content: json(ref("Open311ServiceDefinition")) },
            "404": open311Error,
          },
        },
      },
      "/open311/v2/requests.json": {
        get: {
          summary: "Public service requests (issues)",
          operationId: "open311GetRequests",
          tags: ["open311"],
          parameters: [
            query("service_request_id", "Comma-separated ids; overrides all other parameters.", { type: "string" }),
            query("service_code", "Comma-separated theme codes.", { type: "string" }),
            query("start_date", "ISO 8601; default 90 days before end_date.", { type: "string", format: "date-time" }),
            query("end_date", "ISO 8601; default now.", { type: "string", format: "date-time" }),
            query("status", "open, closed or open,closed.", { type: "string" }),
          ],
          responses: {
            "200": {
              description: "Requests, newest first (at most 1000).",
              content: json({ type: "array", items: ref("Open311Request") }),
            },
            "400": open311Error,
          },
        },
        post: {
          summary: "Create a service request (needs an api_key)",
          operationId: "open311PostRequest",
          tags: ["open311"],
          requestBody: {
            required: true,
            content: { "application/x-www-form-urlencoded": { schema: ref("Open311NewRequest") } },
          },
          responses: {
            "200": {
              description: "Created.",
              content: json({
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    service_request_id: { type: "string" },
                    token: { type: "string" },
                    service_notice: { type: "string" },
                  },
                },
              }),
            },
            "400": open311Error,
            "403": open311Error,
            "429": open311Error,
          },
        },
      },
      "/open311/v2/requests/{service_request_id}.json": {
        get: {
          summary: "One public service request",
          operationId: "open311GetRequest",
          tags: ["open311"],
          parameters: [path("service_request_id", "Issue id.", "1")],
          responses: {
            "200": {
              description: "A list with one request.",
              content: json({ type: "array", items: ref("Open311Request") }),
            },
            "404": open311Error,
          },
        },
      },
      "/open311/v2/tokens/{token}.json": {
        get: {
          summary: "Service request id for a token from POST requests",
          operationId: "open311GetToken",
          tags: ["open311"],
          parameters: [path("token", "Token returned when the request was created.", "abc123")],
          responses: {
            "200": {
              description: "The token and its request id.",
              content: json({
                type: "array",
                items: {
                  type: "object",
                  properties: { service_request_id: { type: "string" }, token: { type: "string" } },
                },
              }),
            },
            "404": open311Error,
          },
        },
      },
    },
    components: {
      responses: {
        TooManyRequests: {
          description: "Rate limit reached; try again after Retry-After seconds.",
          headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } },
          content: { ...json(ref("Error")), "text/plain": { schema: { type: "string" } } },
        },
      },
      schemas: {
        Error: {
          type: "object",
          properties: { error: { type: "string", description: "What went wrong and what to do, in Dutch." } },
          required: ["error"],
        },
        FeatureCollection: {
          type: "object",
          properties: { type: { const: "FeatureCollection" }, features: { type: "array", items: { type: "object" } } },
          required: ["type", "features"],
        },
        IssueFeatureCollection: {
          type: "object",
          properties: {
            type: { const: "FeatureCollection" },
            features: {
              type: "array",
              maxItems: 500,
              items: {
                type: "object",
                properties: {
                  type: { const: "Feature" },
                  geometry: {
                    type: "object",
                    properties: {
                      type: { const: "Point" },
                      coordinates: { type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 },
                    },
                  },
                  properties: {
                    type: "object",
                    description: "A cluster (cluster: true, point_count) or one issue (id, title, status, theme).",
                  },
                },
              },
            },
          },
          required: ["type", "features"],
        },
        Open311Error: {
          type: "object",
          properties: { code: { type: "integer" }, description: { type: "string" } },
          required: ["code", "description"],
        },
        Open311Discovery: {
          type: "object",
          properties: {
            changeset: { type: "string" },
            contact: { type: "string" },
            key_service: { type: "string" },
            endpoints: { type: "array", items: { type: "object" } },
          },
        },
        Open311Service: {
          type: "object",
          properties: {
            service_code: { type: "string" },
            service_name: { type: "string" },
            description: { type: "string" },
            metadata: { type: "boolean" },
            type: { enum: ["realtime", "batch", "blackbox"] },
            keywords: { type: "string" },
            group: { type: "string" },
          },
          required: ["service_code", "service_name", "metadata", "type"],
        },
        Open311ServiceDefinition: {
          type: "object",
          properties: { service_code: { type: "string" }, attributes: { type: "array", items: { type: "object" } } },
        },
        Open311Request: {
          type: "object",
          properties: {
            service_request_id: { type: "string" },
            status: { enum: ["open", "closed"] },
            status_notes: { type: ["string", "null"] },
            service_name: { type: "string" },
            service_code: { type: "string" },
            description: { type: "string" },
            agency_responsible: { type: ["string", "null"] },
            requested_datetime: { type: "string", format: "date-time" },
            updated_datetime: { type: "string", format: "date-time" },
            address: { type: ["string", "null"] },
            lat: { type: "number" },
            long: { type: "number" },
            media_url: { type: ["string", "null"] },
          },
          required: ["service_request_id", "status", "service_code", "lat", "long"],
        },
        Open311NewRequest: {
          type: "object",
          properties: {
            api_key: { type: "string" },
            service_code: { type: "string" },
            lat: { type: "number" },
            long: { type: "number" },
            description: { type: "string", maxLength: 4000 },
            email: { type: "string" },
            first_name: { type: "string" },
            last_name: { type: "string" },
            phone: { type: "string" },
            media_url: { type: "string" },
            "attribute[code]": { type: "string", description: "Answers to the service's attributes." },
          },
          required: ["api_key", "service_code", "lat", "long", "description"],
        },
      },
    },
  };
}
