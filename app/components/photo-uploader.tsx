import { useRevalidator } from "@remix-run/react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * Several photos at once. Without JavaScript it is a plain multipart form; with it, the
 * upload goes through XMLHttpRequest so a progress bar can follow the bytes sent.
 */
export function PhotoUploader({ action, disabled }: { action: string; disabled?: boolean }) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const formRef = useRef<HTMLFormElement>(null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const body = new FormData(form);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", action);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      setProgress(null);
      try {
        const result = JSON.parse(xhr.responseText) as { rejected?: { name: string; reason: string }[] };
        setErrors((result.rejected ?? []).map((r) => `${r.name}: ${t(`shop:photos.rejected.${r.reason}`)}`));
      } catch {
        setErrors([t("shop:photos.failed")]);
      }
      formRef.current?.reset();
      revalidator.revalidate();
    };
    xhr.onerror = () => {
      setProgress(null);
      setErrors([t("shop:photos.failed")]);
    };
    setErrors([]);
    setProgress(0);
    xhr.send(body);
  }

  return (
    <form
      ref={formRef}
      method="post"
      action={action}
      encType="multipart/form-data"
      onSubmit={onSubmit}
      className="stack uploader"
    >
      <div className="field">
        <label htmlFor="photos-input">{t("shop:photos.choose")}</label>
        <input
          id="photos-input"
          type="file"
          name="photos"
          accept="image/*"
          multiple
          required
          disabled={disabled}
          aria-describedby="photos-hint"
        />
        <p className="field__hint" id="photos-hint">
          {t("shop:photos.hint")}
        </p>
      </div>
      <button type="submit" className="button button--secondary" disabled={disabled || progress !== null}>
        {t("shop:photos.upload")}
      </button>
      {progress !== null ? (
        <div role="status" className="upload-progress">
          <label htmlFor="upload-progress">
            {progress < 100 ? t("shop:photos.uploading") : t("shop:photos.processing")}
          </label>
          <progress id="upload-progress" max={100} value={progress} data-testid="upload-progress">
            {progress}%
          </progress>
        </div>
      ) : null}
      {errors.length > 0 ? (
        <ul className="form-error" role="alert">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
