/**
 * Media in an S3-compatible bucket, through the official AWS SDK against a local s3rver:
 * the same MediaStorage contract as the disk, the image pipeline on top of it, and
 * `npm run media:migrate` copying a disk store into a bucket (idempotent, resumable).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { DeleteObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processImage } from "~/services/images.server";
import { LocalDiskStorage, S3Storage, mediaStorageFromEnv } from "~/services/storage.server";
import { env } from "~/utils/env.server";
import { startS3 } from "../support/s3";

const run = promisify(execFile);
let s3: Awaited<ReturnType<typeof startS3>>;
let storage: S3Storage;
const KEY = `${"ab".repeat(32)}-400.webp`;

beforeAll(async () => {
  s3 = await startS3();
  storage = new S3Storage(s3.settings);
});
afterAll(async () => {
  storage?.client.destroy();
  await s3?.stop();
});

async function bytesOf(media: { body: ReadableStream<Uint8Array> } | null) {
  expect(media).not.toBeNull();
  return Buffer.from(await new Response(media!.body).arrayBuffer());
}

async function picture(seed: number) {
  return sharp({
    create: { width: 900, height: 600, channels: 3, background: { r: seed * 40, g: 90, b: 200 - seed * 30 } },
  })
    .png()
    .toBuffer();
}

describe("S3 media storage", () => {
  it("stores, finds and streams a file; a missing key is null, not an error", async () => {
    expect(await storage.has(KEY)).toBe(false);
    expect(await storage.get(KEY)).toBeNull();
    await storage.put(KEY, Buffer.from("not really a webp"));
    expect(await storage.has(KEY)).toBe(true);
    const media = await storage.get(KEY);
    expect(media!.size).toBe(17);
    expect((await bytesOf(media)).toString()).toBe("not really a webp");
    // The object carries the headers a public bucket would serve it with.
    const head = await storage.client.send(new HeadObjectCommand({ Bucket: s3.settings.bucket, Key: KEY }));
    expect(head.ContentType).toBe("image/webp");
    expect(head.CacheControl).toBe("public, max-age=31536000, immutable");
  });

  it("refuses keys that are not content hashes, like the disk store", async () => {
    await expect(storage.put("../etc/passwd", Buffer.from("x"))).rejects.toThrow(/invalid media key/);
    expect(await storage.get("../etc/passwd")).toBeNull();
    expect(await storage.has("../etc/passwd")).toBe(false);
  });

  it("takes every variant of an uploaded picture from the image pipeline", async () => {
    const processed = await processImage(await picture(1), storage);
    expect(processed.variants.length).toBeGreaterThanOrEqual(6);
    for (const v of processed.variants) {
      const bytes = await bytesOf(await storage.get(v.key));
      const meta = await sharp(bytes).metadata();
      expect(meta.width, v.key).toBe(v.width);
    }
  });

  it("is chosen by configuration: S3_BUCKET set means the bucket, unset means DATA_DIR/media", () => {
    expect(mediaStorageFromEnv({ ...env(), S3_BUCKET: undefined })).toBeInstanceOf(LocalDiskStorage);
    const fromEnv = mediaStorageFromEnv({
      ...env(),
      S3_BUCKET: "b",
      S3_ENDPOINT: "http://127.0.0.1:9",
      S3_PUBLIC_URL: "https://media.example/b",
    });
    expect(fromEnv).toBeInstanceOf(S3Storage);
    expect(fromEnv.publicUrl(KEY)).toBe(`https://media.example/b/${KEY}`);
    expect(storage.publicUrl(KEY)).toBeNull();
  });
});

describe("npm run media:migrate", () => {
  let dataDir: string;
  let keys: string[];
  const migrate = () =>
    run(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/media-migrate.ts"], {
      env: { ...process.env, DATA_DIR: dataDir, ...s3.env },
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(process.env.TEST_TMP_DIR ?? os.tmpdir(), "migrate-"));
    const disk = new LocalDiskStorage(path.join(dataDir, "media"));
    keys = [];
    for (const seed of [2, 3])
      keys.push(...(await processImage(await picture(seed), disk)).variants.map((v) => v.key));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("copies a disk store into the bucket, then copies nothing the second time, and resumes after a loss", async () => {
    const first = await migrate();
    expect(first.stdout).toContain(`${keys.length} file(s)`);
    expect(first.stdout).toContain(`copied ${keys.length}, already in bucket ${s3.settings.bucket}: 0`);
    for (const key of keys) expect(await storage.has(key), key).toBe(true);

    const again = await migrate();
    expect(again.stdout).toContain(`copied 0, already in bucket ${s3.settings.bucket}: ${keys.length}`);

    // As if the first run had stopped before the last file.
    await storage.client.send(
      new DeleteObjectCommand({ Bucket: s3.settings.bucket, Key: keys[keys.length - 1] }),
    );
    const resumed = await migrate();
    expect(resumed.stdout).toContain(`copied 1, already in bucket ${s3.settings.bucket}: ${keys.length - 1}`);
    const disk = new LocalDiskStorage(path.join(dataDir, "media"));
    expect(await bytesOf(await storage.get(keys[0]))).toEqual(await bytesOf(await disk.get(keys[0])));
  });

  it("says what to set when no bucket is configured", async () => {
    const failed = await run(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/media-migrate.ts"],
      {
        env: { ...process.env, DATA_DIR: dataDir, S3_BUCKET: "" },
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect("code" in failed && failed.code).toBe(2);
    expect((failed as { stderr: string }).stderr).toContain("set S3_BUCKET");
  });
});
