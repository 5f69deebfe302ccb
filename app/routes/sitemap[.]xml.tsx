import { defaultLocale, locales } from "~/i18n/config";
import { listSitemapEntries } from "~/models/sitemap.server";
import { db } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { localePath } from "~/utils/urls";

const escapeXml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!,
  );

/**
 * Every published product, verified cooperative and craft, in every locale, each URL with
 * its alternates (hreflang, x-default). 10,000 products make 20,000 URLs: under the
 * protocol's 50,000 per file.
 */
export async function loader() {
  const origin = publicOrigin();
  const entries = await listSitemapEntries(db);
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
  ];
  for (const entry of entries) {
    const alternates = locales
      .map(
        (l) =>
          `<xhtml:link rel="alternate" hreflang="${l}" href="${escapeXml(`${origin}${localePath(l, entry.path)}`)}"/>`,
      )
      .join("");
    const xDefault = entry.path === "" ? `${origin}/` : `${origin}${localePath(defaultLocale, entry.path)}`;
    const lastmod = entry.lastModified ? `<lastmod>${entry.lastModified.toISOString()}</lastmod>` : "";
    for (const locale of locales) {
      parts.push(
        `<url><loc>${escapeXml(`${origin}${localePath(locale, entry.path)}`)}</loc>${lastmod}${alternates}<xhtml:link rel="alternate" hreflang="x-default" href="${escapeXml(xDefault)}"/></url>`,
      );
    }
  }
  parts.push("</urlset>");
  return new Response(parts.join("\n"), {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
