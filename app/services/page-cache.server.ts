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
 *
 * Signed-in visitors and guests with a cart or favourites (decision 022): the same pages, for
 * every visitor in the same state. The page depends on the visitor only through the root
 * loader's viewer state (`readViewerState`: whether signed in and with which roles, the cart's
 * unit count, the favourites, the name); that state is read from the database for every
 * request, and all of it but the name is part of the key. The page is rendered once per key
 * with a random token for the name, and each response gets its own visitor's name in place of
 * the token, escaped for where it stands: the header's text, and the hydration data.
 */
import crypto from "node:crypto";
import { matchRoutes } from "@remix-run/react";
import type { ServerBuild } from "@remix-run/node";
import { moroccoToday } from "~/models/delivery";
import {
  PERSONAL_TEMPLATE,
  readViewerState,
  type PersonalTemplate,
  type ViewerState,
} from "~/root-loader.server";
import { isSharedPageHandle } from "~/utils/shared-page";
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

/**
 * A stored page: its bytes cut at each slot, `slots[i]` standing between `segments[i]` and
 * `segments[i + 1]`: the CSP nonce, or the viewer's name in HTML text or in the hydration data.
 * Kept as bytes: each response is then a copy, not an encoding of 50–100 kB of text (which
 * `compression` measures once more).
 */
type Slot = "nonce" | "name-html" | "name-script";
type StoredPage = {
  status: number;
  headers: [string, string][];
  segments: Buffer[];
  slots: Slot[];
  bytes: number;
};

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
  return pageKey(req);
}

/**
 * The cookies the root loader reads for the viewer's state (session, cart, guest favourites):
 * a request with these (and the neutral ones) and no other gets a page that depends on it only
 * through `readViewerState`. Any other cookie, or an Authorization header, is rendered as ever.
 */
const VIEWER_COOKIES = new Set(["hirfa_session", "cart", "fav"]);

/** The part of the key the page shares with anonymous visitors, or null (see VIEWER_COOKIES). */
export function personalPageBaseKey(req: ExpressRequest): string | null {
  if (req.method !== "GET" || !LOCALE_PAGE.test(req.path) || req.path.endsWith(".data")) return null;
  if (req.headers.authorization) return null;
  const names = cookieNames(req.headers.cookie);
  if (new Set(names).size !== names.length) return null;
  if (!names.some((name) => VIEWER_COOKIES.has(name))) return null;
  if (!names.every((name) => VIEWER_COOKIES.has(name) || NEUTRAL_COOKIES.has(name))) return null;
  return pageKey(req, (name) => NEUTRAL_COOKIES.has(name));
}

/** Everything of the viewer's state the page shows, but their name (spliced in). */
export function viewerStateKey(state: ViewerState): string {
  const { viewer, cartCount, favouriteIds } = state;
  return JSON.stringify([
    viewer ? [viewer.isMember, viewer.isStaff] : null,
    cartCount,
    // In the order the root loader gave them: they travel in the hydration data in that order.
    favouriteIds,
  ]);
}

function pageKey(req: ExpressRequest, keep: (cookieName: string) => boolean = () => true): string {
  // The language and display currency cookies (name=value, in a fixed order) are part of the key.
  const neutral = (req.headers.cookie ?? "")
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part && keep(part.slice(0, Math.max(part.indexOf("="), 0))))
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
  /** The build's routes: pages for signed-in visitors are kept only for routes that opt in. */
  routes?: ServerBuild["routes"];
};

export function createPageCache({ changes, render, getLoadContext, maxBytes, routes }: Options) {
  const store = createPageStore(maxBytes);
  // Every change heard (and a lost or restored feed) may make any stored page wrong.
  changes.onChange(() => store.clear());
  const sharedRoute = routes ? sharedRouteMatcher(routes) : () => false;

  const middleware = async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const key = maxBytes > 0 ? sharedPageKey(req) : null;
    if (key === null) {
      const base = maxBytes > 0 ? personalPageBaseKey(req) : null;
      if (base === null || !sharedRoute(req.path)) return next();
      try {
        await personalPage(req, res, base, next);
      } catch (error) {
        next(error);
      }
      return;
    }
    const context = { ...getLoadContext(req, res), sharedPageCandidate: true };
    // A stored page is served only once every change committed before the request has been
    // heard (the round trip may empty the store); pages never stored (search, errors) skip it.
    if (store.get(key)) {
      if (!(await changes.settle())) return next();
      const stored = store.get(key);
      if (stored) {
        sendPage(res, stored, context.cspNonce, "", "hit");
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
        const segments = body.split(context.cspNonce).map((text) => Buffer.from(text));
        const slots = segments.slice(1).map((): Slot => "nonce");
        store.set(
          key,
          { status: response.status, headers, segments, slots, bytes: Buffer.byteLength(body) },
          generation,
        );
      }
      send(res, response.status, headers, body, "miss");
    } catch (error) {
      next(error);
    }
  };

  /**
   * A page for a visitor with a session, a cart or favourites (decision 022): kept per viewer
   * state (all of it but the name), with the name spliced in for each response.
   */
  async function personalPage(req: ExpressRequest, res: ExpressResponse, base: string, next: NextFunction) {
    let state: ViewerState;
    try {
      // Only the cookies are read: no full Request for a page that may come from the store.
      const cookie = req.headers.cookie;
      state = await readViewerState({ headers: new Headers(cookie ? { cookie } : {}) });
    } catch {
      // Rendered as before: the root loader meets the same failure and Remix answers it.
      return next();
    }
    const key = `${base}\n${viewerStateKey(state)}`;
    const context = getLoadContext(req, res);
    const name = state.viewer?.name ?? "";
    if (store.get(key) && (await changes.settle())) {
      const stored = store.get(key);
      if (stored) {
        sendPage(res, stored, context.cspNonce, name, "personal-hit");
        return;
      }
    }
    const generation = store.generation;
    const template: PersonalTemplate = { state, nameSlot: NAME_SLOT };
    const response = await render(toFetchRequest(req, res), {
      ...context,
      sharedPageCandidate: true,
      [PERSONAL_TEMPLATE]: template,
    });
    const headers = [...response.headers.entries()].filter(([n]) => !HOP_HEADERS.has(n.toLowerCase()));
    const body = await response.text();
    const page = cutPage(body, context.cspNonce, NAME_SLOT);
    if (!page) {
      // The token stood somewhere the name cannot be spliced into: render it for this visitor.
      const plain = await render(toFetchRequest(req, res), context);
      start(res, plain.status, headersOf(plain), "miss");
      if (plain.body) await writeReadableStreamToWritable(plain.body, res);
      else res.end();
      return;
    }
    const stored: StoredPage = {
      status: response.status,
      headers,
      segments: page.segments.map((text) => Buffer.from(text)),
      slots: page.slots,
      bytes: Buffer.byteLength(body),
    };
    const cookies = response.headers.getSetCookie();
    const storable =
      response.headers.get(SHARED_PAGE_HEADER) === "1" &&
      response.status === 200 &&
      context.cspNonce &&
      cookies.every((c) => NEUTRAL_COOKIES.has(c.slice(0, Math.max(c.indexOf("="), 0))));
    if (storable && (await changes.settle())) store.set(key, stored, generation);
    sendPage(res, stored, context.cspNonce, name, "personal-miss");
  }

  return { middleware, store };
}

/**
 * The token the viewer's name is rendered as in pages kept for every visitor in one state:
 * random for each process, so no text of the catalogue can contain it.
 */
const NAME_SLOT = `hirfaviewer${crypto.randomBytes(16).toString("hex")}`;

/**
 * The page cut at its nonces and name tokens, or null when a token stands anywhere but the two
 * places the name can be spliced into exactly: HTML text (`>token<`, as React writes a text
 * node) and a string of the hydration data (`\"token\"`: a JSON string inside the JSON string
 * Remix's <Scripts> enqueues).
 */
export function cutPage(
  body: string,
  nonce: string,
  slot: string,
): { segments: string[]; slots: Slot[] } | null {
  const segments: string[] = [];
  const slots: Slot[] = [];
  const pattern = new RegExp(`${escapeRegExp(nonce)}|${slot}`, "g");
  let from = 0;
  for (const match of body.matchAll(pattern)) {
    const at = match.index ?? 0;
    let kind: Slot = "nonce";
    if (match[0] === slot) {
      const end = at + slot.length;
      if (body[at - 1] === ">" && body[end] === "<") kind = "name-html";
      else if (body.slice(at - 2, at) === '\\"' && body.slice(end, end + 2) === '\\"') kind = "name-script";
      else return null;
    }
    segments.push(body.slice(from, at));
    slots.push(kind);
    from = at + match[0].length;
  }
  segments.push(body.slice(from));
  return { segments, slots };
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
};
// As Remix's <Scripts> escapes the hydration data (@remix-run/react markup.js).
const SCRIPT_ESCAPES: Record<string, string> = {
  "&": "\\u0026",
  ">": "\\u003e",
  "<": "\\u003c",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** A name as React writes it in a text node. */
export function nameAsHtml(name: string): string {
  return name.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * A name as it stands in the hydration data: a JSON string (turbo-stream) inside a JSON string
 * (the chunk Remix enqueues), escaped for a script element; without the quotes around it.
 */
export function nameAsScript(name: string): string {
  const inner = JSON.stringify(name).slice(1, -1);
  return JSON.stringify(inner)
    .slice(1, -1)
    .replace(/[&><\u2028\u2029]/g, (c) => SCRIPT_ESCAPES[c]);
}

function sendPage(res: ExpressResponse, page: StoredPage, nonce: string, name: string, outcome: Outcome) {
  const { segments, slots } = page;
  const values = {
    nonce: Buffer.from(nonce),
    "name-html": Buffer.from(slots.includes("name-html") ? nameAsHtml(name) : ""),
    "name-script": Buffer.from(slots.includes("name-script") ? nameAsScript(name) : ""),
  };
  const parts: Buffer[] = [segments[0]];
  for (let i = 0; i < slots.length; i++) parts.push(values[slots[i]], segments[i + 1]);
  send(res, page.status, page.headers, Buffer.concat(parts), outcome);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function headersOf(response: Response): [string, string][] {
  return [...response.headers.entries()].filter(([name]) => !HOP_HEADERS.has(name.toLowerCase()));
}

/**
 * Whether a path's deepest route opts in to the shared page cache (`handle.sharedPage`), read
 * from the build's route manifest as Remix matches it; remembered per path (bounded).
 */
function sharedRouteMatcher(manifest: ServerBuild["routes"]) {
  type Node = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children: Node[] };
  const nodes = new Map<string, Node>();
  for (const route of Object.values(manifest)) {
    nodes.set(route.id, {
      id: route.id,
      path: route.path,
      index: route.index,
      caseSensitive: route.caseSensitive,
      children: [],
    });
  }
  const tree: Node[] = [];
  for (const route of Object.values(manifest)) {
    const node = nodes.get(route.id)!;
    const parent = route.parentId ? nodes.get(route.parentId) : undefined;
    (parent ? parent.children : tree).push(node);
  }
  const known = new Map<string, boolean>();
  return (pathname: string): boolean => {
    let shared = known.get(pathname);
    if (shared === undefined) {
      const leaf = matchRoutes(tree as Parameters<typeof matchRoutes>[0], pathname)?.at(-1)?.route.id;
      shared = leaf !== undefined && isSharedPageHandle(manifest[leaf]?.module.handle);
      if (known.size >= 10_000) known.clear();
      known.set(pathname, shared);
    }
    return shared;
  };
}

type Outcome = "hit" | "miss" | "personal-hit" | "personal-miss";

function start(res: ExpressResponse, status: number, headers: [string, string][], outcome: Outcome) {
  res.status(status);
  for (const [name, value] of headers) res.append(name, value);
  res.setHeader("X-Page-Cache", outcome);
}

function send(
  res: ExpressResponse,
  status: number,
  headers: [string, string][],
  body: string | Buffer,
  outcome: Outcome,
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
