// Fuzz: deterministic malformed requests over every route (app/routes/*) as anonymous,
// resident, partner, steering and admin. No answer may be a 5xx, and tables a role may not
// change must be byte-for-byte the same after that role's requests.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  assert,
  check,
  createSessionCookie,
  formBody,
  multipartBody,
  openDatabase,
  prng,
  request,
  ROOT,
} from "./lib.mjs";

// ---------------------------------------------------------------------------------------------
// Routes

/** URL template and handler kinds of every route file (Remix flat-routes naming). */
export function enumerateRoutes() {
  const dir = path.join(ROOT, "app", "routes");
  return readdirSync(dir)
    .filter((file) => /\.(tsx?|jsx?)$/.test(file) && !file.includes(".test."))
    .map((file) => {
      const source = readFileSync(path.join(dir, file), "utf8");
      const base = file.replace(/\.(tsx?|jsx?)$/, "");
      // Split at dots that are not escaped as [.]
      const segments = base
        .replaceAll("[.]", "\u0000")
        .split(".")
        .map((segment) => segment.replaceAll("\u0000", "."));
      const parts = [];
      for (const segment of segments) {
        if (segment === "_index") continue;
        const clean = segment.endsWith("_") ? segment.slice(0, -1) : segment;
        if (clean.startsWith("_")) continue; // pathless layout
        parts.push(clean);
      }
      return {
        file,
        template: `/${parts.join("/")}`,
        index: segments.at(-1) === "_index",
        hasAction: /export (async )?function action|export const action/.test(source),
        hasLoader: /export (async )?function loader|export const loader/.test(source),
        words: literalWords(source),
      };
    });
}

/** String literals of a route file that could be field names or intent values. */
function literalWords(source) {
  const words = new Set();
  for (const match of source.matchAll(/["'`]([a-zA-Z][a-zA-Z0-9_-]{1,39})["'`]/g)) words.add(match[1]);
  for (const match of source.matchAll(/\b([a-zA-Z][a-zA-Z0-9]{1,30}):\s*z\./g)) words.add(match[1]);
  return [...words];
}

/** Field names of every zod schema in app/ (forms are parsed with them). */
function schemaFieldNames() {
  const names = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated") walk(full);
      } else if (/\.(tsx?)$/.test(entry.name) && !entry.name.includes(".test.")) {
        const source = readFileSync(full, "utf8");
        for (const match of source.matchAll(/\b([a-zA-Z][a-zA-Z0-9]{1,30}):\s*z\./g)) names.add(match[1]);
      }
    }
  };
  walk(path.join(ROOT, "app"));
  return [...names];
}

// ---------------------------------------------------------------------------------------------
// Values

const NASTY = [
  "",
  " ",
  "0",
  "-1",
  "1.5",
  "NaN",
  "Infinity",
  "1e309",
  "9007199254740993",
  "99999999999999999999",
  "true",
  "null",
  "undefined",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "\u0000",
  "a\u0000b",
  "\u202Eevil\u202C",
  "مرحبا بالعالم",
  "Zażółć gęślą jaźń",
  "🚧🕳️💡",
  "\uD800",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  '"; DROP TABLE "Issue"; --',
  "../../../../etc/passwd",
  "%00",
  "%E0%A4%A",
  "javascript:alert(1)",
  "//evil.example/",
  "https://evil.example/",
  "nobody@example.invalid",
  "2026-13-45",
  "2026-12-01",
  "2026-12-01T10:00",
  "51.3668",
  "6.1525",
  "-91",
  "181",
  "BU09830000",
  "BU0983xxxx",
];

function hugeString(random, size) {
  const unit = random.pick(["a", "é", "€", "🚧", "\u202E", "x\u0000"]);
  return unit.repeat(Math.ceil(size / Buffer.byteLength(unit))).slice(0, size);
}

// ---------------------------------------------------------------------------------------------
// Database snapshots

function hashRows(db, sql, params = []) {
  const hash = createHash("sha256");
  for (const row of db.prepare(sql).iterate(...params)) hash.update(JSON.stringify(row));
  return hash.digest("hex");
}

const COUNTER_COLUMNS = new Set(["supportCount", "commentCount", "updatedAt"]);

function columnsExcept(db, table, excluded) {
  return db
    .prepare(`PRAGMA table_info("${table}")`)
    .all()
    .map((column) => column.name)
    .filter((name) => !excluded.has(name))
    .map((name) => `"${name}"`)
    .join(", ");
}

/** What only administrators change (and the system's own schedule). */
const CONFIG_TABLES = [
  "Organisation",
  "Theme",
  "Buurt",
  "Setting",
  "Membership",
  "UserRole",
  "ApiKey",
  "Open311Connection",
  "RecurringJob",
];
const STEERING_TABLES = ["Meeting", "AgendaItem", "Decision", "Party", "Interest"];
const PARTNER_TABLES = ["TriageDecision", "Handover", "InternalNote", "Solution", "SolutionTheme", "IssueSolution"];

/**
 * Per role: named row sets that must not change while that role fuzzes. Existing rows only
 * where a role may add rows of its own (issues, comments, supports).
 */
export function protectedSets(db, role, userId, maxIssueId) {
  const issueColumns = columnsExcept(db, "Issue", COUNTER_COLUMNS);
  const table = (name) => [name, `SELECT * FROM "${name}" ORDER BY rowid`];
  const sets = [
    // The audit trail is append-only for everyone.
    [
      "AuditEntry (existing rows)",
      `SELECT * FROM "AuditEntry" WHERE rowid <= ${db.prepare('SELECT COALESCE(MAX(rowid),0) AS m FROM "AuditEntry"').get().m} ORDER BY rowid`,
    ],
  ];
  if (role === "admin") return sets;
  sets.push(...CONFIG_TABLES.map(table));
  // Other people's accounts (name, email, password) are never the caller's to change.
  sets.push([
    "User (other people)",
    `SELECT "id", "name", "email", "passwordHash", "anonymisedAt" FROM "User" WHERE "id" <> '${userId ?? ""}' AND rowid <= ${db.prepare('SELECT MAX(rowid) AS m FROM "User"').get().m} ORDER BY "id"`,
  ]);
  if (role !== "steering") sets.push(...STEERING_TABLES.map(table));
  if (role === "anonymous" || role === "resident" || role === "steering") {
    sets.push(...PARTNER_TABLES.map(table), table("PartnershipRole"));
    // Existing issues of other people: status, owner, text, visibility ... (counters may move).
    sets.push([
      "Issue (others', existing)",
      `SELECT ${issueColumns} FROM "Issue" WHERE "id" <= ${maxIssueId} AND ("reporterId" IS NULL OR "reporterId" <> '${userId ?? ""}') ORDER BY "id"`,
    ]);
    sets.push([
      "Comment (others')",
      `SELECT "id", "issueId", "authorId", "body", "deletedAt" FROM "Comment" WHERE "authorId" IS NULL OR "authorId" <> '${userId ?? ""}' ORDER BY "id"`,
    ]);
    sets.push([
      "Support (others')",
      `SELECT "issueId", "userId" FROM "Support" WHERE "userId" IS NULL OR "userId" <> '${userId ?? ""}' ORDER BY "issueId", "userId"`,
    ]);
  }
  if (role === "anonymous") {
    sets.push(table("Support"), table("Comment"), table("Follow"), table("IssueRevision"), table("Flag"));
  }
  return sets;
}

export function snapshot(db, sets) {
  return new Map(sets.map(([name, sql]) => [name, hashRows(db, sql)]));
}

// ---------------------------------------------------------------------------------------------
// Requests

function idsFor(db) {
  const list = (sql) =>
    db
      .prepare(sql)
      .all()
      .map((row) => String(Object.values(row)[0]));
  return {
    issue: list(`SELECT "id" FROM "Issue" ORDER BY "id"`),
    solution: list(`SELECT "id" FROM "Solution" ORDER BY "id"`),
    meeting: list(`SELECT "id" FROM "Meeting" ORDER BY "id"`),
    user: list(`SELECT "id" FROM "User" ORDER BY "id"`),
    organisation: list(`SELECT "id" FROM "Organisation" ORDER BY "id"`),
    theme: list(`SELECT "id" FROM "Theme" ORDER BY "id"`),
    themeCode: list(`SELECT "code" FROM "Theme" ORDER BY "code"`),
    buurt: list(`SELECT "code" FROM "Buurt" ORDER BY "code"`),
    comment: list(`SELECT "id" FROM "Comment" ORDER BY "id"`),
    handover: list(`SELECT "id" FROM "Handover" ORDER BY "id"`),
    agendaItem: list(`SELECT "id" FROM "AgendaItem" ORDER BY "id"`),
    flag: list(`SELECT "id" FROM "Flag" ORDER BY "id"`),
  };
}

const BAD_IDS = ["0", "-1", "abc", "1.5", "99999999", "1e3", "%00", "%E2%80%AE", "x".repeat(300), "..%2F..%2Fetc"];

function paramValue(random, route, name, ids) {
  if (random.chance(0.25)) return random.pick(BAD_IDS);
  if (name === "$") {
    return random.pick([
      "v2/services.json",
      "v2/services.xml",
      "v2/requests.json",
      "v2/requests/1.json",
      "v2/discovery.json",
      "v2/requests/abc.json",
      "v9/x",
      "",
    ]);
  }
  if (name === "$token") return random.pick(["abcdefghijklmnopqrstuvwxyz234567", "x", "a".repeat(200), "v1.abc.def"]);
  if (name === "$file") return random.pick(["1.xml", "afval.xml", "BU09830000.xml", "x.png", "../x", "a.webp"]);
  const template = route.template;
  let pool = ids.issue;
  if (template.startsWith("/oplossingen")) pool = ids.solution;
  else if (template.startsWith("/stuurgroep/overleg")) pool = ids.meeting;
  else if (template.startsWith("/admin/mensen")) pool = ids.user;
  else if (template.startsWith("/admin/organisaties")) pool = ids.organisation;
  else if (template.startsWith("/admin/themas")) pool = ids.theme;
  return pool.length ? random.pick(pool) : "1";
}

function fieldValue(random, name, route, ids, budget) {
  if (budget.huge > 0 && random.chance(0.01)) {
    budget.huge -= 1;
    return hugeString(random, 1024 * 1024);
  }
  const lower = name.toLowerCase();
  if (random.chance(0.5)) {
    if (lower === "intent" || lower === "_action") return random.pick(route.words);
    if (lower.includes("issue")) return random.pick(ids.issue);
    if (lower.includes("solution")) return random.pick(ids.solution.length ? ids.solution : ["1"]);
    if (lower.includes("organisation")) return random.pick(ids.organisation);
    if (lower.includes("theme")) return random.pick([...ids.theme, ...ids.themeCode]);
    if (lower.includes("buurt")) return random.pick(ids.buurt);
    if (lower.includes("user")) return random.pick(ids.user);
    if (lower.includes("comment")) return random.pick(ids.comment.length ? ids.comment : ["1"]);
    if (lower.includes("meeting")) return random.pick(ids.meeting.length ? ids.meeting : ["1"]);
    if (lower.includes("email"))
      return random.pick(["nobody@example.invalid", "bewoner@buurtbestuurt.test", "x@", "@"]);
    if (lower === "lat") return random.pick(["51.3668", "91", "-0", "abc"]);
    if (lower === "lng") return random.pick(["6.1525", "181", "1e9", ""]);
    if (lower.includes("redirect")) return random.pick(["/", "//evil.example", "https://evil.example", "/account"]);
    return random.pick(route.words.length ? route.words : NASTY);
  }
  if (random.chance(0.1)) return hugeString(random, random.int(1000, 70_000));
  return random.pick(NASTY);
}

function buildRequest(random, route, role, ids, fieldNames, budget) {
  const params = route.template.match(/\$[a-zA-Z]*/g) ?? [];
  let target = route.template;
  for (const param of params) {
    const value = paramValue(random, route, param, ids);
    // A splat keeps its slashes; bad ids with "%" stay raw (malformed escapes on purpose).
    target = target.replace(param, param === "$" ? value : encodeURIComponent(value).replace(/%25/g, "%"));
  }
  // Half the requests as the hydrated app sends them: Remix's single-fetch data requests
  // (`/path.data`, an index route's with `?index`), which run the action or loaders without
  // rendering a page; the other half as documents (forms without JavaScript, links).
  if (random.chance(0.5)) target = `${target === "/" ? "/_root" : target}.data${route.index ? "?index" : ""}`;
  const method = route.hasAction
    ? random.pick(["POST", "POST", "POST", "POST", "POST", "GET", "PUT", "DELETE", "PATCH"])
    : random.pick(["GET", "GET", "GET", "GET", "HEAD", "POST", "DELETE"]);
  const candidates = [...route.words, ...fieldNames];
  const fields = [];
  const count = random.int(0, 8);
  if (route.hasAction && random.chance(0.7))
    fields.push(["intent", random.pick(route.words.length ? route.words : NASTY)]);
  for (let i = 0; i < count; i += 1) {
    const name = random.chance(0.9) ? random.pick(candidates) : random.pick(NASTY);
    fields.push([name, fieldValue(random, name, route, ids, budget)]);
  }
  if (method === "GET" || method === "HEAD") {
    const query = random.chance(0.5) ? formBody(fields.map(([n, v]) => [n, String(v).slice(0, 2000)])) : "";
    return { method, path: query ? `${target}${target.includes("?") ? "&" : "?"}${query}` : target };
  }
  const headers = {};
  let body;
  const kind = random.pick([
    "form",
    "form",
    "form",
    "multipart",
    "multipart",
    "json",
    "badjson",
    "badmultipart",
    "none",
    "text",
  ]);
  if (kind === "form") {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = formBody(fields);
  } else if (kind === "multipart") {
    const files = random.chance(0.5)
      ? [
          [
            random.pick(["photo", "file", ...candidates]),
            random.pick(["a.jpg", "x.png", "../../x", "\u202Egpj.exe"]),
            random.pick(["image/jpeg", "image/png", "text/plain"]),
            random.bytes(random.int(0, 4096)),
          ],
        ]
      : [];
    const built = multipartBody(fields, files);
    headers["content-type"] = built.contentType;
    body = built.body;
  } else if (kind === "json") {
    headers["content-type"] = "application/json";
    body = JSON.stringify(Object.fromEntries(fields));
  } else if (kind === "badjson") {
    headers["content-type"] = "application/json";
    body = random.pick(["{", '{"a":', "[1,2", "\u0000", "null", '"x"']);
  } else if (kind === "badmultipart") {
    const built = multipartBody(fields);
    headers["content-type"] = random.pick([
      built.contentType.replace(/boundary=.*/, "boundary=wrong"),
      "multipart/form-data",
      built.contentType,
    ]);
    body = random.chance(0.5)
      ? built.body.subarray(0, Math.floor(built.body.length / 2))
      : Buffer.from("--x\r\nbroken");
  } else if (kind === "text") {
    headers["content-type"] = random.pick(["text/plain", "application/xml", "image/png"]);
    body = random.bytes(random.int(0, 2000));
  }
  return { method, path: target, headers, body };
}

// ---------------------------------------------------------------------------------------------

const ROLE_USERS = {
  resident: "bewoner@buurtbestuurt.test",
  partner: "partner.gemeente@buurtbestuurt.test",
  steering: "stuurgroep@buurtbestuurt.test",
  admin: "beheer@buurtbestuurt.test",
};

/**
 * Runs `total` requests split over the roles (8 at a time), then checks. Returns counts so the
 * caller can print them.
 */
export async function runFuzz({ server, databaseFile, total = 10_000, seed = 20261202, concurrency = 8 }) {
  const { port } = server;
  const routes = enumerateRoutes();
  const fieldNames = schemaFieldNames();
  const db = openDatabase(databaseFile);
  const ids = idsFor(db);
  const roles = ["anonymous", "resident", "partner", "steering", "admin"];
  const perRole = Math.ceil(total / roles.length);
  const failures = [];
  const statusCounts = new Map();
  const violations = [];
  const unanswered = [];
  let sent = 0;
  let reachedHandlers = 0;
  let rateLimited = 0;
  const started = Date.now();

  /**
   * Requests the client saw no answer to: the server may have answered early and closed while
   * a large body was still being sent (its log line has the status), or the request went out
   * on a keep-alive connection the server was just closing (no log line: sent again once on a
   * new connection). Runs before the role's "after" snapshot, so retried writes are checked too.
   */
  const settleUnanswered = async () => {
    if (unanswered.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const logged = new Map();
    for (const line of server.lines) {
      if (!line.includes('"fuzz-')) continue;
      try {
        const entry = JSON.parse(line);
        if (entry.msg === "request") logged.set(entry.requestId, entry.status);
      } catch {
        // not a JSON line
      }
    }
    for (const missed of unanswered) {
      let status = logged.get(missed.requestId);
      if (status === undefined) {
        // Never reached the server (a keep-alive connection it was closing after answering an
        // earlier request early): send it once more on a new connection.
        try {
          status = (await request(port, { ...missed.retry, fresh: true, timeoutMs: 60_000 })).status;
        } catch (error) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          status = server.lines
            .filter((line) => line.includes(`"${missed.requestId}-retry"`) && line.includes('"msg":"request"'))
            .map((line) => JSON.parse(line).status)[0];
          missed.error = `${missed.error}; retry: ${error.message}`;
        }
      }
      if (status === undefined || status >= 500) {
        failures.push({ ...missed, status: status ?? `no answer and no log line (${missed.error})` });
      } else {
        sent += 1;
        statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
      }
    }
    unanswered.length = 0;
  };

  for (const [roleIndex, role] of roles.entries()) {
    const random = prng(seed + roleIndex);
    const userId =
      role === "anonymous" ? null : db.prepare(`SELECT "id" FROM "User" WHERE "email" = ?`).get(ROLE_USERS[role])?.id;
    if (role !== "anonymous" && !userId) throw new Error(`demo user for ${role} missing`);
    let session = userId ? createSessionCookie(db, userId) : null;
    const maxIssueId = db.prepare(`SELECT COALESCE(MAX("id"), 0) AS m FROM "Issue"`).get().m;
    const sets = protectedSets(db, role, userId, maxIssueId);
    const before = snapshot(db, sets);
    const budget = { huge: 6 };
    let next = 0;
    const worker = async () => {
      while (next < perRole) {
        const index = next++;
        const route = routes[Math.floor(random.next() * routes.length)];
        const built = buildRequest(random, route, role, ids, fieldNames, budget);
        // A session can end during the run (log out, "log out everywhere"): start a new one.
        if (session && index % 100 === 0) {
          const alive = db.prepare(`SELECT 1 FROM "Session" WHERE "id" = ?`).get(session.sessionId);
          if (!alive) session = createSessionCookie(db, userId);
        }
        const requestId = `fuzz-${role}-${index}`;
        const headers = {
          ...built.headers,
          "x-request-id": requestId,
          // Spread over many client addresses: per-address rate limits must not stop the run.
          "x-forwarded-for": `10.${roleIndex}.${(index >> 8) & 255}.${index & 255}`,
          "user-agent": "robustness-fuzz",
        };
        if (session) headers.cookie = session.cookie;
        if (random.chance(0.05)) headers.origin = "https://evil.example";
        let response;
        try {
          response = await request(port, {
            method: built.method,
            path: built.path,
            headers,
            body: built.body,
            timeoutMs: 60_000,
          });
        } catch (error) {
          // The server may answer early and close while a large body is still being sent (the
          // client then sees a reset, not the answer): its log line says what it answered.
          unanswered.push({
            role,
            method: built.method,
            path: built.path.slice(0, 200),
            requestId,
            error: error.message,
          });
          continue;
        }
        sent += 1;
        statusCounts.set(response.status, (statusCounts.get(response.status) ?? 0) + 1);
        if (response.status === 429) rateLimited += 1;
        else if (response.status !== 404 && response.status !== 405) reachedHandlers += 1;
        if (response.status >= 500) {
          failures.push({
            role,
            method: built.method,
            path: built.path.slice(0, 200),
            status: response.status,
            requestId: response.headers["x-request-id"],
            sent: `${headers["content-type"] ?? "no body type"}, ${built.body?.length ?? 0} bytes${headers.origin ? `, Origin ${headers.origin}` : ""}`,
          });
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    await settleUnanswered();
    const after = snapshot(db, sets);
    for (const [name, hash] of before) {
      if (after.get(name) !== hash) violations.push(`${role} changed ${name}`);
    }
    console.log(`    ${role}: ${perRole} requests done (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  db.close();

  const statuses = [...statusCounts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(" ");
  console.log(`    statuses: ${statuses}`);
  await check(`fuzz: ${sent} requests over ${routes.length} routes and 5 roles, no 5xx`, async () => {
    if (failures.length) {
      const shown = failures.slice(0, 15).map((f) => {
        // The server's own log lines for the request (its error and stack), so the cause shows.
        const logged = f.requestId
          ? server.lines.filter((line) => line.includes(`"${f.requestId}"`) && !line.includes('"msg":"request"'))
          : [];
        const detail = logged.map((line) => `\n        ${line.slice(0, 600)}`).join("");
        return `${f.role} ${f.method} ${f.path} (${f.sent ?? "?"}) → ${f.status} (${f.requestId ?? ""})${detail}`;
      });
      throw new Error(`${failures.length} requests failed:\n${shown.join("\n")}`);
    }
    assert(sent >= perRole * roles.length, `only ${sent} of ${perRole * roles.length} requests answered`);
  });
  await check("fuzz: the requests reached the handlers (rate limits did not stop the run)", async () => {
    assert(rateLimited < sent * 0.2, `${rateLimited} of ${sent} answers were 429`);
    assert(reachedHandlers > sent * 0.5, `only ${reachedHandlers} answers other than 404/405/429`);
  });
  await check("fuzz: no role changed what it may not change", async () => {
    if (violations.length) throw new Error(violations.join("\n"));
  });
  return { sent, failures, violations };
}
