import { t } from "~/i18n";

/**
 * The largest form body without a file we read, and the most text a form with a file may carry
 * besides it. Our longest text field (20,000 characters, the minutes of a meeting) is ~180 KB
 * even when every character is percent-encoded.
 */
export const FORM_MAX_BYTES = 1024 * 1024;

/**
 * Reads a form body. A body that is no form at all (wrong content type, cut off) is a bad
 * request from a client that is not our page: answer 400, never a 500. A body larger than
 * FORM_MAX_BYTES is refused with 413 once that many bytes have arrived, before anything is
 * parsed (the server drains or drops the rest).
 */
export async function readFormData(request: Request, maxBytes = FORM_MAX_BYTES) {
  const body = await readBody(request, maxBytes);
  let formData: FormData;
  try {
    formData = await new Response(body, {
      headers: { "Content-Type": request.headers.get("Content-Type") ?? "" },
    }).formData();
  } catch {
    throw badRequest();
  }
  return withoutHiddenCharacters(formData);
}

/**
 * Characters that change how text around them is shown without being seen themselves: the
 * direction overrides and isolates (U+202A-U+202E, U+2066-U+2069 turn "omgekeerd" into
 * "dreekegmo" on screen) and zero-width spaces (a name of only those looks empty). Removed
 * from every text a form sends; joiners (emoji, scripts that need them) stay.
 */
const HIDDEN_CHARACTERS = /[\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;

export function withoutHiddenCharacters(formData: FormData) {
  const cleaned = new FormData();
  for (const [name, value] of formData) {
    // Passwords stay as typed: one that has such a character must still match.
    const text = typeof value === "string" && !/password/i.test(name);
    cleaned.append(name, text ? value.replace(HIDDEN_CHARACTERS, "") : value);
  }
  return cleaned;
}

/** Throws 413 when the request says up front that its body is larger than maxBytes. */
export function refuseDeclaredOver(request: Request, maxBytes: number) {
  if (Number(request.headers.get("Content-Length")) > maxBytes) throw tooLarge();
}

/** The body's bytes, or a thrown 400 (unreadable) or 413 (more than maxBytes). */
async function readBody(request: Request, maxBytes: number) {
  refuseDeclaredOver(request, maxBytes);
  // Read before (a second read by mistake): not a form we can read.
  if (request.bodyUsed) throw badRequest();
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  try {
    reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      // Not cancelled: on the Node request that would close the connection before we answer.
      if (size > maxBytes) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    throw error instanceof Response ? error : badRequest();
  } finally {
    reader?.releaseLock();
  }
  return Buffer.concat(chunks);
}

export function badRequest() {
  return new Response(t("common.errors.badRequestText"), { status: 400 });
}

export function tooLarge() {
  return new Response(t("common.errors.tooLargeText"), { status: 413 });
}
