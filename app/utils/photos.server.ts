import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp, { type OutputInfo } from "sharp";
import { PHOTO_MAX_BYTES } from "~/domain/report-schema";
import { env } from "./env.server";

export type PhotoProblem = "photoType" | "photoTooLarge" | "photoBroken";
export class PhotoError extends Error {
  constructor(readonly problem: PhotoProblem) {
    super(problem);
  }
}

const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp"]);
const MAX_EDGE = 2000;

/**
 * Re-encodes an uploaded photo: the real format is read from the bytes (not the file name or
 * the browser's claim), orientation is applied, and the output carries no EXIF/GPS metadata
 * (sharp drops all metadata unless asked to keep it).
 */
export async function storePhoto(input: Buffer) {
  if (input.byteLength > PHOTO_MAX_BYTES) throw new PhotoError("photoTooLarge");
  let format: string | undefined;
  try {
    format = (await sharp(input).metadata()).format;
  } catch {
    throw new PhotoError("photoType");
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw new PhotoError("photoType");
  let output: { data: Buffer; info: OutputInfo };
  try {
    output = await sharp(input, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new PhotoError("photoBroken");
  }
  const fileName = `${randomUUID()}.jpg`;
  await mkdir(env().UPLOAD_DIR, { recursive: true });
  await writeFile(path.join(env().UPLOAD_DIR, fileName), output.data);
  return {
    fileName,
    mimeType: "image/jpeg",
    width: output.info.width,
    height: output.info.height,
    byteSize: output.data.byteLength,
  };
}
