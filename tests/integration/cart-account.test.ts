/**
 * The cart follows the buyer across signing in: a guest cart joins the account's cart,
 * quantities added, and the cookie then names the account's cart. And a cooperative's
 * shop order page is private to that cooperative.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { cartItems, carts, orders, shopOrders } from "#db/schema";
import { openAppDatabase } from "../support/db";
import { makeUser, PASSWORD, signIn } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { Client, orderTokenFrom } from "../support/client";
import { checkoutForm, createShop } from "../support/shops";
import { formatMoney } from "~/i18n/format";
import { orderReference } from "~/models/order-reference";

let app: DatabaseHandle;
beforeAll(() => {
  app = openAppDatabase();
});
afterAll(async () => {
  await app?.close();
});

function cookieJar() {
  const jar = new Map<string, string>();
  return {
    header: () => [...jar.entries()].map(([k, v]) => `${k}=${v}`).join("; "),
    take(res: Response) {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const [name, ...value] = pair.split("=");
        if (/Max-Age=0/i.test(line)) jar.delete(name);
        else jar.set(name, value.join("="));
      }
    },
  };
}

async function post(path: string, form: Record<string, string>, jar: ReturnType<typeof cookieJar>) {
  const res = await fetch(`${baseUrl()}${path}`, {
    method: "POST",
    headers: { Origin: baseUrl(), Cookie: jar.header() },
    body: new URLSearchParams(form),
    redirect: "manual",
  });
  jar.take(res);
  return res;
}

describe("the cart and the account", () => {
  it("merges a guest cart into the account's cart at sign-in", async () => {
    const shop = await createShop(app.db, { label: "cart-merge", backOffice: true });
    const user = await makeUser(app.db, { prefix: "merge" });
    // On one device, signed in, the buyer put the published listing in their cart.
    const device = cookieJar();
    device.take(await post("/fr/login", { email: user.email, password: PASSWORD }, device));
    expect(
      (await post("/fr/cart", { intent: "add", productId: String(shop.published.id), quantity: "1" }, device))
        .status,
    ).toBe(302);
    const [accountCart] = await app.db.select().from(carts).where(eq(carts.userId, user.id));
    expect(accountCart).toBeTruthy();

    // On another, as a guest, two more; then they sign in.
    const guest = cookieJar();
    expect(
      (await post("/fr/cart", { intent: "add", productId: String(shop.published.id), quantity: "2" }, guest))
        .status,
    ).toBe(302);
    const guestCartCookie = guest.header();
    const login = await post("/fr/login", { email: user.email, password: PASSWORD }, guest);
    expect(login.status).toBe(302);
    expect(guest.header()).not.toBe(guestCartCookie);
    const [line] = await app.db.select().from(cartItems).where(eq(cartItems.cartId, accountCart.id));
    expect(line.quantity).toBe(3);
    const cartPage = await fetch(`${baseUrl()}/fr/cart`, { headers: { Cookie: guest.header() } }).then((r) =>
      r.text(),
    );
    expect(cartPage).toContain(`data-product="${shop.published.slug}"`);
    expect(await app.db.select().from(carts).where(eq(carts.userId, user.id))).toHaveLength(1);
  });
});

describe("shop orders are private to their cooperative", () => {
  it("answers 404 to another cooperative's member and 200 to the shop's own", async () => {
    const a = await createShop(app.db, { label: "orders-a", backOffice: true });
    const b = await createShop(app.db, { label: "orders-b", backOffice: true });
    const [order] = await app.db
      .insert(orders)
      .values({
        token: `tok-${Date.now()}-${Math.random().toString(36).slice(2)}`,
        locale: "fr",
        buyerName: "Buyer",
        buyerEmail: "buyer@example.ma",
        buyerPhone: "+212600000000",
        address: { line1: "1 rue", city: "Fès", country: "MA" },
        paymentMethod: "cod",
        paymentStatus: "cod_pending",
        subtotalCentimes: 15_000,
        shippingCentimes: 3_000,
        totalCentimes: 18_000,
      })
      .returning();
    const [shopOrder] = await app.db
      .insert(shopOrders)
      .values({
        orderId: order.id,
        cooperativeId: a.coop.id,
        subtotalCentimes: 15_000,
        shippingCentimes: 3_000,
        netCentimes: 18_000,
      })
      .returning();
    const own = await signIn(app.db, a.owner.id);
    const other = await signIn(app.db, b.owner.id);
    const get = (cookie: string) =>
      fetch(`${baseUrl()}/fr/shop/orders/${shopOrder.id}`, {
        headers: { Cookie: cookie },
        redirect: "manual",
      });
    expect((await get(own.cookie)).status).toBe(200);
    expect((await get(other.cookie)).status).toBe(404);
    const list = await fetch(`${baseUrl()}/fr/shop/orders`, { headers: { Cookie: other.cookie } }).then((r) =>
      r.text(),
    );
    expect(list).not.toContain(`/fr/shop/orders/${shopOrder.id}"`);
    const confirm = await fetch(`${baseUrl()}/fr/shop/orders/${shopOrder.id}`, {
      method: "POST",
      headers: { Origin: baseUrl(), Cookie: other.cookie },
      body: new URLSearchParams({ intent: "confirm" }),
      redirect: "manual",
    });
    expect(confirm.status).toBe(404);
    const [unchanged] = await app.db.select().from(shopOrders).where(eq(shopOrders.id, shopOrder.id));
    expect(unchanged.status).toBe("pending");
  });
});

describe("a signed-in buyer's orders", () => {
  it("lists the account's own orders, newest first, each linking to its private page, in both languages", async () => {
    const shop = await createShop(app.db, { products: [{ stock: 20, priceCentimes: 25_000 }] });
    const buyer = await makeUser(app.db, { prefix: "my-orders" });
    const other = await makeUser(app.db, { prefix: "not-mine" });
    const client = new Client();
    const login = await client.post("/fr/login", { email: buyer.email, password: PASSWORD });
    expect(login.res.status).toBe(302);

    // Signed in, nothing ordered yet.
    const empty = await client.get("/fr/orders");
    expect(empty.res.status).toBe(200);
    expect(empty.html).toMatch(
      /data-testid="my-orders-empty">Vous n’avez encore passé aucune commande avec ce compte\.(<!-- -->)? <a/,
    );
    expect(empty.html).toContain(`href="/fr/orders"`); // the header's link

    const tokens: string[] = [];
    for (const quantity of [1, 2]) {
      await client.post("/fr/cart", { intent: "add", productId: shop.products[0].id, quantity });
      const placed = await client.post("/fr/checkout", checkoutForm({ email: buyer.email }));
      expect(placed.res.status, placed.html.slice(0, 300)).toBe(302);
      tokens.push(orderTokenFrom(placed.res.headers.get("location")));
    }
    const mine = await app.db.select().from(orders).where(eq(orders.userId, buyer.id));
    expect(mine).toHaveLength(2);
    const [first, second] = tokens.map((t) => mine.find((o) => o.token === t)!);

    const fr = await client.get("/fr/orders");
    const rows = [...fr.html.matchAll(/data-testid="my-order" data-order="(\d+)"/g)].map((m) => Number(m[1]));
    expect(rows).toEqual([second.id, first.id]);
    expect(fr.html).toContain(`href="/fr/orders/${first.token}"`);
    expect(fr.html).toContain(`n° ${orderReference(second)}`);
    const secondRow = fr.html.match(new RegExp(`data-order="${second.id}">([\\s\\S]*?)</tr>`))?.[1] ?? "";
    expect(secondRow).toContain(`${shop.coop.name.fr}</span> — En attente de confirmation`);
    expect(secondRow).toMatch(/<td[^>]*>À payer à la livraison<\/td>/);
    expect(secondRow).toContain(formatMoney(second.totalCentimes, "MAD", "fr"));
    expect(fr.res.headers.get("cache-control")).toContain("no-store");
    const ar = await client.get("/ar/orders");
    expect(ar.html).toContain(`رقم ${orderReference(second)}`);
    expect(ar.html).toContain(`${shop.coop.name.ar}</span> — في انتظار التأكيد`);

    // Another account sees none of them; a visitor is sent to sign in.
    const { cookie } = await signIn(app.db, other.id);
    const theirs = await (await fetch(`${baseUrl()}/fr/orders`, { headers: { Cookie: cookie } })).text();
    expect(theirs).not.toContain('data-testid="my-order"');
    const visitor = await fetch(`${baseUrl()}/fr/orders`, { redirect: "manual" });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toMatch(/^\/fr\/login\?redirectTo=%2Ffr%2Forders/);
  });
});
