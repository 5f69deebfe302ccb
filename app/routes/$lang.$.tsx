import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/utils/http.server";

/** Any other path under a locale (or an unknown locale) is a 404 page. */
export async function loader(_: LoaderFunctionArgs) {
  notFound();
}

export default function NotFoundRoute() {
  return null;
}
