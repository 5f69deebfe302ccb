import type { MetaDescriptor } from "@remix-run/node";

export type Seo = { title: string; description?: string; image?: string };

/** The meta tags of a page from the `seo` its loader computed in the page's language. */
export function seoMeta(seo: Seo | undefined): MetaDescriptor[] {
  if (!seo) return [{ title: "Hirfa" }];
  const tags: MetaDescriptor[] = [{ title: seo.title }, { property: "og:title", content: seo.title }];
  if (seo.description) {
    tags.push({ name: "description", content: seo.description }, { property: "og:description", content: seo.description });
  }
  if (seo.image) tags.push({ property: "og:image", content: seo.image });
  return tags;
}
