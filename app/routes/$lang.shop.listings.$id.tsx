import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListingForm } from "~/components/listing-form";
import { ListingStatusBanner } from "~/components/listing-status-banner";
import { PhotoIntentSchema } from "~/forms/shop.server";
import { Picture } from "~/components/picture";
import { PhotoUploader } from "~/components/photo-uploader";
import { getFixedT } from "~/i18n/i18n.server";
import { useLocale } from "~/i18n/use-locale";
import { directionOf, locales, type Locale } from "~/i18n/config";
import { parseListingForm } from "~/forms/listing.server";
import {
  archiveListing,
  duplicateListing,
  getEditableListing,
  listCraftOptions,
  moveListingPhoto,
  ownsListing,
  removeListingPhoto,
  setListingPhotoAlt,
  submitListingForReview,
  updateListing,
  type ListingErrorCode,
} from "~/models/listings.server";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/forms";
import { notFound, requireId, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId } = await requireCooperativeMember(request, locale, "listings");
  const [listing, crafts] = await Promise.all([
    getEditableListing(db, { cooperativeId, productId: requireId(params.id), locale }),
    listCraftOptions(db, locale),
  ]);
  const t = getFixedT(locale);
  if (!listing) notFound();
  return { listing, crafts, seo: { title: t("shop:edit.metaTitle") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId, user } = await requireCooperativeMember(request, locale, "listings");
  const productId = requireId(params.id);
  if (!(await ownsListing(db, cooperativeId, productId))) notFound();
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const actor = { cooperativeId, userId: user.id, productId };
  const back = (notice: string) =>
    redirect(`${localePath(locale, `/shop/listings/${productId}`)}?notice=${notice}`);
  const fail = (code: string) => data(formFailure(`shop:errors.${code}`), { status: 400 });
  /** A refused change: another shop's listing (or none) is a 404, the rest is said on the page. */
  const refusal = (error: ListingErrorCode) => (error === "not_found" ? notFound() : fail(error));
  switch (intent) {
    case "save": {
      const crafts = await listCraftOptions(db, locale);
      const craft = crafts.find((c) => c.id === Number(formData.get("craftId")));
      const parsed = parseListingForm(formData, craft?.attributeKeys ?? []);
      if (!parsed.ok) return data(parsed, { status: 400 });
      if (!craft) return fail("craft");
      const stockSeen = String(formData.get("stockSeen") ?? "");
      const saved = await updateListing(db, {
        ...actor,
        fields: parsed.data,
        stockSeen: /^\d{1,6}$/.test(stockSeen) ? Number(stockSeen) : undefined,
      });
      if (!saved.ok) return refusal(saved.error);
      return back(saved.changesNotSent ? "savedNotSent" : saved.liveChanged ? "savedLive" : "saved");
    }
    case "submit": {
      const submitted = await submitListingForReview(db, actor);
      if (!submitted.ok) return refusal(submitted.error);
      return back("submitted");
    }
    case "duplicate": {
      const copy = await duplicateListing(db, actor);
      if (!copy.ok) return refusal(copy.error);
      return redirect(`${localePath(locale, `/shop/listings/${copy.id}`)}?notice=duplicated`);
    }
    case "archive": {
      const archived = await archiveListing(db, actor);
      if (!archived.ok) return refusal(archived.error);
      return redirect(`${localePath(locale, "/shop/listings")}?notice=archived`);
    }
    case "photo-earlier":
    case "photo-later":
    case "photo-remove":
    case "photo-alt": {
      const photo = parseForm(PhotoIntentSchema, formData);
      if (!photo.ok) return fail("photo");
      const { imageId } = photo.data;
      const done =
        intent === "photo-remove"
          ? await removeListingPhoto(db, { ...actor, imageId })
          : intent === "photo-alt"
            ? await setListingPhotoAlt(db, {
                ...actor,
                imageId,
                alt: Object.fromEntries(
                  locales.flatMap((l) => {
                    const v = String(formData.get(`alt_${l}`) ?? "")
                      .trim()
                      .slice(0, 200);
                    return v ? [[l, v]] : [];
                  }),
                ),
              })
            : await moveListingPhoto(db, {
                ...actor,
                imageId,
                direction: intent === "photo-earlier" ? "earlier" : "later",
              });
      if (!done.ok) return refusal(done.error);
      return back("photos");
    }
    default:
      return fail("intent");
  }
}

const altLabelKeys: Record<Locale, string> = {
  ar: "shop:photos.altAr",
  fr: "shop:photos.altFr",
  en: "shop:photos.altEn",
};

export default function EditListing() {
  const { listing, crafts } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const notice = search.get("notice");
  const uploadRejected = search.getAll("rejected").map((r) => r.split("|"));
  const editable = listing.status !== "archived";
  return (
    <div className="stack">
      <h2>{t("shop:edit.title")}</h2>
      <ListingStatusBanner
        status={listing.status}
        revisionStatus={listing.revisionStatus}
        reviewNote={listing.reviewNote}
        liveHref={localePath(locale, `/products/${listing.slug}`)}
      />
      {notice ? (
        <p className="notice" role="status" data-testid="notice">
          {t(`shop:notices.${notice}`, { defaultValue: t("form.saved") })}
        </p>
      ) : null}
      {uploadRejected.length > 0 ? (
        <ul className="form-error" role="alert">
          {uploadRejected.map(([name, reason]) => (
            <li key={`${name}-${reason}`}>
              {name ? `${name}: ` : ""}
              {t(`shop:photos.rejected.${reason}`, { defaultValue: t("shop:photos.failed") })}
            </li>
          ))}
        </ul>
      ) : null}

      <section aria-labelledby="photos-title" className="stack">
        <h3 id="photos-title">{t("shop:photos.title")}</h3>
        {listing.photos.length === 0 ? <p className="muted">{t("shop:photos.none")}</p> : null}
        <ol className="photo-list" data-testid="photo-list">
          {listing.photos.map((photo, index) => (
            <li key={photo.imageId} className="photo-item" data-testid="photo-item">
              <Picture
                picture={photo.picture}
                sizes="160px"
                alt={t("shop:photos.number", { number: index + 1 })}
              />
              <Form method="post" className="photo-item__alt">
                <input type="hidden" name="imageId" value={photo.imageId} />
                {locales.map((l) => (
                  <label key={l}>
                    {t(altLabelKeys[l])}
                    <input
                      name={`alt_${l}`}
                      lang={l}
                      dir={directionOf(l)}
                      defaultValue={photo.alt[l] ?? ""}
                    />
                  </label>
                ))}
                <button type="submit" name="intent" value="photo-alt" className="button button--secondary">
                  {t("shop:photos.saveAlt")}
                </button>
              </Form>
              <Form method="post" className="photo-item__actions">
                <input type="hidden" name="imageId" value={photo.imageId} />
                <button
                  type="submit"
                  name="intent"
                  value="photo-earlier"
                  className="button button--secondary"
                  disabled={index === 0}
                >
                  {t("shop:photos.earlier")}
                </button>
                <button
                  type="submit"
                  name="intent"
                  value="photo-later"
                  className="button button--secondary"
                  disabled={index === listing.photos.length - 1}
                >
                  {t("shop:photos.later")}
                </button>
                <button type="submit" name="intent" value="photo-remove" className="button button--danger">
                  {t("shop:photos.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ol>
        {editable ? (
          <PhotoUploader action={localePath(locale, `/shop/listings/${listing.id}/photos`)} />
        ) : null}
      </section>

      {editable ? (
        <section aria-labelledby="details-title" className="stack">
          <h3 id="details-title">{t("shop:edit.details")}</h3>
          <ListingForm
            crafts={crafts}
            content={listing.content}
            failure={failure}
            submitLabel={t("shop:form.save")}
            live={listing.status === "published"}
          />
        </section>
      ) : null}

      <section aria-labelledby="actions-title" className="stack">
        <h3 id="actions-title">{t("shop:edit.actions")}</h3>
        <Form method="post" className="toolbar">
          <button type="submit" name="intent" value="duplicate" className="button button--secondary">
            {t("shop:edit.duplicate")}
          </button>
          {editable ? (
            <button type="submit" name="intent" value="archive" className="button button--danger">
              {t("shop:edit.archive")}
            </button>
          ) : null}
        </Form>
        {failure?.errors?.form ? (
          <p className="form-error" role="alert">
            {t(failure.errors.form)}
          </p>
        ) : null}
      </section>
    </div>
  );
}
