/**
 * Where media files live. Local disk by default (DATA_DIR/media); an object store
 * can implement the same three methods when the app runs on several machines.
 */
import { createReadStream } from "node:fs";
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";

export type StoredMedia = { body: ReadableStream<Uint8Array>; size: number };

export interface MediaStorage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<StoredMedia | null>;
  has(key: string): Promise<boolean>;
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
}

export function mediaDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(path.resolve(env.DATA_DIR ?? "data"), "media");
}

let defaultStorage: MediaStorage | undefined;
export function getMediaStorage(): MediaStorage {
  defaultStorage ??= new LocalDiskStorage(mediaDirFromEnv());
  return defaultStorage;
}
