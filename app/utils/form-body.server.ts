/**
 * The one place where form bodies are read (decision 011). Every action reads its form
 * through `readForm`: only urlencoded and multipart bodies are taken (415 otherwise), a
 * broken body or a NUL byte is a 400, and the body streams through busboy with limits on
 * fields, parts, files, each file's size and the total, so reading stops at the first limit
 * passed (413) instead of buffering everything and judging afterwards.
 */
import busboy from "busboy";
import { MAX_PHOTOS } from "~/models/listings.server";
import { MAX_WORKSHOP_PHOTOS } from "~/models/maker.server";
import { MAX_IMAGE_BYTES } from "~/services/images.server";
import { localeOfPath, refusalResponse } from "./refusal-page.server";

/** A form without files: generous for the longest text areas (two 4,000-character stories). */
export const FORM_MAX_BYTES = 64 * 1024;

type Limits = {
  /** The whole body, refused by Content-Length before reading (server.mjs) and counted while reading. */
  maxBytes: number;
  /** The one field that may carry files, how many, and how large each may be. */
  files?: { field: string; max: number; maxBytes: number };
};

/** Forms that take files; every other form is `form`. */
export const formLimits = {
  form: { maxBytes: FORM_MAX_BYTES },
  photos: {
    maxBytes: MAX_PHOTOS * MAX_IMAGE_BYTES + FORM_MAX_BYTES,
    files: { field: "photos", max: MAX_PHOTOS, maxBytes: MAX_IMAGE_BYTES },
  },
  logo: {
    maxBytes: MAX_IMAGE_BYTES + FORM_MAX_BYTES,
    files: { field: "logo", max: 1, maxBytes: MAX_IMAGE_BYTES },
  },
  poster: {
    maxBytes: MAX_IMAGE_BYTES + FORM_MAX_BYTES,
    files: { field: "poster", max: 1, maxBytes: MAX_IMAGE_BYTES },
  },
  workshop: {
    maxBytes: MAX_WORKSHOP_PHOTOS * MAX_IMAGE_BYTES + FORM_MAX_BYTES,
    files: { field: "workshop", max: MAX_WORKSHOP_PHOTOS, maxBytes: MAX_IMAGE_BYTES },
  },
} satisfies Record<string, Limits>;
export type FormKind = keyof typeof formLimits;

/** Stripe's events are a few kB; the webhook reads its raw body itself, so only Content-Length applies. */
const WEBHOOK_MAX_BYTES = 1024 * 1024;

/**
 * The largest body a path may receive (for server.mjs, which refuses a larger Content-Length
 * before the body is read). The upload forms get their own; anything else that of a form.
 */
export function maxBodyBytes(pathname: string): number {
  if (/^\/[^/]+\/shop\/listings\/[^/]+\/photos\/?$/.test(pathname)) return formLimits.photos.maxBytes;
  if (/^\/[^/]+\/shop\/profile\/?$/.test(pathname)) return formLimits.logo.maxBytes;
  if (/^\/[^/]+\/chamber\/fairs\/[^/]+\/?$/.test(pathname)) return formLimits.poster.maxBytes;
  if (/^\/[^/]+\/shop\/profile\/workshop\/?$/.test(pathname)) return formLimits.workshop.maxBytes;
  if (pathname.startsWith("/webhooks/")) return WEBHOOK_MAX_BYTES;
  return FORM_MAX_BYTES;
}

export type FormRefusal = "unsupported_type" | "malformed" | "too_large" | "too_many_files";

/** Why a body was refused, and the status that says it. */
export class FormBodyError extends Error {
  readonly status: 400 | 413 | 415;
  constructor(readonly reason: FormRefusal) {
    super(reason);
    this.status = reason === "unsupported_type" ? 415 : reason === "too_large" ? 413 : 400;
  }
}

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);
// Field names are the app's own; values are bounded by the whole body anyway.
const MAX_FIELDS = 200;
const MAX_FIELD_NAME_BYTES = 100;

const hasNul = (text: string) => text.includes("\u0000");

/**
 * Reads a form body within the limits of `kind`, or throws a FormBodyError. Use it where a
 * refusal needs its own answer (the photo form); elsewhere `readForm`.
 */
export async function parseFormBody(request: Request, kind: FormKind = "form"): Promise<FormData> {
  const limits: Limits = formLimits[kind];
  const contentType = request.headers.get("Content-Type") ?? "";
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.has(mediaType)) throw new FormBodyError("unsupported_type");
  const declared = Number(request.headers.get("Content-Length") ?? Number.NaN);
  if (declared > limits.maxBytes) throw new FormBodyError("too_large");

  const files = limits.files;
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send file names as raw UTF-8 inside the quotes (busboy's default is latin1).
      defParamCharset: "utf8",
      limits: {
        fieldNameSize: MAX_FIELD_NAME_BYTES,
        fieldSize: FORM_MAX_BYTES,
        fields: MAX_FIELDS,
        files: files?.max ?? 0,
        fileSize: files?.maxBytes ?? 0,
        parts: MAX_FIELDS + (files?.max ?? 0),
      },
    });
  } catch {
    // No boundary, or a content type busboy cannot read.
    throw new FormBodyError("malformed");
  }

  const form = new FormData();
  // Set from busboy's events: the first limit passed (or break found) wins.
  const state: { failure: FormBodyError | null } = { failure: null };
  const fail = (reason: FormRefusal) => {
    state.failure ??= new FormBodyError(reason);
  };
  const done = new Promise<void>((resolve) => {
    parser.on("close", resolve);
    parser.on("error", () => {
      fail("malformed");
      resolve();
    });
  });
  parser.on("field", (name, value, info) => {
    if (info.nameTruncated || info.valueTruncated) return fail("too_large");
    if (hasNul(name) || hasNul(value)) return fail("malformed");
    form.append(name, value);
  });
  parser.on("file", (name, stream, info) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => {
      if (!state.failure) chunks.push(chunk);
    });
    // A stream cut short when the parser stops is expected, not an error of the process.
    stream.on("error", () => fail("malformed"));
    stream.on("limit", () => fail("too_large"));
    // "end", not "close": busboy closes the form once every file stream has ended.
    stream.on("end", () => {
      if (state.failure) return;
      // A file input left empty sends a part without a name or bytes: nothing was chosen.
      if (!info.filename && chunks.length === 0) return;
      if (!files || name !== files.field || hasNul(name)) return fail("malformed");
      const filename = (info.filename ?? "").replaceAll("\u0000", "");
      form.append(
        name,
        new File([Buffer.concat(chunks) as Uint8Array<ArrayBuffer>], filename, { type: info.mimeType }),
      );
    });
  });
  parser.on("filesLimit", () => fail(files ? "too_many_files" : "malformed"));
  parser.on("fieldsLimit", () => fail("too_large"));
  parser.on("partsLimit", () => fail("too_large"));

  const reader = request.body?.getReader();
  let total = 0;
  try {
    while (reader && !state.failure) {
      const { done: ended, value } = await reader.read();
      if (ended) break;
      total += value.byteLength;
      if (total > limits.maxBytes) {
        fail("too_large");
        break;
      }
      if (!parser.write(value)) {
        // Wait for busboy to take what it has before reading more (or for it to fail).
        await Promise.race([new Promise((r) => parser.once("drain", r)), done]);
      }
    }
  } catch {
    // The client went away or sent a broken stream.
    fail("malformed");
  } finally {
    // Stop here: the rest of the body is never read. (Cancelling the stream would destroy
    // the socket before the answer is written; server.mjs drops what still comes for a
    // moment after the answer, then closes the connection.)
    reader?.releaseLock();
  }
  if (!state.failure) {
    parser.end();
    await done;
  } else {
    parser.destroy();
  }
  if (state.failure) throw state.failure;
  return form;
}

/**
 * The form of an action, or a thrown 400/413/415: the error boundary renders it in the page's
 * language, and a resource route (no boundary) answers with the plain page it carries.
 */
export async function readForm(request: Request, kind: FormKind = "form"): Promise<FormData> {
  try {
    return await parseFormBody(request, kind);
  } catch (error) {
    if (error instanceof FormBodyError)
      throw refusalResponse(localeOfPath(new URL(request.url).pathname), error.status);
    throw error;
  }
}
