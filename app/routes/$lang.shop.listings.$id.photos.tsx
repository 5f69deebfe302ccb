import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  redirect,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
import { addListingPhotos, ListingError, MAX_PHOTOS, ownsListing, saveImageRow } from "~/models/listings.server";
import { ImageRejectedError, MAX_IMAGE_BYTES, processImage } from "~/services/images.server";
import { getMediaStorage } from "~/services/storage.server";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { notFound, requireId, requireLocale } from "~/utils/http.server";
import { localePath } from "~/utils/urls";

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(localePath(requireLocale(params), `/shop/listings/${params.id}`));
}

/** Uploads photos to a listing: each is decoded, checked and stored by the image pipeline. */
export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId, user } = await requireCooperativeMember(request, locale, "listings");
  const productId = requireId(params.id);
  if (!(await ownsListing(db, cooperativeId, productId))) notFound();
  const rejected: { name: string; reason: string }[] = [];
  let formData: FormData;
  try {
    // A file over the limit stops the upload as soon as its bytes pass the limit.
    formData = await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: MAX_IMAGE_BYTES }));
  } catch {
    return respond(request, locale, productId, [{ name: "", reason: "too_large" }], 413);
  }
  const files = formData.getAll("photos").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && f.size > 0);
  if (files.length > MAX_PHOTOS) return respond(request, locale, productId, [{ name: "", reason: "too_many_files" }], 400);
  const imageIds: number[] = [];
  for (const file of files) {
    try {
      const processed = await processImage(Buffer.from(await file.arrayBuffer()), getMediaStorage());
      imageIds.push(await saveImageRow(db, processed));
    } catch (error) {
      if (error instanceof ImageRejectedError) rejected.push({ name: file.name, reason: error.reason });
      else throw error;
    }
  }
  if (imageIds.length > 0) {
    try {
      const found = await addListingPhotos(db, { cooperativeId, userId: user.id, productId, imageIds, alt: {} });
      if (!found) notFound();
    } catch (error) {
      if (error instanceof ListingError) return respond(request, locale, productId, [{ name: "", reason: error.code }], 400);
      throw error;
    }
  } else if (files.length === 0) {
    rejected.push({ name: "", reason: "none" });
  }
  return respond(request, locale, productId, rejected, rejected.length > 0 && imageIds.length === 0 ? 400 : 200, imageIds.length);
}

function respond(request: Request, locale: Parameters<typeof localePath>[0], productId: number, rejected: { name: string; reason: string }[], status: number, added = 0) {
  if (request.headers.get("Accept")?.includes("application/json")) {
    return Response.json({ added, rejected }, { status });
  }
  const params = new URLSearchParams({ added: String(added) });
  for (const r of rejected) params.append("rejected", `${r.name}|${r.reason}`);
  return redirect(`${localePath(locale, `/shop/listings/${productId}`)}?${params}`);
}
