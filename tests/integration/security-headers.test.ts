/**
 * Every HTML response carries a CSP with a fresh nonce that Remix's scripts use;
 * frames, sniffing and referrers are locked down; and a POST from another site is refused
 * before any action runs.
 */
import { describe, expect, it } from "vitest";
import { baseUrl, get, requestFrom } from "../support/http";

const pages = [
  "/ar",
  "/fr",
  "/fr/crafts/pottery",
  "/ar/login",
  "/fr/register",
  "/fr/forgot-password",
  "/fr/nowhere",
];

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

  it("does not serve the bench's yardstick route outside the bench", async () => {
    const res = await get("/bench/constant");
    expect(res.status).toBe(404);
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
      fetch(`${baseUrl()}${path}`, {
        method: "POST",
        headers: { Origin: "https://evil.example" },
        body: new URLSearchParams({ email: "a@b.ma" }),
        redirect: "manual",
      });
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

  // Who says where a POST comes from, and what the guard must answer. "allowed" answers 400:
  // the empty login form reaches the action, which finds it incomplete.
  const own = () => baseUrl();
  const matrix: { name: string; headers: () => Record<string, string>; allowed: boolean }[] = [
    { name: "Origin of the site", headers: () => ({ Origin: own() }), allowed: true },
    { name: "Origin of another site", headers: () => ({ Origin: "https://evil.example" }), allowed: false },
    {
      name: "Origin of the site on another port",
      headers: () => ({ Origin: own().replace(/:\d+$/, ":1") }),
      allowed: false,
    },
    {
      name: "Origin of another site, Sec-Fetch-Site same-origin",
      headers: () => ({ Origin: "https://evil.example", "Sec-Fetch-Site": "same-origin" }),
      allowed: false,
    },
    {
      name: "Origin of the site, Sec-Fetch-Site cross-site",
      headers: () => ({ Origin: own(), "Sec-Fetch-Site": "cross-site" }),
      allowed: false,
    },
    {
      name: "Origin of the site, Sec-Fetch-Site same-site",
      headers: () => ({ Origin: own(), "Sec-Fetch-Site": "same-site" }),
      allowed: false,
    },
    {
      name: "Origin of the site, Sec-Fetch-Site same-origin",
      headers: () => ({ Origin: own(), "Sec-Fetch-Site": "same-origin" }),
      allowed: true,
    },
    {
      name: "no Origin, Sec-Fetch-Site same-origin",
      headers: () => ({ "Sec-Fetch-Site": "same-origin" }),
      allowed: true,
    },
    { name: "no Origin, Sec-Fetch-Site none", headers: () => ({ "Sec-Fetch-Site": "none" }), allowed: true },
    {
      name: "no Origin, Sec-Fetch-Site same-site",
      headers: () => ({ "Sec-Fetch-Site": "same-site" }),
      allowed: false,
    },
    {
      name: "no Origin, Sec-Fetch-Site cross-site",
      headers: () => ({ "Sec-Fetch-Site": "cross-site" }),
      allowed: false,
    },
    {
      name: "no Origin, Sec-Fetch-Site cross-site, Referer of the site",
      headers: () => ({ "Sec-Fetch-Site": "cross-site", Referer: `${own()}/fr/login` }),
      allowed: false,
    },
    {
      name: "no Origin, Referer of the site",
      headers: () => ({ Referer: `${own()}/fr/login` }),
      allowed: true,
    },
    {
      name: "no Origin, Referer of another site",
      headers: () => ({ Referer: "https://evil.example/fr/login" }),
      allowed: false,
    },
    {
      name: "no Origin, Referer of another site naming the site",
      headers: () => ({ Referer: `https://evil.example/?${own()}` }),
      allowed: false,
    },
    { name: "no Origin, Referer not a URL", headers: () => ({ Referer: "not a url" }), allowed: false },
    { name: "no Origin, no Sec-Fetch-Site, no Referer", headers: () => ({}), allowed: false },
    // A page with Referrer-Policy: no-referrer (reset and invitation links) posts `Origin: null`.
    {
      name: "Origin null, Sec-Fetch-Site same-origin",
      headers: () => ({ Origin: "null", "Sec-Fetch-Site": "same-origin" }),
      allowed: true,
    },
    {
      name: "Origin null, Sec-Fetch-Site cross-site",
      headers: () => ({ Origin: "null", "Sec-Fetch-Site": "cross-site" }),
      allowed: false,
    },
    { name: "Origin null and nothing else", headers: () => ({ Origin: "null" }), allowed: false },
    {
      name: "Origin null, Referer of another site",
      headers: () => ({ Origin: "null", Referer: "https://evil.example/" }),
      allowed: false,
    },
  ];

  it("judges a POST by Origin, then Sec-Fetch-Site, then Referer, and refuses one that says nothing", async () => {
    const answers: string[] = [];
    const expected: string[] = [];
    for (const row of matrix) {
      for (const path of ["/fr/login", "/fr/logout"]) {
        const res = await fetch(`${baseUrl()}${path}`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", ...row.headers() },
          body: "",
          redirect: "manual",
        });
        answers.push(`${path} ${row.name}: ${res.status === 403 ? "refused" : "accepted"}`);
        expected.push(`${path} ${row.name}: ${row.allowed ? "accepted" : "refused"}`);
      }
    }
    expect(answers).toEqual(expected);
  });

  it("judges by PUBLIC_URL, not by the Host a request names (DNS rebinding, forged X-Forwarded-Host)", async () => {
    const evil = {
      Host: "evil.example",
      Origin: "http://evil.example",
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": "0",
    };
    expect(
      (await requestFrom("127.0.0.1", "/fr/login", { method: "POST", headers: evil, body: "" })).status,
    ).toBe(403);
    const forwarded = {
      "X-Forwarded-Host": "evil.example",
      Origin: "http://evil.example",
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": "0",
    };
    expect(
      (await requestFrom("127.0.0.1", "/fr/login", { method: "POST", headers: forwarded, body: "" })).status,
    ).toBe(403);
  });

  it("leaves webhooks to their signature, whatever the headers", async () => {
    const res = await fetch(`${baseUrl()}/webhooks/stripe`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(res.status).not.toBe(403);
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
