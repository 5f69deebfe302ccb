/**
 * The image pipeline on real files made here: decode to validate, stop bombs early,
 * apply EXIF orientation then strip every bit of metadata, and store every width in
 * AVIF, WebP and JPEG, content-addressed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import {
  ImageRejectedError,
  MAX_IMAGE_BYTES,
  processImage,
  type ImageRejection,
} from "~/services/images.server";
import { LocalDiskStorage } from "~/services/storage.server";

const dir = mkdtempSync(path.join(os.tmpdir(), "hirfa-images-"));
const storage = new LocalDiskStorage(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readVariant(key: string) {
  const media = await storage.get(key);
  expect(media, key).not.toBeNull();
  return Buffer.from(await new Response(media!.body).arrayBuffer());
}

async function rejection(input: Buffer): Promise<ImageRejection> {
  try {
    await processImage(input, storage);
  } catch (error) {
    if (error instanceof ImageRejectedError) return error.reason;
    throw error;
  }
  throw new Error("the image was accepted");
}

/** A PNG whose header declares the given size, with almost no pixel data behind it. */
function pngDeclaring(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(1024))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("image pipeline", () => {
  it("rotates a JPEG by its EXIF orientation and strips all metadata, GPS included", async () => {
    // 600×400: red on the left, blue on the right; orientation 6 means "rotate 90° clockwise".
    const left = await sharp({ create: { width: 300, height: 400, channels: 3, background: "#ff0000" } })
      .png()
      .toBuffer();
    const input = await sharp({ create: { width: 600, height: 400, channels: 3, background: "#0000ff" } })
      .composite([{ input: left, left: 0, top: 0 }])
      .withExif({
        IFD0: { Make: "HirfaTestCam", Copyright: "secret" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "34/1 2/1 0/1" },
      })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.toString("latin1")).toContain("HirfaTestCam");

    const result = await processImage(input, storage);
    expect(result.width).toBe(400);
    expect(result.height).toBe(600);
    for (const variant of result.variants) {
      const bytes = await readVariant(variant.key);
      const meta = await sharp(bytes).metadata();
      expect(meta.exif, variant.key).toBeUndefined();
      expect(meta.orientation, variant.key).toBeUndefined();
      expect(meta.xmp, variant.key).toBeUndefined();
      expect(bytes.toString("latin1")).not.toContain("HirfaTestCam");
      expect(bytes.toString("latin1")).not.toContain("GPS");
      expect(meta.width).toBe(400);
      expect(meta.height).toBe(600);
      // Red is now on top, blue at the bottom.
      const { data } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
      expect(data[0]).toBeGreaterThan(200);
      expect(data[2]).toBeLessThan(60);
      const last = data.length - 3;
      expect(data[last + 2]).toBeGreaterThan(200);
      expect(data[last]).toBeLessThan(60);
    }
  });

  it("keeps a PNG's transparency in AVIF and WebP, and flattens it for JPEG", async () => {
    const input = await sharp({
      create: { width: 900, height: 600, channels: 4, background: { r: 10, g: 120, b: 60, alpha: 0.4 } },
    })
      .png()
      .toBuffer();
    const result = await processImage(input, storage);
    for (const variant of result.variants) {
      const meta = await sharp(await readVariant(variant.key)).metadata();
      expect(meta.hasAlpha, variant.key).toBe(variant.format !== "jpeg");
    }
  });

  it("makes every width up to the original in AVIF, WebP and JPEG, never upscaling", async () => {
    const input = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: "#c8553d" } })
      .jpeg()
      .toBuffer();
    const result = await processImage(input, storage);
    const expected = [400, 800, 1600].flatMap((w) =>
      (["avif", "webp", "jpeg"] as const).map((f) => `${w}-${f}`),
    );
    expect(result.variants.map((v) => `${v.width}-${v.format}`).sort()).toEqual(expected.sort());
    for (const variant of result.variants) {
      const meta = await sharp(await readVariant(variant.key)).metadata();
      expect(meta.width).toBe(variant.width);
      expect(meta.height).toBe(Math.round((1500 * variant.width) / 2000));
      expect(meta.format).toBe(variant.format === "avif" ? "heif" : variant.format);
      if (variant.format === "avif") expect(meta.compression).toBe("av1");
    }
    expect(result.dominantColor).toMatch(/^#[0-9a-f]{6}$/);
    const small = await processImage(
      await sharp({ create: { width: 300, height: 200, channels: 3, background: "#123456" } })
        .webp()
        .toBuffer(),
      storage,
    );
    expect(new Set(small.variants.map((v) => v.width))).toEqual(new Set([300]));
  });

  it("stores the same picture once (content-addressed)", async () => {
    const input = await sharp({ create: { width: 500, height: 500, channels: 3, background: "#abcdef" } })
      .png()
      .toBuffer();
    const first = await processImage(input, storage);
    const second = await processImage(input, storage);
    expect(second.hash).toBe(first.hash);
    expect(second.variants).toEqual(first.variants);
    expect(first.variants[0].key.startsWith(first.hash)).toBe(true);
  });

  it("refuses a small file that declares 20000×20000 pixels, quickly", async () => {
    const bomb = pngDeclaring(20_000, 20_000);
    expect(bomb.length).toBeLessThan(2_000);
    const started = performance.now();
    expect(await rejection(bomb)).toBe("too_many_pixels");
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("refuses a text file named .jpg, a truncated JPEG, an unsupported format and an oversized file", async () => {
    expect(await rejection(Buffer.from("this is not a photo, just text pretending to be photo.jpg"))).toBe(
      "not_an_image",
    );
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#888888" } })
      .jpeg()
      .toBuffer();
    expect(await rejection(jpeg.subarray(0, Math.floor(jpeg.length / 2)))).toBe("corrupt");
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#888888" } })
      .gif()
      .toBuffer();
    expect(await rejection(gif)).toBe("unsupported_format");
    expect(await rejection(Buffer.alloc(MAX_IMAGE_BYTES + 1))).toBe("too_large");
  });
});
