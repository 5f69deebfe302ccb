/**
 * Every HTML response carries a CSP with a fresh nonce that Remix's scripts use;
 * frames, sniffing and referrers are locked down; and a POST from another site is refused
 * before any action runs.
 */
import { describe, expect, it } from "vitest";
import { baseUrl, get } from "../support/http";

const pages = ["/ar", "/fr", "/fr/crafts/pottery", "/ar/login", "/fr/register", "/fr/forgot-password", "/fr/nowhere"];

describe("security headers", () => {
  it("sends a CSP with a nonce that differs per response and is the one the scripts carry", async () => {
    const nonces: string[] = [];
    for (const path of pages) {
      const res = await get(path);
      const csp = res.headers.get("content-security-policy") ?? "";
      const nonce = csp.match(/'nonce-([A-Za-z0-9+/=]+)'/)?.[1];
      expect(nonce, path).toBeTruthy();
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) {
        if (/type="application\/(ld\+)?json"/.test(tag) && !/nonce=/.test(tag)) continue;
        expect(tag, path).toContain(`nonce="${nonce}"`);
      }
      nonces.push(nonce!);
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it("locks down sniffing, framing and referrers", async () => {
    const res = await get("/fr");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });
});

describe("cross-site requests", () => {
  const actions = [
    "/fr/login",
    "/fr/logout",
    "/fr/register",
    "/fr/forgot-password",
    "/fr/reset-password/anything",
    "/fr/invitations/anything",
    "/fr/shop/listings/new",
    "/fr/shop/listings/1",
    "/fr/shop/listings/1/photos",
    "/fr/shop/profile",
    "/fr/shop/members",
    "/fr/shop/switch",
    "/fr/chamber/invitations",
    "/fr/crafts/pottery",
  ];

  it("refuses a POST whose Origin is another site, on every action", async () => {
    for (const path of actions) {
      const res = await fetch(`${baseUrl()}${path}`, {
        method: "POST",
        headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
        body: "email=a%40b.ma&password=x",
        redirect: "manual",
      });
      expect(res.status, path).toBe(403);
    }
  });

  it("refuses a POST a browser marks as cross-site even without an Origin", async () => {
    const res = await fetch(`${baseUrl()}/fr/login`, {
      method: "POST",
      headers: { "Sec-Fetch-Site": "cross-site" },
      body: new URLSearchParams({ email: "a@b.ma", password: "x" }),
      redirect: "manual",
    });
    expect(res.status).toBe(403);
  });

  it("explains the refusal in the page's language", async () => {
    const refuse = (path: string) =>
      fetch(`${baseUrl()}${path}`, { method: "POST", headers: { Origin: "https://evil.example" }, body: new URLSearchParams({ email: "a@b.ma" }), redirect: "manual" });
    const fr = await refuse("/fr/login");
    expect(fr.status).toBe(403);
    expect(fr.headers.get("content-type")).toMatch(/^text\/html/);
    const frHtml = await fr.text();
    expect(frHtml).toContain('<html lang="fr" dir="ltr">');
    expect(frHtml).toContain("<h1>Envoi refusé</h1>");
    expect(frHtml).toContain("Ce formulaire a été envoyé depuis un autre site");
    const arHtml = await (await refuse("/ar/login")).text();
    expect(arHtml).toContain('<html lang="ar" dir="rtl">');
    expect(arHtml).toContain("<h1>رُفض الإرسال</h1>");
  });

  it("accepts the same POST from the site itself", async () => {
    const res = await fetch(`${baseUrl()}/fr/login`, {
      method: "POST",
      headers: { Origin: baseUrl() },
      body: new URLSearchParams({ email: "a@b.ma", password: "x" }),
      redirect: "manual",
    });
    expect(res.status).toBe(400);
  });
});
