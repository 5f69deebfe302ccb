import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { preferredLocale } from "~/i18n/i18n.server";

/** `/` sends the buyer to their language: the cookie, then Accept-Language among ours (English for any other language), Arabic without one. */
export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await preferredLocale(request);
  return redirect(`/${locale}`, { headers: { Vary: "Accept-Language, Cookie" } });
}
