/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): pure parts shared by the
 * server handlers and tests: the service definitions (attributes per theme code), the status
 * mapping, the title rule, request validation helpers and a tiny escaping XML serializer.
 */
import { OPEN_STATUSES, type IssueStatus } from "./issue-status";
import { escapeXml } from "./xml";

export const OPEN311_SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
/** Changes whenever the published endpoints or service definitions change. */
export const OPEN311_CHANGESET = "2026-12-01T00:00:00Z";
export const OPEN311_FORMATS = ["text/xml", "application/json"] as const;
export type Open311Format = "json" | "xml";

export const MAX_DESCRIPTION_LENGTH = 4000;
export const MAX_TITLE_LENGTH = 80;
export const MAX_RESULTS = 1000;
export const DEFAULT_WINDOW_DAYS = 90;

export type Open311Value = { key: string; name: string };
export type Open311Attribute = {
  variable: boolean;
  code: string;
  datatype: "string" | "number" | "datetime" | "text" | "singlevaluelist" | "multivaluelist";
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values: Open311Value[];
  /** How the answer is written into the issue description, e.g. "Soort afval". */
  label: string;
};

/** Extra questions per theme code (service_code). Themes not listed have metadata=false. */
export const SERVICE_ATTRIBUTES: Record<string, readonly Open311Attribute[]> = {
  afval: [
    {
      variable: true,
      code: "soort_afval",
      datatype: "singlevaluelist",
      required: false,
      datatype_description: "Kies een van de waarden.",
      order: 1,
      description: "Wat voor afval is het?",
      label: "Soort afval",
      values: [
        { key: "grofvuil", name: "Grofvuil" },
        { key: "zwerfvuil", name: "Zwerfvuil" },
        { key: "bouwafval", name: "Bouwafval" },
        { key: "tuinafval", name: "Tuinafval" },
        { key: "overig", name: "Overig" },
      ],
    },
  ],
};

export function attributesFor(serviceCode: string): readonly Open311Attribute[] {
  return Object.hasOwn(SERVICE_ATTRIBUTES, serviceCode) ? SERVICE_ATTRIBUTES[serviceCode] : [];
}

/** The attribute as published (without our internal label). */
export function publicAttribute({ label: _label, ...attribute }: Open311Attribute) {
  return attribute;
}

/**
 * Checks `attribute[code]` answers against the service definition. Returns the lines to add
 * to the description ("Soort afval: Grofvuil") or an error text.
 */
export function validateAttributes(
  definition: readonly Open311Attribute[],
  answers: ReadonlyMap<string, string[]>,
): { ok: true; lines: string[] } | { ok: false; error: string } {
  for (const code of answers.keys()) {
    if (!definition.some((attribute) => attribute.code === code)) {
      return { ok: false, error: `attribute[${code}] is not defined for this service` };
    }
  }
  const lines: string[] = [];
  for (const attribute of [...definition].sort((a, b) => a.order - b.order)) {
    if (!attribute.variable) continue;
    const given = (answers.get(attribute.code) ?? []).map((v) => v.trim()).filter(Boolean);
    if (given.length === 0) {
      if (attribute.required) return { ok: false, error: `attribute[${attribute.code}] is required` };
      continue;
    }
    if (attribute.datatype === "singlevaluelist" || attribute.datatype === "multivaluelist") {
      if (attribute.datatype === "singlevaluelist" && given.length > 1) {
        return { ok: false, error: `attribute[${attribute.code}] takes one value` };
      }
      const names: string[] = [];
      for (const key of given) {
        const value = attribute.values.find((v) => v.key === key);
        if (!value) return { ok: false, error: `attribute[${attribute.code}] has no value '${key}'` };
        names.push(value.name);
      }
      lines.push(`${attribute.label}: ${names.join(", ")}`);
    } else if (attribute.datatype === "number") {
      if (given.length > 1 || !Number.isFinite(Number(given[0]))) {
        return { ok: false, error: `attribute[${attribute.code}] must be a number` };
      }
      lines.push(`${attribute.label}: ${given[0]}`);
    } else {
      lines.push(`${attribute.label}: ${given.join(", ").slice(0, 500)}`);
    }
  }
  return { ok: true, lines };
}

/** Open311 knows two statuses: open and closed. */
export function open311Status(status: string): "open" | "closed" {
  return (OPEN_STATUSES as readonly string[]).includes(status as IssueStatus) ? "open" : "closed";
}

/** Title = first sentence of the description, at most 80 characters (cut at a word). */
export function titleFromDescription(description: string) {
  const text = description.replace(/\s+/g, " ").trim();
  const match = /^(.+?[.!?])(\s|$)/.exec(text);
  const sentence = (match ? match[1] : text).trim();
  if (sentence.length <= MAX_TITLE_LENGTH) return sentence;
  const cut = sentence.slice(0, MAX_TITLE_LENGTH - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > 40 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO 8601 date or date-time as the spec uses (e.g. 2010-04-14T06:37:38-08:00), else null. */
export function parseIsoDate(value: string): Date | null {
  const text = value.trim();
  if (!ISO_DATE.test(text)) return null;
  const normalised = text.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const date = new Date(normalised);
  return Number.isNaN(date.getTime()) ? null : date;
}

// XML -------------------------------------------------------------------------------------


const TAG = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Serializes JSON-shaped data as XML: objects become child elements, an array under key `k`
 * becomes <k><item/>...</k> with the item name from `itemNames[k]`, null/undefined an empty element.
 */
export function toXml(root: string, value: unknown, itemNames: Record<string, string>) {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, itemNames)}\n`;
}

function element(name: string, value: unknown, itemNames: Record<string, string>): string {
  if (!TAG.test(name)) throw new Error(`Invalid XML element name: ${name}`);
  if (value === null || value === undefined || value === "") return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name];
    if (!item) throw new Error(`No XML item name for list ${name}`);
    return `<${name}>${value.map((v) => element(item, v, itemNames)).join("")}</${name}>`;
  }
  if (value instanceof Date) return `<${name}>${escapeXml(value.toISOString())}</${name}>`;
  if (typeof value === "object") {
    const children = Object.entries(value as Record<string, unknown>)
      .map(([key, child]) => element(key, child, itemNames))
      .join("");
    return `<${name}>${children}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** Item element names of the GeoReport v2 documents. */
export const XML_ITEMS: Record<string, string> = {
  services: "service",
  service_requests: "request",
  errors: "error",
  endpoints: "endpoint",
  formats: "format",
  attributes: "attribute",
  values: "value",
};
