import { useTranslation } from "react-i18next";

/**
 * The page's strings travel inside the document (one JSON script element, read by
 * entry.client.tsx before hydration), so the browser's i18next starts with exactly the
 * namespaces of the page's routes and no extra request.
 */
export const PAGE_STRINGS_ID = "i18n-resources";

// Strings never change at run time: one serialisation per language and set of namespaces.
const serialised = new Map<string, string>();

export function PageStrings({ namespaces, nonce }: { namespaces: string[]; nonce?: string }) {
  const { i18n } = useTranslation();
  let json: string;
  if (typeof document !== "undefined") {
    // Hydrating or navigating: the element already holds what the server sent.
    json = document.getElementById(PAGE_STRINGS_ID)?.textContent ?? "{}";
  } else {
    const lng = i18n.language;
    const key = `${lng}|${[...namespaces].sort().join(",")}`;
    json = serialised.get(key) ?? "";
    if (!json) {
      const bundle = Object.fromEntries(namespaces.map((ns) => [ns, i18n.getResourceBundle(lng, ns) ?? {}]));
      json = JSON.stringify(bundle).replace(/</g, "\\u003c");
      serialised.set(key, json);
    }
  }
  return (
    <script
      id={PAGE_STRINGS_ID}
      type="application/json"
      nonce={nonce}
      dangerouslySetInnerHTML={{ __html: json }}
    />
  );
}
