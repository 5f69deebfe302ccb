/**
 * The one shape of a model's outcome (decision 018): `ok` says which, a success carries its
 * fields, a failure its `error` — a code (`"notFound"`) or an object with a `code` when the
 * page needs details (`{ code: "stock", available }`). Expected refusals are outcomes, not
 * exceptions; exceptions are for what no caller handles (a bug, the database gone).
 */
export type Outcome<T extends object = object, E = string> = ({ ok: true } & T) | { ok: false; error: E };
