import { locales } from "~/i18n/config";
import { publicOrigin } from "~/utils/env.server";

/** Crawlers may read the catalogue; private and back-office pages are not for them. */
export function loader() {
  const origin = publicOrigin();
  const privatePaths = ["cart", "checkout", "orders", "login", "logout", "shop", "chamber"];
  const lines = [
    "User-agent: *",
    "Allow: /",
    ...locales.flatMap((l) => privatePaths.map((p) => `Disallow: /${l}/${p}`)),
    "Disallow: /webhooks/",
    "",
    `Sitemap: ${origin}/sitemap.xml`,
    "",
  ];
  return new Response(lines.join("\n"), {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}
