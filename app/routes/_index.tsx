import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { preferredLocale } from "~/i18n/i18n.server";

/** `/` sends the buyer to their language: the cookie, then Accept-Language, else Arabic. */
export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await preferredLocale(request);
  return redirect(`/${locale}`, { headers: { Vary: "Accept-Language, Cookie" } });
}
