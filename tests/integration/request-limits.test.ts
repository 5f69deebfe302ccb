/**
 * Bodies are judged while they stream, not after (issue 10, item 12): an oversize
 * Content-Length is refused (413, in the request's language) before one byte of the body is
 * sent; a body without a length is cut off at the limit; the photo form answers "too many
 * files" as soon as the first file past the limit begins; odd but valid file names upload.
 */
import { readFileSync } from "node:fs";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { openAppDatabase } from "../support/db";
import { signIn } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { hostHeader, rawConnection } from "../support/raw-http";
import { createShop, type BackOfficeShop } from "../support/shops";

const MB = 1024 * 1024;
// Well under any pause a test would mean: the server answers from the headers alone.
const QUICK_MS = 5_000;

let app: DatabaseHandle;
let shop: BackOfficeShop;
let ownerCookie: string;

beforeAll(async () => {
  app = openAppDatabase();
  shop = await createShop(app.db, { label: "limits", backOffice: true });
  ownerCookie = (await signIn(app.db, shop.owner.id)).cookie;
});
afterAll(async () => {
  await app?.close();
});

const tooLargeTitle = (locale: "ar" | "fr") =>
  (
    JSON.parse(readFileSync(new URL(`../../locales/${locale}/common.json`, import.meta.url), "utf8")) as {
      errors: Record<string, { title: string }>;
    }
  ).errors.tooLarge.title;

function head(path: string, headers: Record<string, string>) {
  const lines = [
    `POST ${path} HTTP/1.1`,
    `Host: ${hostHeader()}`,
    `Origin: ${baseUrl()}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join("\r\n")}\r\n\r\n`;
}

describe("oversize bodies by Content-Length", () => {
  it("answers 413 to a 20 MB login form before its body is sent, in the page's language", async () => {
    for (const locale of ["fr", "ar"] as const) {
      const connection = await rawConnection();
      try {
        await connection.write(
          head(`/${locale}/login`, {
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Length": String(20 * MB),
          }),
        );
        // Not one byte of the body: the answer can only come from the headers.
        const res = await connection.response(QUICK_MS);
        expect(res.status).toBe(413);
        expect(res.body).toContain(`lang="${locale}"`);
        expect(res.body).toContain(tooLargeTitle(locale).replace(/'/g, "&#39;"));
      } finally {
        connection.close();
      }
    }
  });

  it("answers 413 to the photo form past its own limit, before the body", async () => {
    const connection = await rawConnection();
    try {
      await connection.write(
        head(`/fr/shop/listings/${shop.draft.id}/photos`, {
          Cookie: ownerCookie,
          "Content-Type": "multipart/form-data; boundary=limit",
          "Content-Length": String(400 * MB),
        }),
      );
      const res = await connection.response(QUICK_MS);
      expect(res.status).toBe(413);
      expect(res.body).toContain('lang="fr"');
    } finally {
      connection.close();
    }
  });

  it("cuts off a form body that has no Content-Length at the limit, without reading on", async () => {
    const connection = await rawConnection();
    try {
      await connection.write(
        head("/fr/login", {
          "Content-Type": "application/x-www-form-urlencoded",
          "Transfer-Encoding": "chunked",
        }),
      );
      const chunk = Buffer.alloc(16 * 1024, "a");
      // 128 kB, past the 64 kB limit of a form without files, then the body stalls.
      for (let i = 0; i < 8; i++)
        await connection.write(
          Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]),
        );
      const res = await connection.response(QUICK_MS);
      expect(res.status).toBe(413);
      expect(res.body).toContain(tooLargeTitle("fr").replace(/'/g, "&#x27;"));
    } finally {
      connection.close();
    }
  });

  it("still takes a form of ordinary size", async () => {
    const res = await fetch(`${baseUrl()}/fr/login`, {
      method: "POST",
      headers: { Origin: baseUrl() },
      body: new URLSearchParams({ email: "nobody@example.ma", password: "x".repeat(30_000) }),
      redirect: "manual",
    });
    expect(res.status).toBe(400);
  });
});

describe("the photo form streams its parts", () => {
  const boundary = "----hirfa-limits";
  const part = (i: number, size: number) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="p${i}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      Buffer.alloc(size, i),
      Buffer.from("\r\n"),
    ]);

  it("answers 'too many files' as soon as the eleventh file begins, without reading the other nine", async () => {
    const size = 1 * MB;
    const parts = Array.from({ length: 20 }, (_, i) => part(i, size));
    const total = parts.reduce((n, p) => n + p.length, 0) + `--${boundary}--\r\n`.length;
    const connection = await rawConnection();
    try {
      await connection.write(
        head(`/fr/shop/listings/${shop.draft.id}/photos`, {
          Cookie: ownerCookie,
          Accept: "application/json",
          "Content-Type": `multipart/form-data; boundary=${boundary}`,
          "Content-Length": String(total),
        }),
      );
      // Ten files and the head of the eleventh, then the body stalls.
      for (const p of parts.slice(0, 10)) await connection.write(p);
      await connection.write(parts[10].subarray(0, 4096));
      const res = await connection.response(QUICK_MS);
      // The answer came while nine files were still unsent.
      expect(connection.sent()).toBeLessThan(total - 9 * size);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ added: 0, rejected: [{ reason: "too_many_files" }] });
    } finally {
      connection.close();
    }
  });

  it("answers 'too large' as soon as one file passes the size limit", async () => {
    const connection = await rawConnection();
    try {
      await connection.write(
        head(`/fr/shop/listings/${shop.draft.id}/photos`, {
          Cookie: ownerCookie,
          Accept: "application/json",
          "Content-Type": `multipart/form-data; boundary=${boundary}`,
          "Content-Length": String(60 * MB),
        }),
      );
      await connection.write(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="huge.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
        ),
      );
      // 16 MB of one file, past the 15 MB of a photo; the rest of the 60 MB never comes.
      const chunk = Buffer.alloc(MB, 7);
      for (let i = 0; i < 16; i++) await connection.write(chunk);
      const res = await connection.response(QUICK_MS);
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ added: 0, rejected: [{ reason: "too_large" }] });
    } finally {
      connection.close();
    }
  });

  it("accepts valid PNGs named vase;bleu.png and photo=1.png", async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#2a6f97" } })
      .png()
      .toBuffer();
    for (const name of ["vase;bleu.png", "photo=1.png", 'vase "bleu".png', "زربية.png"]) {
      const form = new FormData();
      form.append("photos", new File([new Uint8Array(png)], name, { type: "image/png" }));
      const res = await fetch(`${baseUrl()}/fr/shop/listings/${shop.published.id}/photos`, {
        method: "POST",
        headers: { Origin: baseUrl(), Cookie: ownerCookie, Accept: "application/json" },
        body: form,
      });
      const result = (await res.json()) as { added: number; rejected: unknown[] };
      expect(result, name).toEqual({ added: 1, rejected: [] });
      expect(res.status, name).toBe(200);
    }
  });
});
