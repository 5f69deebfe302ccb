// The smallest server entry Remix accepts, with the same one-string i18next as the browser so
// that the page hydrates without a mismatch when the bench serves it (bench/hello/server.mjs).
import type { EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance } from "i18next";
import { renderToString } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";

export default function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  context: EntryContext,
) {
  const i18n = createInstance();
  void i18n.use(initReactI18next).init({
    lng: "en",
    resources: { en: { translation: { hello: "Hello" } } },
    interpolation: { escapeValue: false },
    initImmediate: false,
  });
  headers.set("Content-Type", "text/html");
  return new Response(
    `<!DOCTYPE html>${renderToString(
      <I18nextProvider i18n={i18n}>
        <RemixServer context={context} url={request.url} />
      </I18nextProvider>,
    )}`,
    { status, headers },
  );
}
