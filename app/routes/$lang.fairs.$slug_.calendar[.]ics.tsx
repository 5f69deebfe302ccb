import type { LoaderFunctionArgs } from "@remix-run/node";
import { fairCalendar, getPublicFair } from "~/models/fairs.server";
import { db } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { cachePolicy, notFound, requireLocale } from "~/utils/http.server";

/** The fair as a calendar file (RFC 5545), in the page's language. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const fair = await getPublicFair(db, params.slug ?? "", locale);
  if (!fair) notFound();
  return new Response(fairCalendar(fair, { origin: publicOrigin(), locale }), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fair.slug}.ics"`,
      "Cache-Control": cachePolicy.short,
    },
  });
}
