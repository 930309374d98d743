import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import {
  externalDescription,
  mirroredUpdateMessage,
  parseServiceMapping,
  readErrorAnswer,
  readPostAnswer,
  type PostAnswer,
  readStatusAnswer,
  readTokenAnswer,
  requestBody,
  type ServiceMapping,
} from "~/domain/open311-client";
import { canRetryExternalSend, type Actor } from "~/domain/permissions";
import { findPersonalData } from "~/domain/personal-data";
import { t } from "~/i18n";
import { audit } from "./audit.server";
import { db, type Tx } from "./db.server";
import { env } from "./env.server";
import { ForbiddenError } from "./issue-status.server";
import { enqueueJob } from "./jobs.server";
import { queueIssueNotifications } from "./notifications.server";

/**
 * The Open311 client: issues assigned to an organisation with its own meldingensysteem are
 * POSTed there once, and the other system's status comes back as public updates.
 *
 * - "Once" is a database rule: one ExternalRequest row per (issue, organisation), created in the
 *   transaction that assigns the issue. The `open311_send` job claims the row (wachtrij/mislukt
 *   -> bezig) before it posts, so two workers never post the same row.
 * - A failed post throws, so the job queue retries it with backoff (30 s, 1 min, 2 min, ...);
 *   the row shows the error and the next try to partners, who can also try again at once.
 * - `open311_poll` (a recurring job) asks each system for the status of what we sent.
 * - The other system gets the resident's words and a link, never the reporter's identity.
 */

const HTTP_TIMEOUT_MS = 15_000;
/** A row left in "bezig" this long belongs to a worker that died mid-post; it may be tried again. */
const STALE_SENDING_MS = 5 * 60 * 1000;
/** GET requests takes a comma list of ids; keep URLs short. */
const POLL_CHUNK = 50;

// Api keys at rest -------------------------------------------------------------------------------

function encryptionKey() {
  return createHash("sha256").update(`open311-client:${env().SESSION_SECRET}`).digest();
}

/** AES-256-GCM; "v1.<iv>.<tag>.<ciphertext>" in base64url. */
export function encryptApiKey(plain: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function decryptApiKey(stored: string) {
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== "v1" || !iv || !tag || ciphertext === undefined) throw new Error("Unreadable stored api key");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

// Settings (admin) -----------------------------------------------------------------------------

export type ConnectionInput = {
  endpoint: string;
  /** Undefined or empty keeps the stored key. */
  apiKey?: string;
  jurisdictionId?: string;
  enabled: boolean;
  serviceMapping: ServiceMapping;
};

export async function connectionFor(organisationId: string) {
  const row = await db.open311Connection.findUnique({ where: { organisationId } });
  if (!row) return null;
  return {
    endpoint: row.endpoint,
    jurisdictionId: row.jurisdictionId,
    enabled: row.enabled,
    serviceMapping: parseServiceMapping(row.serviceMapping),
    updatedAt: row.updatedAt,
  };
}

export async function saveConnection(actorId: string, organisationId: string, input: ConnectionInput) {
  const fields = {
    endpoint: input.endpoint,
    jurisdictionId: input.jurisdictionId || null,
    enabled: input.enabled,
    serviceMapping: JSON.stringify(input.serviceMapping),
    ...(input.apiKey ? { apiKeyEncrypted: encryptApiKey(input.apiKey) } : {}),
  };
  await db.$transaction(async (tx) => {
    const existing = await tx.open311Connection.findUnique({
      where: { organisationId },
      select: { organisationId: true },
    });
    if (existing) {
      await tx.open311Connection.update({ where: { organisationId }, data: fields });
    } else {
      if (!input.apiKey) throw new Error("An api key is required for a new connection");
      await tx.open311Connection.create({
        data: { organisationId, ...fields, apiKeyEncrypted: encryptApiKey(input.apiKey) },
      });
    }
    await audit(tx, {
      issueId: null,
      actorId,
      action: "open311_connection_saved",
      after: { organisationId, endpoint: input.endpoint, enabled: input.enabled, keyChanged: Boolean(input.apiKey) },
    });
  });
}

export async function deleteConnection(actorId: string, organisationId: string) {
  await db.$transaction(async (tx) => {
    await tx.open311Connection.deleteMany({ where: { organisationId } });
    await audit(tx, { issueId: null, actorId, action: "open311_connection_deleted", after: { organisationId } });
  });
}

// HTTP -----------------------------------------------------------------------------------------

class ExternalSystemError extends Error {
  override name = "ExternalSystemError";
}

/** An HTTP answer: JSON body when it parsed, null otherwise. Throws only when nothing came back. */
async function call(url: string, init: RequestInit = {}) {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { accept: "application/json", ...init.headers },
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
  } catch (error) {
    const cause =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new ExternalSystemError(t("open311Client.errors.unreachable", { detail: cause }));
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON; the caller decides what that means.
  }
  return { ok: response.ok, status: response.status, text, body };
}

function httpError(answer: { status: number; text: string; body: unknown }) {
  const detail = readErrorAnswer(answer.body) ?? answer.text.slice(0, 200);
  return new ExternalSystemError(t("open311Client.errors.httpStatus", { status: answer.status, detail }));
}

async function callJson(url: string, init: RequestInit = {}): Promise<unknown> {
  const { ok, status, text, body } = await call(url, init);
  if (!ok) {
    throw httpError({ status, text, body });
  }
  if (body === null) throw new ExternalSystemError(t("open311Client.errors.notJson"));
  return body;
}

/** "Verbinding testen": reads the other system's service list. */
export async function fetchExternalServices(endpoint: string) {
  const body = await callJson(`${endpoint}/services.json`);
  const parsed = z
    .array(
      z.object({
        service_code: z.union([z.string(), z.number()]).transform(String),
        service_name: z.string().nullish(),
      }),
    )
    .safeParse(body);
  if (!parsed.success) throw new ExternalSystemError(t("open311Client.errors.notServiceList"));
  return parsed.data.map((service) => ({
    code: service.service_code,
    name: service.service_name ?? service.service_code,
  }));
}

// Sending --------------------------------------------------------------------------------------

/**
 * Called in every transaction that gives an issue an owner organisation (triage, claim,
 * accepted hand-over). Does nothing without an enabled connection, or when this issue was
 * already handed to that organisation's system before.
 */
export async function queueExternalSend(tx: Tx, issueId: number, organisationId: string, at = new Date()) {
  const connection = await tx.open311Connection.findUnique({ where: { organisationId }, select: { enabled: true } });
  if (!connection?.enabled) return;
  const existing = await tx.externalRequest.findUnique({
    where: { issueId_organisationId: { issueId, organisationId } },
    select: { id: true },
  });
  if (existing) return;
  const request = await tx.externalRequest.create({
    data: { issueId, organisationId, status: "wachtrij", nextAttemptAt: at, createdAt: at },
    select: { id: true },
  });
  await enqueueJob(tx, "open311_send", { externalRequestId: request.id }, at);
}

const sendPayload = z.object({ externalRequestId: z.string().min(1) });

/** The `open311_send` job. Throws on failure so the queue retries it. */
export async function sendExternalRequest(payload: unknown, context: { now: Date; retryAt: Date | null }) {
  const { externalRequestId } = sendPayload.parse(payload);
  const now = context.now;
  const claimed = await db.externalRequest.updateMany({
    where: { id: externalRequestId, status: { in: ["wachtrij", "mislukt"] } },
    data: { status: "bezig", lastAttemptAt: now, attempts: { increment: 1 } },
  });
  if (claimed.count === 0) {
    // A post that started long ago and never finished (the worker died, or recording the
    // answer failed): it may have arrived. Never post it again by ourselves; a person checks.
    const stale = await db.externalRequest.updateMany({
      where: {
        id: externalRequestId,
        status: "bezig",
        lastAttemptAt: { lt: new Date(now.getTime() - STALE_SENDING_MS) },
      },
      data: { status: "onbekend", lastError: t("open311Client.errors.unknownOutcome"), nextAttemptAt: null },
    });
    if (stale.count > 0) return;
    const current = await db.externalRequest.findUnique({ where: { id: externalRequestId }, select: { status: true } });
    // Another worker is posting it right now: look again later (then it is done, or stale).
    if (current?.status === "bezig") throw new Error("Another worker is sending this request");
    return; // sent, skipped or unknown
  }

  const request = await db.externalRequest.findUniqueOrThrow({
    where: { id: externalRequestId },
    select: {
      id: true,
      issueId: true,
      organisationId: true,
      organisation: { select: { open311Connection: true } },
      issue: {
        select: {
          id: true,
          title: true,
          description: true,
          placeDescription: true,
          lat: true,
          lng: true,
          visibility: true,
          theme: { select: { code: true, name: true } },
          buurt: { select: { name: true } },
          photos: {
            where: { visibility: "public" },
            orderBy: { createdAt: "asc" },
            take: 1,
            select: { fileName: true },
          },
        },
      },
    },
  });
  const connection = request.organisation.open311Connection;
  const { issue } = request;
  const serviceCode = connection ? parseServiceMapping(connection.serviceMapping)[issue.theme.code] : undefined;

  if (!connection || !connection.enabled || !serviceCode || issue.visibility !== "public") {
    const reason =
      !connection || !connection.enabled
        ? t("open311Client.errors.connectionOff")
        : !serviceCode
          ? t("open311Client.errors.noServiceCode", { theme: issue.theme.name })
          : t("open311Client.errors.notPublic");
    await db.externalRequest.update({
      where: { id: request.id },
      data: { status: "overgeslagen", lastError: reason, nextAttemptAt: null },
    });
    return;
  }

  const { PUBLIC_URL } = env();
  const photo = issue.photos[0];
  const body = requestBody({
    apiKey: decryptApiKey(connection.apiKeyEncrypted),
    jurisdictionId: connection.jurisdictionId,
    serviceCode,
    lat: issue.lat,
    lng: issue.lng,
    description: externalDescription({ ...issue, buurtName: issue.buurt.name }, PUBLIC_URL),
    mediaUrl: photo ? `${PUBLIC_URL}/uploads/${photo.fileName}` : null,
  });
  let answer: Awaited<ReturnType<typeof call>>;
  try {
    answer = await call(`${connection.endpoint}/requests.json`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    if (!answer.ok) throw httpError(answer);
  } catch (error) {
    // Nothing was accepted: try again later (the job queue's backoff).
    const message = error instanceof Error ? error.message : String(error);
    await db.externalRequest.update({
      where: { id: request.id },
      data: { status: "mislukt", lastError: message.slice(0, 500), nextAttemptAt: context.retryAt },
    });
    throw error;
  }

  // Accepted (2xx): from here on it is sent, whatever the answer looks like, so a retry can
  // never post it a second time. An answer we cannot read is noted for the partner.
  let read: PostAnswer | null = null;
  try {
    read = readPostAnswer(answer.body);
  } catch {
    read = null;
  }
  await db.$transaction(async (tx) => {
    await tx.externalRequest.update({
      where: { id: request.id },
      data: {
        status: "verzonden",
        serviceCode,
        externalId: read?.serviceRequestId ?? null,
        token: read?.token ?? null,
        sentAt: now,
        lastError: read ? null : t("open311Client.errors.unreadableAnswer"),
        nextAttemptAt: null,
      },
    });
    await audit(tx, {
      issueId: issue.id,
      actorId: null,
      action: "open311_sent",
      after: {
        organisationId: request.organisationId,
        externalId: read?.serviceRequestId ?? null,
        token: read?.token ?? null,
      },
      at: now,
    });
  });
}

/**
 * "Nu opnieuw proberen": a failed or skipped send is queued again at once (after the admin fixed
 * the connection or the mapping). A send that succeeded can never be repeated.
 */
export async function retryExternalRequest(actor: Actor, externalRequestId: string, issueId: number, at = new Date()) {
  return db.$transaction(async (tx) => {
    const request = await tx.externalRequest.findUnique({
      where: { id: externalRequestId },
      select: { id: true, status: true, issueId: true, organisationId: true },
    });
    if (!request || request.issueId !== issueId || !canRetryExternalSend(actor, request)) {
      throw new ForbiddenError("Not allowed to retry this send");
    }
    if (!["mislukt", "overgeslagen", "onbekend"].includes(request.status)) return false;
    await tx.externalRequest.update({
      where: { id: request.id },
      data: { status: "wachtrij", nextAttemptAt: at },
    });
    // Pending retries of the old job find the row in "wachtrij" and may send it; the claim in
    // sendExternalRequest makes sure only one of them does.
    await enqueueJob(tx, "open311_send", { externalRequestId: request.id }, at);
    await audit(tx, {
      issueId: request.issueId,
      actorId: actor.id,
      action: "open311_retry",
      after: { organisationId: request.organisationId },
      at,
    });
    return true;
  });
}

/** What the partner page shows per organisation system. */
export function externalRequestsFor(issueId: number) {
  return db.externalRequest.findMany({
    where: { issueId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      status: true,
      organisationId: true,
      organisation: { select: { name: true } },
      externalId: true,
      token: true,
      externalStatus: true,
      externalStatusNotes: true,
      attempts: true,
      lastError: true,
      lastAttemptAt: true,
      nextAttemptAt: true,
      sentAt: true,
      lastPolledAt: true,
    },
  });
}

// Polling --------------------------------------------------------------------------------------

/**
 * The `open311_poll` job: asks every enabled system for the status of the requests we sent
 * that it has not closed yet, and publishes what changed as public updates on our issues.
 */
export async function pollExternalRequests(_payload: unknown, context: { now: Date }) {
  const connections = await db.open311Connection.findMany({
    where: { enabled: true },
    select: { organisationId: true, endpoint: true, jurisdictionId: true, organisation: { select: { name: true } } },
  });
  for (const connection of connections) {
    await resolveTokens(connection.endpoint, connection.organisationId, context.now);
    const open = await db.externalRequest.findMany({
      where: {
        organisationId: connection.organisationId,
        status: "verzonden",
        externalId: { not: null },
        OR: [{ externalStatus: null }, { externalStatus: "open" }],
      },
      select: { id: true, issueId: true, externalId: true, externalStatus: true, externalStatusNotes: true },
      orderBy: { sentAt: "asc" },
    });
    for (let index = 0; index < open.length; index += POLL_CHUNK) {
      const chunk = open.slice(index, index + POLL_CHUNK);
      const params = new URLSearchParams({ service_request_id: chunk.map((row) => row.externalId).join(",") });
      if (connection.jurisdictionId) params.set("jurisdiction_id", connection.jurisdictionId);
      let statuses;
      try {
        statuses = readStatusAnswer(await callJson(`${connection.endpoint}/requests.json?${params}`));
      } catch (error) {
        // One unreachable system must not stop the others; the next poll tries again.
        console.warn(
          `[open311] polling ${connection.endpoint} failed: ${error instanceof Error ? error.message : error}`,
        );
        break;
      }
      const byId = new Map(statuses.map((status) => [status.serviceRequestId, status]));
      for (const row of chunk) {
        const status = byId.get(row.externalId!);
        if (!status) continue;
        await mirrorStatus(row, status, connection.organisationId, connection.organisation.name, context.now);
      }
    }
  }
}

async function resolveTokens(endpoint: string, organisationId: string, now: Date) {
  const waiting = await db.externalRequest.findMany({
    where: { organisationId, status: "verzonden", externalId: null, token: { not: null } },
    select: { id: true, token: true },
  });
  for (const row of waiting) {
    try {
      const id = readTokenAnswer(await callJson(`${endpoint}/tokens/${encodeURIComponent(row.token!)}.json`));
      await db.externalRequest.update({ where: { id: row.id }, data: { externalId: id, lastPolledAt: now } });
    } catch (error) {
      console.warn(`[open311] token ${row.token} at ${endpoint}: ${error instanceof Error ? error.message : error}`);
    }
  }
}

async function mirrorStatus(
  row: { id: string; issueId: number; externalStatus: string | null; externalStatusNotes: string | null },
  status: { status: "open" | "closed"; statusNotes: string | null; updatedAt: Date | null },
  organisationId: string,
  organisationName: string,
  now: Date,
) {
  // Their notes are written for their own system and may name people or phone numbers: those
  // are never published (partners still see them on the partner page), only the status news.
  const publishable = (notes: string | null) => (notes && findPersonalData(notes).length === 0 ? notes : null);
  const message = mirroredUpdateMessage(
    organisationName,
    { status: row.externalStatus, notes: publishable(row.externalStatusNotes) },
    { status: status.status, notes: publishable(status.statusNotes) },
  );
  await db.$transaction(async (tx) => {
    // Compare-and-set on what we read: a concurrent poll that got here first wins, once.
    const updated = await tx.externalRequest.updateMany({
      where: { id: row.id, externalStatus: row.externalStatus, externalStatusNotes: row.externalStatusNotes },
      data: {
        externalStatus: status.status,
        externalStatusNotes: status.statusNotes,
        externalUpdatedAt: status.updatedAt,
        lastPolledAt: now,
      },
    });
    if (updated.count !== 1 || !message) return;
    // A hidden (or not yet public) issue gets no public updates.
    const issue = await tx.issue.findUnique({ where: { id: row.issueId }, select: { visibility: true } });
    if (issue?.visibility !== "public") return;
    await tx.issueEvent.create({
      data: { issueId: row.issueId, type: "public_update", publicMessage: message, organisationId, createdAt: now },
    });
    await tx.issue.update({ where: { id: row.issueId }, data: { updatedAt: now } });
    await queueIssueNotifications(tx, { issueId: row.issueId, kind: "public_update", message, actorId: null });
  });
}
