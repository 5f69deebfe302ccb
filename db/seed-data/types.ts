export type Locale = "ar" | "fr";
export type L10n = { ar?: string; fr?: string };
export type SeedCraft = {
  slug: string;
  name: { ar: string; fr: string; en?: string };
  description: { ar: string; fr: string };
  attributeKeys: string[];
  sortOrder: number;
};
export type SeedCooperative = {
  slug: string;
  name: { ar: string; fr: string };
  story: { ar: string; fr: string };
  registrationNumber: string;
  province: ProvinceSlug;
  city: { ar: string; fr: string };
  foundedYear: number;
  memberCount: number;
  phone: string;
  email: string;
  acceptsCod: boolean;
  shippingFeeMa: number /* centimes MAD */;
  shippingFeeIntl: number /* centimes */;
  processingDays: number;
  crafts: string[] /* craft slugs */;
  status: "verified" | "pending" | "suspended";
};
export type ProvinceSlug =
  | "fes"
  | "meknes"
  | "moulay-yacoub"
  | "sefrou"
  | "boulemane"
  | "el-hajeb"
  | "ifrane"
  | "taounate"
  | "taza";
export type SeedProductTemplate = {
  craft: string; // craft slug
  title: L10n;
  description: L10n; // at least one of ar/fr; most have both
  materials: L10n;
  care?: L10n;
  priceRange: [number, number]; // centimes MAD, integers
  widthCm?: [number, number];
  heightCm?: [number, number];
  depthCm?: [number, number];
  weightGrams?: [number, number];
  attributes?: Record<string, string | number | boolean>;
};
