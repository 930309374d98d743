/**
 * The outbound side of Open311 GeoReport v2: an organisation with its own meldingensysteem gets
 * the issues assigned to it sent there, and its status is read back. Pure parts: the settings
 * form, the request body, reading the other system's answers, and the texts residents see.
 */
import { z } from "zod";
import { t } from "~/i18n";
import { MAX_DESCRIPTION_LENGTH } from "./open311";

/** ExternalRequest.status values. */
export const EXTERNAL_REQUEST_STATUSES = ["wachtrij", "bezig", "verzonden", "mislukt", "overgeslagen", "onbekend"] as const;
export type ExternalRequestStatus = (typeof EXTERNAL_REQUEST_STATUSES)[number];

/** Their service_code: the spec sets no format; printable characters without spaces is what systems use. */
const SERVICE_CODE = /^[A-Za-z0-9_.:-]{1,100}$/;

/** Theme code -> the other system's service_code. Empty values mean "do not send". */
export type ServiceMapping = Record<string, string>;

export function parseServiceMapping(json: string | null | undefined): ServiceMapping {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    const mapping: ServiceMapping = {};
    for (const [theme, code] of Object.entries(value)) {
      if (typeof code === "string" && SERVICE_CODE.test(code)) mapping[theme] = code;
    }
    return mapping;
  } catch {
    return {};
  }
}

/** The base URL without a trailing slash, e.g. https://meldingen.example.nl/open311/v2. */
export function normaliseEndpoint(endpoint: string) {
  return endpoint.trim().replace(/\/+$/, "");
}

export const MAPPING_FIELD_PREFIX = "service_";

/**
 * The admin form. The api key is write-only: left empty, the stored key stays. Service codes
 * arrive as `service_<themeCode>` fields, one per theme.
 */
export function connectionFormSchema(themeCodes: readonly string[], hasStoredKey: boolean) {
  const mappingFields = Object.fromEntries(
    themeCodes.map((code) => [
      `${MAPPING_FIELD_PREFIX}${code}`,
      z.string().trim().regex(SERVICE_CODE, t("open311Client.validation.serviceCodeInvalid")).optional(),
    ]),
  );
  return z.object({
    intent: z.literal("save"),
    endpoint: z
      .string({ error: t("open311Client.validation.endpointRequired") })
      .trim()
      .max(500, t("open311Client.validation.endpointInvalid"))
      .pipe(z.url({ protocol: /^https?$/, error: t("open311Client.validation.endpointInvalid") }))
      .transform(normaliseEndpoint),
    apiKey: hasStoredKey
      ? z.string().trim().max(200, t("open311Client.validation.apiKeyTooLong")).optional()
      : z
          .string({ error: t("open311Client.validation.apiKeyRequired") })
          .trim()
          .min(1, t("open311Client.validation.apiKeyRequired"))
          .max(200, t("open311Client.validation.apiKeyTooLong")),
    jurisdictionId: z.string().trim().max(100, t("open311Client.validation.jurisdictionTooLong")).optional(),
    enabled: z.literal("on").optional(),
    ...mappingFields,
  });
}

export function mappingFromForm(value: Record<string, unknown>, themeCodes: readonly string[]): ServiceMapping {
  const mapping: ServiceMapping = {};
  for (const code of themeCodes) {
    const given = value[`${MAPPING_FIELD_PREFIX}${code}`];
    if (typeof given === "string" && given) mapping[code] = given;
  }
  return mapping;
}

/** What we tell the other system: the resident's words and a link back; never who reported it. */
export function externalDescription(
  issue: { id: number; title: string; description: string; placeDescription: string | null; buurtName: string },
  publicUrl: string,
) {
  const footer = [
    issue.placeDescription ? `Plek: ${issue.placeDescription}, ${issue.buurtName}` : `Buurt: ${issue.buurtName}`,
    `Melding ${issue.id} op Buurt Bestuurt: ${publicUrl}/meldingen/${issue.id}`,
  ].join("\n");
  const head = `${issue.title}\n\n`;
  const room = MAX_DESCRIPTION_LENGTH - head.length - footer.length - 2;
  const body = issue.description.length > room ? `${issue.description.slice(0, room - 1)}…` : issue.description;
  return `${head}${body}\n\n${footer}`;
}

export function requestBody(input: {
  apiKey: string;
  jurisdictionId: string | null;
  serviceCode: string;
  lat: number;
  lng: number;
  description: string;
  mediaUrl: string | null;
}) {
  const body = new URLSearchParams();
  body.set("api_key", input.apiKey);
  if (input.jurisdictionId) body.set("jurisdiction_id", input.jurisdictionId);
  body.set("service_code", input.serviceCode);
  body.set("lat", String(input.lat));
  body.set("long", String(input.lng));
  body.set("description", input.description);
  if (input.mediaUrl) body.set("media_url", input.mediaUrl);
  return body;
}

const idValue = z.union([z.string().trim().min(1).max(200), z.number().transform(String)]);
const errorList = z.array(z.object({ code: z.union([z.number(), z.string()]).optional(), description: z.string() }));

/** The answer to POST requests: an id, or a token to look the id up later. */
export type PostAnswer = { serviceRequestId: string | null; token: string | null; notice: string | null };

export function readPostAnswer(body: unknown): PostAnswer {
  const parsed = z
    .array(
      z.object({
        service_request_id: idValue.nullish(),
        token: idValue.nullish(),
        service_notice: z.string().nullish(),
      }),
    )
    .min(1)
    .safeParse(body);
  if (!parsed.success) throw new Error(`Unexpected answer: ${JSON.stringify(body).slice(0, 300)}`);
  const [first] = parsed.data;
  if (!first.service_request_id && !first.token) throw new Error("Answer has neither service_request_id nor token");
  return {
    serviceRequestId: first.service_request_id ?? null,
    token: first.token ?? null,
    notice: first.service_notice ?? null,
  };
}

/** The descriptions of an error body in the spec's format, as one line; null when it is not one. */
export function readErrorAnswer(body: unknown): string | null {
  const parsed = errorList.safeParse(body);
  if (!parsed.success || parsed.data.length === 0) return null;
  return parsed.data.map((error) => error.description).join("; ");
}

export type ExternalStatus = {
  serviceRequestId: string;
  status: "open" | "closed";
  statusNotes: string | null;
  updatedAt: Date | null;
};

/** The answer to GET requests: requests we do not know or cannot read are left out. */
export function readStatusAnswer(body: unknown): ExternalStatus[] {
  if (!Array.isArray(body)) throw new Error(`Unexpected answer: ${JSON.stringify(body).slice(0, 300)}`);
  const item = z.object({
    service_request_id: idValue,
    status: z.string().transform((value) => value.trim().toLowerCase()),
    status_notes: z.string().nullish(),
    updated_datetime: z.string().nullish(),
  });
  const result: ExternalStatus[] = [];
  for (const entry of body) {
    const parsed = item.safeParse(entry);
    if (!parsed.success || (parsed.data.status !== "open" && parsed.data.status !== "closed")) continue;
    const updated = parsed.data.updated_datetime ? new Date(parsed.data.updated_datetime) : null;
    result.push({
      serviceRequestId: parsed.data.service_request_id,
      status: parsed.data.status,
      statusNotes: parsed.data.status_notes?.trim() || null,
      updatedAt: updated && !Number.isNaN(updated.getTime()) ? updated : null,
    });
  }
  return result;
}

/** The answer to GET tokens/{token}: the id once the other system has one. */
export function readTokenAnswer(body: unknown): string | null {
  const parsed = z.array(z.object({ service_request_id: idValue.nullish() })).safeParse(body);
  if (!parsed.success) throw new Error(`Unexpected answer: ${JSON.stringify(body).slice(0, 300)}`);
  return parsed.data.find((entry) => entry.service_request_id)?.service_request_id ?? null;
}

/**
 * The public update residents see when the other system reports something new, or null when
 * nothing they would care about changed (the first "open" without notes, the same notes again).
 */
export function mirroredUpdateMessage(
  organisation: string,
  before: { status: string | null; notes: string | null },
  after: { status: "open" | "closed"; notes: string | null },
): string | null {
  const closedNow = after.status === "closed" && before.status !== "closed";
  const reopened = after.status === "open" && before.status === "closed";
  const newNotes = after.notes !== null && after.notes !== before.notes;
  if (!closedNow && !reopened && !newNotes) return null;
  const lead = closedNow
    ? t("open311Client.mirror.closed", { organisation })
    : reopened
      ? t("open311Client.mirror.reopened", { organisation })
      : t("open311Client.mirror.update", { organisation });
  return newNotes ? `${lead} ${after.notes}` : lead;
}

/** "Nu opnieuw proberen" on the partner page of an issue. */
export const externalRetrySchema = z.object({
  intent: z.literal("external-retry"),
  externalRequestId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
});
