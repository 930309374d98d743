import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { PHOTO_MAX_BYTES } from "~/domain/report-schema";
import { FORM_MAX_BYTES, badRequest, tooLarge } from "./request.server";

const TEXT_PART_MAX_BYTES = 64 * 1024;
export const TOO_LARGE = "__too_large__";

/**
 * Reads a multipart form without ever throwing on size: an oversized file becomes the marker
 * TOO_LARGE (so the form can answer "too large" and keep the other fields), oversized text is
 * cut off (zod then reports it as too long). Files are kept in memory as a Buffer on `files`.
 * Only a body with more text in all than FORM_MAX_BYTES (no form of ours) is refused with 413.
 */
export async function parseMultipart(request: Request, fileFields: readonly string[]) {
  const files = new Map<string, Buffer | typeof TOO_LARGE>();
  let textBytes = 0;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    const isFile = fileFields.includes(name);
    const limit = isFile ? PHOTO_MAX_BYTES : TEXT_PART_MAX_BYTES;
    const chunks: Uint8Array[] = [];
    let size = 0;
    let oversized = false;
    for await (const chunk of data) {
      size += chunk.byteLength;
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
  return { formData, files };
}
