import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * A form that uploads pictures through `receiveImages` (app/utils/image-upload.server.ts):
 * the shop's logo and workshop, the fair's poster. `error` is the code the action sent back
 * in the URL; `children` come first (a heading, the current picture).
 */
export function ImageUploadForm({
  name,
  label,
  error,
  action,
  accept = "image/*",
  multiple,
  children,
}: {
  name: "logo" | "poster" | "workshop";
  label: string;
  error: string | null | undefined;
  action?: string;
  accept?: string;
  multiple?: boolean;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const id = `field-${name}`;
  return (
    <Form method="post" action={action} encType="multipart/form-data" className="stack">
      {children}
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input id={id} type="file" name={name} accept={accept} multiple={multiple} />
        {error ? (
          <p className="field__error" role="alert">
            {t(`shop:photos.rejected.${error}`, { defaultValue: t("shop:photos.failed") })}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button--secondary">
        {t("shop:photos.upload")}
      </button>
    </Form>
  );
}
