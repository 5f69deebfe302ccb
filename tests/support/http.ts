/** Requests to the built server that `npm test` started (HIRFA_BASE_URL). */
export const baseUrl = () => {
  const url = process.env.HIRFA_BASE_URL;
  if (!url) throw new Error("HIRFA_BASE_URL is not set: run the suite with `npm test`");
  return url;
};

export async function get(path: string, init: RequestInit = {}) {
  return fetch(`${baseUrl()}${path}`, { redirect: "manual", ...init });
}

export async function getHtml(path: string, init: RequestInit = {}) {
  const res = await get(path, init);
  return { res, html: await res.text() };
}

/** The value of an attribute of the first tag matching `tag` (a tiny, sufficient parser). */
export function attr(html: string, tagPattern: RegExp, name: string): string | null {
  const tag = html.match(tagPattern)?.[0];
  if (!tag) return null;
  return tag.match(new RegExp(`${name}="([^"]*)"`))?.[1] ?? null;
}
