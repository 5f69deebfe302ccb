import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useParams, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ImageUploadForm } from "~/components/image-upload-form";
import { Field, FormError, SelectField } from "~/components/form";
import { LocalizedFields } from "~/components/localized-fields";
import { Picture } from "~/components/picture";
import { getFixedT } from "~/i18n/i18n.server";
import { locales } from "~/i18n/config";
import { pickLocalized } from "~/i18n/localized";
import {
  getCooperativeProfile,
  isKnownProvince,
  listProvinceOptions,
  setCooperativeLogo,
  updateCooperativeProfile,
} from "~/models/cooperatives.server";
import { receiveImages } from "~/utils/image-upload.server";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { centimesToInput, fieldFailure, parseForm } from "~/utils/forms";
import { ProfileSchema } from "~/forms/shop.server";
import { TrustProfileSchema } from "~/forms/trust.server";
import { MakerProfileFields, WorkshopPhotosEditor } from "~/components/maker-profile-fields";
import { MAX_WORKSHOP_PHOTOS, workshopPhotos } from "~/models/maker.server";
import { notFound, requireLocale } from "~/utils/http.server";
import { refusalResponse } from "~/utils/refusal-page.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId } = await requireCooperativeMember(request, locale, "profile");
  const [profile, provinces, workshop] = await Promise.all([
    getCooperativeProfile(db, cooperativeId),
    listProvinceOptions(db, locale),
    workshopPhotos(db, cooperativeId, locale),
  ]);
  const t = getFixedT(locale);
  if (!profile) notFound();
  const c = profile.cooperative;
  return {
    provinces,
    profile: {
      name: c.name,
      story: c.story,
      city: c.city,
      provinceSlug: c.provinceSlug,
      phone: c.phone ?? "",
      processingDays: c.processingDays,
      shippingFeeMa: centimesToInput(c.shippingFeeMa),
      shippingFeeIntl: centimesToInput(c.shippingFeeIntl),
      acceptsCod: c.acceptsCod,
    },
    // "Who we are" and delivery times (decision 020).
    maker: makerFormValues(c),
    workshop,
    maxWorkshopPhotos: MAX_WORKSHOP_PHOTOS,
    logo: profile.logo ? { ...profile.logo, alt: pickLocalized(c.name, locale), createdAt: undefined } : null,
    seo: { title: t("shop:profile.metaTitle") },
  };
}

type CooperativeRow = NonNullable<Awaited<ReturnType<typeof getCooperativeProfile>>>["cooperative"];

/** The "who we are" and delivery-time fields as the form shows them. */
function makerFormValues(c: CooperativeRow) {
  return {
    foundedYear: c.foundedYear === null ? "" : String(c.foundedYear),
    memberCount: String(c.memberCount),
    womenMemberCount: c.womenMemberCount === null ? "" : String(c.womenMemberCount),
    transitRegionMinDays: String(c.transitRegionMinDays),
    transitRegionMaxDays: String(c.transitRegionMaxDays),
    transitMoroccoMinDays: String(c.transitMoroccoMinDays),
    transitMoroccoMaxDays: String(c.transitMoroccoMaxDays),
    transitAbroadMinDays: String(c.transitAbroadMinDays),
    transitAbroadMaxDays: String(c.transitAbroadMaxDays),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

const localized = (values: Record<string, string>, field: string) =>
  Object.fromEntries(locales.flatMap((l) => (values[`${field}_${l}`] ? [[l, values[`${field}_${l}`]]] : [])));

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId, user } = await requireCooperativeMember(request, locale, "profile");
  const back = (query: string) => redirect(`${localePath(locale, "/shop/profile")}?${query}`);
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    const upload = await receiveImages(db, request, "logo");
    if (!upload.ok) {
      if (upload.error.code === "refused") throw refusalResponse(locale, upload.error.status);
      return back(`logo=${upload.error.code}`);
    }
    await setCooperativeLogo(db, { cooperativeId, imageId: upload.imageIds[0] });
    return back("notice=saved");
  }
  const formData = await readForm(request);
  // A form without the fields of decision 020 (an older page, a script) keeps their values.
  const current = await getCooperativeProfile(db, cooperativeId);
  if (!current) notFound();
  for (const [key, value] of Object.entries(makerFormValues(current.cooperative)))
    if (!formData.has(key)) formData.set(key, value);
  const parsed = parseForm(ProfileSchema, formData);
  const maker = parseForm(TrustProfileSchema, formData);
  if (!parsed.ok || !maker.ok) {
    const failures = [parsed, maker].flatMap((r) => (r.ok ? [] : [r]));
    return data(
      {
        ok: false as const,
        errors: Object.assign({}, ...failures.map((f) => f.errors)) as Record<string, string>,
        values: failures[0].values,
      },
      { status: 400 },
    );
  }
  const v = parsed.data;
  if (!(await isKnownProvince(db, v.provinceSlug)))
    return data(fieldFailure(formData, "provinceSlug", "shop:errors.province"), { status: 400 });
  const trimmed = Object.fromEntries(
    Object.entries(v).map(([k, s]) => [k, typeof s === "string" ? s.trim() : String(s)]),
  );
  await updateCooperativeProfile(db, {
    cooperativeId,
    userId: user.id,
    fields: {
      name: localized(trimmed, "name"),
      story: localized(trimmed, "story"),
      city: localized(trimmed, "city"),
      provinceSlug: v.provinceSlug,
      phone: v.phone || null,
      processingDays: v.processingDays,
      shippingFeeMa: v.shippingFeeMa,
      shippingFeeIntl: v.shippingFeeIntl,
      acceptsCod: v.acceptsCod,
      ...maker.data,
    },
  });
  return back("notice=saved");
}

export default function ShopProfile() {
  const { profile, provinces, logo, maker, workshop, maxWorkshopPhotos } = useLoaderData<typeof loader>();
  const { lang } = useParams();
  const failure = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const errors = failure?.errors;
  const values = failure?.values;
  const bilingual = (field: "name" | "story" | "city", label: string, multiline = false) => (
    <LocalizedFields
      name={field}
      label={label}
      value={profile[field]}
      failure={failure}
      multiline={multiline}
    />
  );
  const logoError = search.get("logo");
  return (
    <section aria-labelledby="profile-title" className="stack">
      <h2 id="profile-title">{t("shop:profile.title")}</h2>
      {search.get("notice") === "saved" ? (
        <p className="notice" role="status">
          {t("shop:profile.saved")}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <FormError errors={errors} />
        {bilingual("name", t("shop:profile.name"))}
        {bilingual("story", t("shop:profile.story"), true)}
        {bilingual("city", t("shop:profile.city"))}
        <div className="form-grid">
          <SelectField
            name="provinceSlug"
            label={t("shop:profile.province")}
            options={provinces.map((p) => ({ value: p.slug, label: p.name.text }))}
            errors={errors}
            values={values}
            defaultValue={profile.provinceSlug}
          />
          <Field
            name="phone"
            type="tel"
            label={t("shop:profile.phone")}
            dir="ltr"
            errors={errors}
            values={values}
            defaultValue={profile.phone}
            autoComplete="tel"
          />
          <Field
            name="processingDays"
            label={t("shop:profile.processingDays")}
            inputMode="numeric"
            dir="ltr"
            errors={errors}
            values={values}
            defaultValue={profile.processingDays}
          />
          <Field
            name="shippingFeeMa"
            label={t("shop:profile.shippingFeeMa")}
            inputMode="decimal"
            dir="ltr"
            errors={errors}
            values={values}
            defaultValue={profile.shippingFeeMa}
          />
          <Field
            name="shippingFeeIntl"
            label={t("shop:profile.shippingFeeIntl")}
            inputMode="decimal"
            dir="ltr"
            errors={errors}
            values={values}
            defaultValue={profile.shippingFeeIntl}
          />
        </div>
        <MakerProfileFields profile={maker} errors={errors} values={values} />
        <div className="field field--check">
          <input
            id="field-acceptsCod"
            type="checkbox"
            name="acceptsCod"
            defaultChecked={values ? values.acceptsCod === "on" : profile.acceptsCod}
          />
          <label htmlFor="field-acceptsCod">{t("shop:profile.acceptsCod")}</label>
        </div>
        <button type="submit" className="button sticky-action">
          {t("shop:profile.save")}
        </button>
      </Form>
      <ImageUploadForm
        name="logo"
        label={t("shop:profile.logoUpload")}
        error={logoError}
        accept="image/jpeg,image/png,image/webp,image/avif"
      >
        <h3>{t("shop:profile.logo")}</h3>
        {logo ? <Picture picture={logo} sizes="96px" className="coop-hero__logo" alt="" /> : null}
      </ImageUploadForm>
      <WorkshopPhotosEditor
        action={`/${lang}/shop/profile/workshop`}
        photos={workshop}
        max={maxWorkshopPhotos}
        error={search.get("workshop")}
      />
    </section>
  );
}
