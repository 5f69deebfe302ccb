import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { defaultLocale, directionOf, isLocale } from "./i18n/config";
import { I18nextProvider } from "react-i18next";
import { createRequestI18n, getFixedT } from "./i18n/i18n.server";
import { namespacesOf } from "./i18n/namespaces";
import { NonceProvider } from "./utils/nonce";
import { PageFormatsContext } from "./i18n/page-formats";
import { withInertModulePreloads } from "./utils/module-preloads.server";
import { dbHandle } from "./utils/db.server";
import { sweepPayments } from "./models/card-payments.server";
import { scheduleJob } from "./models/jobs.server";
import { housekeep } from "./models/housekeeping.server";
import { DEFAULT_RETRY_POLICY } from "./models/mail-outbox.server";
import { getMailer } from "./services/mail.server";
import { startMailWorker } from "./services/mail-worker.server";
import { env } from "./utils/env.server";
import { logger } from "./utils/logger.server";
import { startCatalogueChanges, setCatalogueChanges } from "./services/catalogue-changes.server";
import { createPageCache, SHARED_PAGE_HEADER } from "./services/page-cache.server";
import { isSharedPageHandle } from "./utils/shared-page";
export { privateResponses } from "./utils/private-responses.server";
import { maxBodyBytes } from "./utils/form-body.server";
import { localeOfPath, refusalPage } from "./utils/refusal-page.server";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const firstSegment = new URL(request.url).pathname.split("/")[1];
  const locale = isLocale(firstSegment) ? firstSegment : defaultLocale;
  // The namespaces of the routes this page renders (remix-i18next's `getRouteNamespaces`
  // would read every route of the build: Remix hands entry.server all route modules).
  const pageHandles = remixContext.staticHandlerContext.matches.map(
    (m) => remixContext.routeModules[m.route.id]?.handle,
  );
  const i18n = createRequestI18n(locale, namespacesOf(pageHandles));
  const nonce = typeof loadContext?.cspNonce === "string" ? loadContext.cspNonce : "";
  // Tell the page cache it may keep this document: it asked (an anonymous GET), the page is
  // a 200 and the deepest route declared its data public.
  const leaf = remixContext.staticHandlerContext.matches.at(-1);
  if (
    loadContext?.sharedPageCandidate === true &&
    responseStatusCode === 200 &&
    leaf &&
    isSharedPageHandle(remixContext.routeModules[leaf.route.id]?.handle)
  ) {
    responseHeaders.set(SHARED_PAGE_HEADER, "1");
  }
  // Crawlers get the whole document at once; browsers get the shell as soon as it is ready.
  const readyEvent = isbot(request.headers.get("user-agent")) ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          {/* The numbers and prices this page formats, sent with it for hydration (page-formats.tsx). */}
          <PageFormatsContext.Provider value={new Map()}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </PageFormatsContext.Provider>
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = withInertModulePreloads();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ err: error }, "render failed after the shell was sent");
        },
      },
    );
    // Unref'd so that a pending timer never keeps the process alive on shutdown.
    setTimeout(abort, ABORT_DELAY + 1000).unref();
  });
}

/** Errors in loaders and actions reach the server log (aborted requests are not errors). */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logger.error({ err: error, method: request.method, url: request.url }, "request failed");
}

/**
 * For server.mjs (which reaches it through the build's entry module, `build.entry.module`):
 * listens for catalogue changes on the app's database, for the in-memory catalogue memos
 * and, when `maxBytes` > 0, the shared page cache (decision 005).
 */
export async function startCatalogueCache(options: Omit<Parameters<typeof createPageCache>[0], "changes">) {
  const changes = await startCatalogueChanges(dbHandle);
  setCatalogueChanges(changes);
  const pageCache = options.maxBytes > 0 ? createPageCache({ changes, ...options }) : null;
  return {
    middleware: pageCache?.middleware ?? null,
    stop: async () => {
      setCatalogueChanges(null);
      await changes.stop();
    },
  };
}

/**
 * For server.mjs: the payment sweep (`sweepPayments`) soon after start, then every
 * `PAYMENT_SWEEP_MINUTES` (default 5; 0: never, for a deployment that runs `npm run sweep`
 * on a schedule instead). Every process keeps the timer; one run per period across them all.
 */
export function startPaymentSweeps(firstAfterMs = 10_000) {
  return scheduleJob(
    dbHandle.db,
    "payment-sweep",
    env().PAYMENT_SWEEP_MINUTES * 60_000,
    () => sweepPayments(dbHandle.db),
    firstAfterMs,
  );
}

/**
 * For server.mjs: housekeeping (expired sessions and tokens, old rate-limit events, idle carts,
 * old sent mail) a minute after start, then every `HOUSEKEEPING_MINUTES` (default 360; 0:
 * never, run `npm run housekeeping` on a schedule instead). Once per period across processes.
 */
export function startHousekeeping(firstAfterMs = 60_000) {
  return scheduleJob(
    dbHandle.db,
    "housekeeping",
    env().HOUSEKEEPING_MINUTES * 60_000,
    async () => logger.info({ deleted: await housekeep(dbHandle.db) }, "housekeeping"),
    firstAfterMs,
  );
}

/** For server.mjs: the server's one logger (app/utils/logger.server.ts). */
export { logger, routeConsoleToLogger } from "./utils/logger.server";
// server.mjs reads its settings through the same parsed, checked environment.
export { env } from "./utils/env.server";

/**
 * For server.mjs: the mail worker (decision 009), which sends what requests queued in the
 * mail outbox, woken by each commit that queued some and every few seconds.
 */
export function startMailDelivery(pollMs = 5000) {
  const { MAIL_RETRY_SECONDS, MAIL_MAX_ATTEMPTS } = env();
  return startMailWorker({
    database: dbHandle,
    mailer: getMailer(),
    policy: {
      ...DEFAULT_RETRY_POLICY,
      firstRetryMs: MAIL_RETRY_SECONDS * 1000,
      maxAttempts: MAIL_MAX_ATTEMPTS,
    },
    pollMs,
    log: logger,
  });
}

/**
 * For server.mjs: the page a refused cross-site form post gets (403), in the language of the
 * page it was sent to (the default locale otherwise). Plain HTML: nothing of Remix runs.
 */
export function crossSiteRefusalPage(requestPath: string): string {
  const requested = requestPath.split("/")[1];
  const locale = isLocale(requested) ? requested : defaultLocale;
  const t = getFixedT(locale);
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const title = escape(t("errors.crossSite.title"));
  return `<!doctype html><html lang="${locale}" dir="${directionOf(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — ${escape(t("brand.name"))}</title></head><body><main><h1>${title}</h1><p>${escape(t("errors.crossSite.body"))}</p><p><a href="/${locale}">${escape(t("errors.backHome"))}</a></p></main></body></html>`;
}

/**
 * For server.mjs (decision 011): the largest body a path takes, refused by Content-Length
 * before reading, and the page of a request refused before Remix runs (a NUL byte in the
 * URL, a target in absolute form, contradicting forwarding headers: 400; an oversize body:
 * 413), in the language of the path asked for.
 */
export { maxBodyBytes };

export function refusedRequestPage(requestPath: string, status: 400 | 413): string {
  return refusalPage(localeOfPath(requestPath), status);
}
