import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { defaultLocale, defaultNamespace, isLocale, namespaces } from "./i18n/config";

type RootData = { locale?: string; translations?: Record<string, Record<string, unknown>> };

async function hydrate() {
  // The root loader sent this locale's strings with the page: no extra request.
  const root = (window as unknown as { __remixContext: { state: { loaderData: Record<string, RootData> } } })
    .__remixContext.state.loaderData.root as RootData | undefined;
  const lang = document.documentElement.lang;
  const locale = isLocale(lang) ? lang : defaultLocale;
  await i18next.use(initReactI18next).init({
    lng: locale,
    fallbackLng: false,
    ns: [...namespaces],
    defaultNS: defaultNamespace,
    resources: { [locale]: root?.translations ?? {} },
    interpolation: { escapeValue: false },
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

if (window.requestIdleCallback) window.requestIdleCallback(hydrate);
else window.setTimeout(hydrate, 1);
