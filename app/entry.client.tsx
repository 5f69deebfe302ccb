import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { defaultLocale, defaultNamespace, isLocale } from "./i18n/config";
import { STRINGS_ELEMENT_ID } from "./i18n/embedded-strings";

async function hydrate() {
  // The page carries this locale's strings (see root.tsx): no extra request.
  const embedded = document.getElementById(STRINGS_ELEMENT_ID)?.textContent;
  const translations = embedded ? (JSON.parse(embedded) as Record<string, Record<string, unknown>>) : {};
  const lang = document.documentElement.lang;
  const locale = isLocale(lang) ? lang : defaultLocale;
  await i18next.use(initReactI18next).init({
    lng: locale,
    fallbackLng: false,
    ns: Object.keys(translations),
    partialBundledLanguages: true,
    defaultNS: defaultNamespace,
    resources: { [locale]: translations },
    interpolation: { escapeValue: false },
    // Strings arrive with the page (or via a route's clientLoader): never suspend rendering for them.
    react: { useSuspense: false },
  });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

// Hydrate at once: a visitor typing or clicking before hydration would otherwise race it.
void hydrate();
