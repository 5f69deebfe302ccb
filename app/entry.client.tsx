import { RemixBrowser } from "@remix-run/react";
import i18next, { type Resource } from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { defaultLocale, defaultNamespace, isLocale } from "./i18n/config";
import { PAGE_STRINGS_ID } from "./i18n/page-strings";
import { PAGE_FORMATS_ID, readPageFormats } from "./i18n/page-formats";

// The page carries its namespaces of this locale's strings (root.tsx): no extra request.
const embedded = document.getElementById(PAGE_STRINGS_ID)?.textContent;
const strings = (embedded ? JSON.parse(embedded) : {}) as Resource[string];
const lang = document.documentElement.lang;
const locale = isLocale(lang) ? lang : defaultLocale;
void i18next.use(initReactI18next).init({
  lng: locale,
  fallbackLng: false,
  ns: Object.keys(strings),
  defaultNS: defaultNamespace,
  resources: { [locale]: strings },
  partialBundledLanguages: true,
  interpolation: { escapeValue: false }, // React escapes
  initImmediate: false, // resources are here: init synchronously, then hydrate
  react: { useSuspense: false },
});

// The numbers, prices and dates as the server wrote them: hydration makes no Intl formatter.
readPageFormats(document.getElementById(PAGE_FORMATS_ID)?.textContent);

// Hydrate at once: a visitor typing or clicking before hydration would otherwise race it.
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
