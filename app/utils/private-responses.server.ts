/**
 * Which responses are personal, decided once for every route (issue 10, item 6): a page
 * rendered for a session, a cart or any cookie but the language one, or reached through a
 * secret URL (an order's private link, a reset or invitation token), is
 * `Cache-Control: private, no-store`; a secret URL also never leaves in a `Referer`.
 * Routes may still set their own headers; these win for personal responses.
 */
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import onHeaders from "on-headers";
import { isLocale } from "~/i18n/config";

/** Cookies that do not make a page personal: the language and the display currency. */
export const NEUTRAL_COOKIES = new Set(["lng", "cur"]);

/** Pages whose URL is itself the secret (`/:lang/orders/:token`, reset, invitation and registration links). */
const TOKEN_PAGE = /^\/[^/]+\/(?:orders|reset-password|invitations|register)\/[^/]+?(?:\.data)?\/?$/;

export function isTokenPage(path: string): boolean {
  return TOKEN_PAGE.test(path);
}

/** The names of the request's cookies (values are never looked at). */
export function cookieNames(cookieHeader: string | undefined): string[] {
  const names: string[] = [];
  for (const part of (cookieHeader ?? "").split(";")) {
    const trimmed = part.trim();
    if (trimmed) names.push(trimmed.slice(0, Math.max(trimmed.indexOf("="), 0)));
  }
  return names;
}

/** A request that may be answered with a page made for this visitor alone. */
export function isPersonalRequest(headers: { cookie?: string; authorization?: string }): boolean {
  return (
    Boolean(headers.authorization) || cookieNames(headers.cookie).some((name) => !NEUTRAL_COOKIES.has(name))
  );
}

/** Express middleware: the headers of personal responses under `/:lang/…`, whatever route answers. */
export function privateResponses() {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (!isLocale(req.path.split("/")[1])) return next();
    const token = isTokenPage(req.path);
    if (token || isPersonalRequest(req.headers)) {
      onHeaders(res, () => {
        res.setHeader("Cache-Control", "private, no-store");
        if (token) res.setHeader("Referrer-Policy", "no-referrer");
      });
    }
    next();
  };
}
