/** A cookie-keeping HTTP client for the server under test: forms posted as a browser would. */
import { baseUrl, browserFormHeaders, requestAs } from "./http";

/** React escapes quotes in text: `n&#x27;a` → `n'a`, so tests can look for plain sentences. */
export function decodeEntities(html: string): string {
  return html
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** `requestAs` with the body's entities decoded, for tests that look for plain sentences. */
export async function requestAsDecoded(...args: Parameters<typeof requestAs>) {
  const res = await requestAs(...args);
  return { ...res, body: decodeEntities(res.body) };
}

export class Client {
  cookies = new Map<string, string>();

  /** `origin`: another process of the app than the suite's server (tests/support/app-process.ts). */
  constructor(private readonly origin?: string) {}

  private get base() {
    return this.origin ?? baseUrl();
  }

  private remember(res: Response) {
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async get(path: string) {
    const res = await fetch(`${this.base}${path}`, {
      redirect: "manual",
      headers: { Cookie: this.cookieHeader() },
    });
    this.remember(res);
    return { res, html: decodeEntities(await res.text()) };
  }

  async post(path: string, form: Record<string, string | number>) {
    const res = await fetch(`${this.base}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { ...browserFormHeaders(this.base), Cookie: this.cookieHeader() },
      body: new URLSearchParams(Object.entries(form).map(([k, v]) => [k, String(v)])).toString(),
    });
    this.remember(res);
    return { res, html: decodeEntities(await res.text()) };
  }
}

/** `/fr/orders/<token>` from a redirect. */
export function orderTokenFrom(location: string | null): string {
  const m = location?.match(/\/orders\/([A-Za-z0-9_-]{32})/);
  if (!m) throw new Error(`not an order page: ${location}`);
  return m[1];
}
