/**
 * The daily work of cooperatives and chamber staff (issue 12), over HTTP against the built
 * server: stock and price on sale at once while texts wait for review, the listing's one
 * state, the shop's "to do", one order reference for buyer, cooperative and chamber, a way in
 * for cooperatives from every public page, the audit log as sentences, the review's word
 * diff and ages, and sales that count only confirmed orders.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { createCooperative, createProduct } from "#db/factories";
import {
  auditLog,
  fairStands,
  fairs,
  images,
  orders,
  productImages,
  productRevisions,
  products,
  publicHolidays,
  rejectionReasons,
  shopOrders,
} from "#db/schema";
import { formatMoney } from "~/i18n/format";
import { orderReference, partReference } from "~/models/order-reference";
import { Client, decodeEntities, orderTokenFrom, requestAsDecoded } from "../support/client";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn } from "../support/fixtures";
import { waitForMail } from "../support/mailbox";
import { checkoutForm, createShop, listingForm } from "../support/shops";

let app: DatabaseHandle;
let imageId: number;
let moderator: Awaited<ReturnType<typeof makeUser>>;
let moderatorCookie: string;

beforeAll(async () => {
  app = openAppDatabase();
  [{ id: imageId }] = await app.db.select({ id: images.id }).from(images).limit(1);
  moderator = await makeUser(app.db, { prefix: "daily-mod", staffRole: "moderator" });
  moderatorCookie = (await signIn(app.db, moderator.id)).cookie;
});
afterAll(async () => {
  await app?.close();
});

const request = requestAsDecoded;

/** The text of the first link to `href` (whatever the order of its attributes), or null. */
const linkText = (html: string, href: string) =>
  [...html.matchAll(/<a\s([^>]*)>([\s\S]*?)<\/a>/g)].find((m) => m[1].includes(`href="${href}"`))?.[2] ??
  null;

/** What a reader sees of some HTML: tags and React's text separators removed. */
const textOf = (html: string) =>
  decodeEntities(html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, ""))
    .replace(/[ \t\r\n]+/g, " ")
    .trim();

async function productRow(id: number) {
  return (await app.db.select().from(products).where(eq(products.id, id)))[0];
}

describe("a published listing's stock and price", () => {
  it("go on sale at once, without review, for buyers (through the page cache) and the cart", async () => {
    const shop = await createShop(app.db, { label: "daily-stock", backOffice: true });
    const owner = (await signIn(app.db, shop.owner.id)).cookie;
    await app.db
      .update(products)
      .set({ stock: 0, priceCentimes: 20_000 })
      .where(eq(products.id, shop.published.id));
    const live = await productRow(shop.published.id);
    const buyerPage = () => request(null, "GET", `/fr/products/${live.slug}`);
    const before = await buyerPage();
    expect(textOf(before.body.match(/data-testid="stock"[^>]*>[^<]*/)?.[0] ?? "")).toContain("Épuisé");
    // The anonymous page is now in the shared cache: the change must empty it.
    expect(textOf((await buyerPage()).body.match(/data-testid="stock"[^>]*>[^<]*/)?.[0] ?? "")).toContain(
      "Épuisé",
    );

    const saved = await request(
      owner,
      "POST",
      `/fr/shop/listings/${live.id}`,
      listingForm(live, { stock: 7, price: "260" }),
    );
    expect(saved.status).toBe(302);
    expect(saved.location).toContain("notice=savedLive");

    const after = await buyerPage();
    expect(after.body).toMatch(/data-testid="stock"[^>]*>En stock</);
    expect(after.body).toContain(formatMoney(26_000, "MAD", "fr"));
    expect(
      await app.db.select().from(productRevisions).where(eq(productRevisions.productId, live.id)),
    ).toEqual([]);
    // A buyer can put it in a cart right away.
    const buyer = new Client();
    const added = await buyer.post("/fr/cart", { intent: "add", productId: live.id, quantity: 2 });
    expect(added.res.status).toBe(302);
    expect((await buyer.get("/fr/cart")).html).toMatch(/data-testid="cart-count"[^>]*>2</);
    // Each change is in the audit log, by the member who made it.
    const entries = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "product"), eq(auditLog.entityId, String(live.id))));
    expect(entries.map((e) => e.action).sort()).toEqual(["listing.price.set", "listing.stock.set"]);
    expect(entries.every((e) => e.actorUserId === shop.owner.id)).toBe(true);
  });

  it("flags, in the chamber's recent price changes, a price moved by more than half", async () => {
    const shop = await createShop(app.db, { label: "daily-price", backOffice: true });
    const owner = (await signIn(app.db, shop.owner.id)).cookie;
    const small = await createProduct(app.db, {
      cooperativeId: shop.coop.id,
      craftId: shop.craft.id,
      title: { fr: "Prix doux daily", ar: "سعر معتدل" },
      priceCentimes: 10_000,
    });
    const big = await createProduct(app.db, {
      cooperativeId: shop.coop.id,
      craftId: shop.craft.id,
      title: { fr: "Prix bondissant daily", ar: "سعر قافز" },
      priceCentimes: 10_000,
    });
    expect(
      (await request(owner, "POST", `/fr/shop/listings/${small.id}`, listingForm(small, { price: "140" })))
        .status,
    ).toBe(302);
    expect(
      (await request(owner, "POST", `/fr/shop/listings/${big.id}`, listingForm(big, { price: "151" })))
        .status,
    ).toBe(302);
    const dashboard = await request(moderatorCookie, "GET", "/fr/chamber");
    const items = [
      ...dashboard.body.matchAll(
        /<li class="price-change[^"]*"[^>]*data-flagged="(true|false)"[^>]*>([\s\S]*?)<\/li>/g,
      ),
    ];
    const find = (title: string) => items.find((m) => m[2].includes(title));
    expect(find("Prix doux daily")?.[1]).toBe("false");
    expect(find("Prix bondissant daily")?.[1]).toBe("true");
    expect(textOf(find("Prix bondissant daily")![2])).toContain(
      `${formatMoney(10_000, "MAD", "fr")} → ${formatMoney(15_100, "MAD", "fr")}`,
    );
    expect(find("Prix bondissant daily")![2]).toContain(`href="/fr/chamber/reviews/listing/${big.id}"`);
  });
});

describe("a published listing's texts", () => {
  it("are not live until the chamber approves them; the banner says what is waiting and offers the one action", async () => {
    const shop = await createShop(app.db, { label: "daily-text", backOffice: true });
    const owner = (await signIn(app.db, shop.owner.id)).cookie;
    await app.db.insert(productImages).values({ productId: shop.published.id, imageId, position: 0 });
    const live = await productRow(shop.published.id);
    const onSale = await request(owner, "GET", `/fr/shop/listings/${live.id}`);
    expect(onSale.body).toMatch(/data-testid="listing-banner" data-state="published"/);

    const saved = await request(
      owner,
      "POST",
      `/fr/shop/listings/${live.id}`,
      listingForm(live, { title_fr: "Titre revu daily" }),
    );
    expect(saved.location).toContain("notice=savedNotSent");
    const page = await request(owner, "GET", saved.location!);
    expect(page.body).toMatch(/data-testid="listing-banner" data-state="changesNotSent"/);
    expect(page.body).toContain("Vos modifications de textes, photos ou détails ne sont pas encore envoyées");
    expect(
      page.body.match(/data-testid="banner-action"[^>]*>Envoyer les modifications en revue</g),
    ).toHaveLength(1);
    // Only the French title changed: the Arabic one is flagged as older.
    expect(page.body).toContain(
      "Le texte d’une autre langue a changé depuis : ce texte arabe est maintenant plus ancien.",
    );
    expect((await request(null, "GET", `/fr/products/${live.slug}`)).body).not.toContain("Titre revu daily");

    expect((await request(owner, "POST", `/fr/shop/listings/${live.id}`, { intent: "submit" })).status).toBe(
      302,
    );
    const inReview = await request(owner, "GET", `/ar/shop/listings/${live.id}`);
    expect(inReview.body).toMatch(/data-testid="listing-banner" data-state="changesInReview"/);
    expect((await request(null, "GET", `/fr/products/${live.slug}`)).body).not.toContain("Titre revu daily");

    const [revision] = await app.db
      .select()
      .from(productRevisions)
      .where(and(eq(productRevisions.productId, live.id), eq(productRevisions.status, "pending")));
    expect(
      (
        await request(moderatorCookie, "POST", `/fr/chamber/reviews/revision/${revision.id}`, {
          decision: "approve",
        })
      ).status,
    ).toBe(302);
    expect((await request(null, "GET", `/fr/products/${live.slug}`)).body).toContain("Titre revu daily");
  });

  it("show the chamber the words that changed, in French and in Arabic", async () => {
    const shop = await createShop(app.db, { label: "daily-diff", backOffice: true });
    const owner = (await signIn(app.db, shop.owner.id)).cookie;
    await app.db
      .update(products)
      .set({ description: { fr: "Un vase bleu de Fès", ar: "مزهرية من طين فاس مزينة بالأزرق" } })
      .where(eq(products.id, shop.published.id));
    await app.db.insert(productImages).values({ productId: shop.published.id, imageId, position: 0 });
    const live = await productRow(shop.published.id);
    const edit = listingForm(live, {
      description_fr: "Un vase vert de Fès",
      description_ar: "مزهرية من طين فاس مزينة بالأخضر",
    });
    expect((await request(owner, "POST", `/fr/shop/listings/${live.id}`, edit)).status).toBe(302);
    expect((await request(owner, "POST", `/fr/shop/listings/${live.id}`, { intent: "submit" })).status).toBe(
      302,
    );
    const [revision] = await app.db
      .select()
      .from(productRevisions)
      .where(and(eq(productRevisions.productId, live.id), eq(productRevisions.status, "pending")));
    const page = await request(moderatorCookie, "GET", `/fr/chamber/reviews/revision/${revision.id}`);
    const diffs = [...page.body.matchAll(/data-testid="word-diff">([\s\S]*?)<\/td>/g)].map((m) => m[1]);
    expect(diffs).toHaveLength(2);
    const fr = diffs.find((d) => d.includes("vase"))!;
    expect(fr).toContain('<del class="change--removed">bleu</del><ins class="change--added">vert</ins>');
    expect(textOf(fr)).toBe("Un vase bleuvert de Fès");
    // Arabic is diffed by words too, not letter by letter.
    const ar = diffs.find((d) => d.includes("مزهرية"))!;
    expect(ar).toContain(
      '<del class="change--removed">بالأزرق</del><ins class="change--added">بالأخضر</ins>',
    );
  });
});

describe("the review queue", () => {
  it("shows how long each submission has waited, oldest first, and the dashboard counts those past 48 hours", async () => {
    const shop = await createShop(app.db, { label: "daily-queue", backOffice: true });
    const waiting = async (title: string, hours: number) => {
      const p = await createProduct(app.db, {
        cooperativeId: shop.coop.id,
        craftId: shop.craft.id,
        status: "pending",
        publishedAt: null,
        submittedAt: new Date(Date.now() - hours * 3_600_000),
        title: { fr: title, ar: title },
      });
      await app.db.insert(productImages).values({ productId: p.id, imageId, position: 0 });
      return p;
    };
    const old = await waiting("Attend trois jours daily", 74);
    const fresh = await waiting("Attend deux heures daily", 2);
    const queue = await request(moderatorCookie, "GET", `/fr/chamber/reviews?cooperative=${shop.coop.slug}`);
    const rows = [...queue.body.matchAll(/<tr data-testid="queue-row">([\s\S]*?)<\/tr>/g)].map((m) => m[1]);
    expect(
      rows.map((r) =>
        r.includes(`/listing/${old.id}"`) ? "old" : r.includes(`/listing/${fresh.id}"`) ? "fresh" : "other",
      ),
    ).toEqual(["old", "fresh"]);
    expect(textOf(rows[0])).toContain("il y a 3 jours");
    expect(textOf(rows[0])).toContain("plus de 48 h");
    expect(textOf(rows[1])).toContain("il y a 2 heures");
    expect(textOf(rows[1])).not.toContain("plus de 48 h");
    const late = Number(
      (await request(moderatorCookie, "GET", "/fr/chamber")).body.match(
        /data-testid="late-reviews">(\d+)</,
      )?.[1],
    );
    expect(late).toBeGreaterThanOrEqual(1);
    // Deciding the late one takes it off the count.
    expect(
      (
        await request(moderatorCookie, "POST", `/fr/chamber/reviews/listing/${old.id}`, {
          decision: "approve",
        })
      ).status,
    ).toBe(302);
    const after = Number(
      (await request(moderatorCookie, "GET", "/fr/chamber")).body.match(
        /data-testid="late-reviews">(\d+)</,
      )?.[1],
    );
    expect(after).toBeLessThanOrEqual(late - 1);
  });
});

describe("one order, one reference", () => {
  it("is what the buyer, each cooperative and the chamber read, on pages, mails and the CSV export", async () => {
    const a = await createShop(app.db, { products: [{ stock: 5, priceCentimes: 11_000 }] });
    const b = await createShop(app.db, { products: [{ stock: 5, priceCentimes: 22_000 }] });
    const buyer = new Client();
    await buyer.post("/fr/cart", { intent: "add", productId: a.products[0].id, quantity: 1 });
    await buyer.post("/fr/cart", { intent: "add", productId: b.products[0].id, quantity: 1 });
    const email = `daily-ref-${Date.now().toString(36)}@example.ma`;
    const placed = await buyer.post("/fr/checkout", checkoutForm({ email }));
    expect(placed.res.status).toBe(302);
    const token = orderTokenFrom(placed.res.headers.get("location"));
    const [order] = await app.db.select().from(orders).where(eq(orders.token, token));
    const parts = (await app.db.select().from(shopOrders).where(eq(shopOrders.orderId, order.id))).sort(
      (x, y) => x.id - y.id,
    );
    const partOfB = parts.find((p) => p.cooperativeId === b.coop.id)!;
    const refB = partReference(order, parts.indexOf(partOfB));
    expect(refB).toMatch(new RegExp(`^H-\\d{4}-${String(order.id).padStart(6, "0")}-[AB]$`));

    // The buyer: the order's reference, and each parcel's.
    const buyerPage = await buyer.get(`/fr/orders/${token}`);
    expect(buyerPage.html).toContain(`Commande n° ${orderReference(order)}`);
    expect(buyerPage.html).toContain(`Référence de ce colis : ${refB}`);
    expect((await buyer.get(`/ar/orders/${token}`)).html).toContain(`مرجع هذا الطرد: ${refB}`);
    const [buyerMail] = await waitForMail(email);
    expect(buyerMail.subject).toContain(orderReference(order));
    expect(buyerMail.text).toContain(refB);

    // Cooperative B: its list, its page, its mail and its CSV say the same.
    const owner = (await signIn(app.db, b.owner.id)).cookie;
    const list = await request(owner, "GET", "/fr/shop/orders");
    expect(list.body).toContain(`n° ${refB}`);
    const detail = await request(owner, "GET", `/fr/shop/orders/${partOfB.id}`);
    expect(detail.body).toContain(`Commande n° ${refB}`);
    const [shopMail] = await waitForMail(b.coop.email!);
    expect(shopMail.subject).toContain(refB);
    const csv = await request(owner, "GET", "/fr/shop/orders/export");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.body.split("\r\n")[0]).toContain("Référence");
    expect(csv.body).toContain(`\r\n${refB},`);
    // Another cooperative's export does not list it.
    expect(
      (await request((await signIn(app.db, a.owner.id)).cookie, "GET", "/fr/shop/orders/export")).body,
    ).not.toContain(refB);

    // The chamber: the audit log names the parcel by the same reference.
    expect(
      (await request(owner, "POST", `/fr/shop/orders/${partOfB.id}`, { intent: "confirm" })).status,
    ).toBe(302);
    const log = await request(
      moderatorCookie,
      "GET",
      `/fr/chamber/audit?action=shop_order.confirm&cooperative=${b.coop.id}`,
    );
    expect(textOf(log.body)).toContain(`a confirmé la commande ${refB}`);
  });
});

describe("the shop's to do", () => {
  it("counts orders to confirm (cash on delivery) and to ship with their oldest age, low stock and rejected listings, and badges the orders tab", async () => {
    const shop = await createShop(app.db, {
      products: [
        { stock: 9, priceCentimes: 15_000 },
        { stock: 2, priceCentimes: 5_000 },
      ],
    });
    await app.db
      .update(products)
      .set({ status: "rejected", reviewReason: "photos", reviewNote: "Floues", reviewedAt: new Date() })
      .where(eq(products.id, shop.products[1].id));
    const owner = (await signIn(app.db, shop.owner.id)).cookie;
    const count = (html: string, id: string) =>
      Number(html.match(new RegExp(`data-testid="todo-${id}" data-count="(\\d+)"`))?.[1]);
    let dashboard = await request(owner, "GET", "/fr/shop");
    expect([
      count(dashboard.body, "toConfirm"),
      count(dashboard.body, "toShip"),
      count(dashboard.body, "rejected"),
    ]).toEqual([0, 0, 1]);
    expect(dashboard.body).not.toContain('data-testid="orders-badge"');

    const buyer = new Client();
    await buyer.post("/fr/cart", { intent: "add", productId: shop.products[0].id, quantity: 7 });
    const placed = await buyer.post("/fr/checkout", {
      name: "Karim",
      email: `daily-todo-${Date.now().toString(36)}@example.ma`,
      phone: "0661234567",
      country: "MA",
      city: "Meknès",
      line1: "3 rue Rouamzine",
      paymentMethod: "cod",
    });
    expect(placed.res.status).toBe(302);
    const [order] = await app.db
      .select()
      .from(orders)
      .where(eq(orders.token, orderTokenFrom(placed.res.headers.get("location"))));
    // Placed two days ago, so the age says so.
    await app.db
      .update(orders)
      .set({ createdAt: new Date(Date.now() - 50 * 3_600_000) })
      .where(eq(orders.id, order.id));

    dashboard = await request(owner, "GET", "/fr/shop");
    expect(count(dashboard.body, "toConfirm")).toBe(1);
    expect(textOf(dashboard.body.match(/data-testid="todo-toConfirm"[\s\S]*?<\/li>/)![0])).toContain(
      "La plus ancienne : avant-hier",
    );
    expect(textOf(dashboard.body.match(/data-testid="todo-toConfirm"[\s\S]*?<\/li>/)![0])).toContain(
      "Paiement à la livraison : 1",
    );
    // 9 − 7 = 2 left: low stock now.
    expect(count(dashboard.body, "lowStock")).toBe(1);
    expect(dashboard.body).toMatch(/data-testid="orders-badge" aria-hidden="true">1</);

    const [part] = await app.db.select().from(shopOrders).where(eq(shopOrders.orderId, order.id));
    expect((await request(owner, "POST", `/fr/shop/orders/${part.id}`, { intent: "confirm" })).status).toBe(
      302,
    );
    dashboard = await request(owner, "GET", "/ar/shop");
    expect([count(dashboard.body, "toConfirm"), count(dashboard.body, "toShip")]).toEqual([0, 1]);
    expect(dashboard.body).toMatch(/data-testid="orders-badge" aria-hidden="true">1</);
  });
});

describe("the region's sales", () => {
  it("count a cash-on-delivery order only once its cooperative confirms it; until then it is awaiting confirmation", async () => {
    const shop = await createShop(app.db, { label: "daily-sales", backOffice: true });
    const buyer = new Client();
    await buyer.post("/fr/cart", { intent: "add", productId: shop.published.id, quantity: 1 });
    const awaitingBefore = Number(
      (await request(moderatorCookie, "GET", "/fr/chamber")).body.match(
        /data-testid="awaiting-confirmation">(\d+)</,
      )?.[1],
    );
    const placed = await buyer.post("/fr/checkout", {
      name: "Nadia",
      email: `daily-sales-${Date.now().toString(36)}@example.ma`,
      phone: "0661234567",
      country: "MA",
      city: "Fès",
      line1: "1 rue Talaa",
      paymentMethod: "cod",
    });
    expect(placed.res.status).toBe(302);
    const craftSales = async () => {
      const csv = (await request(moderatorCookie, "GET", "/fr/chamber/export/byCraft")).body;
      return csv.split("\r\n").find((line) => line.startsWith(`${shop.craft.slug},`)) ?? null;
    };
    // Placed, not confirmed: not a sale yet, but awaiting confirmation.
    expect(await craftSales()).toBeNull();
    const awaiting = Number(
      (await request(moderatorCookie, "GET", "/fr/chamber")).body.match(
        /data-testid="awaiting-confirmation">(\d+)</,
      )?.[1],
    );
    expect(awaiting).toBeGreaterThanOrEqual(awaitingBefore + 1);

    const [order] = await app.db
      .select()
      .from(orders)
      .where(eq(orders.token, orderTokenFrom(placed.res.headers.get("location"))));
    const [part] = await app.db.select().from(shopOrders).where(eq(shopOrders.orderId, order.id));
    const owner = (await signIn(app.db, shop.owner.id)).cookie;
    expect((await request(owner, "POST", `/fr/shop/orders/${part.id}`, { intent: "confirm" })).status).toBe(
      302,
    );
    expect(await craftSales()).toBe(
      `${shop.craft.slug},${shop.craft.name.fr},1,${(part.subtotalCentimes / 100).toFixed(2)}`,
    );
  });
});

describe("the way in for cooperatives", () => {
  it("is linked from the footer of every public page, in both languages, and from the home page", async () => {
    const shop = await createShop(app.db, { label: "daily-join", backOffice: true });
    const pages = [
      "",
      "/search?q=tapis",
      `/crafts/${shop.craft.slug}`,
      `/products/${shop.published.slug}`,
      `/cooperatives/${shop.coop.slug}`,
      "/cart",
      "/login",
      "/register",
      "/forgot-password",
      "/join",
      "/no-such-page",
    ];
    for (const locale of ["fr", "ar"] as const) {
      for (const page of pages) {
        const res = await request(null, "GET", `/${locale}${page}`);
        expect([200, 404], `${locale}${page}`).toContain(res.status);
        const footer = res.body.match(/<footer class="site-footer">[\s\S]*?<\/footer>/)?.[0] ?? "";
        expect(linkText(footer, `/${locale}/join`), `${locale}${page}`).toBe(
          locale === "fr"
            ? "Vous êtes une coopérative ? Vendez sur Hirfa"
            : "هل أنتم تعاونية؟ بيعوا منتجاتكم على حرفة",
        );
      }
    }
    const home = await request(null, "GET", "/ar");
    expect(
      linkText(
        home.body.match(/<section aria-labelledby="join-title"[\s\S]*?<\/section>/)?.[0] ?? "",
        "/ar/join",
      ),
    ).toBe("اطلبوا فتح متجر");
  });
});

describe("the audit log", () => {
  it("reads as sentences in the reader's language, each linking to its object", async () => {
    const shop = await createShop(app.db, { label: "daily-audit", backOffice: true });
    const p = await createProduct(app.db, {
      cooperativeId: shop.coop.id,
      craftId: shop.craft.id,
      status: "pending",
      publishedAt: null,
      submittedAt: new Date(),
      title: { fr: "Vase bleu daily", ar: "مزهرية زرقاء" },
    });
    await app.db.insert(productImages).values({ productId: p.id, imageId, position: 0 });
    expect(
      (
        await request(moderatorCookie, "POST", `/fr/chamber/reviews/listing/${p.id}`, {
          decision: "reject",
          reason: "photos",
          note: "photos floues",
        })
      ).status,
    ).toBe(302);
    const [reason] = await app.db.select().from(rejectionReasons).where(eq(rejectionReasons.code, "photos"));

    const entryOf = (html: string) =>
      html.match(
        /<li class="audit-entry" data-testid="audit-entry" data-action="listing.reject">([\s\S]*?)<\/li>/,
      )?.[1] ?? "";
    const fr = entryOf(
      (await request(moderatorCookie, "GET", `/fr/chamber/audit?cooperative=${shop.coop.id}`)).body,
    );
    expect(textOf(fr.match(/data-testid="audit-sentence">([\s\S]*?)<\/p>/)![1])).toBe(
      `${moderator.name} a refusé « Vase bleu daily » : ${reason.label.fr} — photos floues`,
    );
    expect(linkText(fr, `/fr/chamber/reviews/listing/${p.id}`)).toBe("Vase bleu daily");
    const ar = entryOf(
      (await request(moderatorCookie, "GET", `/ar/chamber/audit?cooperative=${shop.coop.id}`)).body,
    );
    expect(textOf(ar.match(/data-testid="audit-sentence">([\s\S]*?)<\/p>/)![1])).toBe(
      `رفض «مزهرية زرقاء» من طرف ${moderator.name}: ${reason.label.ar} — photos floues`,
    );
    expect(linkText(ar, `/ar/chamber/reviews/listing/${p.id}`)).toBe("مزهرية زرقاء");
    // The link leads to the listing's page.
    expect((await request(moderatorCookie, "GET", `/ar/chamber/reviews/listing/${p.id}`)).status).toBe(200);
  });

  it("says what was done this round too: a fair, a stand decided, a holiday saved, in Arabic and French", async () => {
    // Actions added with fairs (decision 021) and holidays (decision 020) were recorded but shown as codes.
    const admin = await makeUser(app.db, { prefix: "daily-admin", staffRole: "admin" });
    const adminCookie = (await signIn(app.db, admin.id)).cookie;
    const shop = await createShop(app.db, { label: "daily-fair", backOffice: true });
    const ownerCookie = (await signIn(app.db, shop.owner.id)).cookie;
    const tag = Date.now().toString(36);
    const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const created = await request(adminCookie, "POST", "/fr/chamber/fairs", {
      intent: "save",
      name_ar: `معرض السجل ${tag}`,
      name_fr: `Salon du journal ${tag}`,
      name_en: "",
      city_ar: "مكناس",
      city_fr: "Meknès",
      city_en: "",
      venue_ar: "ساحة الهديم",
      venue_fr: "Place El Hedim",
      venue_en: "",
      description_ar: "عرض وبيع.",
      description_fr: "Exposition et vente.",
      description_en: "",
      provinceSlug: "fes",
      mapUrl: "https://www.openstreetmap.org/",
      startsOn: inDays(5),
      endsOn: inDays(6),
      slug: `salon-journal-${tag}`,
      published: "on",
    });
    expect(created.status).toBe(302);
    const [fair] = await app.db
      .select()
      .from(fairs)
      .where(eq(fairs.slug, `salon-journal-${tag}`));
    expect(
      (await request(ownerCookie, "POST", "/ar/shop/fairs", { fairId: fair.id, message: "" })).status,
    ).toBe(302);
    const [stand] = await app.db
      .select({ id: fairStands.id })
      .from(fairStands)
      .where(and(eq(fairStands.fairId, fair.id), eq(fairStands.cooperativeId, shop.coop.id)));
    expect(
      (
        await request(adminCookie, "POST", `/fr/chamber/fairs/${fair.id}`, {
          intent: "decide",
          standId: stand.id,
          decision: "accept",
          standNumber: "7",
          reason: "",
        })
      ).status,
    ).toBe(302);
    const day = "2032-07-27"; // a Tuesday
    try {
      expect(
        (
          await request(adminCookie, "POST", "/fr/chamber/holidays", {
            day,
            name_ar: "عيد السجل",
            name_fr: "Fête du journal",
          })
        ).status,
      ).toBe(302);

      const entryOf = async (lang: "fr" | "ar", query: string, action: string) => {
        const html = (await request(adminCookie, "GET", `/${lang}/chamber/audit?${query}`)).body;
        const entry =
          html.match(
            new RegExp(
              `<li class="audit-entry" data-testid="audit-entry" data-action="${action.replace(/\./g, "\\.")}">([\\s\\S]*?)</li>`,
            ),
          )?.[1] ?? "";
        return {
          entry,
          sentence: textOf(entry.match(/data-testid="audit-sentence">([\s\S]*?)<\/p>/)?.[1] ?? ""),
        };
      };

      // The stand: the cooperative, linking to the fair's chamber page, at the fair, with its number.
      const standQuery = `action=fair_stand.accept&cooperative=${shop.coop.id}`;
      const frStand = await entryOf("fr", standQuery, "fair_stand.accept");
      expect(frStand.sentence).toBe(
        `${admin.name} a accepté Coopérative daily-fair au salon « Salon du journal ${tag} », stand 7`,
      );
      expect(linkText(frStand.entry, `/fr/chamber/fairs/${fair.id}`)).toBe("Coopérative daily-fair");
      const arStand = await entryOf("ar", standQuery, "fair_stand.accept");
      expect(arStand.sentence).toBe(
        `قبل ${admin.name} مشاركة تعاونية daily-fair في معرض «معرض السجل ${tag}»، الرواق 7`,
      );
      expect(linkText(arStand.entry, `/ar/chamber/fairs/${fair.id}`)).toBe("تعاونية daily-fair");
      // The cooperative's own request, in the same cooperative's log.
      const asked = await entryOf("fr", `cooperative=${shop.coop.id}`, "fair_stand.request");
      expect(asked.sentence).toBe(
        `${shop.owner.name} a demandé un stand pour Coopérative daily-fair au salon « Salon du journal ${tag} »`,
      );

      // The fair itself, named and linking to its chamber page.
      const fairQuery = `action=fair.create&actor=${admin.id}`;
      const frFair = await entryOf("fr", fairQuery, "fair.create");
      expect(frFair.sentence).toBe(`${admin.name} a créé le salon « Salon du journal ${tag} »`);
      expect(linkText(frFair.entry, `/fr/chamber/fairs/${fair.id}`)).toBe(`Salon du journal ${tag}`);
      expect((await entryOf("ar", fairQuery, "fair.create")).sentence).toBe(
        `أنشأ ${admin.name} المعرض «معرض السجل ${tag}»`,
      );

      // The holiday: its name, and its day as the holidays page writes it, linking there.
      const holidayQuery = `action=holiday.save&actor=${admin.id}`;
      const frHoliday = await entryOf("fr", holidayQuery, "holiday.save");
      expect(frHoliday.sentence).toBe(
        `${admin.name} a enregistré le jour férié « Fête du journal » du mardi 27 juillet 2032`,
      );
      expect(linkText(frHoliday.entry, "/fr/chamber/holidays")).toBe("mardi 27 juillet 2032");
      const arHoliday = await entryOf("ar", holidayQuery, "holiday.save");
      expect(arHoliday.sentence).toBe(`سجّل ${admin.name} عطلة «عيد السجل» يوم الثلاثاء، 27 يوليوز 2032`);
      expect(linkText(arHoliday.entry, "/ar/chamber/holidays")).toBe("الثلاثاء، 27 يوليوز 2032");
      // Each is offered by the log's filter, by its label.
      const filter = (await request(adminCookie, "GET", "/fr/chamber/audit")).body;
      expect(filter).toContain('<option value="fair_stand.accept">Stand accepté</option>');
      expect(filter).toContain('<option value="holiday.save">Jour férié enregistré</option>');
    } finally {
      await app.db.delete(publicHolidays).where(eq(publicHolidays.day, day));
    }
  });

  it("filters by action, person, cooperative and dates with selects, and pages through", async () => {
    const coop = await createCooperative(app.db, {
      name: { fr: "Coopérative du journal daily", ar: "تعاونية السجل" },
    });
    const other = await makeUser(app.db, { prefix: "daily-other", staffRole: "moderator" });
    // 31 entries about this cooperative: one more than a page.
    await app.db.insert(auditLog).values(
      Array.from({ length: 31 }, (_, i) => ({
        actorUserId: i === 0 ? other.id : moderator.id,
        action: i === 0 ? "cooperative.suspend" : "cooperative.rib.set",
        entityType: "cooperative",
        entityId: String(coop.id),
        reason: i === 0 ? "Contrôle daily" : null,
      })),
    );
    const page = (query: string) =>
      request(moderatorCookie, "GET", `/fr/chamber/audit?${query}`).then((r) => r.body);
    const entries = (html: string) =>
      [...html.matchAll(/data-testid="audit-entry" data-action="([\w.]+)"/g)].map((m) => m[1]);

    const first = await page(`cooperative=${coop.id}`);
    expect(first).toContain("31 entrées");
    expect(entries(first)).toHaveLength(30);
    expect(first).toMatch(/<select id="audit-action" name="action"/);
    expect(first).toMatch(/<select id="audit-actor" name="actor"/);
    expect(first).toMatch(/<select id="audit-cooperative" name="cooperative"/);
    expect(first).toContain(`<option value="${coop.id}" selected="">Coopérative du journal daily</option>`);
    expect(linkText(first, `/fr/chamber/audit?cooperative=${coop.id}&page=2`)).toBe("Page suivante");
    expect(entries(await page(`cooperative=${coop.id}&page=2`))).toHaveLength(1);

    const suspended = await page(`cooperative=${coop.id}&action=cooperative.suspend`);
    expect(entries(suspended)).toEqual(["cooperative.suspend"]);
    expect(textOf(suspended)).toContain(
      `${other.name} a suspendu la coopérative Coopérative du journal daily : Contrôle daily`,
    );
    expect(entries(await page(`cooperative=${coop.id}&actor=${other.id}`))).toEqual(["cooperative.suspend"]);
    const today = new Date().toLocaleDateString("en-CA", { timeZone: "Africa/Casablanca" });
    expect(entries(await page(`cooperative=${coop.id}&from=${today}&to=${today}`))).toHaveLength(30);
    expect(entries(await page(`cooperative=${coop.id}&from=2099-01-01`))).toEqual([]);
    expect(entries(await page(`cooperative=${coop.id}&to=2000-01-01`))).toEqual([]);
    // A made-up action is ignored, not an error.
    expect(entries(await page(`cooperative=${coop.id}&action=drop table`))).toHaveLength(30);
  });
});
