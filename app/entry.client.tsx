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

// Until the page has hydrated, what the visitor does goes to the browser, not to React: a
// tap on a form's button submits it as without JavaScript. React would instead hydrate the
// page synchronously to handle the event; before its first render Remix has not decoded the
// page's state (single fetch), that render suspends at the root and React fails (error
// #345), the event half-handled. The events are those React hydrates for (react-dom's
// `discreteReplayableEvents`): a tap's and a phone keyboard's.
const heldUntilHydrated =
  "mousedown mouseup touchcancel touchend touchstart auxclick dblclick pointercancel pointerdown pointerup dragend dragstart drop compositionend compositionstart keydown keypress keyup input textInput copy cut paste click change contextmenu reset submit";
for (const type of heldUntilHydrated.split(" "))
  window.addEventListener(
    type,
    (event) => {
      if (document.documentElement.dataset.hydrated !== "true") event.stopPropagation();
    },
    { capture: true },
  );

// Hydration in a transition yields to the browser between components: the page scrolls meanwhile.
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
