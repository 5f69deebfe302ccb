/**
 * Text normalisation for search, in Arabic and French. Pure and shared: the index (when
 * products change) and the query (on every search) go through the same functions, so a
 * word matches whatever way it was typed.
 *
 * Arabic: diacritics (tashkeel, superscript alef) and tatweel removed; أ إ آ ٱ → ا;
 * ى → ي; ة → ه; ؤ → و; ئ → ي; Arabic-Indic and Persian digits → 0-9. The article ال and
 * the attached conjunction/prepositions و ب ل ف ك are handled by indexing each word with
 * its light stems (see `termVariants`).
 * French (and any Latin script): accents removed, lower case, œ → oe, simple plurals.
 */

const ARABIC_DIACRITICS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g; // tashkeel, Quranic marks, tatweel
const LATIN_MARKS = /[\u0300-\u036f]/g;

const CHAR_MAP: Record<string, string> = {
  "\u0623": "\u0627", // أ
  "\u0625": "\u0627", // إ
  "\u0622": "\u0627", // آ
  "\u0671": "\u0627", // ٱ
  "\u0649": "\u064a", // ى → ي
  "\u0629": "\u0647", // ة → ه
  "\u0624": "\u0648", // ؤ → و
  "\u0626": "\u064a", // ئ → ي
  "\u06cc": "\u064a", // Persian ye
  "\u06a9": "\u0643", // Persian kaf
  "\u0153": "oe", // œ
  "\u00e6": "ae", // æ
  "\u00df": "ss",
};

/** ٠-٩ (U+0660) and ۰-۹ (U+06F0) to ASCII digits. */
function foldDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) & 0xf));
}

/** Characters only: case, accents, diacritics, letter variants, digits. Keeps spaces. */
export function normalizeText(text: string): string {
  const folded = foldDigits(text)
    .normalize("NFD")
    .replace(LATIN_MARKS, "")
    .normalize("NFC")
    .replace(ARABIC_DIACRITICS, "")
    .toLowerCase()
    .replace(/[\u0622-\u0629\u0649\u0671\u06cc\u06a9\u0153\u00e6\u00df]/g, (c) => CHAR_MAP[c] ?? c);
  // NFD split آ into ا + madda (U+0653), removed above with the diacritics.
  return folded.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

const ARABIC_LETTER = /[\u0621-\u064a]/;

export function isArabicWord(word: string): boolean {
  return ARABIC_LETTER.test(word);
}

/** Words that carry no meaning on their own: not indexed, dropped from queries. */
const STOP_WORDS = new Set(
  normalizeText(
    [
      "de du des le la les l d un une et ou a au aux en pour par sur avec sans dans",
      "في من على الى إلى عن مع او أو و ب ل ثم هذا هذه ذلك التي الذي",
    ].join(" "),
  ).split(" "),
);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** A French plural to its singular: tapis → tapi (both sides alike), bijoux → bijou, métaux → metal. */
function frenchSingular(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith("eaux")) return word.slice(0, -1);
  if (word.endsWith("aux") && word.length > 4) return `${word.slice(0, -3)}al`;
  if (word.endsWith("s") || word.endsWith("x")) return word.slice(0, -1);
  return word;
}

const ARTICLE_PREFIXES = ["وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال"];
const LETTER_PREFIXES = ["و", "ب", "ل", "ف", "ك"];

/**
 * The forms of one normalised word that the index holds and a query looks for.
 * The first is the key form: for Arabic the word without its article, for French the
 * singular. Arabic words also carry the form without one attached letter (و ب ل ف ك),
 * because "بلغه" may be بـ + لغه or a word of its own: both are kept.
 */
export function termVariants(word: string): string[] {
  if (!isArabicWord(word)) return [frenchSingular(word)];
  const forms: string[] = [];
  const add = (w: string) => {
    if (w.length >= 2 && !forms.includes(w)) forms.push(w);
  };
  let core = word;
  for (const prefix of ARTICLE_PREFIXES) {
    if (word.startsWith(prefix) && word.length - prefix.length >= 2) {
      core = word.slice(prefix.length);
      break;
    }
  }
  // لل + word: "للزرابي" is ل + الزرابي; the article's alef disappears in writing.
  add(core);
  if (core === word) {
    for (const letter of LETTER_PREFIXES) {
      if (word.startsWith(letter) && word.length - 1 >= 3) add(word.slice(1));
    }
  }
  if (forms.length === 0) forms.push(word);
  return forms;
}

/** Words of a text, normalised, without stop words. */
export function words(text: string): string[] {
  const normalized = normalizeText(text);
  if (!normalized) return [];
  return normalized.split(" ").filter((w) => w.length > 0 && !isStopWord(w));
}

/** Every index term of a text (all variants of every word), deduplicated. */
export function indexTerms(text: string): string[] {
  const out = new Set<string>();
  for (const w of words(text)) for (const v of termVariants(w)) out.add(v);
  return [...out];
}

export type QueryToken = { word: string; forms: string[] };

/** The tokens of a query; when it is only stop words, they are searched for all the same. */
export function queryTokens(query: string, maxTokens = 8): QueryToken[] {
  const normalized = normalizeText(query);
  if (!normalized) return [];
  const all = normalized.split(" ").filter(Boolean);
  const meaningful = all.filter((w) => !isStopWord(w));
  const chosen = (meaningful.length > 0 ? meaningful : all).slice(0, maxTokens);
  const seen = new Set<string>();
  const tokens: QueryToken[] = [];
  for (const word of chosen) {
    if (seen.has(word)) continue;
    seen.add(word);
    tokens.push({ word, forms: termVariants(word) });
  }
  return tokens;
}

/** Words this long tolerate one typo (insertion, deletion, substitution or swap). */
export const TYPO_MIN_LENGTH = 5;

/** The word and every form of it with one letter removed: the keys of typo lookup. */
export function deletionVariants(term: string): string[] {
  const out = new Set<string>([term]);
  const chars = [...term];
  for (let i = 0; i < chars.length; i++) out.add([...chars.slice(0, i), ...chars.slice(i + 1)].join(""));
  return [...out];
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps), capped. */
export function editDistance(a: string, b: string, max = 2): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i++) {
    rows.push(new Array<number>(t.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= t.length; j++) rows[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        v = Math.min(v, rows[i - 2][j - 2] + 1);
      rows[i][j] = v;
    }
  }
  return rows[s.length][t.length];
}
