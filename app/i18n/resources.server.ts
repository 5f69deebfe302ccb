// Every namespace of every locale, bundled: the server renders any page in any locale
// and the browser receives only the current locale's strings (see root loader). `mail`
// is the server's alone (mails to buyers and members): no page embeds it.
import arAccount from "../../locales/ar/account.json";
import arCommon from "../../locales/ar/common.json";
import arShop from "../../locales/ar/shop.json";
import frAccount from "../../locales/fr/account.json";
import arChamber from "../../locales/ar/chamber.json";
import arCheckout from "../../locales/ar/checkout.json";
import frChamber from "../../locales/fr/chamber.json";
import frCheckout from "../../locales/fr/checkout.json";
import arFulfilment from "../../locales/ar/fulfilment.json";
import frFulfilment from "../../locales/fr/fulfilment.json";
import frCommon from "../../locales/fr/common.json";
import frShop from "../../locales/fr/shop.json";
import arMail from "../../locales/ar/mail.json";
import frMail from "../../locales/fr/mail.json";
import arSearch from "../../locales/ar/search.json";
import frSearch from "../../locales/fr/search.json";
import type { Locale } from "./config";
import type { Resources } from "./translator";

export const resources: Record<Locale, Resources> = {
  ar: { common: arCommon, account: arAccount, shop: arShop, checkout: arCheckout, fulfilment: arFulfilment, chamber: arChamber, search: arSearch, mail: arMail },
  fr: { common: frCommon, account: frAccount, shop: frShop, checkout: frCheckout, fulfilment: frFulfilment, chamber: frChamber, search: frSearch, mail: frMail },
};

/** The JSON of some namespaces of a locale, made once per combination (strings never change at run time). */
const embeddedJson = new Map<string, string>();
export function embeddedStrings(locale: Locale, namespaces: Set<string>): string {
  const key = `${locale}|${[...namespaces].sort().join(",")}`;
  let json = embeddedJson.get(key);
  if (json === undefined) {
    const bundle = Object.fromEntries(Object.entries(resources[locale]).filter(([ns]) => namespaces.has(ns)));
    json = JSON.stringify(bundle).replace(/</g, "\\u003c");
    embeddedJson.set(key, json);
  }
  return json;
}
