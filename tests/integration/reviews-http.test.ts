/**
 * Verified reviews over HTTP against the built server (issue 17, decision 019): only the buyer
 * of a delivered part may review its products, once per product per order, whatever the form
 * posted says; the delivery mail links each review form; reviews and the cooperative's one
 * answer go public after the chamber's decision (audited, mailed); product and cooperative
 * pages show the average, the count, "achat vérifié" and JSON-LD built from approved reviews only.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { auditLog, mailOutbox, orders, productReviews, shopOrders } from "#db/schema";
import { Client, decodeEntities, orderTokenFrom } from "../support/client";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn } from "../support/fixtures";
import { baseUrl, requestAs } from "../support/http";
import { waitForMail } from "../support/mailbox";
import { deliveredOrder, writtenReview } from "../support/reviews";
import { checkoutForm, createShop, type Shop } from "../support/shops";

let app: DatabaseHandle;
let shop: Shop;
let other: Shop;
let moderatorCookie: string;

beforeAll(async () => {
  app = openAppDatabase();
  [shop, other] = await Promise.all([
    createShop(app.db, {
      products: [
        { stock: 20, priceCentimes: 30_000, title: { ar: "طبق أزرق للمراجعة", fr: "Plat bleu à noter" } },
        { stock: 20, priceCentimes: 12_000 },
      ],
    }),
    createShop(app.db, { products: [{ stock: 20, priceCentimes: 8_000 }] }),
  ]);
  const moderator = await makeUser(app.db, { prefix: "reviews-mod", staffRole: "moderator" });
  moderatorCookie = (await signIn(app.db, moderator.id)).cookie;
});
afterAll(async () => {
  await app?.close();
});

const send = (
  cookie: string | null,
  method: "GET" | "POST",
  path: string,
  form?: Record<string, string | number>,
) => requestAs(cookie, method, path, form);

const reviewsOf = (productId: number) =>
  app.db.select().from(productReviews).where(eq(productReviews.productId, productId));

/** The JSON-LD Product of a product page. */
function productLd(html: string): Record<string, unknown> {
  for (const m of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
    const value = JSON.parse(m[1]) as Record<string, unknown>;
    if (value["@type"] === "Product") return value;
  }
  throw new Error("no Product JSON-LD");
}

describe("a review needs a delivered order", () => {
  it("is refused before delivery, for another buyer's product, for an undelivered part, and twice; accepted once delivered", async () => {
    // A buyer orders from two cooperatives, over HTTP.
    const buyer = new Client();
    await buyer.post("/fr/cart", { intent: "add", productId: shop.products[0].id, quantity: 1 });
    await buyer.post("/fr/cart", { intent: "add", productId: other.products[0].id, quantity: 1 });
    const email = `reviewer-${Date.now().toString(36)}@example.ma`;
    const placed = await buyer.post("/fr/checkout", checkoutForm({ email }));
    expect(placed.res.status).toBe(302);
    const token = orderTokenFrom(placed.res.headers.get("location"));
    const [order] = await app.db.select().from(orders).where(eq(orders.token, token));
    const parts = await app.db.select().from(shopOrders).where(eq(shopOrders.orderId, order.id));
    const ours = parts.find((p) => p.cooperativeId === shop.coop.id)!;
    const review = { rating: 4, body: "Très beau plat, bien emballé, couleurs fidèles.", lang: "fr" };
    const formPath = `/fr/orders/${token}/review/${shop.products[0].id}`;

    // Not delivered yet: the page says so and a forged post is refused, with nothing written.
    const early = await buyer.get(formPath);
    expect(early.res.status).toBe(200);
    expect(early.html).toContain("quand cette partie de la commande vous aura été livrée");
    expect(early.html).not.toContain('data-testid="review-form"');
    expect((await buyer.post(formPath, review)).res.status).toBe(403);
    expect(await reviewsOf(shop.products[0].id)).toHaveLength(0);

    // The cooperative confirms, ships and delivers its part.
    const owner = (await signIn(app.db, shop.owner.id)).cookie;
    const steps: Record<string, string>[] = [
      { intent: "confirm" },
      { intent: "ship", carrier: "Amana", trackingNumber: "AM123456789MA" },
      { intent: "deliver" },
    ];
    for (const step of steps)
      expect((await send(owner, "POST", `/fr/shop/orders/${ours.id}`, step)).status).toBe(302);

    // The delivery mail links the review form of each delivered piece.
    const [delivered] = await waitForMail(email, (m) => m.subject.includes("est livrée"));
    expect(delivered.text).toContain(`${baseUrl()}${formPath}`);
    expect(delivered.text).not.toContain(`/review/${other.products[0].id}`);

    // The order page links the delivered piece only (the other cooperative's part is pending).
    const orderPage = await buyer.get(`/fr/orders/${token}`);
    expect(orderPage.html).toContain(`href="${formPath}"`);
    expect(orderPage.html).not.toContain(`/review/${other.products[0].id}`);

    // Forged posts: the undelivered part's product, a product this order never had, a made-up token.
    expect((await buyer.post(`/fr/orders/${token}/review/${other.products[0].id}`, review)).res.status).toBe(
      403,
    );
    expect((await buyer.post(`/fr/orders/${token}/review/${shop.products[1].id}`, review)).res.status).toBe(
      404,
    );
    const otherBuyer = await deliveredOrder(app.db, [shop.products[1].id]);
    expect(
      (await buyer.post(`/fr/orders/${otherBuyer.token}/review/${shop.products[0].id}`, review)).res.status,
    ).toBe(404);
    expect(
      (await buyer.post(`/fr/orders/${"x".repeat(32)}/review/${shop.products[0].id}`, review)).res.status,
    ).toBe(404);
    expect(await reviewsOf(other.products[0].id)).toHaveLength(0);
    expect(await reviewsOf(shop.products[1].id)).toHaveLength(0);

    // Bad input: an error next to the field, what was typed kept, nothing written.
    const bad = await buyer.post(formPath, { rating: 0, body: "Bof", lang: "fr" });
    expect(bad.res.status).toBe(400);
    expect(bad.html).toContain("Choisissez une note de 1 à 5.");
    expect(bad.html).toContain("Écrivez votre avis (10 à 2000 caractères).");
    expect(bad.html).toMatch(/<textarea[^>]*name="body"[^>]*>Bof<\/textarea>/);
    expect(await reviewsOf(shop.products[0].id)).toHaveLength(0);

    // Delivered: accepted once, waiting for the chamber, shown with the buyer's first name and initial.
    const sent = await buyer.post(formPath, review);
    expect(sent.res.status).toBe(302);
    expect(sent.res.headers.get("location")).toBe(`/fr/orders/${token}?reviewed=1`);
    const rows = await reviewsOf(shop.products[0].id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      rating: 4,
      status: "pending",
      orderId: order.id,
      shopOrderId: ours.id,
      authorName: "Salma A.",
      locale: "fr",
    });

    // Twice: refused, still one review; the form page says it was given.
    expect((await buyer.post(formPath, { ...review, rating: 1 })).res.status).toBe(409);
    expect(await reviewsOf(shop.products[0].id)).toHaveLength(1);
    expect((await buyer.get(formPath)).html).toContain("Vous avez déjà donné votre avis");
    expect((await buyer.get(`/fr/orders/${token}`)).html).toContain("En attente de relecture");

    // Pending: not on the product page, nor in its JSON-LD.
    const page = await send(null, "GET", `/fr/products/${shop.products[0].slug}`);
    expect(page.body).not.toContain("couleurs fidèles");
    expect(productLd(page.body).aggregateRating).toBeUndefined();
  });
});

describe("the chamber's moderation of reviews and answers", () => {
  it("publishes after approval: average, count, achat vérifié and JSON-LD, in French and Arabic; audited and mailed", async () => {
    const fresh = await createShop(app.db, {
      products: [{ stock: 20, priceCentimes: 45_000, title: { ar: "زربية للتقييم", fr: "Tapis à évaluer" } }],
    });
    const product = fresh.products[0];
    const first = await writtenReview(app.db, product.id, {
      rating: 4,
      body: "Laine douce, tissage régulier, conforme aux photos.",
      publish: false,
    });
    const second = await writtenReview(app.db, product.id, {
      rating: 5,
      body: "زربية رائعة ووصلت بسرعة إلى مكناس.",
      locale: "ar",
      publish: false,
      buyerName: "Youssef Benali",
    });

    // Both wait in the one review queue, beside listings.
    const queue = await send(moderatorCookie, "GET", "/fr/chamber/reviews");
    expect(queue.body).toContain(`/fr/chamber/reviews/buyer/${first.reviewId}`);
    expect(queue.body).toContain("avis d&#x27;acheteur");

    // A reason meant for listings only is refused for a review (forged form).
    const wrongReason = await send(moderatorCookie, "POST", `/fr/chamber/reviews/buyer/${first.reviewId}`, {
      target: "review",
      decision: "reject",
      reason: "photos",
    });
    expect(wrongReason.status).toBe(400);

    for (const { reviewId } of [first, second]) {
      const approved = await send(moderatorCookie, "POST", `/fr/chamber/reviews/buyer/${reviewId}`, {
        target: "review",
        decision: "approve",
      });
      expect(approved.status).toBe(302);
    }
    // A second decision on the same review changes nothing.
    const again = await send(moderatorCookie, "POST", `/fr/chamber/reviews/buyer/${first.reviewId}`, {
      target: "review",
      decision: "reject",
      reason: "review_off_topic",
    });
    expect(again.status).toBe(409);
    const [entry] = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "product_review"), eq(auditLog.entityId, String(first.reviewId))))
      .orderBy(desc(auditLog.id));
    expect(entry).toMatchObject({ action: "product_review.approve", after: { status: "published" } });
    // The audit log says it as a sentence, with a link to the review.
    const audit = await send(moderatorCookie, "GET", "/fr/chamber/audit?action=product_review.approve");
    expect(decodeEntities(audit.body)).toContain("a publié un avis d'acheteur sur « ");
    expect(audit.body).toContain(`href="/fr/chamber/reviews/buyer/${first.reviewId}"`);
    // The cooperative hears of it (it may answer).
    const [news] = await waitForMail(fresh.owner.email, (m) => m.subject.includes("Nouvel avis publié"));
    expect(news.text).toContain("/fr/shop/reviews");

    const fr = await send(null, "GET", `/fr/products/${product.slug}`);
    expect(fr.body).toContain('data-testid="rating-average">4,5 sur 5<');
    expect(fr.body).toMatch(
      /data-testid="rating-count">\(<!-- -->2 avis<!-- -->\)|data-testid="rating-count">\(2 avis\)/,
    );
    expect(fr.body.match(/data-testid="verified-purchase"/g)).toHaveLength(2);
    expect(fr.body).toContain("Achat vérifié");
    expect(fr.body).toContain("Salma A.");
    expect(fr.body).toContain("Youssef B.");
    const ld = productLd(fr.body);
    expect(ld.aggregateRating).toEqual({
      "@type": "AggregateRating",
      ratingValue: "4.5",
      reviewCount: 2,
      bestRating: 5,
      worstRating: 1,
    });
    expect(
      (ld.review as { reviewRating: { ratingValue: number } }[])
        .map((r) => r.reviewRating.ratingValue)
        .sort(),
    ).toEqual([4, 5]);
    const ar = await send(null, "GET", `/ar/products/${product.slug}`);
    expect(ar.body).toContain("شراء موثَّق");
    expect(ar.body).toContain("رأيان");
    const coop = await send(null, "GET", `/fr/cooperatives/${fresh.coop.slug}`);
    expect(coop.body).toContain('data-testid="rating-average">4,5 sur 5<');
    expect(coop.body).toContain("Tapis à évaluer");
  });

  it("lets the cooperative answer once, publicly after approval; another cooperative cannot", async () => {
    const fresh = await createShop(app.db, { products: [{ stock: 20, priceCentimes: 15_000 }] });
    const product = fresh.products[0];
    const { reviewId } = await writtenReview(app.db, product.id, {
      rating: 3,
      body: "Joli mais un petit éclat sur le bord.",
    });
    const owner = (await signIn(app.db, fresh.owner.id)).cookie;
    const list = await send(owner, "GET", "/fr/shop/reviews");
    expect(list.status).toBe(200);
    expect(list.body).toContain("un petit éclat sur le bord");

    // A member of another cooperative cannot answer it, nor see it listed.
    const stranger = await createShop(app.db, { label: "reviews-stranger", backOffice: true });
    const strangerCookie = (await signIn(app.db, stranger.owner.id)).cookie;
    expect((await send(strangerCookie, "GET", "/fr/shop/reviews")).body).not.toContain("un petit éclat");
    expect(
      (await send(strangerCookie, "POST", "/fr/shop/reviews", { reviewId, reply: "Pas nous.", lang: "fr" }))
        .status,
    ).toBe(404);

    const answer = "Merci ! Nous vous envoyons un plat de remplacement.";
    expect(
      (await send(owner, "POST", "/fr/shop/reviews", { reviewId, reply: answer, lang: "fr" })).status,
    ).toBe(302);
    // Once: a second answer is refused while the first waits or is public.
    const twice = await send(owner, "POST", "/fr/shop/reviews", {
      reviewId,
      reply: "Autre réponse.",
      lang: "fr",
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toContain("Vous avez déjà répondu à cet avis.");
    expect((await send(null, "GET", `/fr/products/${product.slug}`)).body).not.toContain(answer);

    expect(
      (
        await send(moderatorCookie, "POST", `/fr/chamber/reviews/buyer/${reviewId}`, {
          target: "reply",
          decision: "approve",
        })
      ).status,
    ).toBe(302);
    const page = await send(null, "GET", `/fr/products/${product.slug}`);
    expect(page.body).toContain("Réponse de la coopérative");
    expect(page.body).toContain(answer);
    const [entry] = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "product_review"), eq(auditLog.entityId, String(reviewId))))
      .orderBy(desc(auditLog.id));
    expect(entry.action).toBe("review_reply.approve");
  });

  it("keeps a rejected review off the pages and tells its buyer why, in the review's language", async () => {
    const fresh = await createShop(app.db, { products: [{ stock: 20, priceCentimes: 15_000 }] });
    const product = fresh.products[0];
    const { order, reviewId } = await writtenReview(app.db, product.id, {
      rating: 1,
      body: "Appelez-moi au 0661234567 pour en parler.",
      publish: false,
    });
    const rejected = await send(moderatorCookie, "POST", `/fr/chamber/reviews/buyer/${reviewId}`, {
      target: "review",
      decision: "reject",
      reason: "review_personal_data",
      note: "Numéro de téléphone",
    });
    expect(rejected.status).toBe(302);
    const [row] = await app.db.select().from(productReviews).where(eq(productReviews.id, reviewId));
    expect(row.status).toBe("rejected");
    const [mail] = await waitForMail(order.buyerEmail, (m) => m.subject.includes("n'a pas été publié"));
    expect(mail.text).toContain("Contient des données personnelles");
    const page = await send(null, "GET", `/fr/products/${product.slug}`);
    expect(page.body).not.toContain("0661234567");
    expect(page.body).toContain("Pas encore d&#x27;avis");
    // The queue no longer lists it; the mail outbox holds the one notice.
    expect((await send(moderatorCookie, "GET", "/fr/chamber/reviews")).body).not.toContain(
      `/fr/chamber/reviews/buyer/${reviewId}"`,
    );
    const notices = await app.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.to, order.buyerEmail), eq(mailOutbox.kind, "review_decision")));
    expect(notices).toHaveLength(1);
  });

  it("pages reviews ten at a time, newest first, with the average of all", async () => {
    const fresh = await createShop(app.db, { products: [{ stock: 40, priceCentimes: 9_000 }] });
    const product = fresh.products[0];
    for (let i = 0; i < 12; i++)
      await writtenReview(app.db, product.id, {
        rating: i < 6 ? 5 : 4,
        body: `Avis numéro ${i + 1} sur la pièce.`,
      });
    const one = await send(null, "GET", `/fr/products/${product.slug}`);
    expect(one.body.match(/data-testid="review"/g)).toHaveLength(10);
    expect(one.body).toContain("Avis numéro 12 sur la pièce.");
    expect(one.body).not.toContain("Avis numéro 1 sur la pièce.");
    expect(one.body).toContain('data-testid="rating-average">4,5 sur 5<');
    expect(one.body).toContain(`href="/fr/products/${product.slug}?reviews=2#reviews-title"`);
    const two = await send(null, "GET", `/fr/products/${product.slug}?reviews=2`);
    expect(two.body.match(/data-testid="review"/g)).toHaveLength(2);
    expect(two.body).toContain("Avis numéro 1 sur la pièce.");
  });
});
