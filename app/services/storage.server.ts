/**
 * Where media files live: local disk by default (DATA_DIR/media), or an S3-compatible
 * bucket (S3_BUCKET …) when the app runs on several machines. Both behind MediaStorage.
 */
import { createReadStream } from "node:fs";
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { env, type Env } from "~/utils/env.server";
import { cachePolicy } from "~/utils/http.server";

export type StoredMedia = { body: ReadableStream<Uint8Array>; size: number };

export interface MediaStorage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<StoredMedia | null>;
  has(key: string): Promise<boolean>;
  /** Where browsers may fetch the file directly, when the store is public (else /media/:key). */
  publicUrl(key: string): string | null;
}

const CONTENT_TYPES: Record<string, string> = { avif: "image/avif", webp: "image/webp", jpg: "image/jpeg" };

export function contentTypeOf(key: string): string {
  return CONTENT_TYPES[key.slice(key.lastIndexOf(".") + 1)] ?? "application/octet-stream";
}

/** Keys are content hashes plus width and format: nothing else may reach the disk. */
export const MEDIA_KEY_PATTERN = /^[a-f0-9]{64}-\d{1,5}\.(avif|webp|jpg)$/;

export function isMediaKey(key: string): boolean {
  return MEDIA_KEY_PATTERN.test(key);
}

export class LocalDiskStorage implements MediaStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!isMediaKey(key)) throw new Error(`invalid media key: ${key}`);
    // Two levels of fan-out keep directories small with many thousands of files.
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Write then rename: a reader never sees half a file.
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, data);
    await rename(temp, target);
  }

  async get(key: string): Promise<StoredMedia | null> {
    if (!isMediaKey(key)) return null;
    const file = this.pathOf(key);
    try {
      const info = await stat(file);
      const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
      return { body, size: info.size };
    } catch {
      return null;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await stat(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  publicUrl(): null {
    return null;
  }
}

export type S3Settings = {
  bucket: string;
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  publicUrl?: string;
};

/** An S3-compatible bucket (AWS, MinIO, R2, Scaleway, OVH…), through the official SDK. */
export class S3Storage implements MediaStorage {
  readonly client: S3Client;
  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials:
        settings.accessKeyId && settings.secretAccessKey
          ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
          : undefined,
      // Checksums only where S3 requires them: several S3-compatible stores refuse the
      // SDK's default streaming (aws-chunked) checksums.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  async put(key: string, data: Buffer): Promise<void> {
    if (!isMediaKey(key)) throw new Error(`invalid media key: ${key}`);
    // One PUT is atomic in S3: a reader sees the whole object or none.
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: key,
        Body: data,
        ContentType: contentTypeOf(key),
        CacheControl: cachePolicy.immutable,
      }),
    );
  }

  async get(key: string): Promise<StoredMedia | null> {
    if (!isMediaKey(key)) return null;
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      if (!object.Body) return null;
      return {
        body: object.Body.transformToWebStream() as ReadableStream<Uint8Array>,
        size: object.ContentLength ?? 0,
      };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    if (!isMediaKey(key)) return false;
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  publicUrl(key: string): string | null {
    return this.settings.publicUrl ? `${this.settings.publicUrl.replace(/\/$/, "")}/${key}` : null;
  }
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.$metadata.httpStatusCode === 404 || error.name === "NoSuchKey" || error.name === "NotFound")
  );
}

export function mediaDirFromEnv(settings: Pick<Env, "DATA_DIR"> = env()): string {
  return path.join(path.resolve(settings.DATA_DIR), "media");
}

/** The bucket's settings when S3_BUCKET is set, else null (local disk). */
export function s3SettingsFromEnv(settings: Env = env()): S3Settings | null {
  if (!settings.S3_BUCKET) return null;
  return {
    bucket: settings.S3_BUCKET,
    endpoint: settings.S3_ENDPOINT,
    region: settings.S3_REGION,
    accessKeyId: settings.S3_ACCESS_KEY_ID,
    secretAccessKey: settings.S3_SECRET_ACCESS_KEY,
    forcePathStyle: settings.S3_FORCE_PATH_STYLE,
    publicUrl: settings.S3_PUBLIC_URL,
  };
}

/** The configured store: the bucket when S3_BUCKET is set, else DATA_DIR/media. */
export function mediaStorageFromEnv(settings: Env = env()): MediaStorage {
  const s3 = s3SettingsFromEnv(settings);
  return s3 ? new S3Storage(s3) : new LocalDiskStorage(mediaDirFromEnv(settings));
}

let defaultStorage: MediaStorage | undefined;
export function getMediaStorage(): MediaStorage {
  defaultStorage ??= mediaStorageFromEnv();
  return defaultStorage;
}
