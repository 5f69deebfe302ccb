import { describe, expect, it } from "vitest";
import { createRequestI18n, getFixedT, preferredLocale } from "~/i18n/i18n.server";
import { localeCookie } from "~/i18n/i18n.server";

const request = (headers: Record<string, string> = {}) => new Request("http://hirfa.test/", { headers });

describe("i18next plurals, with the project's locale files", () => {
  it("English: one and other", () => {
    const t = createRequestI18n("en", ["common"]).t;
    expect(t("home.productCount", { count: 1 })).toBe("1 item");
    expect(t("home.productCount", { count: 0 })).toBe("0 items");
    expect(t("home.productCount", { count: 2 })).toBe("2 items");
    expect(t("product.lowStock", { count: 1 })).toBe("Only one left");
    expect(t("product.lowStock", { count: 3 })).toBe("Only 3 left");
  });

  it("French: one for 0 and 1, other from 2", () => {
    const t = createRequestI18n("fr", ["common"]).t;
    expect(t("home.productCount", { count: 0 })).toBe("0 article");
    expect(t("home.productCount", { count: 1 })).toBe("1 article");
    expect(t("home.productCount", { count: 2 })).toBe("2 articles");
    expect(t("home.productCount", { count: 1_000_000 })).toBe("1000000 d'articles");
  });

  it("Arabic: all six forms (zero, one, two, few, many, other)", () => {
    const t = createRequestI18n("ar", ["common"]).t;
    expect(t("home.productCount", { count: 0 })).toBe("لا توجد منتجات");
    expect(t("home.productCount", { count: 1 })).toBe("منتج واحد");
    expect(t("home.productCount", { count: 2 })).toBe("منتجان");
    expect(t("home.productCount", { count: 3 })).toBe("3 منتجات");
    expect(t("home.productCount", { count: 11 })).toBe("11 منتجًا");
    expect(t("home.productCount", { count: 100 })).toBe("100 منتج");
  });
});

describe("a request's i18next instance", () => {
  it("holds the page's namespaces of its locale only", () => {
    const i18n = createRequestI18n("en", ["common", "checkout"]);
    expect(i18n.language).toBe("en");
    expect(i18n.t("checkout:cart.title")).toBe("Your cart");
    expect(i18n.exists("shop:title")).toBe(false);
    expect(i18n.t("shop:title")).toBe("title"); // a missing key shows without its namespace
  });

  it("is shared by the renders of one locale and namespace set, and refuses every change", () => {
    const a = createRequestI18n("fr", ["common"]);
    expect(createRequestI18n("fr", ["common"])).toBe(a);
    expect(createRequestI18n("ar", ["common"])).not.toBe(a);
    expect(createRequestI18n("fr", ["common", "shop"])).not.toBe(a);
    // Nothing one render could do to it reaches another: it throws instead.
    expect(() => a.addResourceBundle("fr", "shop", { title: "Ajouté" })).toThrow(TypeError);
    expect(() => a.addResource("fr", "common", "brand.name", "Changé")).toThrow(TypeError);
    expect(() => a.changeLanguage("ar")).toThrow(TypeError);
    expect(a.exists("shop:title")).toBe(false);
    expect(a.language).toBe("fr");
    expect(a.t("brand.name")).toBe("Hirfa");
    expect(getFixedT("fr")("brand.name")).toBe("Hirfa");
  });

  it("translates mails and titles in any locale on the server", () => {
    expect(getFixedT("en")("mail:order.buyerGreeting", { name: "Ann" })).toBe("Hello Ann,");
    expect(getFixedT("fr")("mail:order.buyerGreeting", { name: "Ann" })).toBe("Bonjour Ann,");
  });
});

describe("the language for `/`", () => {
  it("follows Accept-Language among ar, fr and en, with English for other languages and Arabic without a header", async () => {
    expect(await preferredLocale(request({ "Accept-Language": "en-US,en;q=0.9" }))).toBe("en");
    expect(await preferredLocale(request({ "Accept-Language": "de-DE,de;q=0.9" }))).toBe("en");
    expect(await preferredLocale(request({ "Accept-Language": "ar-MA,ar;q=0.9" }))).toBe("ar");
    expect(await preferredLocale(request({ "Accept-Language": "fr-FR" }))).toBe("fr");
    expect(await preferredLocale(request({ "Accept-Language": "de-DE, fr;q=0.8, en;q=0.5" }))).toBe("fr");
    expect(await preferredLocale(request())).toBe("ar");
    expect(await preferredLocale(request({ "Accept-Language": "*" }))).toBe("ar");
  });

  it("prefers the language cookie", async () => {
    const cookie = await localeCookie.serialize("fr");
    expect(await preferredLocale(request({ Cookie: cookie, "Accept-Language": "en-US" }))).toBe("fr");
  });
});
