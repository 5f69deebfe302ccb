/**
 * A shared cache of public catalogue pages, in front of Remix (decision 005).
 *
 * - Only GET requests for locale pages from visitors without a session or cart (their only
 *   cookies may be the language and the display currency) are served from it: for them the
 *   whole page is a function of the URL, those cookies and the database.
 * - Only responses whose loaders said so (`sharedPage` headers) are stored, and only 200s.
 * - The database announces every committed change to the catalogue tables (migration 0006);
 *   on each one the cache forgets everything. Before answering from the cache, one round trip
 *   on the listening connection makes sure every change committed before the request arrived
 *   has been heard, so a page is never older than the request.
 * - Pages are stored with their CSP nonce cut out and get the response's own nonce back.
 */
import { moroccoToday } from "~/models/delivery";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { writeReadableStreamToWritable, type AppLoadContext } from "@remix-run/node";
import type { CatalogueChanges } from "./catalogue-changes.server";
import { cookieNames, isPersonalRequest, NEUTRAL_COOKIES } from "~/utils/private-responses.server";
import { locales } from "~/i18n/config";

/**
 * Set by entry.server.tsx on a document the cache asked for (`sharedPageCandidate` in the
 * load context) whose deepest route declared `handle.sharedPage`; never sent to the browser.
 */
export const SHARED_PAGE_HEADER = "x-hirfa-shared-page";
const LOCALE_PAGE = new RegExp(`^/(${locales.join("|")})(/|$)`);
const HOP_HEADERS = new Set([
  "content-length",
  "date",
  "connection",
  "transfer-encoding",
  "keep-alive",
  SHARED_PAGE_HEADER,
]);

type StoredPage = { status: number; headers: [string, string][]; segments: string[]; bytes: number };

/** Least recently used pages first out once `maxBytes` is reached. */
export function createPageStore(maxBytes: number) {
  const pages = new Map<string, StoredPage>();
  let bytes = 0;
  let generation = 0;
  return {
    get(key: string): StoredPage | undefined {
      const page = pages.get(key);
      if (page) {
        pages.delete(key);
        pages.set(key, page);
      }
      return page;
    },
    /** Stores unless the cache was cleared since `seenGeneration` (the page may predate it). */
    set(key: string, page: StoredPage, seenGeneration: number) {
      if (seenGeneration !== generation || page.bytes > maxBytes) return;
      const old = pages.get(key);
      if (old) bytes -= old.bytes;
      pages.delete(key);
      pages.set(key, page);
      bytes += page.bytes;
      for (const [oldest, evicted] of pages) {
        if (bytes <= maxBytes) break;
        pages.delete(oldest);
        bytes -= evicted.bytes;
      }
    },
    clear() {
      generation += 1;
      pages.clear();
      bytes = 0;
    },
    get generation() {
      return generation;
    },
    get size() {
      return pages.size;
    },
    get bytes() {
      return bytes;
    },
  };
}
export type PageStore = ReturnType<typeof createPageStore>;

/** The cache key, or null when the request may see a personal page. */
export function sharedPageKey(req: ExpressRequest): string | null {
  // Documents only: `.data` requests of client navigations are rendered every time.
  if (req.method !== "GET" || !LOCALE_PAGE.test(req.path) || req.path.endsWith(".data")) return null;
  // Any other cookie may make the page personal; the same cookie twice, ambiguous.
  const names = cookieNames(req.headers.cookie);
  if (isPersonalRequest(req.headers) || new Set(names).size !== names.length) return null;
  // The language and display currency cookies (name=value, in a fixed order) are part of the key.
  const neutral = (req.headers.cookie ?? "")
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)
    .sort();
  // The URL the page is rendered for (its origin is in canonical links) is part of the key, and
  // so is Morocco's date: product pages show delivery dates counted from today (decision 020).
  return `${requestUrl(req)}\n${neutral.join("; ")}\n${moroccoToday()}`;
}

/**
 * The request's URL as @remix-run/express builds it for Remix (`req.hostname` follows the
 * "trust proxy" setting), so a page from the cache and a page rendered by the adapter see
 * the same origin.
 */
function requestUrl(req: ExpressRequest): string {
  const portOf = (header: string | undefined) => Number.parseInt(header?.split(":")[1] ?? "", 10);
  const forwardedPort = portOf(req.get("X-Forwarded-Host"));
  const hostPort = portOf(req.get("host"));
  const port = Number.isSafeInteger(forwardedPort)
    ? forwardedPort
    : Number.isSafeInteger(hostPort)
      ? hostPort
      : null;
  return `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`;
}

type Render = (request: Request, context: AppLoadContext) => Promise<Response>;

type Options = {
  changes: CatalogueChanges;
  render: Render;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext & { cspNonce: string };
  maxBytes: number;
};

export function createPageCache({ changes, render, getLoadContext, maxBytes }: Options) {
  const store = createPageStore(maxBytes);
  // Every change heard (and a lost or restored feed) may make any stored page wrong.
  changes.onChange(() => store.clear());

  const middleware = async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const key = maxBytes > 0 ? sharedPageKey(req) : null;
    if (key === null) return next();
    const context = { ...getLoadContext(req, res), sharedPageCandidate: true };
    // A stored page is served only once every change committed before the request has been
    // heard (the round trip may empty the store); pages never stored (search, errors) skip it.
    if (store.get(key)) {
      if (!(await changes.settle())) return next();
      const stored = store.get(key);
      if (stored) {
        send(res, stored.status, stored.headers, stored.segments.join(context.cspNonce), "hit");
        return;
      }
    }
    try {
      const generation = store.generation;
      const response = await render(toFetchRequest(req, res), context);
      const headers = [...response.headers.entries()].filter(
        ([name]) => !HOP_HEADERS.has(name.toLowerCase()),
      );
      // Only the neutral cookies may be replayed to other visitors (they are part of the key).
      const cookies = response.headers.getSetCookie();
      const onlyNeutralCookies = cookies.every((c) =>
        NEUTRAL_COOKIES.has(c.slice(0, Math.max(c.indexOf("="), 0))),
      );
      const storable =
        response.headers.get(SHARED_PAGE_HEADER) === "1" &&
        response.status === 200 &&
        context.cspNonce &&
        onlyNeutralCookies;
      if (!storable) {
        // Streamed through as rendered, never decoded to text.
        start(res, response.status, headers, "miss");
        if (response.body) await writeReadableStreamToWritable(response.body, res);
        else res.end();
        return;
      }
      const body = await response.text();
      // Stored only if no change was heard since before rendering and the feed is listening:
      // the page then shows every change committed before it was read.
      if (await changes.settle()) {
        const segments = body.split(context.cspNonce);
        store.set(
          key,
          { status: response.status, headers, segments, bytes: Buffer.byteLength(body) },
          generation,
        );
      }
      send(res, response.status, headers, body, "miss");
    } catch (error) {
      next(error);
    }
  };

  return { middleware, store };
}

function start(res: ExpressResponse, status: number, headers: [string, string][], outcome: "hit" | "miss") {
  res.status(status);
  for (const [name, value] of headers) res.append(name, value);
  res.setHeader("X-Page-Cache", outcome);
}

function send(
  res: ExpressResponse,
  status: number,
  headers: [string, string][],
  body: string,
  outcome: "hit" | "miss",
) {
  start(res, status, headers, outcome);
  res.end(body);
}

function toFetchRequest(req: ExpressRequest, res: ExpressResponse): Request {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return new Request(requestUrl(req), { headers, signal: controller.signal });
}
