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

// Until Remix has decoded the page's state, what the visitor does goes to the browser, not to
// React: a tap on a form's button submits it as without JavaScript. React would instead
// hydrate the page synchronously to handle the event, Remix would suspend at the root for its
// state (single fetch: it writes `__remixContext.state` once decoded, in its first render),
// and React would fail (error #345), the event half-handled. From then on React hydrates for
// the event as usual. The events are those React hydrates for (react-dom's
// `discreteReplayableEvents`): a tap's, a key's, a phone keyboard's.
const remixState = () =>
  (window as unknown as { __remixContext?: { state?: unknown } }).__remixContext?.state;
const heldUntilDecoded =
  "mousedown mouseup touchcancel touchend touchstart auxclick dblclick pointercancel pointerdown pointerup dragend dragstart drop compositionend compositionstart keydown keypress keyup input textInput copy cut paste click change contextmenu reset submit";
for (const type of heldUntilDecoded.split(" "))
  window.addEventListener(
    type,
    (event) => {
      if (remixState() === undefined) event.stopPropagation();
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
