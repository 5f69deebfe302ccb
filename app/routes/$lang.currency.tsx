import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isCurrencyChoice } from "~/models/display-currency";
import { currencyCookie } from "~/utils/currency-cookie.server";
import { readForm } from "~/utils/form-body.server";
import { requireLocale } from "~/utils/http.server";
import { localePath } from "~/utils/urls";

/** The header's currency switch: remembers the choice and goes back to the page it was made on. */
export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const form = await readForm(request);
  const choice = String(form.get("currency") ?? "");
  const back = String(form.get("redirectTo") ?? "");
  // Only a page of this site: a path, never another origin ("//host", "/\host").
  const target = /^\/(?![/\\])/.test(back) ? back : localePath(locale);
  if (!isCurrencyChoice(choice)) return redirect(target, 303);
  return redirect(target, { status: 303, headers: { "Set-Cookie": await currencyCookie.serialize(choice) } });
}

export function loader({ params }: ActionFunctionArgs) {
  return redirect(localePath(requireLocale(params)));
}
