/**
 * The craft-specific attributes a listing may carry, with their input type.
 * Which keys apply to a craft is data (crafts.attribute_keys); how each key is entered
 * and checked is here, shared by the back-office form and the server's validation.
 */
export type AttributeDefinition =
  | { type: "number"; min: number; max: number }
  | { type: "text"; maxLength: number }
  | { type: "date" }
  | { type: "boolean" }
  | { type: "select"; options: readonly string[] };

export const attributeDefinitions: Record<string, AttributeDefinition> = {
  knotDensity: { type: "number", min: 1_000, max: 2_000_000 },
  dyes: { type: "select", options: ["natural", "synthetic"] },
  pile: { type: "select", options: ["high", "low", "flat"] },
  glaze: { type: "select", options: ["cobalt-blue", "polychrome", "green", "honey", "unglazed"] },
  foodSafe: { type: "boolean" },
  batch: { type: "text", maxLength: 40 },
  distillationDate: { type: "date" },
  volumeMl: { type: "number", min: 1, max: 10_000 },
  tanning: { type: "select", options: ["vegetable", "chrome"] },
  style: { type: "select", options: ["fassi", "meknassi"] },
  thread: { type: "select", options: ["silk", "cotton"] },
  fiber: { type: "select", options: ["wool", "wool-sabra", "wool-cotton", "cotton", "doum", "alfa", "reed"] },
  wood: { type: "select", options: ["cedar", "olive", "walnut"] },
  metal: { type: "select", options: ["brass", "copper", "iron-silver"] },
};

export function definitionOf(key: string): AttributeDefinition {
  return attributeDefinitions[key] ?? { type: "text", maxLength: 80 };
}

/** Parses one submitted attribute value; undefined when empty, null when invalid. */
export function parseAttribute(
  key: string,
  raw: string | undefined,
): string | number | boolean | undefined | null {
  const def = definitionOf(key);
  if (def.type === "boolean") return raw === "on" || raw === "true";
  const value = (raw ?? "").trim();
  if (value === "") return undefined;
  switch (def.type) {
    case "number": {
      if (!/^\d+$/.test(value)) return null;
      const n = Number.parseInt(value, 10);
      return n >= def.min && n <= def.max ? n : null;
    }
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : null;
    case "select":
      return def.options.includes(value) ? value : null;
    default:
      return value.length <= def.maxLength ? value : null;
  }
}
