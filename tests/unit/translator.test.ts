import { describe, expect, it } from "vitest";
import { getTranslator } from "~/i18n/i18n.server";
import { createTranslator } from "~/i18n/translator";

const strings = {
  common: {
    greeting: "Bonjour {{name}}, {{ name }} !",
    nested: { deep: { key: "profond" } },
    item_zero: "aucun article",
    item_one: "{{count}} article",
    item_many: "{{count}} d’articles",
    item_other: "{{count}} articles",
    plain: "sans pluriel",
  },
  shop: { title: "Ma boutique", partial_other: "{{count}} partout" },
};

describe("translator", () => {
  const fr = createTranslator("fr", strings);

  it("reads namespaced, nested keys and defaults to the common namespace", () => {
    expect(fr.t("nested.deep.key")).toBe("profond");
    expect(fr.t("common:nested.deep.key")).toBe("profond");
    expect(fr.t("shop:title")).toBe("Ma boutique");
    expect(fr.t("title")).toBe("title");
    expect(fr.exists("shop:title")).toBe(true);
    expect(fr.exists("nested.deep")).toBe(false); // an object is not a string
  });

  it("interpolates every occurrence and leaves unknown placeholders alone", () => {
    expect(fr.t("greeting", { name: "Amina" })).toBe("Bonjour Amina, Amina !");
    expect(fr.t("greeting")).toBe("Bonjour {{name}}, {{ name }} !");
    expect(fr.t("greeting", { other: 1 })).toBe("Bonjour {{name}}, {{ name }} !");
  });

  it("chooses the plural form by count, _zero first for 0", () => {
    expect(fr.t("item", { count: 0 })).toBe("aucun article");
    expect(fr.t("item", { count: 1 })).toBe("1 article");
    expect(fr.t("item", { count: 2 })).toBe("2 articles");
    expect(fr.t("item", { count: 1_000_000 })).toBe("1000000 d’articles");
    expect(fr.t("shop:partial", { count: 1 })).toBe("1 partout"); // falls back to _other
    expect(fr.t("plain", { count: 5 })).toBe("sans pluriel");
  });

  it("falls back to defaultValue, then to the key", () => {
    expect(fr.t("attributes.unknown", { defaultValue: "unknown" })).toBe("unknown");
    expect(fr.t("shop:missing.key")).toBe("missing.key");
    expect(fr.t("missing.key")).toBe("missing.key");
  });

  it("takes namespaces loaded later", () => {
    const t = createTranslator("fr", {});
    expect(t.hasNamespace("chamber")).toBe(false);
    t.addNamespace("chamber", { queue: "File" });
    expect(t.hasNamespace("chamber")).toBe(true);
    expect(t.t("chamber:queue")).toBe("File");
  });

  it("uses the six Arabic plural forms of the real locale files", () => {
    const ar = getTranslator("ar");
    const forms = [0, 1, 2, 3, 11, 100].map((count) => ar.t("checkout:nav.cartCount", { count }));
    expect(new Set(forms).size).toBe(6);
    for (const f of forms) expect(f).not.toContain("checkout:");
  });
});
