/**
 * Refunds of card payments, end to end: a cooperative cancels its part of a paid order over
 * HTTP, the app asks the local Stripe API (through the official SDK) to refund that part, and
 * the buyer's page, the cooperative's page and the buyer's mail say so. Stripe outages are
 * retried by `npm run sweep`, refusals recorded; a payment that arrives after its order was
 * cancelled is refunded whole.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { and, eq, inArray, isNull } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { auditLog, orders, refunds, shopOrders } from "#db/schema";
import { formatMoney } from "~/i18n/format";
import { orderReference, partReference } from "~/models/order-reference";
import { Client, decodeEntities, orderTokenFrom } from "../support/client";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { waitForMail } from "../support/mailbox";
import { checkoutForm, createShop, type Shop } from "../support/shops";
import {
  failRefunds,
  paymentIntentOf,
  placeCardOrder,
  postWebhook,
  refundRequestsFor,
  sessionEvent,
  stripeRequests,
} from "../support/stripe";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");

let app: DatabaseHandle;
let weaver: Shop;
let potter: Shop;

beforeAll(async () => {
  app = openAppDatabase();
  weaver = await createShop(app.db, {
    shippingFeeIntl: 28_000,
    shippingFeeMa: 4_000,
    products: [{ stock: 50, priceCentimes: 45_000 }],
  });
  potter = await createShop(app.db, {
    shippingFeeIntl: 15_000,
    shippingFeeMa: 3_000,
    products: [{ stock: 50, priceCentimes: 12_050 }],
  });
});
afterAll(async () => {
  await app?.close();
});

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A card order of two weaver pieces and one pot, shipped to France, placed in `locale`. */
const cardOrder = (locale: "fr" | "ar") =>
  placeCardOrder(
    app.db,
    [
      { productId: weaver.products[0].id, quantity: 2 },
      { productId: potter.products[0].id, quantity: 1 },
    ],
    { locale, email: `refund-${unique()}@example.com` },
  );

async function paidCardOrder(locale: "fr" | "ar" = "fr") {
  const placed = await cardOrder(locale);
  const res = await postWebhook(
    sessionEvent({
      type: "checkout.session.completed",
      sessionId: placed.sessionId,
      orderId: placed.order.id,
    }),
  );
  expect(res.status).toBe(200);
  return placed;
}

const shopOrderOf = async (orderId: number, shop: Shop) =>
  (
    await app.db
      .select()
      .from(shopOrders)
      .where(and(eq(shopOrders.orderId, orderId), eq(shopOrders.cooperativeId, shop.coop.id)))
  )[0];

async function cancel(shop: Shop, shopOrderId: number, reason: string) {
  const { cookie } = await signIn(app.db, shop.owner.id);
  return fetch(`${baseUrl()}/fr/shop/orders/${shopOrderId}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl(), Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "cancel", reason }).toString(),
  });
}

async function shopPage(shop: Shop, shopOrderId: number) {
  const { cookie } = await signIn(app.db, shop.owner.id);
  const res = await fetch(`${baseUrl()}/fr/shop/orders/${shopOrderId}`, { headers: { Cookie: cookie } });
  return res.text();
}

const refundOf = async (shopOrderId: number) =>
  (await app.db.select().from(refunds).where(eq(refunds.shopOrderId, shopOrderId)))[0];

/** Reads until `ok` holds (Stripe is answered after the HTTP response, in the background). */
const settled = <T>(read: () => Promise<T>, ok: (value: T) => boolean) =>
  vi.waitFor(
    async () => {
      const value = await read();
      if (!ok(value)) throw new Error(`not yet: ${JSON.stringify(value)}`);
      return value;
    },
    { timeout: 10_000, interval: 100 },
  );

const sweep = () =>
  run(path.join(root, "node_modules/.bin/tsx"), ["scripts/sweep.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: process.env.APP_DATABASE_URL },
  });

describe("a cooperative cancels its part of a paid card order", () => {
  it("refunds that part, shipping included, once, and tells the buyer and the cooperative", async () => {
    const { order, sessionId, email } = await paidCardOrder("fr");
    const paymentIntent = paymentIntentOf(sessionId);
    expect((await app.db.select().from(orders).where(eq(orders.id, order.id)))[0].stripePaymentIntentId).toBe(
      paymentIntent,
    );
    const part = await shopOrderOf(order.id, weaver);
    const due = 2 * 45_000 + 28_000;
    // The cooperative is told what cancelling will give back.
    expect(await shopPage(weaver, part.id)).toContain(
      `annuler lui rembourse ${formatMoney(due, "MAD", "fr")} (articles et livraison de votre colis)`,
    );

    expect((await cancel(weaver, part.id, "Métier à tisser en panne")).status).toBe(302);
    const refund = await settled(
      () => refundOf(part.id),
      (r) => r?.status === "issued",
    );
    expect(refund).toMatchObject({
      orderId: order.id,
      reason: "shop_order_cancelled",
      amountCentimes: due,
      currency: "MAD",
      status: "issued",
      attempts: 1,
    });
    expect(refund.stripeRefundId).toMatch(/^re_test_/);

    // What Stripe received, field by field.
    const [request, ...more] = refundRequestsFor(order.id);
    expect(more).toEqual([]);
    expect(request).toMatchObject({
      method: "POST",
      authorized: true,
      idempotencyKey: `hirfa-refund-${refund.id}-1-${paymentIntent}`,
    });
    expect(request.body).toEqual({
      payment_intent: paymentIntent,
      amount: String(due),
      reason: "requested_by_customer",
      metadata: {
        order_id: String(order.id),
        shop_order_id: String(part.id),
        hirfa_refund: `refund-${refund.id}`,
      },
    });

    // The buyer's page, the cooperative's page and the buyer's mail.
    const amount = formatMoney(due, "MAD", "fr");
    const buyerPage = await (await fetch(`${baseUrl()}/fr/orders/${order.token}`)).text();
    expect(buyerPage).toContain(`${amount} remboursés sur votre carte.`);
    expect(buyerPage).toMatch(/data-testid="refund" data-status="issued"/);
    expect(await shopPage(weaver, part.id)).toContain(`Client remboursé : ${amount}.`);
    const [mail] = await waitForMail(email, (m) => m.text.includes("Métier à tisser en panne"));
    expect(mail.text).toContain(
      `Cette partie de la commande, ${amount}, vous est remboursée sur votre carte.`,
    );

    // The other cooperative's part is untouched; a second cancel changes nothing.
    expect(await refundOf((await shopOrderOf(order.id, potter)).id)).toBeUndefined();
    expect((await cancel(weaver, part.id, "encore")).status).toBe(409);
    expect(refundRequestsFor(order.id)).toHaveLength(1);
  });

  it("in Arabic, tells the buyer in Arabic", async () => {
    const { order } = await paidCardOrder("ar");
    const part = await shopOrderOf(order.id, potter);
    expect((await cancel(potter, part.id, "انكسرت القطعة")).status).toBe(302);
    const refund = await settled(
      () => refundOf(part.id),
      (r) => r?.status === "issued",
    );
    expect(refund.amountCentimes).toBe(12_050 + 15_000);
    const page = await (await fetch(`${baseUrl()}/ar/orders/${order.token}`)).text();
    expect(page).toContain(`تم استرداد ${formatMoney(27_050, "MAD", "ar")} إلى بطاقتك.`);
  });

  it("keeps a refund Stripe could not take, says it is on its way, and the sweep sends it once", async () => {
    const { order, sessionId } = await paidCardOrder();
    const paymentIntent = paymentIntentOf(sessionId);
    // Stripe answers 500 (and, as it does, keeps that answer for the request's key).
    await failRefunds(paymentIntent, 500, 1);
    const part = await shopOrderOf(order.id, weaver);
    expect((await cancel(weaver, part.id, "Laine introuvable")).status).toBe(302);
    const pending = await settled(
      () => refundOf(part.id),
      (r) => r?.attempts === 1 && r.sendingUntil === null,
    );
    expect(pending).toMatchObject({ status: "pending", attempts: 1, stripeRefundId: null });
    expect(pending.lastError).toContain("connection to Stripe");
    expect(await shopPage(weaver, part.id)).toContain("en cours d’envoi à Stripe");
    const buyerPage = await (await fetch(`${baseUrl()}/fr/orders/${order.token}`)).text();
    expect(buyerPage).toContain(
      `Remboursement de ${formatMoney(118_000, "MAD", "fr")} sur votre carte en cours.`,
    );

    // The sweep ran; which sweep sent the refund is not this test's to say (other test files run
    // theirs on the same database at the same time): the refund's state and Stripe's requests are.
    const { stdout } = await sweep();
    expect(stdout).toMatch(/\d+ refund\(s\) sent/);
    const issued = await settled(
      () => refundOf(part.id),
      (r) => r?.status === "issued" && r.sendingUntil === null,
    );
    expect(issued).toMatchObject({ status: "issued", attempts: 2, lastError: null, sendingUntil: null });
    // The second attempt first looked for a refund the first one may have made, then made it
    // under a key of its own (the first key's answer is the 500, for a day).
    const mine = stripeRequests().filter(
      (r) =>
        r.path === "/v1/refunds" &&
        (r.body?.payment_intent === paymentIntent || r.query?.payment_intent === paymentIntent),
    );
    expect(mine.map((r) => r.method)).toEqual(["POST", "GET", "POST"]);
    expect(mine.map((r) => r.idempotencyKey)).toEqual([
      `hirfa-refund-${issued.id}-1-${paymentIntent}`,
      null,
      `hirfa-refund-${issued.id}-2-${paymentIntent}`,
    ]);
    // Sweeping again sends nothing more.
    await sweep();
    expect(
      stripeRequests().filter((r) => r.path === "/v1/refunds" && r.body?.payment_intent === paymentIntent),
    ).toHaveLength(2);
  });

  it("records a refund Stripe refuses as failed, says so, and does not send it again", async () => {
    const { order, sessionId } = await paidCardOrder();
    await failRefunds(paymentIntentOf(sessionId), 400, 1);
    const part = await shopOrderOf(order.id, potter);
    expect((await cancel(potter, part.id, "Four cassé")).status).toBe(302);
    const failed = await settled(
      () => refundOf(part.id),
      (r) => r?.status === "failed",
    );
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed.lastError).toContain("cannot be refunded");
    expect(await shopPage(potter, part.id)).toContain("Stripe a refusé le remboursement du client");
    const buyerPage = await (await fetch(`${baseUrl()}/fr/orders/${order.token}`)).text();
    expect(buyerPage).toMatch(/class="alert alert--warn" data-testid="refund" data-status="failed"/);
    await sweep();
    expect(refundRequestsFor(order.id)).toHaveLength(1);

    // A refund of the same order still unsent after two hours (its sender stuck on it).
    const hoursAgo = new Date(Date.now() - 2 * 60 * 60_000);
    const [stuck] = await app.db
      .insert(refunds)
      .values({
        orderId: order.id,
        reason: "paid_after_cancellation",
        amountCentimes: 500,
        attempts: 2,
        sendingUntil: new Date(Date.now() + 60 * 60_000),
        createdAt: hoursAgo,
      })
      .returning();

    // The chamber sees both among the refunds to follow, in either language.
    const staff = await makeUser(app.db, { prefix: "refund-staff", staffRole: "moderator" });
    const { cookie } = await signIn(app.db, staff.id);
    const fr = await (await fetch(`${baseUrl()}/fr/chamber/payouts`, { headers: { Cookie: cookie } })).text();
    const row = fr.match(new RegExp(`<tr data-testid="refund-${failed.id}">([\\s\\S]*?)</tr>`))?.[1] ?? "";
    const parts = (
      await app.db.select({ id: shopOrders.id }).from(shopOrders).where(eq(shopOrders.orderId, order.id))
    ).sort((x, y) => x.id - y.id);
    expect(row).toContain(
      `n° ${partReference(
        order,
        parts.findIndex((p) => p.id === part.id),
      )}`,
    );
    expect(row).toContain(potter.coop.name.fr);
    expect(row).toContain(formatMoney(27_050, "MAD", "fr"));
    expect(row).toContain("Refusé par Stripe (1 essai)");
    expect(row).toContain("This charge cannot be refunded");
    const stuckRow =
      fr.match(new RegExp(`<tr data-testid="refund-${stuck.id}">([\\s\\S]*?)</tr>`))?.[1] ?? "";
    expect(stuckRow).toContain("Pas encore envoyé (2 essais)");
    expect(stuckRow).toContain("Toute la commande (payée après son annulation)");
    const ar = await (await fetch(`${baseUrl()}/ar/chamber/payouts`, { headers: { Cookie: cookie } })).text();
    expect(ar).toContain("رفضه Stripe (محاولة واحدة)");
    // The chamber's menu counts them (at least these two; other tests' may be there too).
    const badge = fr.match(
      /Virements(?:<!-- -->)? <span class="badge" aria-label="Remboursements à suivre : (\d+) en attente">(\d+)<\/span>/,
    );
    expect(Number(badge?.[1])).toBeGreaterThanOrEqual(2);
    expect(badge?.[2]).toBe(badge?.[1]);

    // Staff make the refund in Stripe's dashboard and say so: never sent again, audited.
    const mark = (locale: "fr" | "ar", refundId: number, note: string) =>
      fetch(`${baseUrl()}/${locale}/chamber/payouts`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: baseUrl(), Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "refund-by-hand", refundId: String(refundId), note }).toString(),
      });
    const errorOf = async (res: Response, refundId: number) =>
      decodeEntities(
        (await res.text()).match(
          new RegExp(`<p class="form-error" role="alert" id="refund-error-${refundId}">([^<]*)</p>`),
        )?.[1] ?? "",
      );
    const noNote = await mark("ar", failed.id, "  ");
    expect(noNote.status).toBe(400);
    expect(await errorOf(noNote, failed.id)).toBe("أدخلوا مرجع الاسترداد أو ملاحظة.");
    const beingSent = await mark("fr", stuck.id, "re_123");
    expect(beingSent.status).toBe(409);
    expect(await errorOf(beingSent, stuck.id)).toBe(
      "Ce remboursement est en cours d’envoi à Stripe : réessayez dans quelques minutes.",
    );
    // A refund due less than an hour ago is still Hirfa's to send.
    const [fresh] = await app.db
      .insert(refunds)
      .values({
        orderId: order.id,
        shopOrderId: (await shopOrderOf(order.id, weaver)).id,
        reason: "shop_order_cancelled",
        amountCentimes: 700,
        attempts: 1,
        sendingUntil: new Date(Date.now() + 60 * 60_000),
      })
      .returning();
    const tooEarly = await mark("fr", fresh.id, "re_456");
    expect(tooEarly.status).toBe(409);
    expect(await errorOf(tooEarly, fresh.id)).toContain(
      "il ne peut être noté fait à la main qu’une heure après la demande",
    );
    expect((await app.db.select().from(refunds).where(eq(refunds.id, fresh.id)))[0].status).toBe("pending");

    const done = await mark("fr", failed.id, "re_manual_42, fait le 29/11");
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/fr/chamber/payouts?refunded=hand");
    expect(await refundOf(part.id)).toMatchObject({ status: "by_hand", sendingUntil: null });
    const [entry] = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "refund.by_hand"), eq(auditLog.entityId, String(failed.id))));
    expect(entry).toMatchObject({
      actorUserId: staff.id,
      entityType: "refund",
      reason: "re_manual_42, fait le 29/11",
      before: { status: "failed" },
      after: { status: "by_hand" },
    });
    const again = await mark("fr", failed.id, "again");
    expect(again.status).toBe(409);
    expect(await errorOf(again, failed.id)).toBe("Ce remboursement a déjà été traité.");
    const after = await (
      await fetch(`${baseUrl()}/fr/chamber/payouts`, { headers: { Cookie: cookie } })
    ).text();
    expect(after).not.toContain(`data-testid="refund-${failed.id}"`);
    expect(await (await fetch(`${baseUrl()}/fr/orders/${order.token}`)).text()).toContain(
      `${formatMoney(27_050, "MAD", "fr")} remboursés sur votre carte.`,
    );
    await sweep();
    expect(refundRequestsFor(order.id)).toHaveLength(1);
    await app.db.delete(refunds).where(inArray(refunds.id, [fresh.id]));
    await app.db.delete(refunds).where(eq(refunds.id, stuck.id));
  });

  it("records as made a refund Stripe made whose answer was lost, when staff come to mark it", async () => {
    const { order, sessionId } = await paidCardOrder();
    const paymentIntent = paymentIntentOf(sessionId);
    await failRefunds(paymentIntent, 500, 1);
    const part = await shopOrderOf(order.id, weaver);
    expect((await cancel(weaver, part.id, "Teinture ratée")).status).toBe(302);
    const pending = await settled(
      () => refundOf(part.id),
      (r) => r?.attempts === 1 && r.sendingUntil === null,
    );
    // Stripe made it after all (as if its answer had been lost), and an hour went by.
    const api = new URL(process.env.STRIPE_API_URL!);
    const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, {
      host: api.hostname,
      port: Number(api.port),
      protocol: "http",
    });
    const made = await stripe.refunds.create({
      payment_intent: paymentIntent,
      amount: pending.amountCentimes,
      metadata: { hirfa_refund: `refund-${pending.id}` },
    });
    await app.db
      .update(refunds)
      .set({ createdAt: new Date(Date.now() - 2 * 60 * 60_000) })
      .where(eq(refunds.id, pending.id));

    const staff = await makeUser(app.db, { prefix: "refund-staff-2", staffRole: "moderator" });
    const { cookie } = await signIn(app.db, staff.id);
    const res = await fetch(`${baseUrl()}/fr/chamber/payouts`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: baseUrl(), Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        intent: "refund-by-hand",
        refundId: String(pending.id),
        note: "fait dans le tableau de bord",
      }).toString(),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/fr/chamber/payouts?refunded=stripe");
    expect(await refundOf(part.id)).toMatchObject({ status: "issued", stripeRefundId: made.id });
    const [entry] = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "refund.found_at_stripe"), eq(auditLog.entityId, String(pending.id))));
    expect(entry).toMatchObject({
      actorUserId: staff.id,
      after: { status: "issued", stripeRefundId: made.id },
    });
    const notice = await (
      await fetch(`${baseUrl()}${res.headers.get("location")}`, { headers: { Cookie: cookie } })
    ).text();
    expect(notice).toContain("Stripe avait déjà fait ce remboursement");
    // Nothing more is sent: one failed request from Hirfa, the one made at Stripe.
    await sweep();
    expect(
      stripeRequests().filter(
        (r) => r.path === "/v1/refunds" && r.method === "POST" && r.body?.payment_intent === paymentIntent,
      ),
    ).toHaveLength(2);
  });

  it("refunds nothing for cash on delivery", async () => {
    const client = new Client();
    await client.post("/fr/cart", { intent: "add", productId: weaver.products[0].id, quantity: 1 });
    const placed = await client.post(
      "/fr/checkout",
      checkoutForm({ name: "Karim Alaoui", email: `cod-${unique()}@example.ma`, phone: "0612345678" }),
    );
    expect(placed.res.status, placed.html.slice(0, 300)).toBe(302);
    const [order] = await app.db
      .select()
      .from(orders)
      .where(eq(orders.token, orderTokenFrom(placed.res.headers.get("location"))));
    const part = await shopOrderOf(order.id, weaver);
    expect((await cancel(weaver, part.id, "Rupture")).status).toBe(302);
    expect(await app.db.select().from(refunds).where(eq(refunds.orderId, order.id))).toEqual([]);
    expect(await shopPage(weaver, part.id)).not.toContain('data-testid="refund"');
  });
});

describe("a payment that arrives after its order was cancelled", () => {
  it("is refunded whole, the payment found through the session when the event does not name it", async () => {
    const { order, sessionId, email } = await cardOrder("fr");
    await postWebhook(
      sessionEvent({
        type: "checkout.session.expired",
        sessionId,
        orderId: order.id,
        paymentStatus: "unpaid",
      }),
    );
    const late = sessionEvent({
      type: "checkout.session.completed",
      sessionId,
      orderId: order.id,
      paymentIntent: null,
    });
    expect((await postWebhook(late)).status).toBe(200);
    const refund = await settled(
      async () =>
        (
          await app.db
            .select()
            .from(refunds)
            .where(and(eq(refunds.orderId, order.id), isNull(refunds.shopOrderId)))
        )[0],
      (r) => r?.status === "issued",
    );
    expect(refund).toMatchObject({
      reason: "paid_after_cancellation",
      amountCentimes: order.totalCentimes,
      status: "issued",
    });
    expect(
      stripeRequests().some((r) => r.method === "GET" && r.path === `/v1/checkout/sessions/${sessionId}`),
    ).toBe(true);
    const [request] = refundRequestsFor(order.id);
    expect(request.body).toMatchObject({
      payment_intent: paymentIntentOf(sessionId),
      amount: String(order.totalCentimes),
    });
    expect(request.body.metadata.shop_order_id).toBeUndefined();
    const row = (await app.db.select().from(orders).where(eq(orders.id, order.id)))[0];
    expect(row).toMatchObject({
      paymentStatus: "cancelled",
      stripePaymentIntentId: paymentIntentOf(sessionId),
    });
    const page = await (await fetch(`${baseUrl()}/fr/orders/${order.token}`)).text();
    expect(page).toContain(`${formatMoney(order.totalCentimes, "MAD", "fr")} remboursés sur votre carte.`);
    const [mail] = await waitForMail(email, (m) =>
      m.subject.includes("votre paiement reçu après l’annulation"),
    );
    expect(mail.subject).toBe(
      `Hirfa — commande n° ${orderReference(order)} : votre paiement reçu après l’annulation`,
    );
    expect(mail.text).toContain(
      `Votre paiement de ${formatMoney(order.totalCentimes, "MAD", "fr")} est arrivé après l’annulation de la commande n° ${orderReference(order)}`,
    );
    // The same payment announced again (another event) owes nothing more: no second refund is written.
    expect(
      (
        await postWebhook(
          sessionEvent({ type: "checkout.session.async_payment_succeeded", sessionId, orderId: order.id }),
        )
      ).status,
    ).toBe(200);
    expect(await app.db.select().from(refunds).where(eq(refunds.orderId, order.id))).toHaveLength(1);
    expect(refundRequestsFor(order.id)).toHaveLength(1);
  });
});
