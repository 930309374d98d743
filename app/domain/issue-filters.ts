import { z } from "zod";
import { CLOSED_STATUSES, ISSUE_STATUSES, OPEN_STATUSES, type IssueStatus } from "./issue-status";

/**
 * Filters shared by the list, the map and the map API, read from a URL so a filtered view can
 * be shared. `status` is a stored status value or one of the groups "open" / "gesloten".
 */
export const STATUS_FILTERS = ["open", "gesloten", ...ISSUE_STATUSES] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const SORTS = ["nieuw", "steun"] as const;
export type Sort = (typeof SORTS)[number];

const code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/);

export const issueFiltersSchema = z.object({
  theme: code.optional(),
  buurt: code.optional(),
  status: z.enum(STATUS_FILTERS).optional(),
});
export type IssueFilters = z.infer<typeof issueFiltersSchema>;

export function statusesFor(filter: StatusFilter | undefined): readonly IssueStatus[] | undefined {
  if (!filter) return undefined;
  if (filter === "open") return OPEN_STATUSES;
  if (filter === "gesloten") return CLOSED_STATUSES;
  return [filter];
}

function pick(params: URLSearchParams, name: string) {
  const value = params.get(name);
  return value === null || value === "" ? undefined : value;
}

/** Strict parse for APIs: unknown values are errors (answered with 400). */
export function parseIssueFilters(params: URLSearchParams) {
  return issueFiltersSchema.safeParse({
    theme: pick(params, "theme"),
    buurt: pick(params, "buurt"),
    status: pick(params, "status"),
  });
}

export type ListQuery = IssueFilters & { sort: Sort; page: number };

/**
 * Lenient parse for pages: a hand-edited URL with an unknown value falls back to the default
 * instead of failing. Pages show open issues unless another status is chosen.
 */
export function parseListQuery(params: URLSearchParams): ListQuery {
  const field = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
    const result = schema.safeParse(value);
    return result.success ? result.data : fallback;
  };
  const statusParam = pick(params, "status");
  return {
    theme: field(code.optional(), pick(params, "theme"), undefined),
    buurt: field(code.optional(), pick(params, "buurt"), undefined),
    // "alle" is the explicit "every status" choice; nothing chosen means open issues.
    status: statusParam === "alle" ? undefined : field(z.enum(STATUS_FILTERS), statusParam, "open"),
    sort: field(z.enum(SORTS), pick(params, "sort"), "nieuw"),
    page: field(z.coerce.number().int().min(1).max(10_000), pick(params, "pagina"), 1),
  };
}

/** The URL search string for a list query, leaving out defaults so URLs stay short. */
export function listQueryToSearch(query: Partial<ListQuery>) {
  const params = new URLSearchParams();
  if (query.theme) params.set("theme", query.theme);
  if (query.buurt) params.set("buurt", query.buurt);
  if (query.status === undefined) params.set("status", "alle");
  else if (query.status !== "open") params.set("status", query.status);
  if (query.sort && query.sort !== "nieuw") params.set("sort", query.sort);
  if (query.page && query.page > 1) params.set("pagina", String(query.page));
  const search = params.toString();
  return search ? `?${search}` : "";
}
