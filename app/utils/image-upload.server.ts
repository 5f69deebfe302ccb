/**
 * Pictures sent by the upload forms (decision 011's streamed body, then the image pipeline):
 * the listing photos, the shop's logo and workshop, the fair's poster all read and store
 * them the same way; each route decides what the stored rows become.
 */
import type { Executor } from "#db/client";
import { saveImageRow } from "~/models/listings.server";
import { ImageRejectedError, processImage, type ImageRejection } from "~/services/images.server";
import { getMediaStorage } from "~/services/storage.server";
import type { Outcome } from "~/utils/outcome";
import { FormBodyError, parseFormBody, type FormKind } from "./form-body.server";
import type { RefusalStatus } from "./refusal-page.server";

/** The non-empty files a multipart form sent under `field`. */
export function uploadedFiles(form: FormData, field: string): File[] {
  return form
    .getAll(field)
    .filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && f.size > 0);
}

/** Decodes, checks and stores one uploaded picture; the same picture twice is one row. */
export async function storeUploadedImage(
  db: Executor,
  file: File,
): Promise<Outcome<{ imageId: number }, ImageRejection>> {
  try {
    const processed = await processImage(Buffer.from(await file.arrayBuffer()), getMediaStorage());
    return { ok: true, imageId: await saveImageRow(db, processed) };
  } catch (error) {
    if (error instanceof ImageRejectedError) return { ok: false, error: error.reason };
    throw error;
  }
}

/** What an upload form is told: a limit passed, no file, a picture refused, or a body refused outright. */
export type UploadFailure =
  | { code: "too_large" | "too_many_files" | "none" | ImageRejection }
  | { code: "refused"; status: RefusalStatus };

/**
 * Reads an upload form of `kind` (its files are under the field of the same name) and stores
 * every picture: all their ids, or the first problem (pictures stored before it stay stored,
 * unreferenced, as before).
 */
export async function receiveImages(
  db: Executor,
  request: Request,
  kind: Exclude<FormKind, "form">,
): Promise<Outcome<{ imageIds: number[] }, UploadFailure>> {
  let form: FormData;
  try {
    form = await parseFormBody(request, kind);
  } catch (error) {
    if (!(error instanceof FormBodyError)) throw error;
    if (error.reason === "too_large" || error.reason === "too_many_files")
      return { ok: false, error: { code: error.reason } };
    return { ok: false, error: { code: "refused", status: error.status } };
  }
  const files = uploadedFiles(form, kind);
  if (files.length === 0) return { ok: false, error: { code: "none" } };
  const imageIds: number[] = [];
  for (const file of files) {
    const stored = await storeUploadedImage(db, file);
    if (!stored.ok) return { ok: false, error: { code: stored.error } };
    imageIds.push(stored.imageId);
  }
  return { ok: true, imageIds };
}
