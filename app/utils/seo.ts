import type { MetaDescriptor } from "@remix-run/node";

export type Seo = {
  title: string;
  description?: string;
  /** Absolute URL of the picture shown when the page is shared. */
  image?: string;
  imageAlt?: string;
  /** Open Graph type: "website" unless told otherwise (e.g. "product"). */
  type?: string;
  /** e.g. "noindex, follow" for pages that crawlers should not list. */
  robots?: string;
  /** JSON-LD objects (schema.org) describing the page. */
  jsonLd?: object[];
};

/** The meta tags of a page from the `seo` its loader computed in the page's language. */
export function seoMeta(seo: Seo | undefined): MetaDescriptor[] {
  if (!seo) return [{ title: "Hirfa" }];
  const tags: MetaDescriptor[] = [
    { title: seo.title },
    { property: "og:title", content: seo.title },
    { property: "og:type", content: seo.type ?? "website" },
    { property: "og:site_name", content: "Hirfa" },
  ];
  if (seo.description) {
    tags.push(
      { name: "description", content: seo.description },
      { property: "og:description", content: seo.description },
    );
  }
  if (seo.image) {
    tags.push(
      { property: "og:image", content: seo.image },
      { name: "twitter:card", content: "summary_large_image" },
    );
    if (seo.imageAlt) tags.push({ property: "og:image:alt", content: seo.imageAlt });
  }
  if (seo.robots) tags.push({ name: "robots", content: seo.robots });
  for (const item of seo.jsonLd ?? []) tags.push({ "script:ld+json": item });
  return tags;
}
