import { useTranslation } from "react-i18next";
import type { LocalizedText } from "~/i18n/localized";

/**
 * Content text in its own language. When it is shown in the other language because
 * no translation exists, it says so (and carries the right `lang` for screen readers).
 * Either way it is isolated (<bdi>, direction from its own letters): text a cooperative
 * typed keeps its order and its full stop inside a page of the other direction.
 */
export function LocalizedTextView({
  value,
  showFallbackNote = false,
}: {
  value: LocalizedText;
  showFallbackNote?: boolean;
}) {
  const { t } = useTranslation();
  if (!value.fallback) return <bdi>{value.text}</bdi>;
  return (
    <>
      <bdi lang={value.lang}>{value.text}</bdi>
      {showFallbackNote ? (
        <span className="fallback-note" data-testid="fallback-note">
          {" "}
          {t("content.onlyIn", { language: t(`content.inLanguage.${value.lang}`) })}
        </span>
      ) : null}
    </>
  );
}
