/**
 * CSV as Dutch spreadsheet programs open it without an import wizard: UTF-8 with a byte order
 * mark (so Excel reads é and ë), `;` between fields (Dutch Excel uses the comma for decimals),
 * CRLF line ends (RFC 4180). A field is quoted when it contains `;`, `"`, CR or LF; quotes inside
 * are doubled.
 */
export const CSV_BOM = "\uFEFF";
export const CSV_SEPARATOR = ";";
export const CSV_LINE_END = "\r\n";

export type CsvValue = string | number | boolean | Date | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text =
    value instanceof Date ? value.toISOString() : typeof value === "boolean" ? (value ? "ja" : "nee") : String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvField).join(CSV_SEPARATOR) + CSV_LINE_END;
}

/** A whole CSV document: BOM, header line, one line per row. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let out = CSV_BOM + csvLine(header);
  for (const row of rows) out += csvLine(row);
  return out;
}
