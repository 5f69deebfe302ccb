/**
 * npm run media:migrate — copies the media of DATA_DIR/media into the S3 bucket configured by
 * S3_BUCKET (and S3_ENDPOINT, S3_REGION …). Idempotent and resumable: files the bucket already
 * holds are skipped (keys are content hashes, so same key means same bytes); run it again after
 * an interruption. Prints a progress bar on a terminal, and a summary in any case.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { SingleBar, Presets } from "cli-progress";
import { isMediaKey, mediaDirFromEnv, S3Storage, s3SettingsFromEnv } from "../app/services/storage.server";

const settings = s3SettingsFromEnv();
if (!settings) {
  console.error(
    "media:migrate: set S3_BUCKET (and S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY) first",
  );
  process.exit(2);
}
const source = mediaDirFromEnv();
const target = new S3Storage(settings);

async function localKeys(root: string): Promise<string[]> {
  const keys: string[] = [];
  let fans: string[];
  try {
    fans = await readdir(root);
  } catch {
    return keys;
  }
  for (const fan of fans.sort()) {
    const names = await readdir(path.join(root, fan)).catch(() => [] as string[]);
    for (const name of names.sort()) if (isMediaKey(name)) keys.push(name);
  }
  return keys;
}

const keys = await localKeys(source);
const bar = new SingleBar(
  {
    format: "media:migrate [{bar}] {value}/{total} · copied {copied} · already there {skipped}",
    noTTYOutput: false,
  },
  Presets.shades_classic,
);
const counts = { copied: 0, skipped: 0 };
if (process.stderr.isTTY) bar.start(keys.length, 0, counts);

// A few uploads at a time: the bucket is across a network.
let next = 0;
async function worker() {
  while (next < keys.length) {
    const key = keys[next++];
    if (await target.has(key)) counts.skipped += 1;
    else {
      await target.put(key, await readFile(path.join(source, key.slice(0, 2), key)));
      counts.copied += 1;
    }
    if (process.stderr.isTTY) bar.increment(1, counts);
  }
}
try {
  await Promise.all(Array.from({ length: 8 }, worker));
} finally {
  if (process.stderr.isTTY) bar.stop();
  target.client.destroy();
}
console.log(
  `media:migrate: ${keys.length} file(s) in ${source}; copied ${counts.copied}, already in bucket ${settings.bucket}: ${counts.skipped}`,
);
