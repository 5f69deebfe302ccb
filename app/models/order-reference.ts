/**
 * The one reference of an order that the buyer, the cooperative and the chamber all read:
 * `H-2026-000123` for the whole order, `H-2026-000123-B` for the part one cooperative
 * ships (its parts lettered A, B, C… in the order they were created). Derived from the
 * order's number and date, never stored, so every page, mail and export agrees.
 */

const year = new Intl.DateTimeFormat("en", { timeZone: "Africa/Casablanca", year: "numeric" });

export function orderReference(order: { id: number; createdAt: Date | string }): string {
  return `H-${year.format(new Date(order.createdAt))}-${String(order.id).padStart(6, "0")}`;
}

/** A, B … Z, then AA, AB …: the letter of the part at `index` (0-based) within its order. */
export function partLetter(index: number): string {
  let n = index;
  let letters = "";
  do {
    letters = String.fromCharCode(65 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return letters;
}

export function partReference(order: { id: number; createdAt: Date | string }, partIndex: number): string {
  return `${orderReference(order)}-${partLetter(partIndex)}`;
}
