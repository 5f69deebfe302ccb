/**
 * Past one machine (issue 16): two more processes of the built app on the suite's one
 * PostgreSQL, with their media in an S3-compatible bucket (s3rver, through the AWS SDK).
 * What one process does, the other must see: photos, catalogue changes in cached pages,
 * sessions; and a job both schedule runs once per period, not once per process.
 */
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { images, productImages } from "#db/schema";
import { jobRuns } from "~/models/jobs.server";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { Client, decodeEntities } from "../support/client";
import { openAppDatabase } from "../support/db";
import { makeUser, PASSWORD, signIn } from "../support/fixtures";
import { baseUrl, browserFormHeaders, newVisitorAddress, requestFrom } from "../support/http";
import { startS3 } from "../support/s3";
import { checkoutForm, createShop } from "../support/shops";

/** Three seconds: the sweep of both processes, for the once-per-period test. */
const SWEEP_MINUTES = 0.05;
let app: DatabaseHandle;
let s3: Awaited<ReturnType<typeof startS3>>;
let one: AppProcess;
let two: AppProcess;

beforeAll(async () => {
  app = openAppDatabase();
  s3 = await startS3();
  const env = { ...s3.env, PAYMENT_SWEEP_MINUTES: String(SWEEP_MINUTES) };
  [one, two] = await Promise.all([startAppProcess(env), startAppProcess(env)]);
});
afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop()]);
  await s3?.stop();
  await app?.close();
});

describe("two app processes on one PostgreSQL, media in a bucket", () => {
  it("serves from process 2 a photo uploaded through process 1 (and the bucket, not a disk, holds it)", async () => {
    const shop = await createShop(app.db, { label: "two-processes", backOffice: true });
    const { cookie } = await signIn(app.db, shop.owner.id);
    const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#b5651d" } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append("photos", new Blob([new Uint8Array(png)], { type: "image/png" }), "vase.png");
    const res = await fetch(`${one.url}/fr/shop/listings/${shop.draft.id}/photos`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: one.url, Accept: "application/json" },
      body: form,
    });
    expect(res.status, await res.text()).toBe(200);

    const [stored] = await app.db
      .select({ variants: images.variants })
      .from(productImages)
      .innerJoin(images, eq(images.id, productImages.imageId))
      .where(eq(productImages.productId, shop.draft.id));
    expect(stored.variants.length).toBeGreaterThanOrEqual(3);
    for (const variant of stored.variants) {
      const media = await fetch(`${two.url}/media/${variant.key}`);
      expect(media.status, variant.key).toBe(200);
      expect(media.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const meta = await sharp(Buffer.from(await media.arrayBuffer())).metadata();
      expect(meta.width, variant.key).toBe(variant.width);
    }
    // The suite's own server keeps its media on its disk: it has never seen this photo.
    expect((await fetch(`${baseUrl()}/media/${stored.variants[0].key}`)).status).toBe(404);
  });

  it("shows on process 2's cached product page, within a second, a sale made through process 1", async () => {
    const shop = await createShop(app.db, { products: [{ stock: 1, priceCentimes: 45_000 }] });
    const page = `/fr/products/${shop.products[0].slug}`;
    const read = async () => {
      const res = await fetch(`${two.url}${page}`);
      const html = decodeEntities(await res.text());
      return {
        cache: res.headers.get("x-page-cache"),
        stock: html.match(/data-testid="stock"[^>]*>([^<]*)</)?.[1],
      };
    };
    // Other test files change the catalogue meanwhile (each change empties the caches): read
    // until process 2 serves the page from its cache.
    let cached = await read();
    for (const deadline = Date.now() + 10_000; cached.cache !== "hit" && Date.now() < deadline; )
      cached = await read();
    expect(cached.cache).toBe("hit");
    expect(cached.stock).toBe("Plus qu'un exemplaire");

    const buyer = new Client(one.url);
    await buyer.post("/fr/cart", { intent: "add", productId: shop.products[0].id, quantity: 1 });
    const placed = await buyer.post(
      "/fr/checkout",
      checkoutForm({ email: "salma@example.ma", phone: "+212612345678" }),
    );
    expect(placed.res.status).toBe(302);
    expect(placed.res.headers.get("location")).toMatch(/^\/fr\/orders\//);
    const sold = Date.now();

    let after = await read();
    while (after.stock !== "Épuisé" && Date.now() - sold < 1000) after = await read();
    expect(after.stock).toBe("Épuisé");
    expect(Date.now() - sold).toBeLessThan(1000);
  });

  it("keeps a session opened on process 1 valid on process 2, and closed on both after logout", async () => {
    const user = await makeUser(app.db, { prefix: "two-processes" });
    const client = new Client(one.url);
    const login = await client.post("/fr/login", { email: user.email, password: PASSWORD });
    expect(login.res.status).toBe(302);
    const onTwo = new Client(two.url);
    onTwo.cookies = client.cookies;
    const orders = await onTwo.get("/fr/orders");
    expect(orders.res.status).toBe(200);
    expect(orders.html).toContain(user.name);

    await onTwo.post("/fr/logout", {});
    const afterLogout = await fetch(`${one.url}/fr/orders`, {
      redirect: "manual",
      headers: { Cookie: `hirfa_session=${client.cookies.get("hirfa_session")}` },
    });
    expect(afterLogout.status).toBe(302);
    expect(afterLogout.headers.get("location")).toMatch(/^\/fr\/login/);
  });

  it("counts failed sign-ins from one address on both processes together", async () => {
    const user = await makeUser(app.db, { prefix: "two-processes-throttle" });
    const address = newVisitorAddress();
    const attempt = (on: AppProcess, password: string) => {
      const body = new URLSearchParams({ email: user.email, password }).toString();
      return requestFrom(address, "/fr/login", {
        origin: on.url,
        method: "POST",
        body,
        headers: { ...browserFormHeaders(on.url), "Content-Length": String(Buffer.byteLength(body)) },
      });
    };
    // Five free failures in all: three on one, two on the other.
    for (const on of [one, two, one, two, one])
      expect((await attempt(on, "wrong password!")).status).toBe(400);
    // Either process now asks this address to wait, even with the right password.
    for (const on of [two, one]) {
      const throttled = await attempt(on, PASSWORD);
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });

  it("runs the payment sweep both processes schedule once per period, not once per process", async () => {
    const periodMs = SWEEP_MINUTES * 60_000;
    // Both processes have swept (or tried to) since they started.
    const deadline = Date.now() + 3 * periodMs;
    while ((await jobRuns(app.db, "payment-sweep")) === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const before = await jobRuns(app.db, "payment-sweep");
    expect(before).toBeGreaterThan(0);
    // A measuring window of three periods: one runner makes about three runs, two would make six.
    const windowMs = 3 * periodMs;
    await new Promise((r) => setTimeout(r, windowMs));
    const runs = (await jobRuns(app.db, "payment-sweep")) - before;
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(runs).toBeLessThanOrEqual(4);
  });
});
