import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n/config";
import { resources } from "~/i18n/resources.server";
import { cachePolicy } from "~/utils/http.server";

/** One namespace of one language, for pages reached by client-side navigation. */
export async function loader({ params }: LoaderFunctionArgs) {
  const bundle = isLocale(params.lang) ? resources[params.lang][params.ns ?? ""] : undefined;
  if (!bundle) return new Response("Not found", { status: 404 });
  return Response.json(bundle, { headers: { "Cache-Control": cachePolicy.short } });
}
