/**
 * "Find my order" and the policy pages over HTTP against the built server (issue 17,
 * decision 019). Find my order mails the private link to the order's own address and answers
 * the same whether or not the order exists, within limits; the policy pages exist in every
 * language, are linked from every footer and from checkout, and chamber admins edit them
 * (audited), moderators cannot.
 */
import { and, asc, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { auditLog, mailOutbox, policyPages } from "#db/schema";
import { orderReference, partReference } from "~/models/order-reference";
import { policySlugs } from "~/models/policy-defaults";
import { decodeEntities, requestAsDecoded } from "../support/client";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn } from "../support/fixtures";
import { baseUrl, newVisitorAddress, postFrom } from "../support/http";
import { waitForMail } from "../support/mailbox";
import { deliveredOrder } from "../support/reviews";
import { createShop, type Shop } from "../support/shops";

let app: DatabaseHandle;
let shop: Shop;

beforeAll(async () => {
  app = openAppDatabase();
  shop = await createShop(app.db, { products: [{ stock: 50, priceCentimes: 10_000 }] });
});
afterAll(async () => {
  await app?.close();
});

const send = requestAsDecoded;

const findOrderMails = (to: string) =>
  app.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.to, to), eq(mailOutbox.kind, "find_order")))
    .orderBy(asc(mailOutbox.id));

/** What the page says, without the markup (the answer must be the same whatever the input). */
const statusText = (html: string) => html.match(/data-testid="find-sent"[^>]*>([^<]*)</)?.[1] ?? null;

describe("find my order", () => {
  it("mails the order's link to its address and answers the same for an order that does not exist", async () => {
    const order = await deliveredOrder(app.db, [shop.products[0].id], { deliver: false, locale: "fr" });
    const reference = orderReference(order);
    const visitor = newVisitorAddress();

    const found = await postFrom(visitor, "/fr/find-order", {
      email: order.buyerEmail.toUpperCase(),
      reference: reference.toLowerCase(),
    });
    expect(found.status).toBe(200);
    // Never shown on the page.
    expect(found.body).not.toContain(order.token);
    const [mail] = await waitForMail(order.buyerEmail, (m) => m.subject.includes(reference));
    expect(mail.text).toContain(`${baseUrl()}/fr/orders/${order.token}`);

    const stranger = `nobody-${Date.now().toString(36)}@example.ma`;
    const missing = await postFrom(visitor, "/fr/find-order", { email: stranger, reference });
    expect(missing.status).toBe(found.status);
    expect(statusText(missing.body)).toBe(statusText(found.body));
    expect(statusText(found.body)).toContain("Si une commande porte cette référence");
    expect(await findOrderMails(stranger)).toHaveLength(0);

    // The right address with a wrong year or another order's number: nothing either.
    const wrongYear = reference.replace(/^H-(\d{4})/, (_, y) => `H-${Number(y) - 1}`);
    await postFrom(newVisitorAddress(), "/fr/find-order", { email: order.buyerEmail, reference: wrongYear });
    // A part's reference names its order too: a second mail, in Arabic from the Arabic page.
    const part = partReference(order, 0);
    expect(
      (await postFrom(newVisitorAddress(), "/ar/find-order", { email: order.buyerEmail, reference: part }))
        .status,
    ).toBe(200);
    const sent = await findOrderMails(order.buyerEmail);
    expect(sent).toHaveLength(2);
    expect(sent[1].text).toContain(`/ar/orders/${order.token}`);
  });

  it("answers bad input next to the field, keeping what was typed", async () => {
    const bad = await postFrom(newVisitorAddress(), "/fr/find-order", {
      email: "pas-une-adresse",
      reference: "123",
    });
    expect(bad.status).toBe(400);
    const html = decodeEntities(bad.body);
    expect(html).toContain("La référence ressemble à H-2026-000123.");
    expect(html).toMatch(/name="reference"[^>]*value="123"|value="123"[^>]*name="reference"/);
  });

  it("limits one connection to 10 requests an hour (429) and one mailbox to 3 mails an hour", async () => {
    const order = await deliveredOrder(app.db, [shop.products[0].id], { deliver: false });
    const reference = orderReference(order);
    const visitor = newVisitorAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await postFrom(visitor, "/fr/find-order", { email: order.buyerEmail, reference })).status,
      );
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses[10]).toBe(429);
    // Ten accepted asks for one mailbox: three mails, no more.
    expect(await findOrderMails(order.buyerEmail)).toHaveLength(3);
    // Another visitor is not held back by the first one's limit.
    expect(
      (await postFrom(newVisitorAddress(), "/fr/find-order", { email: "x@example.ma", reference })).status,
    ).toBe(200);
  });
});

describe("policy pages", () => {
  it("exist in Arabic, French and English with the text they ship with; an unknown one is a 404", async () => {
    for (const locale of ["ar", "fr", "en"]) {
      for (const slug of policySlugs) {
        const page = await send(null, "GET", `/${locale}/policies/${slug}`);
        expect(page.status, `${locale} ${slug}`).toBe(200);
        expect(page.body).toContain('data-testid="policy"');
      }
    }
    const privacy = await send(null, "GET", "/fr/policies/privacy");
    expect(privacy.body).toContain("09-08");
    expect(privacy.body).toContain("privacy@hirfa.ma");
    expect(privacy.body).toContain("demander la suppression de vos données");
    expect((await send(null, "GET", "/ar/policies/privacy")).body).toContain("09-08");
    expect((await send(null, "GET", "/fr/policies/nothing")).status).toBe(404);
  });

  it("are linked from every footer and from checkout", async () => {
    for (const path of [
      "/fr",
      "/ar",
      `/fr/products/${shop.products[0].slug}`,
      "/fr/login",
      "/ar/find-order",
    ]) {
      const page = await send(null, "GET", path);
      const locale = path.slice(1, 3);
      for (const slug of policySlugs)
        expect(page.body, `${path} → ${slug}`).toContain(`href="/${locale}/policies/${slug}"`);
      expect(page.body).toContain(`href="/${locale}/find-order"`);
    }
    // Checkout with something in the cart.
    const cart = await fetch(`${baseUrl()}/fr/cart`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "add", productId: String(shop.products[0].id), quantity: "1" }),
    });
    const cookie = cart.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const checkout = await send(cookie, "GET", "/fr/checkout");
    expect(checkout.status).toBe(200);
    const links = checkout.body.match(/data-testid="checkout-policies"[\s\S]*?<\/p>/)?.[0] ?? "";
    for (const slug of ["terms", "returns", "delivery", "privacy"])
      expect(links).toContain(`/fr/policies/${slug}`);
  });

  it("are edited by chamber admins in every language (audited), not by moderators; bad input keeps what was typed", async () => {
    const admin = await makeUser(app.db, { prefix: "policy-admin", staffRole: "admin" });
    const moderator = await makeUser(app.db, { prefix: "policy-mod", staffRole: "moderator" });
    const adminCookie = (await signIn(app.db, admin.id)).cookie;
    const moderatorCookie = (await signIn(app.db, moderator.id)).cookie;
    const form = {
      title_ar: "التوصيل",
      title_fr: "Livraison",
      title_en: "Delivery",
      body_ar: "## الآجال\nنشحن داخل 48 ساعة إلى كل مدن المغرب.",
      body_fr: "## Délais\nNous expédions sous 48 heures partout au Maroc.",
      body_en: "## Times\nWe ship within 48 hours anywhere in Morocco.",
    };
    expect((await send(moderatorCookie, "GET", "/fr/chamber/policies/delivery")).status).toBe(403);
    expect((await send(moderatorCookie, "POST", "/fr/chamber/policies/delivery", form)).status).toBe(403);
    expect((await send(adminCookie, "GET", "/fr/chamber/policies")).body).toContain(
      "/fr/chamber/policies/delivery",
    );

    // Warm the shared page cache: the edit must show at once all the same.
    expect((await send(null, "GET", "/fr/policies/delivery")).body).not.toContain("sous 48 heures");

    const bad = await send(adminCookie, "POST", "/fr/chamber/policies/delivery", {
      ...form,
      body_fr: "Court",
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("Un texte d'au moins 20 caractères.");
    expect(bad.body).toMatch(/<textarea[^>]*name="body_fr"[^>]*>Court<\/textarea>/);
    expect(bad.body).toContain("نشحن داخل 48 ساعة");

    const saved = await send(adminCookie, "POST", "/fr/chamber/policies/delivery", form);
    expect(saved.status).toBe(302);
    const fr = await send(null, "GET", "/fr/policies/delivery");
    expect(fr.body).toContain("Nous expédions sous 48 heures partout au Maroc.");
    expect(fr.body).toMatch(/<h2>Délais<\/h2>/);
    expect((await send(null, "GET", "/ar/policies/delivery")).body).toContain("نشحن داخل 48 ساعة");
    expect((await send(null, "GET", "/en/policies/delivery")).body).toContain("We ship within 48 hours");
    const [entry] = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "policy.update"), eq(auditLog.entityId, "delivery")))
      .orderBy(desc(auditLog.id));
    expect(entry.actorUserId).toBe(admin.id);
    expect((entry.after as { body: { fr: string } }).body.fr).toContain("sous 48 heures");
    const log = await send(adminCookie, "GET", "/fr/chamber/audit?action=policy.update");
    expect(log.body).toContain("a modifié la page « ");
    expect(log.body).toContain('href="/fr/chamber/policies/delivery"');
    // Put the shipped text back for the other tests of the run.
    await app.db.delete(policyPages).where(eq(policyPages.slug, "delivery"));
  });
});
