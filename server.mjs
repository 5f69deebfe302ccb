// The production server: Express around the Remix build, with the security headers
// and the cross-site POST guard that must apply to every response (see
// docs/decisions/002-express-server.md for why not plain remix-serve).
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { createRequestHandler as createRemixHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";

const buildPath = path.resolve("build/index.js");
// Every setting is parsed once, by the app's own schema (app/utils/env.server.ts): a bad
// variable stops the start here, named, before anything listens or opens the database.
let build, settings;
try {
  build = await import(pathToFileURL(buildPath).href);
  settings = build.entry.module.env();
} catch (error) {
  if (error?.name !== "EnvError") throw error;
  console.error(`Hirfa cannot start: ${error.message}\n(.env.example describes every variable)`);
  process.exit(1);
}
const production = settings.NODE_ENV === "production";
const port = settings.PORT;
const host = settings.HOST; // unset: all interfaces
// Pictures from a public bucket (S3_PUBLIC_URL): /media/:key redirects there.
const mediaOrigin = settings.S3_PUBLIC_URL ? new URL(settings.S3_PUBLIC_URL).origin : null;
// One JSON object per line (pino), whatever prints: app code and libraries alike.
const { logger } = build.entry.module;
build.entry.module.routeConsoleToLogger();

// Absolute links (mail, canonical URLs) and the cross-site guard use PUBLIC_URL, never the
// request's Host (decision 010). Without it they fall back to localhost, and we say so.
const trustProxy = settings.TRUST_PROXY;
const publicOrigin = settings.PUBLIC_URL ? new URL(settings.PUBLIC_URL).origin : null;
if (!publicOrigin) {
  logger.warn(
    `PUBLIC_URL is not set: links in mail use http://localhost:${port} (set PUBLIC_URL in production)`,
  );
}

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", trustProxy ? 1 : false);
// Without a trusted proxy, X-Forwarded-* headers come from the client itself: drop them so
// that nothing downstream reads them (@remix-run/express takes the port of the request URL
// from X-Forwarded-Host whatever "trust proxy" says).
if (!trustProxy) {
  app.use((req, _res, next) => {
    delete req.headers["x-forwarded-host"];
    delete req.headers["x-forwarded-proto"];
    next();
  });
}
app.use(compression());

// Fingerprinted assets never change; everything else in public/ may.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  const formTargets = ["'self'", ...settings.CSP_FORM_ACTION.split(/\s+/).filter(Boolean)];
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      `img-src 'self' data:${mediaOrigin ? ` ${mediaOrigin}` : ""}`,
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      `form-action ${formTargets.join(" ")}`,
      "frame-ancestors 'none'",
    ].join("; "),
  );
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  // Over HTTPS only (`req.secure` believes X-Forwarded-Proto only with TRUST_PROXY=1).
  if (production && req.secure) {
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  next();
});

// Cross-site requests may read pages but never change anything. Webhooks carry their
// own signature and come from no browser, so they are the one exception.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
app.use((req, res, next) => {
  if (SAFE_METHODS.has(req.method) || req.path.startsWith("/webhooks/")) return next();
  if (!fromThisSite(req)) {
    // In the language of the page posted to, from the locale files (app/entry.server.tsx).
    res.status(403).type("html").send(build.entry.module.crossSiteRefusalPage(req.path));
    return;
  }
  // Judged here, once. Remix compares Origin with Host again, knowing nothing of PUBLIC_URL,
  // and throws on the `Origin: null` a no-referrer page (a reset link) rightly posts.
  delete req.headers.origin;
  next();
});

/**
 * Whether a browser says this request comes from one of our own pages: by Origin; when
 * Origin is missing or "null" (a page with Referrer-Policy: no-referrer posts `Origin: null`),
 * by Sec-Fetch-Site (same-origin, or none for a user's own navigation); without either, by
 * Referer. Anything that says nothing is refused.
 */
function fromThisSite(req) {
  const own = publicOrigin ?? `${req.protocol}://${req.get("host")}`;
  const fetchSite = req.get("sec-fetch-site");
  if (fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none") return false;
  const origin = req.get("origin");
  if (origin !== undefined && origin !== "null") return origin === own;
  if (fetchSite !== undefined) return true;
  return originOf(req.get("referer")) === own;
}

function originOf(url) {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

// Pages made for one visitor (session, cart) or reached by a secret link: private, no-store.
app.use(build.entry.module.privateResponses());
// Requests refused before Remix reads them (decision 011), with a page in the language of
// the path asked for: a request target that is not a path (absolute form), a NUL byte in
// the URL (PostgreSQL refuses \0 in text), an Origin that contradicts the host Remix checks
// it against (Remix would throw a bare 500): 400. A body larger than its form takes, by
// Content-Length, before one byte of it is read: 413.
const BODYLESS_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
app.use((req, res, next) => {
  const absoluteForm = !req.url.startsWith("/");
  let pathname = req.path;
  if (absoluteForm) {
    try {
      pathname = new URL(req.url).pathname;
    } catch {
      pathname = "/";
    }
  }
  const refuse = (status) =>
    res.status(status).type("html").send(build.entry.module.refusedRequestPage(pathname, status));
  if (absoluteForm || /%00/i.test(req.originalUrl)) return refuse(400);
  if (BODYLESS_METHODS.has(req.method)) return next();
  const origin = req.get("origin");
  if (origin && !req.path.startsWith("/webhooks/")) {
    const checkedHost = req.get("x-forwarded-host")?.split(",")[0]?.trim() || req.get("host");
    let originHost = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      // An unparsable Origin stays null and is refused just below.
    }
    if (originHost !== checkedHost) return refuse(400);
  }
  if (Number(req.get("content-length")) > build.entry.module.maxBodyBytes(pathname)) return refuse(413);
  next();
});
// The answer may go out before the body has all arrived (refused by its length, a limit
// passed while streaming, a redirect to sign in). What still comes is then dropped, never
// buffered, for a short while so that the client reads the answer; a body still coming
// after that is not read to its end: the connection closes.
const LINGER_MS = 2_000;
app.use((req, res, next) => {
  if (BODYLESS_METHODS.has(req.method)) return next();
  res.on("finish", () => {
    if (req.complete) return;
    // Remix's body stream would keep queueing what arrives: only this listener stays.
    req.removeAllListeners("data");
    req.on("data", () => {});
    const timer = setTimeout(() => req.socket?.destroy(), LINGER_MS);
    timer.unref();
    req.once("end", () => clearTimeout(timer));
    req.resume();
  });
  next();
});

const mode = production ? "production" : "development";
const getLoadContext = (req, res) => ({ cspNonce: res.locals.cspNonce, clientAddress: req.ip });

// Catalogue changes heard from the database; public catalogue pages served from memory
// (decision 005; PAGE_CACHE_MB=0 turns the pages off), for signed-in visitors and guests with
// a cart too, with their own part spliced in (decision 022: the routes say which pages opt in).
const catalogueCache = await build.entry.module.startCatalogueCache({
  render: createRemixHandler(build, mode),
  getLoadContext,
  maxBytes: settings.PAGE_CACHE_MB * 1024 * 1024,
  routes: build.routes,
});
if (catalogueCache.middleware) app.use(catalogueCache.middleware);
// Expired card orders and refunds Stripe has not taken yet (also `npm run sweep`).
const paymentSweeps = build.entry.module.startPaymentSweeps();
const housekeeping = build.entry.module.startHousekeeping();
// Mail queued by requests in the outbox, sent with retries (decision 009).
const mailWorker = build.entry.module.startMailDelivery();

app.all("*", createRequestHandler({ build, mode, getLoadContext }));

const server = app.listen(port, host, () => {
  logger.info({ url: `http://${host ?? "localhost"}:${port}` }, "Hirfa listening");
});

// Close the embedded database cleanly: PGlite keeps the process alive otherwise.
let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  server.close();
  server.closeAllConnections?.();
  try {
    paymentSweeps.stop();
    housekeeping.stop();
    await mailWorker.stop();
    await catalogueCache.stop();
    await globalThis.__hirfaDb?.close();
  } finally {
    process.exit(0);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
