import { describe, expect, it } from "vitest";
import { directionOf, isLocale } from "~/i18n/config";
import { pickLocalized } from "~/i18n/localized";
import { localePath, switchLocalePath } from "~/utils/urls";
import { slugify } from "~/utils/slug";

describe("pickLocalized", () => {
  it("uses the page's language when the content has it", () => {
    expect(pickLocalized({ ar: "زربية", fr: "Tapis" }, "fr")).toEqual({
      text: "Tapis",
      lang: "fr",
      fallback: false,
    });
  });
  it("falls back to the other language and says so", () => {
    expect(pickLocalized({ ar: "زربية" }, "fr")).toEqual({ text: "زربية", lang: "ar", fallback: true });
    expect(pickLocalized({ fr: "Tapis", ar: "  " }, "ar")).toEqual({
      text: "Tapis",
      lang: "fr",
      fallback: true,
    });
  });
  it("shows English readers the French text when there is no English, else the Arabic, marked", () => {
    expect(pickLocalized({ ar: "زربية", fr: "Tapis", en: "Rug" }, "en")).toEqual({
      text: "Rug",
      lang: "en",
      fallback: false,
    });
    expect(pickLocalized({ ar: "زربية", fr: "Tapis" }, "en")).toEqual({
      text: "Tapis",
      lang: "fr",
      fallback: true,
    });
    expect(pickLocalized({ ar: "زربية" }, "en")).toEqual({ text: "زربية", lang: "ar", fallback: true });
    // English is a last resort for Arabic and French pages.
    expect(pickLocalized({ fr: "Tapis", en: "Rug" }, "ar")).toEqual({
      text: "Tapis",
      lang: "fr",
      fallback: true,
    });
    expect(pickLocalized({ en: "Rug" }, "fr")).toEqual({ text: "Rug", lang: "en", fallback: true });
  });
  it("yields empty text for empty content", () => {
    expect(pickLocalized({}, "ar")).toEqual({ text: "", lang: "ar", fallback: false });
    expect(pickLocalized(null, "fr").text).toBe("");
  });
});

describe("locale helpers", () => {
  it("knows the locales and their direction", () => {
    expect(isLocale("ar")).toBe(true);
    expect(isLocale("en")).toBe(true);
    expect(isLocale("de")).toBe(false);
    expect(directionOf("en")).toBe("ltr");
    expect(isLocale(undefined)).toBe(false);
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("fr")).toBe("ltr");
  });
  it("builds locale paths and switches the locale of a path", () => {
    expect(localePath("fr")).toBe("/fr");
    expect(localePath("ar", "/crafts/pottery")).toBe("/ar/crafts/pottery");
    expect(switchLocalePath("/ar/crafts/pottery", "?page=2", "fr")).toBe("/fr/crafts/pottery?page=2");
    expect(switchLocalePath("/fr", "", "ar")).toBe("/ar");
  });
});

describe("slugify", () => {
  it("makes URL-safe slugs from French titles", () => {
    expect(slugify("Tapis Béni Ouarain — laine écrue")).toBe("tapis-beni-ouarain-laine-ecrue");
    expect(slugify("Plat « Bleu de Fès »")).toBe("plat-bleu-de-fes");
    expect(slugify("زربية")).toBe("");
  });
});
