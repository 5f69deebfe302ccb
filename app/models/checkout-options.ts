/**
 * What the checkout form offers (destinations, suggested cities, fields) and the Moroccan
 * phone rule. No zod here: this module reaches the browser; the schema is server-only
 * (app/forms/checkout.server.ts).
 */
/** Destinations offered at checkout: Morocco first, then where most buyers abroad live. */
export const COUNTRIES = [
  "MA",
  "FR",
  "BE",
  "ES",
  "DE",
  "NL",
  "IT",
  "CH",
  "GB",
  "PT",
  "SE",
  "CA",
  "US",
  "SA",
  "AE",
  "QA",
  "TN",
  "DZ",
  "SN",
] as const;

/** Big cities of Morocco, suggested (not imposed) for a Moroccan address. */
export const MOROCCAN_CITIES = [
  "Fès",
  "Meknès",
  "Sefrou",
  "Ifrane",
  "Taza",
  "Taounate",
  "El Hajeb",
  "Boulemane",
  "Moulay Yacoub",
  "Casablanca",
  "Rabat",
  "Salé",
  "Kénitra",
  "Tanger",
  "Tétouan",
  "Marrakech",
  "Agadir",
  "Oujda",
  "Nador",
  "Béni Mellal",
  "El Jadida",
  "Essaouira",
];

/** +212 then 9 digits starting 5 (landline), 6 or 7 (mobile): accepts 06…, +2126…, 002126…, with spaces or dashes. */
export function normalizeMoroccanPhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, "");
  const m = compact.match(/^(?:\+212|00212|0)([5-7]\d{8})$/);
  return m ? `+212${m[1]}` : null;
}

export type CheckoutField =
  | "name"
  | "email"
  | "phone"
  | "country"
  | "city"
  | "line1"
  | "line2"
  | "postalCode"
  | "paymentMethod"
  | "pickupFair";
export const CHECKOUT_FIELDS: CheckoutField[] = [
  "name",
  "email",
  "phone",
  "country",
  "city",
  "line1",
  "line2",
  "postalCode",
  "paymentMethod",
  "pickupFair",
];

export type Country = (typeof COUNTRIES)[number];

export function isCountry(value: unknown): value is Country {
  return typeof value === "string" && (COUNTRIES as readonly string[]).includes(value);
}

/**
 * Where the cart assumes the buyer ships, before checkout: their choice, else (on English
 * pages, read by buyers abroad) the region of their browser's language ("en-US" → US), else
 * Morocco. Arabic and French pages assume Morocco: many Moroccan browsers say fr-FR.
 */
export function guessDestination(
  chosen: string | null,
  english: { acceptLanguage: string | null } | null = null,
): Country {
  const upper = chosen?.toUpperCase();
  if (isCountry(upper)) return upper;
  for (const part of (english?.acceptLanguage ?? "").split(",")) {
    const region = part.split(";")[0].trim().split("-")[1]?.toUpperCase();
    if (isCountry(region)) return region;
  }
  return "MA";
}
