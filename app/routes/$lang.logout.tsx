import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endUserSession } from "~/utils/auth.server";
import { requireLocale } from "~/utils/http.server";
import { localePath } from "~/utils/urls";

/** Signing out is a POST (a link could be triggered from another site); GET just goes home. */
export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(localePath(requireLocale(params)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return endUserSession(request, localePath(requireLocale(params)));
}
