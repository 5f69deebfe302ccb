import { describe, expect, it } from "vitest";
import {
  deletionVariants,
  editDistance,
  indexTerms,
  normalizeText,
  queryTokens,
  termVariants,
} from "~/utils/normalize";

describe("normalizeText", () => {
  it.each([
    ["الزَّرْبِيَّة", "الزربيه"], // diacritics (shadda, fatha, sukun, kasra) and ة → ه
    ["زربـــية", "زربيه"], // tatweel
    ["أرز", "ارز"],
    ["إفران", "افران"],
    ["آيت", "ايت"],
    ["ٱلورد", "الورد"],
    ["مستشفى", "مستشفي"], // ى → ي
    ["مؤسسة", "موسسه"],
    ["٢٥٠ مل", "250 مل"], // Arabic-Indic digits
    ["۳۰", "30"], // Persian digits
    ["Poterie ÉMAILLÉE", "poterie emaillee"],
    ["Cœur d'Œillet", "coeur d oeillet"],
    ["Bleu de Fès, 250 ml!", "bleu de fes 250 ml"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe("termVariants", () => {
  it("drops the Arabic article and its attached prepositions", () => {
    for (const word of ["الزربيه", "بالزربيه", "وبالزربيه", "والزربيه", "فالزربيه", "كالزربيه"]) {
      expect(termVariants(word)[0], word).toBe("زربيه");
    }
    expect(termVariants("للزرابي")[0]).toBe("زرابي"); // ل + الزرابي
  });
  it("keeps a word with an attached و/ب/ل both whole and without the letter", () => {
    expect(termVariants("وزربيه")).toEqual(["وزربيه", "زربيه"]);
    expect(termVariants("بلغه")).toEqual(["بلغه", "لغه"]);
    expect(termVariants("ورد")).toEqual(["ورد"]); // too short to lose a letter
  });
  it("folds simple French plurals", () => {
    expect(termVariants("tapis")).toEqual(termVariants("tapi"));
    expect(termVariants("babouches")).toEqual(termVariants("babouche"));
    expect(termVariants("bijoux")).toEqual(["bijou"]);
    expect(termVariants("metaux")).toEqual(["metal"]);
    expect(termVariants("eaux")).toEqual(["eau"]);
    expect(termVariants("250")).toEqual(["250"]);
  });
});

describe("queries and index terms", () => {
  it("drop stop words unless nothing else is left", () => {
    expect(queryTokens("huile de romarin").map((t) => t.word)).toEqual(["huile", "romarin"]);
    expect(queryTokens("ماء الورد").map((t) => t.word)).toEqual(["ماء", "الورد"]);
    expect(queryTokens("de").map((t) => t.word)).toEqual(["de"]);
    expect(queryTokens("   ")).toEqual([]);
  });
  it("index and query meet whatever the spelling", () => {
    const doc = new Set(indexTerms("زربية بني وراين بالأزرق الفاسي — Tapis émaillés"));
    for (const q of ["الزَّرْبِيَّة", "زربيه", "ازرق", "الفاسى", "TAPIS", "émaillé"]) {
      const [token] = queryTokens(q);
      expect(
        token.forms.some((f) => doc.has(f)),
        q,
      ).toBe(true);
    }
  });
});

describe("typo distance", () => {
  it("counts one insertion, deletion, substitution or swap as one", () => {
    expect(editDistance("babouche", "babouche")).toBe(0);
    expect(editDistance("babouche", "babouhce")).toBe(1);
    expect(editDistance("babouche", "babouch")).toBe(1);
    expect(editDistance("babouche", "babourche")).toBe(1);
    expect(editDistance("babouche", "babousje")).toBe(2);
    expect(editDistance("زربيه", "زريبه")).toBe(1);
  });
  it("finds near spellings through shared one-letter deletions", () => {
    const shared = (a: string, b: string) => deletionVariants(a).some((v) => deletionVariants(b).includes(v));
    expect(shared("essentielle", "esentielle")).toBe(true);
    expect(shared("poterie", "potrie")).toBe(true);
    expect(shared("poterie", "poteire")).toBe(true);
    expect(shared("poterie", "patiala")).toBe(false);
  });
});
