import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { PHOTO_MAX_BYTES } from "~/domain/report-schema";
import { FORM_MAX_BYTES, badRequest, refuseDeclaredOver, tooLarge, withoutHiddenCharacters } from "./request.server";

const TEXT_PART_MAX_BYTES = 64 * 1024;
/**
 * The most a multipart body may carry in all. A photo over PHOTO_MAX_BYTES is read to the end
 * and dropped, so the form can say "too large" next to the field and keep the rest; up to four
 * times that size it still gets that answer, a larger body gets 413.
 */
export const MULTIPART_MAX_BYTES = FORM_MAX_BYTES + 4 * PHOTO_MAX_BYTES;
export const TOO_LARGE = "__too_large__";

/**
 * Reads a multipart form. Sizes a person can send with our form never make it throw: an
 * oversized file becomes the marker TOO_LARGE (so the form can answer "too large" and keep the
 * other fields), oversized text is cut off (zod then reports it as too long). Files are kept in
 * memory as a Buffer on `files`. Only a body with more text in all than FORM_MAX_BYTES, or more
 * than MULTIPART_MAX_BYTES in all, is refused with 413, as soon as that many bytes have arrived.
 */
export async function parseMultipart(request: Request, fileFields: readonly string[]) {
  refuseDeclaredOver(request, MULTIPART_MAX_BYTES);
  const files = new Map<string, Buffer | typeof TOO_LARGE>();
  let textBytes = 0;
  let allBytes = 0;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    const isFile = fileFields.includes(name);
    const limit = isFile ? PHOTO_MAX_BYTES : TEXT_PART_MAX_BYTES;
    const chunks: Uint8Array[] = [];
    let size = 0;
    let oversized = false;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if ((allBytes += chunk.byteLength) > MULTIPART_MAX_BYTES) throw tooLarge();
      if (!isFile && (textBytes += chunk.byteLength) > FORM_MAX_BYTES) throw tooLarge();
      if (size > limit) oversized = true;
      else chunks.push(chunk);
    }
    if (isFile) {
      if (!filename || size === 0) return undefined;
      files.set(name, oversized ? TOO_LARGE : Buffer.concat(chunks));
      return filename;
    }
    return new TextDecoder().decode(Buffer.concat(chunks));
  };
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    throw error instanceof Response ? error : badRequest();
  }
  return { formData: withoutHiddenCharacters(formData), files };
}
