import { nl } from "./nl";

/**
 * UI text lives in message catalogues, Dutch first. Keys are "feature.name" paths into the
 * catalogue; `{name}` placeholders are filled from params. Adding a language means adding a
 * catalogue with the same shape (TypeScript checks the shape) and choosing it per request.
 */
type Catalogue = typeof nl;
type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Catalogue>;

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  let value: unknown = nl;
  for (const part of key.split(".")) value = (value as Record<string, unknown>)[part];
  if (typeof value !== "string") return key;
  if (!params) return value;
  return value.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** Dutch plural choice: plural(3, "steunbetuiging", "steunbetuigingen"). */
export function plural(count: number, one: MessageKey, many: MessageKey) {
  return t(count === 1 ? one : many, { count: count.toLocaleString("nl-NL") });
}
