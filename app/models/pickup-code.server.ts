/** The code a buyer shows at a fair's stand to collect an order (decision 021). */
import { randomInt } from "node:crypto";

/** Letters and digits no one confuses when read aloud or on a phone (no 0/O, 1/I/L, 5/S, 2/Z, 8/B). */
const CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";

/** A pickup code: 6 characters, about 2⁸ × 10⁶ possibilities, checked with the order it belongs to. */
export function newPickupCode(): string {
  let code = "";
  for (let i = 0; i < 6; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What a buyer or a cooperative typed, compared as written on the order (case, spaces and dashes ignored). */
export function samePickupCode(typed: string, code: string): boolean {
  return typed.replace(/[\s-]/g, "").toUpperCase() === code;
}
