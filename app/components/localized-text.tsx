import { useTranslation } from "~/i18n/use-translation";
import type { LocalizedText } from "~/i18n/localized";

/**
 * Content text in its own language. When it is shown in the other language because
 * no translation exists, it says so (and carries the right `lang` for screen readers).
 */
export function LocalizedTextView({ value, showFallbackNote = false }: { value: LocalizedText; showFallbackNote?: boolean }) {
  const { t } = useTranslation();
  if (!value.fallback) return <>{value.text}</>;
  return (
    <>
      <span lang={value.lang} dir="auto">
        {value.text}
      </span>
      {showFallbackNote ? (
        <span className="fallback-note" data-testid="fallback-note">
          {" "}
          {t("content.onlyIn", { language: t(`languages.${value.lang}`) })}
        </span>
      ) : null}
    </>
  );
}
