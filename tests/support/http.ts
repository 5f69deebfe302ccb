/** Requests to the built server that `npm test` started (HIRFA_BASE_URL). */
import { randomBytes } from "node:crypto";
import http from "node:http";

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

/**
 * A same-origin request as a signed-in visitor (`cookie`) or an anonymous one, redirects not
 * followed, a form posted urlencoded: what the permission tests ask of every page.
 */
export async function requestAs(
  cookie: string | null | undefined,
  method: "GET" | "POST",
  path: string,
  form?: Record<string, string | number>,
) {
  const headers: Record<string, string> = { Origin: baseUrl() };
  if (cookie) headers.Cookie = cookie;
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers,
    redirect: "manual",
    body: form ? new URLSearchParams(Object.entries(form).map(([k, v]) => [k, String(v)])) : undefined,
  });
  return {
    status: res.status,
    location: res.headers.get("location"),
    body: await res.text(),
    headers: res.headers,
  };
}

/** The value of an attribute of the first tag matching `tag` (a tiny, sufficient parser). */
export function attr(html: string, tagPattern: RegExp, name: string): string | null {
  const tag = html.match(tagPattern)?.[0];
  if (!tag) return null;
  return tag.match(new RegExp(`${name}="([^"]*)"`))?.[1] ?? null;
}

export type RawResponse = { status: number; headers: Headers; body: string };

/**
 * A request whose connection comes from `localAddress` (any 127.x.y.z reaches the server on
 * Linux loopback): to the server it is another visitor, so per-address limits can be tested
 * without touching those of 127.0.0.1, which the rest of the suite shares. node:http rather
 * than fetch, which cannot choose its source address nor send a forged Host header.
 */
export function requestFrom(
  localAddress: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; origin?: string } = {},
): Promise<RawResponse> {
  const target = new URL(path, init.origin ?? baseUrl());
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: init.method ?? "GET",
        localAddress,
        headers: init.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
              headers.append(name, v);
          }
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString("utf8") });
        });
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

/** A form posted from `localAddress` as a browser on one of the site's pages would post it. */
export function postFrom(
  localAddress: string,
  path: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
  origin = baseUrl(),
) {
  const body = new URLSearchParams(form).toString();
  return requestFrom(localAddress, path, {
    method: "POST",
    body,
    origin,
    headers: { ...browserFormHeaders(origin), "Content-Length": String(Buffer.byteLength(body)), ...headers },
  });
}

/** What Chromium sends with a form posted from one of the site's own pages (at `origin`). */
export function browserFormHeaders(origin = baseUrl()): Record<string, string> {
  return {
    Origin: origin,
    "Sec-Fetch-Site": "same-origin",
    "Content-Type": "application/x-www-form-urlencoded",
  };
}

/** A loopback address no other test uses: a new visitor as far as the server can tell. */
export function newVisitorAddress(): string {
  const b = randomBytes(3);
  return `127.${b[0]}.${b[1]}.${(b[2] % 250) + 2}`;
}
