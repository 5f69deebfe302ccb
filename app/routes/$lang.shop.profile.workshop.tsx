import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { locales } from "~/i18n/config";
import { addWorkshopPhotos, removeWorkshopPhoto, setWorkshopPhotoAlt } from "~/models/maker.server";
import { receiveImages } from "~/utils/image-upload.server";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-body.server";
import { parseId, requireLocale } from "~/utils/http.server";
import { refusalResponse } from "~/utils/refusal-page.server";
import { localePath } from "~/utils/urls";

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(localePath(requireLocale(params), "/shop/profile"));
}

/**
 * The workshop photos of the shop profile (decision 020): upload (multipart, through the image
 * pipeline), remove, describe. Each answer goes back to the profile with what happened.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId, user } = await requireCooperativeMember(request, locale, "profile");
  const back = (query: string) => redirect(`${localePath(locale, "/shop/profile")}?${query}#workshop`);
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    const upload = await receiveImages(db, request, "workshop");
    if (!upload.ok) {
      if (upload.error.code === "refused") return refusalResponse(locale, upload.error.status);
      return back(`workshop=${upload.error.code}`);
    }
    const outcome = await addWorkshopPhotos(db, {
      cooperativeId,
      userId: user.id,
      imageIds: upload.imageIds,
    });
    return back(outcome.ok ? "notice=saved" : "workshop=too_many_files");
  }
  const form = await readForm(request);
  const imageId = parseId(form.get("imageId"));
  if (imageId === null) return refusalResponse(locale, 400);
  if (form.get("intent") === "remove") {
    await removeWorkshopPhoto(db, { cooperativeId, userId: user.id, imageId });
    return back("notice=saved");
  }
  if (form.get("intent") === "alt") {
    const alt = Object.fromEntries(
      locales.flatMap((l) => {
        const v = String(form.get(`alt_${l}`) ?? "")
          .trim()
          .slice(0, 300);
        return v ? [[l, v]] : [];
      }),
    );
    await setWorkshopPhotoAlt(db, { cooperativeId, userId: user.id, imageId, alt });
    return back("notice=saved");
  }
  return refusalResponse(locale, 400);
}
