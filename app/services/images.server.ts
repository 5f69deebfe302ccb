/**
 * The image pipeline, used by uploads and by the seed alike.
 *
 * Decoding is the check (never the file name); byte and pixel limits refuse bombs
 * before any pixel is decoded; EXIF orientation is applied and every bit of metadata
 * (GPS included) is dropped; each picture is stored content-addressed in several widths
 * as AVIF, WebP and JPEG, with a dominant colour for the placeholder.
 */
import { createHash } from "node:crypto";
import sharp, { type Metadata, type OutputInfo } from "sharp";
import type { ImageVariant } from "#db/schema";
import type { MediaStorage } from "./storage.server";

export const IMAGE_WIDTHS = [400, 800, 1600] as const;
export const MAX_IMAGE_BYTES = 15 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = 40_000_000;
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp", "heif"]);
const EXTENSION = { avif: "avif", webp: "webp", jpeg: "jpg" } as const;

export type ImageRejection =
  | "too_large"
  | "too_many_pixels"
  | "not_an_image"
  | "unsupported_format"
  | "corrupt";

export class ImageRejectedError extends Error {
  constructor(readonly reason: ImageRejection) {
    super(`image rejected: ${reason}`);
    this.name = "ImageRejectedError";
  }
}

export type ProcessedImage = {
  hash: string;
  width: number;
  height: number;
  dominantColor: string;
  variants: ImageVariant[];
};

export function mediaKey(hash: string, width: number, format: ImageVariant["format"]): string {
  return `${hash}-${width}.${EXTENSION[format]}`;
}

/** Widths to produce for a picture this wide: never upscale, always at least one. */
export function variantWidths(sourceWidth: number): number[] {
  const widths: number[] = IMAGE_WIDTHS.filter((w) => w <= sourceWidth);
  return widths.length > 0 ? widths : [sourceWidth];
}

async function inspect(input: Buffer) {
  if (input.byteLength > MAX_IMAGE_BYTES) throw new ImageRejectedError("too_large");
  let metadata: Metadata;
  try {
    // Reads the header only: a bomb is refused before its pixels are decoded.
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRejectedError("not_an_image");
  }
  if (!metadata.format || !ACCEPTED_FORMATS.has(metadata.format))
    throw new ImageRejectedError("unsupported_format");
  if (metadata.format === "heif" && metadata.compression !== "av1")
    throw new ImageRejectedError("unsupported_format");
  const { width = 0, height = 0 } = metadata;
  if (width <= 0 || height <= 0) throw new ImageRejectedError("corrupt");
  if (width * height > MAX_IMAGE_PIXELS) throw new ImageRejectedError("too_many_pixels");
  return metadata;
}

function toHex(n: number): string {
  return Math.max(0, Math.min(255, Math.round(n)))
    .toString(16)
    .padStart(2, "0");
}

export async function processImage(input: Buffer, storage: MediaStorage): Promise<ProcessedImage> {
  const metadata = await inspect(input);
  const hash = createHash("sha256").update(input).digest("hex");

  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: "error" })
      .rotate() // apply EXIF orientation; the output keeps no metadata
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new ImageRejectedError("corrupt");
  }
  const { data, info } = decoded;
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
  const stats = await sharp(data, raw).stats();
  const dominantColor = `#${toHex(stats.dominant.r)}${toHex(stats.dominant.g)}${toHex(stats.dominant.b)}`;
  const hasAlpha = info.channels === 4 || Boolean(metadata.hasAlpha);

  const variants: ImageVariant[] = [];
  const jobs: Promise<void>[] = [];
  for (const width of variantWidths(info.width)) {
    const height = Math.round((info.height * width) / info.width);
    for (const format of ["avif", "webp", "jpeg"] as const) {
      const key = mediaKey(hash, width, format);
      variants.push({ width, height, format, key });
      jobs.push(
        (async () => {
          if (await storage.has(key)) return; // content-addressed: already stored once
          let pipeline = sharp(data, raw).resize({ width, height, fit: "fill" });
          if (format === "avif") pipeline = pipeline.avif({ quality: 55, effort: 2 });
          else if (format === "webp") pipeline = pipeline.webp({ quality: 78, effort: 4 });
          else
            pipeline = (hasAlpha ? pipeline.flatten({ background: "#ffffff" }) : pipeline).jpeg({
              quality: 80,
              mozjpeg: true,
            });
          await storage.put(key, await pipeline.toBuffer());
        })(),
      );
    }
  }
  await Promise.all(jobs);
  return { hash, width: info.width, height: info.height, dominantColor, variants };
}
