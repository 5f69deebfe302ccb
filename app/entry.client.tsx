import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { defaultLocale, isLocale } from "./i18n/config";
import { STRINGS_ELEMENT_ID } from "./i18n/embedded-strings";
import { setPageTranslator } from "./i18n/namespaces";
import { createTranslator, type Resources } from "./i18n/translator";
import { TranslatorProvider } from "./i18n/use-translation";

// The page carries this locale's strings (see root.tsx): no extra request.
const embedded = document.getElementById(STRINGS_ELEMENT_ID)?.textContent;
const lang = document.documentElement.lang;
const translator = createTranslator(isLocale(lang) ? lang : defaultLocale, embedded ? (JSON.parse(embedded) as Resources) : {});
setPageTranslator(translator);

// Hydrate at once: a visitor typing or clicking before hydration would otherwise race it.
startTransition(() => {
  hydrateRoot(
    document,
    <TranslatorProvider value={translator}>
      <StrictMode>
        <RemixBrowser />
      </StrictMode>
    </TranslatorProvider>,
  );
});
