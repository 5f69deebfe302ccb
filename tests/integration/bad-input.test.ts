/**
 * Malformed requests get a clear 4xx page in the request's language, never a 500: bodies of
 * the wrong type or broken on every form, NUL bytes in paths, queries and fields, ids past
 * PostgreSQL's int4, an unknown province, a non-Latin-1 id, a request target in absolute
 * form, and an X-Forwarded-Host that contradicts Origin (issue 10, item 11).
 */
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { cooperatives } from "#db/schema";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { hostHeader, rawRequest } from "../support/raw-http";
import { createShop, type BackOfficeShop } from "../support/shops";

type Locale = "ar" | "fr";
type Who = "anonymous" | "owner" | "admin";
type Kind = "badRequest" | "notFound" | "tooLarge" | "unsupportedType";

const strings = (locale: Locale) =>
  JSON.parse(readFileSync(new URL(`../../locales/${locale}/common.json`, import.meta.url), "utf8")) as {
    errors: Record<string, { title: string }>;
  };
const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/'/g, "&#x27;").replace(/"/g, "&quot;");

/** The error page is in the request's language and says what went wrong. */
function expectErrorPage(body: string, locale: Locale, kind: Kind, what = "") {
  expect(body, what).toMatch(new RegExp(`<html lang="${locale}" dir="${locale === "ar" ? "rtl" : "ltr"}"`));
  const title = strings(locale).errors[kind]?.title;
  expect(title, `errors.${kind}.title in ${locale}`).toBeTruthy();
  // React escapes apostrophes as &#x27;, the plain pages as &#39;: compare without them.
  const plain = (s: string) => s.replace(/&#x27;|&#39;|'|’/g, "'");
  expect(plain(body)).toContain(plain(escapeHtml(title)));
}

let app: DatabaseHandle;
let shop: BackOfficeShop;
const cookies: Partial<Record<Who, string>> = {};

beforeAll(async () => {
  app = openAppDatabase();
  shop = await createShop(app.db, { label: "bad-input", backOffice: true });
  const admin = await makeUser(app.db, { prefix: "bad-input-admin", staffRole: "admin" });
  cookies.owner = (await signIn(app.db, shop.owner.id)).cookie;
  cookies.admin = (await signIn(app.db, admin.id)).cookie;
});
afterAll(async () => {
  await app?.close();
});

async function send(
  who: Who,
  method: string,
  path: string,
  init: { body?: BodyInit; type?: string | null; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { Origin: baseUrl(), ...init.headers };
  if (cookies[who]) headers.Cookie = cookies[who]!;
  if (init.type) headers["Content-Type"] = init.type;
  const res = await fetch(`${baseUrl()}${path}`, { method, headers, body: init.body, redirect: "manual" });
  return { status: res.status, body: await res.text(), location: res.headers.get("location") };
}

/** Every form route, with someone allowed to post to it (so the body is what is judged). */
const formRoutes: { path: () => string; who: Who }[] = [
  { path: () => "/fr/cart", who: "anonymous" },
  { path: () => "/fr/checkout", who: "anonymous" },
  { path: () => "/fr/login", who: "anonymous" },
  { path: () => "/fr/register", who: "anonymous" },
  { path: () => "/fr/forgot-password", who: "anonymous" },
  { path: () => "/fr/reset-password/no-such-token", who: "anonymous" },
  { path: () => "/fr/invitations/no-such-token", who: "anonymous" },
  { path: () => "/fr/join", who: "anonymous" },
  { path: () => `/fr/products/${shop.published.slug}/report`, who: "anonymous" },
  { path: () => "/fr/shop/listings/new", who: "owner" },
  { path: () => `/fr/shop/listings/${shop.draft.id}`, who: "owner" },
  { path: () => `/fr/shop/listings/${shop.draft.id}/photos`, who: "owner" },
  { path: () => "/fr/shop/members", who: "owner" },
  { path: () => "/fr/shop/orders/1", who: "owner" },
  { path: () => "/fr/shop/profile", who: "owner" },
  { path: () => "/fr/shop/switch", who: "owner" },
  { path: () => "/fr/chamber/applications/1", who: "admin" },
  { path: () => `/fr/chamber/cooperatives/${shop.coop.id}`, who: "admin" },
  { path: () => "/fr/chamber/crafts", who: "admin" },
  { path: () => "/fr/chamber/invitations", who: "admin" },
  { path: () => "/fr/chamber/payouts", who: "admin" },
  { path: () => "/fr/chamber/reports", who: "admin" },
  { path: () => `/fr/chamber/reviews/listing/${shop.draft.id}`, who: "admin" },
  { path: () => "/fr/chamber/settings", who: "admin" },
];

describe("form bodies of the wrong type or broken", () => {
  it("answers a JSON, text/plain or typeless body with 415 on every form route", async () => {
    for (const route of formRoutes) {
      for (const [type, body] of [
        ["application/json", '{"email":"a@b.ma"}'],
        ["text/plain", "email=a@b.ma"],
        [null, "email=a@b.ma"],
      ] as const) {
        // fetch would add text/plain to a string body: a Blob without a type sends none.
        const res = await send(route.who, "POST", route.path(), {
          type,
          body: type ? body : new Blob([body]),
        });
        expect(res.status, `${route.path()} ${type}`).toBe(415);
        expectErrorPage(res.body, "fr", "unsupportedType", route.path());
      }
    }
  });

  it("answers an empty or broken multipart body with 400 on every form route", async () => {
    for (const route of formRoutes) {
      for (const [type, body] of [
        ["multipart/form-data", '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n'],
        ["multipart/form-data; boundary=x", ""],
        ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end'],
        ["multipart/form-data; boundary=x", "garbage without any boundary"],
      ] as const) {
        const res = await send(route.who, "POST", route.path(), { type, body });
        expect(res.status, `${route.path()} ${type} ${JSON.stringify(body)}`).toBe(400);
        expectErrorPage(res.body, "fr", "badRequest", route.path());
      }
    }
  });

  it("answers in Arabic on an Arabic page", async () => {
    const res = await send("anonymous", "POST", "/ar/login", { type: "application/json", body: "{}" });
    expect(res.status).toBe(415);
    expectErrorPage(res.body, "ar", "unsupportedType");
  });
});

describe("NUL bytes", () => {
  it("refuses them in paths and queries with 400, before any database query", async () => {
    for (const [path, locale] of [
      ["/fr/products/%00", "fr"],
      ["/ar/products/a%00b", "ar"],
      ["/fr/cooperatives/%00", "fr"],
      ["/fr/orders/%00", "fr"],
      ["/fr/crafts/pottery%00", "fr"],
      ["/fr/search?q=a%00b", "fr"],
      ["/fr/crafts/pottery?sort=%00", "fr"],
      ["/ar/search?craft=%00", "ar"],
    ] as const) {
      const res = await send("anonymous", "GET", path);
      expect(res.status, path).toBe(400);
      expectErrorPage(res.body, locale, "badRequest");
    }
  });

  it("refuses them in form fields with 400 and stores nothing", async () => {
    const report = await send("anonymous", "POST", `/fr/products/${shop.published.slug}/report`, {
      body: new URLSearchParams({ reason: "other", note: "a\u0000b", email: "" }),
    });
    expect(report.status).toBe(400);
    expectErrorPage(report.body, "fr", "badRequest");

    const profile = await send("owner", "POST", "/fr/shop/profile", {
      body: new URLSearchParams({ ...validProfile(), name_fr: "a\u0000b" }),
    });
    expect(profile.status).toBe(400);
    const [row] = await app.db
      .select({ name: cooperatives.name })
      .from(cooperatives)
      .where(eq(cooperatives.id, shop.coop.id));
    expect(row.name.fr).not.toContain("\u0000");

    const multipart = new FormData();
    multipart.set("name", "a\u0000b");
    const join = await send("anonymous", "POST", "/ar/join", { body: multipart });
    expect(join.status).toBe(400);
    expectErrorPage(join.body, "ar", "badRequest");
  });
});

const validProfile = () => ({
  name_ar: "تعاونية",
  name_fr: "Coopérative",
  story_ar: "",
  story_fr: "",
  city_ar: "",
  city_fr: "Fès",
  provinceSlug: "fes",
  phone: "",
  processingDays: "3",
  shippingFeeMa: "30",
  shippingFeeIntl: "200",
});

describe("ids past int4", () => {
  it("never reach the database from a form", async () => {
    const big = "2147483648";
    const cases: { who: Who; path: () => string; form: Record<string, string> }[] = [
      { who: "anonymous", path: () => "/fr/cart", form: { intent: "add", productId: big, quantity: "1" } },
      {
        who: "anonymous",
        path: () => "/fr/cart",
        form: { intent: "remove", productId: "99999999999999999999" },
      },
      { who: "owner", path: () => "/fr/shop/switch", form: { cooperativeId: big } },
      {
        who: "owner",
        path: () => `/fr/shop/listings/${shop.draft.id}`,
        form: { intent: "photo-remove", imageId: big },
      },
      { who: "owner", path: () => "/fr/shop/members", form: { intent: "remove", userId: big } },
      {
        who: "admin",
        path: () => "/fr/chamber/payouts",
        form: { cooperativeId: big, amount: "10", reference: "x", paidOn: "2026-01-01" },
      },
      {
        who: "admin",
        path: () => "/fr/chamber/payouts",
        form: { intent: "refund-by-hand", refundId: big, note: "x" },
      },
      { who: "admin", path: () => "/fr/chamber/reports", form: { reportId: big, decision: "dismiss" } },
      {
        who: "admin",
        path: () => "/fr/chamber/crafts",
        form: { id: big, slug: "x", name_ar: "x", name_fr: "x" },
      },
    ];
    for (const c of cases) {
      const res = await send(c.who, "POST", c.path(), { body: new URLSearchParams(c.form) });
      expect(res.status, `${c.path()} ${JSON.stringify(c.form)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${c.path()} ${JSON.stringify(c.form)}`).toBeLessThan(500);
    }
  });

  it("answers 404 for one in a path", async () => {
    for (const path of [
      "/fr/shop/orders/2147483648",
      "/fr/shop/listings/2147483648",
      "/fr/chamber/reviews/listing/2147483648",
      "/fr/chamber/applications/2147483648",
    ]) {
      const who = path.includes("chamber") ? "admin" : "owner";
      const res = await send(who, "GET", path);
      expect(res.status, path).toBe(404);
    }
  });
});

describe("foreign keys and odd ids", () => {
  it("answers an unknown province in the shop profile with the field's message, not a foreign-key error", async () => {
    const res = await send("owner", "POST", "/fr/shop/profile", {
      body: new URLSearchParams({ ...validProfile(), provinceSlug: "atlantis" }),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/id="field-provinceSlug"[^>]*aria-invalid="true"|field-provinceSlug-error/);
    const [row] = await app.db
      .select({ province: cooperatives.provinceSlug })
      .from(cooperatives)
      .where(eq(cooperatives.id, shop.coop.id));
    expect(row.province).not.toBe("atlantis");
  });

  it("answers an unknown province in the join form with the field's message", async () => {
    const res = await send("anonymous", "POST", "/fr/join", {
      body: new URLSearchParams({
        name: "Coopérative Atlantide",
        registrationNumber: "RC-1",
        provinceSlug: "atlantis",
        contactName: "Amina",
        contactEmail: "amina@example.ma",
        contactPhone: "0612345678",
      }),
    });
    expect(res.status).toBe(400);
    expect(res.body).toContain("field-provinceSlug");
  });

  it("answers 404 for a non-Latin-1 id in the photos URL", async () => {
    for (const id of ["%E2%82%AC", "%D9%85", "1%E2%80%8B"]) {
      const res = await send("owner", "GET", `/fr/shop/listings/${id}/photos`);
      expect(res.status, id).toBe(404);
      expectErrorPage(res.body, "fr", "notFound");
    }
  });
});

describe("request line and forwarding headers", () => {
  it("answers a request target in absolute form with 400", async () => {
    for (const [target, locale] of [
      ["http://other.example/fr", "fr"],
      ["http://other.example/ar/products/x", "ar"],
    ] as const) {
      const res = await rawRequest(
        `GET ${target} HTTP/1.1\r\nHost: ${hostHeader()}\r\nConnection: close\r\n\r\n`,
      );
      expect(res.status, target).toBe(400);
      expectErrorPage(res.body, locale, "badRequest");
    }
  });

  it("answers an X-Forwarded-Host that does not match Origin with 400, not 500", async () => {
    const res = await send("anonymous", "POST", "/fr/login", {
      headers: { "X-Forwarded-Host": "evil.example" },
      body: new URLSearchParams({ email: "a@b.ma", password: "x" }),
    });
    expect(res.status).toBe(400);
    expectErrorPage(res.body, "fr", "badRequest");
  });

  it("the server still answers after all of the above", async () => {
    const res = await fetch(`${baseUrl()}/healthz`);
    expect(res.status).toBe(200);
  });
});
