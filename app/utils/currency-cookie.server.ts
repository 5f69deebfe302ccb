/**
 * The buyer's display currency (MAD alone, or MAD with an estimate in EUR or USD), chosen in
 * the header. Like the language cookie it is not personal: catalogue pages stay shared, the
 * page cache keys them by it (decision 005).
 */
import { createCookie } from "@remix-run/node";
import { env } from "./env.server";
import { isCurrencyChoice, type CurrencyChoice } from "~/models/display-currency";

export const currencyCookie = createCookie("cur", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: env().NODE_ENV === "production" && !env().INSECURE_COOKIES,
  maxAge: 60 * 60 * 24 * 365,
});

export async function readCurrencyChoice(request: Request): Promise<CurrencyChoice> {
  const value: unknown = await currencyCookie.parse(request.headers.get("Cookie"));
  return isCurrencyChoice(value) ? value : "MAD";
}
