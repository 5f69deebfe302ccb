/**
 * The image pipeline's part of `npm run bench` (run by scripts/bench.mjs, prints JSON):
 *  - ms per 12 MP JPEG through processImage (every width in AVIF, WebP and JPEG);
 *  - WebP encoding throughput as a ratio to sharp's own JPEG→JPEG resize, same input,
 *    same widths, same run (so the machine's speed cancels out).
 */
import sharp from "sharp";
import { IMAGE_WIDTHS, processImage } from "../app/services/images.server";
import type { MediaStorage } from "../app/services/storage.server";

/** Stores nothing and never has anything: every run encodes every variant. */
const nullStorage: MediaStorage = {
  put: async () => {},
  get: async () => null,
  has: async () => false,
  publicUrl: () => null,
};

async function twelveMegapixelJpeg(seed: number): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  // A smooth gradient with a little noise: photographic enough for the encoders.
  const noise = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: "#000000",
      noise: { type: "gaussian", mean: 128, sigma: 30 },
    },
  })
    .raw()
    .toBuffer();
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = ((x * 255) / width) * 0.7 + noise[i] * 0.3;
      pixels[i + 1] = ((y * 255) / height) * 0.7 + noise[i + 1] * 0.3;
      pixels[i + 2] = ((x + y + seed * 97) % 255) * 0.7 + noise[i + 2] * 0.3;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const iterations = Number(process.env.BENCH_IMAGE_ITERATIONS ?? 3);
const inputs = await Promise.all(Array.from({ length: iterations }, (_, i) => twelveMegapixelJpeg(i + 1)));

// Warm up libvips (first call loads codecs).
await processImage(await sharp(inputs[0]).resize(800).jpeg().toBuffer(), nullStorage);

const pipelineMs: number[] = [];
for (const input of inputs) pipelineMs.push(await time(() => processImage(input, nullStorage)));

let webpMs = 0;
let jpegMs = 0;
for (const input of inputs) {
  for (const width of IMAGE_WIDTHS) {
    webpMs += await time(() =>
      sharp(input).rotate().resize({ width }).webp({ quality: 78, effort: 4 }).toBuffer(),
    );
    jpegMs += await time(() => sharp(input).rotate().resize({ width }).jpeg({ quality: 80 }).toBuffer());
  }
}
const encodes = inputs.length * IMAGE_WIDTHS.length;
const result = {
  megapixels: 12,
  iterations,
  variants: IMAGE_WIDTHS.length * 3,
  processImageMs: pipelineMs.reduce((a, b) => a + b, 0) / pipelineMs.length,
  processImageMsRuns: pipelineMs,
  webpPerSecond: (encodes * 1000) / webpMs,
  jpegResizePerSecond: (encodes * 1000) / jpegMs,
  webpToJpegRatio: jpegMs / webpMs,
};
console.log(JSON.stringify(result));
