import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { addListingPhotos, ownsListing } from "~/models/listings.server";
import { storeUploadedImage, uploadedFiles } from "~/utils/image-upload.server";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { FormBodyError, parseFormBody } from "~/utils/form-body.server";
import { notFound, parseId, requireId, requireLocale } from "~/utils/http.server";
import { refusalResponse } from "~/utils/refusal-page.server";
import { localePath } from "~/utils/urls";

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const id = parseId(params.id);
  // A resource route has no error boundary: a bad id (one that could not even go in a
  // Location header) gets the plain 404 page.
  if (id === null) return refusalResponse(locale, 404);
  return redirect(localePath(locale, `/shop/listings/${id}`));
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
    // Streams the parts and stops at the first limit passed: a file too large, one file too many.
    formData = await parseFormBody(request, "photos");
  } catch (error) {
    if (!(error instanceof FormBodyError)) throw error;
    if (error.reason === "too_large" || error.reason === "too_many_files") {
      return respond(request, locale, productId, [{ name: "", reason: error.reason }], error.status);
    }
    return refusalResponse(locale, error.status);
  }
  const files = uploadedFiles(formData, "photos");
  const imageIds: number[] = [];
  for (const file of files) {
    const stored = await storeUploadedImage(db, file);
    if (stored.ok) imageIds.push(stored.imageId);
    else rejected.push({ name: file.name, reason: stored.error });
  }
  if (imageIds.length > 0) {
    const added = await addListingPhotos(db, {
      cooperativeId,
      userId: user.id,
      productId,
      imageIds,
      alt: {},
    });
    if (!added.ok) {
      if (added.error === "not_found") notFound();
      return respond(request, locale, productId, [{ name: "", reason: added.error }], 400);
    }
  } else if (files.length === 0) {
    rejected.push({ name: "", reason: "none" });
  }
  return respond(
    request,
    locale,
    productId,
    rejected,
    rejected.length > 0 && imageIds.length === 0 ? 400 : 200,
    imageIds.length,
  );
}

function respond(
  request: Request,
  locale: Parameters<typeof localePath>[0],
  productId: number,
  rejected: { name: string; reason: string }[],
  status: number,
  added = 0,
) {
  if (request.headers.get("Accept")?.includes("application/json")) {
    return Response.json({ added, rejected }, { status });
  }
  const params = new URLSearchParams({ added: String(added) });
  for (const r of rejected) params.append("rejected", `${r.name}|${r.reason}`);
  return redirect(`${localePath(locale, `/shop/listings/${productId}`)}?${params}`);
}
