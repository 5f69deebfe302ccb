import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLocale, pageNamespaces } from "~/i18n/config";
import { resources } from "~/i18n/resources.server";
import { cachePolicy } from "~/utils/http.server";

const served = new Set<string>(pageNamespaces);

/** One namespace of one language, for pages reached by client-side navigation (page namespaces only). */
export async function loader({ params }: LoaderFunctionArgs) {
  const ns = params.ns ?? "";
  if (!isLocale(params.lang) || !served.has(ns)) return new Response("Not found", { status: 404 });
  return Response.json(resources[params.lang][ns], { headers: { "Cache-Control": cachePolicy.short } });
}
