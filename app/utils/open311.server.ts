import { createHash, randomBytes } from "node:crypto";
import {
  attributesFor,
  DEFAULT_WINDOW_DAYS,
  MAX_DESCRIPTION_LENGTH,
  MAX_RESULTS,
  OPEN311_CHANGESET,
  OPEN311_FORMATS,
  OPEN311_SPECIFICATION,
  open311Status,
  parseIsoDate,
  publicAttribute,
  titleFromDescription,
  toXml,
  validateAttributes,
  XML_ITEMS,
  type Open311Format,
} from "~/domain/open311";
import { CLOSED_STATUSES, OPEN_STATUSES } from "~/domain/issue-status";
import { addWorkingDays } from "~/domain/working-days";
import type { Prisma } from "~/generated/prisma/client";
import { buurtAt } from "./buurten.server";
import { db } from "./db.server";
import { env } from "./env.server";
import { queueAlertMatching } from "./alerts.server";
import { bumpIssuesVersion, publicIssueWhere } from "./issues.server";
import { queueNewIssueMail } from "./notifications.server";
import { hitRateLimit } from "./rate-limit.server";
import { readFormData } from "./request.server";
import { getSettings } from "./settings.server";

/**
 * Open311 GeoReport v2 server. Every endpoint is one function that returns JSON-shaped data
 * or an Open311Error; `open311Response` writes it as JSON or XML. Reads go through
 * publicIssueWhere, and only public fields are ever selected (no reporter, no internal notes).
 */

export class Open311Error extends Error {
  constructor(
    readonly code: 400 | 403 | 404 | 405 | 413 | 429,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

/** Requests per API key per window; more gives 429 with Retry-After. */
export const OPEN311_RATE_LIMIT = { limit: 60, windowMs: 60_000 };

const CORS = { "Access-Control-Allow-Origin": "*" };

export function open311Response(format: Open311Format, root: string, body: unknown, status = 200, headers = {}) {
  const text = format === "xml" ? toXml(root, body, XML_ITEMS) : JSON.stringify(body);
  return new Response(text, {
    status,
    headers: {
      "Content-Type": format === "xml" ? "text/xml; charset=utf-8" : "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      ...CORS,
      ...headers,
    },
  });
}

export function open311ErrorResponse(format: Open311Format, error: Open311Error) {
  return open311Response(
    format,
    "errors",
    [{ code: error.code, description: error.description }],
    error.code,
    error.headers,
  );
}

// API keys --------------------------------------------------------------------------------

export function hashApiKey(key: string) {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** A new random key (shown once) and its stored row. */
export async function createApiKey(name: string, createdById: string | null) {
  const plain = `b311_${randomBytes(24).toString("base64url")}`;
  const row = await db.apiKey.create({
    data: { name, keyHash: hashApiKey(plain), createdById },
    select: { id: true, name: true },
  });
  return { ...row, key: plain };
}

export async function revokeApiKey(id: string, at = new Date()) {
  await db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
}

async function requireApiKey(key: string | null) {
  if (!key) throw new Open311Error(403, "api_key is required");
  const row = await db.apiKey.findUnique({
    where: { keyHash: hashApiKey(key) },
    select: { id: true, revokedAt: true },
  });
  if (!row || row.revokedAt) throw new Open311Error(403, "api_key is invalid or revoked");
  const { limit, windowMs } = OPEN311_RATE_LIMIT;
  const hit = await hitRateLimit(`open311:${row.id}`, limit, windowMs);
  if (!hit.allowed) {
    throw new Open311Error(429, "Too many requests for this api_key", {
      "Retry-After": String(Math.ceil(windowMs / 1000)),
    });
  }
  return row;
}

// Discovery and services ---------------------------------------------------------------------

export function discovery() {
  const publicUrl = env().PUBLIC_URL;
  return {
    changeset: OPEN311_CHANGESET,
    contact: `Buurt Bestuurt Blerick, ${publicUrl}`,
    key_service: `${publicUrl}/admin/api-sleutels (API-sleutels worden uitgegeven door de beheerders)`,
    endpoints: [
      {
        specification: OPEN311_SPECIFICATION,
        url: `${publicUrl}/open311/v2`,
        changeset: OPEN311_CHANGESET,
        type: "production",
        formats: [...OPEN311_FORMATS],
      },
    ],
  };
}

function activeThemes() {
  return db.theme.findMany({
    where: { retiredAt: null },
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, code: true, name: true, description: true },
  });
}

export async function services() {
  const themes = await activeThemes();
  return themes.map((theme) => ({
    service_code: theme.code,
    service_name: theme.name,
    description: theme.description,
    metadata: attributesFor(theme.code).length > 0,
    type: "realtime",
    keywords: [theme.code, ...theme.name.toLocaleLowerCase("nl").split(/[^\p{L}]+/u)]
      .filter((word, index, all) => word.length > 2 && all.indexOf(word) === index && word !== "en")
      .join(","),
    group: "Buurt Bestuurt Blerick",
  }));
}

async function activeTheme(code: string) {
  return db.theme.findFirst({ where: { code, retiredAt: null }, select: { id: true, code: true, name: true } });
}

export async function serviceDefinition(code: string) {
  const theme = await activeTheme(code);
  if (!theme) throw new Open311Error(404, `Unknown service_code '${code}'`);
  return { service_code: theme.code, attributes: attributesFor(theme.code).map(publicAttribute) };
}

// Creating a request -------------------------------------------------------------------------

function field(form: FormData, name: string) {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

function coordinate(form: FormData, name: string) {
  const text = field(form, name);
  if (text === null) return null;
  const value = /^-?\d{1,3}(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) throw new Open311Error(400, `${name} must be a decimal number (WGS84)`);
  return value;
}

function limited(form: FormData, name: string, max: number) {
  const value = field(form, name);
  if (value !== null && value.length > max) throw new Open311Error(400, `${name} is longer than ${max} characters`);
  return value;
}

/** Stores a request from another system as an issue with contact fields (no account). */
export async function createOpen311Request(form: FormData) {
  await requireApiKey(field(form, "api_key"));
  const serviceCode = field(form, "service_code");
  if (!serviceCode) throw new Open311Error(400, "service_code is required");
  const theme = await activeTheme(serviceCode);
  if (!theme) throw new Open311Error(404, `Unknown service_code '${serviceCode}'`);

  const lat = coordinate(form, "lat");
  const lng = coordinate(form, "long");
  if (lat === null || lng === null) {
    if (field(form, "address_string") || field(form, "address_id")) {
      throw new Open311Error(
        400,
        "lat and long are required: this server has no geocoder for address_string or address_id",
      );
    }
    throw new Open311Error(400, "lat and long are required");
  }
  const buurt = await buurtAt({ lat, lng });
  if (!buurt) throw new Open311Error(400, "lat/long lies outside Blerick (Venlo)");

  const description = field(form, "description");
  if (!description) throw new Open311Error(400, "description is required");
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    throw new Open311Error(400, `description is longer than ${MAX_DESCRIPTION_LENGTH} characters`);
  }

  const email = limited(form, "email", 254);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Open311Error(400, "email is not a valid address");
  const firstName = limited(form, "first_name", 100);
  const lastName = limited(form, "last_name", 100);
  const phone = limited(form, "phone", 40);
  const mediaUrl = limited(form, "media_url", 2000);
  if (mediaUrl && !/^https?:\/\/[^\s]+$/i.test(mediaUrl))
    throw new Open311Error(400, "media_url must be an http(s) URL");

  const answers = new Map<string, string[]>();
  for (const [name, value] of form.entries()) {
    const match = /^attribute\[([^\]]+)\](\[\])?$/.exec(name);
    if (match && typeof value === "string") answers.set(match[1], [...(answers.get(match[1]) ?? []), value]);
  }
  const checked = validateAttributes(attributesFor(theme.code), answers);
  if (!checked.ok) throw new Open311Error(400, checked.error);

  // No attribute column exists: answers (and an external photo link) are appended to the description.
  const extra = [...checked.lines, ...(mediaUrl ? [`Foto: ${mediaUrl}`] : [])];
  const fullDescription = extra.length ? `${description}\n\n${extra.join("\n")}` : description;
  const reporterName = [firstName, lastName].filter(Boolean).join(" ") || null;

  const issue = await db.$transaction(async (tx) => {
    const created = await tx.issue.create({
      data: {
        title: titleFromDescription(description),
        description: fullDescription,
        themeId: theme.id,
        buurtCode: buurt.code,
        lat,
        lng,
        reporterName,
        reporterEmail: email,
        reporterPhone: phone,
        events: { create: { type: "created" } },
      },
      select: { id: true },
    });
    await bumpIssuesVersion(tx);
    await queueNewIssueMail(tx, created.id);
    await queueAlertMatching(tx, created.id);
    return created;
  });
  const settings = await getSettings();
  return [
    {
      service_request_id: String(issue.id),
      service_notice: `Bedankt. Een partner beoordeelt de melding binnen ${settings.triageTargetDays} werkdagen. Volg de melding op ${env().PUBLIC_URL}/meldingen/${issue.id}`,
      account_id: null,
    },
  ];
}

// Reading requests ---------------------------------------------------------------------------

const requestSelect = {
  id: true,
  title: true,
  description: true,
  status: true,
  lat: true,
  lng: true,
  placeDescription: true,
  createdAt: true,
  updatedAt: true,
  triagedAt: true,
  theme: { select: { code: true, name: true, resolutionTargetDays: true } },
  buurt: { select: { name: true } },
  ownerOrganisation: { select: { name: true } },
  photos: { where: { visibility: "public" }, orderBy: { createdAt: "asc" }, take: 1, select: { fileName: true } },
  events: {
    where: { publicMessage: { not: null } },
    orderBy: { createdAt: "desc" },
    take: 1,
    select: { publicMessage: true },
  },
} satisfies Prisma.IssueSelect;

type RequestRow = Prisma.IssueGetPayload<{ select: typeof requestSelect }>;

function toServiceRequest(issue: RequestRow, defaultResolutionDays: number) {
  const publicUrl = env().PUBLIC_URL;
  const photo = issue.photos[0];
  const resolutionDays = issue.theme.resolutionTargetDays ?? defaultResolutionDays;
  return {
    service_request_id: String(issue.id),
    status: open311Status(issue.status),
    status_notes: issue.events[0]?.publicMessage ?? null,
    service_name: issue.theme.name,
    service_code: issue.theme.code,
    description: issue.description,
    agency_responsible: issue.ownerOrganisation?.name ?? null,
    service_notice: null,
    requested_datetime: issue.createdAt.toISOString(),
    updated_datetime: issue.updatedAt.toISOString(),
    expected_datetime: addWorkingDays(issue.triagedAt ?? issue.createdAt, resolutionDays).toISOString(),
    address: [issue.placeDescription, `${issue.buurt.name}, Blerick, Venlo`].filter(Boolean).join(", "),
    address_id: null,
    zipcode: null,
    lat: issue.lat,
    long: issue.lng,
    media_url: photo ? `${publicUrl}/uploads/${photo.fileName}` : null,
  };
}

function parseIds(text: string) {
  const ids = text.split(",").map((part) => part.trim());
  if (ids.length > MAX_RESULTS || ids.some((id) => !/^\d{1,9}$/.test(id))) {
    throw new Open311Error(400, "service_request_id must be a comma-separated list of ids");
  }
  return ids.map(Number);
}

export async function listRequests(params: URLSearchParams, now = new Date()) {
  const where: Prisma.IssueWhereInput[] = [publicIssueWhere()];
  const ids = params.get("service_request_id");
  if (ids !== null && ids.trim() !== "") {
    // The spec: service_request_id overrides all other parameters.
    where.push({ id: { in: parseIds(ids) } });
  } else {
    const serviceCode = params.get("service_code")?.trim();
    if (serviceCode) where.push({ theme: { code: { in: serviceCode.split(",").map((c) => c.trim()) } } });

    const startText = params.get("start_date");
    const endText = params.get("end_date");
    const start = startText ? parseIsoDate(startText) : null;
    const end = endText ? parseIsoDate(endText) : null;
    if (startText && !start) throw new Open311Error(400, "start_date must be an ISO 8601 date");
    if (endText && !end) throw new Open311Error(400, "end_date must be an ISO 8601 date");
    if (start && end && start > end) throw new Open311Error(400, "start_date is after end_date");
    const windowMs = DEFAULT_WINDOW_DAYS * 24 * 60 * 60 * 1000;
    const from = start ?? new Date((end ?? now).getTime() - windowMs);
    where.push({ createdAt: { gte: from, ...(end ? { lte: end } : {}) } });

    const statusText = params.get("status");
    if (statusText !== null && statusText.trim() !== "") {
      const wanted = new Set(statusText.split(",").map((s) => s.trim().toLowerCase()));
      if ([...wanted].some((s) => s !== "open" && s !== "closed")) {
        throw new Open311Error(400, "status must be open, closed or open,closed");
      }
      const statuses = [...(wanted.has("open") ? OPEN_STATUSES : []), ...(wanted.has("closed") ? CLOSED_STATUSES : [])];
      where.push({ status: { in: statuses } });
    }
  }
  const [rows, settings] = await Promise.all([
    db.issue.findMany({
      where: { AND: where },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: MAX_RESULTS,
      select: requestSelect,
    }),
    getSettings(),
  ]);
  return rows.map((row) => toServiceRequest(row, settings.resolutionTargetDays));
}

function parseId(text: string) {
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}

export async function getRequest(idText: string) {
  const id = parseId(idText);
  const row =
    id === null ? null : await db.issue.findFirst({ where: { ...publicIssueWhere(), id }, select: requestSelect });
  if (!row) throw new Open311Error(404, `Unknown service_request_id '${idText}'`);
  const settings = await getSettings();
  return [toServiceRequest(row, settings.resolutionTargetDays)];
}

/** Ids are created at once, so a token is simply the request id (see README). */
export async function getToken(token: string) {
  const id = parseId(token);
  const row =
    id === null ? null : await db.issue.findFirst({ where: { ...publicIssueWhere(), id }, select: { id: true } });
  if (!row) throw new Open311Error(404, `Unknown token '${token}'`);
  return [{ service_request_id: String(row.id), token }];
}

// Dispatch -------------------------------------------------------------------------------------

/** Routes a path below /open311/ (e.g. "v2/requests.xml") to its endpoint. */
export async function handleOpen311(path: string, request: Request) {
  const match = /^(.*)\.(json|xml)$/.exec(path);
  const format: Open311Format = match?.[2] === "xml" ? "xml" : "json";
  try {
    if (!match) throw new Open311Error(404, "Unknown endpoint; add .json or .xml");
    const endpoint = match[1];
    const method = request.method.toUpperCase();
    if (endpoint === "v2/requests" && method === "POST") {
      const form = await readFormData(request).catch((refused: Response) => {
        if (refused.status === 413) throw new Open311Error(413, "The request body is larger than 1 MB");
        throw new Open311Error(400, "Send the request as application/x-www-form-urlencoded");
      });
      return open311Response(format, "service_requests", await createOpen311Request(form), 200);
    }
    if (method !== "GET" && method !== "HEAD") throw new Open311Error(405, `${method} is not supported here`);
    const url = new URL(request.url);
    if (endpoint === "discovery") return open311Response(format, "discovery", discovery());
    if (endpoint === "v2/services") return open311Response(format, "services", await services());
    if (endpoint === "v2/requests")
      return open311Response(format, "service_requests", await listRequests(url.searchParams));
    let part = /^v2\/services\/([^/]+)$/.exec(endpoint);
    if (part)
      return open311Response(format, "service_definition", await serviceDefinition(decodeURIComponent(part[1])));
    part = /^v2\/requests\/([^/]+)$/.exec(endpoint);
    if (part) return open311Response(format, "service_requests", await getRequest(decodeURIComponent(part[1])));
    part = /^v2\/tokens\/([^/]+)$/.exec(endpoint);
    if (part) return open311Response(format, "service_requests", await getToken(decodeURIComponent(part[1])));
    throw new Open311Error(404, "Unknown endpoint");
  } catch (error) {
    if (error instanceof Open311Error) return open311ErrorResponse(format, error);
    throw error;
  }
}
