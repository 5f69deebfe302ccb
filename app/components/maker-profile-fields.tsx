import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ImageUploadForm } from "./image-upload-form";
import { locales, type Locale } from "~/i18n/config";
import { DELIVERY_ZONES } from "~/models/delivery";
import type { PictureData } from "~/models/catalogue.server";
import { Field } from "./form";
import { Picture } from "./picture";

export type MakerProfileValues = {
  foundedYear: string;
  memberCount: string;
  womenMemberCount: string;
  transitRegionMinDays: string;
  transitRegionMaxDays: string;
  transitMoroccoMinDays: string;
  transitMoroccoMaxDays: string;
  transitAbroadMinDays: string;
  transitAbroadMaxDays: string;
};

const zoneField = { region: "Region", morocco: "Morocco", abroad: "Abroad" } as const;

/** The profile's "who we are" and delivery-time fields (inside the profile's form). */
export function MakerProfileFields({
  profile,
  errors,
  values,
}: {
  profile: MakerProfileValues;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const number = (name: keyof MakerProfileValues, label: string) => (
    <Field
      key={name}
      name={name}
      label={label}
      inputMode="numeric"
      dir="ltr"
      errors={errors}
      values={values}
      defaultValue={profile[name]}
    />
  );
  return (
    <>
      <fieldset className="stack">
        <legend>{t("trustadmin:profile.who")}</legend>
        <div className="form-grid">
          {number("foundedYear", t("trustadmin:profile.foundedYear"))}
          {number("memberCount", t("trustadmin:profile.memberCount"))}
          {number("womenMemberCount", t("trustadmin:profile.womenMemberCount"))}
        </div>
      </fieldset>
      <fieldset className="stack" aria-describedby="delivery-hint">
        <legend>{t("trustadmin:profile.delivery")}</legend>
        <p className="field__hint" id="delivery-hint">
          {t("trustadmin:profile.deliveryHint")}
        </p>
        <div className="form-grid">
          {DELIVERY_ZONES.flatMap((zone) => {
            const label = t(`trust:delivery.zones.${zone}`);
            return [
              number(`transit${zoneField[zone]}MinDays`, t("trustadmin:profile.transitMin", { zone: label })),
              number(`transit${zoneField[zone]}MaxDays`, t("trustadmin:profile.transitMax", { zone: label })),
            ];
          })}
        </div>
      </fieldset>
    </>
  );
}

export type WorkshopPhotoData = PictureData & {
  imageId: number;
  altByLocale: Record<string, string | undefined>;
};

const altLabels: Record<Locale, string> = { ar: "العربية", fr: "Français", en: "English" };

/** The workshop photos of the profile: add (several at once), describe in each language, remove. */
export function WorkshopPhotosEditor({
  action,
  photos,
  max,
  error,
}: {
  action: string;
  photos: WorkshopPhotoData[];
  max: number;
  error: string | null;
}) {
  const { t } = useTranslation();
  return (
    <section className="stack" id="workshop" aria-labelledby="workshop-title">
      <h3 id="workshop-title">{t("trustadmin:profile.workshop")}</h3>
      <p className="field__hint">{t("trustadmin:profile.workshopHint", { count: max })}</p>
      {photos.length > 0 ? (
        <ul className="workshop" data-testid="workshop-editor">
          {photos.map((photo, i) => (
            <li key={photo.imageId} className="stack">
              <Picture
                picture={photo}
                sizes="(min-width: 700px) 240px, 100vw"
                alt={t("trust:maker.workshopPhoto", { number: i + 1 })}
              />
              <Form method="post" action={action} className="stack">
                <input type="hidden" name="imageId" value={photo.imageId} />
                {locales.map((l) => (
                  <div className="field" key={l}>
                    <label htmlFor={`workshop-${photo.imageId}-alt-${l}`}>
                      {t("trustadmin:profile.workshopAlt")} ({altLabels[l]})
                    </label>
                    <input
                      id={`workshop-${photo.imageId}-alt-${l}`}
                      name={`alt_${l}`}
                      lang={l}
                      dir={l === "ar" ? "rtl" : "ltr"}
                      maxLength={300}
                      defaultValue={photo.altByLocale[l] ?? ""}
                    />
                  </div>
                ))}
                <button type="submit" name="intent" value="alt" className="button button--secondary">
                  {t("trustadmin:profile.workshopSaveAlt")}
                </button>
              </Form>
              <Form method="post" action={action}>
                <input type="hidden" name="imageId" value={photo.imageId} />
                <button type="submit" name="intent" value="remove" className="link-button">
                  {t("trustadmin:profile.workshopRemove")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
      {photos.length >= max ? (
        <p className="muted">{t("trustadmin:profile.workshopFull", { count: max })}</p>
      ) : (
        <ImageUploadForm
          name="workshop"
          label={t("trustadmin:profile.workshopUpload")}
          error={error}
          action={action}
          multiple
        />
      )}
    </section>
  );
}
