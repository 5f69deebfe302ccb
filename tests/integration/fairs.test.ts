/**
 * Fairs, collection at a stand and the public impact page (issue 18, decision 021), over HTTP
 * against the built server, in Arabic and French: staff publish a fair, a cooperative asks for a
 * stand and is accepted with a number (audited), the fair page lists it, its calendar file
 * parses, a buyer reserves for collection at the stand with a pickup code, the cooperative hands
 * the order over against that code; the impact figures equal sums computed here from the tables.
 */
import ICAL from "ical.js";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import {
  auditLog,
  cooperatives,
  fairStands,
  fairs,
  orderLines,
  orders,
  payouts,
  products,
  shopOrders,
} from "#db/schema";
import { Client, orderTokenFrom } from "../support/client";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { waitForMail } from "../support/mailbox";
import { createShop, type Shop } from "../support/shops";

let app: DatabaseHandle;
let staff: Client;
let staffId: number;
let present: Shop;
let declined: Shop;
let absent: Shop;
let presentOwner: Client;
let declinedOwner: Client;

const day = (offset: number) => {
  // Calendar days in Morocco (UTC+1 most of the year): a margin of days makes the hour moot.
  const d = new Date(Date.now() + offset * 86_400_000);
  return d.toISOString().slice(0, 10);
};
const tag = Date.now().toString(36);
const fairForm = (over: Record<string, string> = {}) => ({
  intent: "save",
  name_ar: `معرض الاختبار ${tag}`,
  name_fr: `Salon test ${tag}`,
  name_en: "",
  city_ar: "فاس",
  city_fr: "Fès",
  city_en: "",
  venue_ar: "ساحة باب المكينة",
  venue_fr: "Esplanade Bab Makina",
  venue_en: "",
  description_ar: "عرض وبيع مباشر.",
  description_fr: "Exposition et vente directe.",
  description_en: "",
  provinceSlug: "fes",
  mapUrl: "https://www.openstreetmap.org/",
  startsOn: day(5),
  endsOn: day(8),
  slug: `salon-test-${tag}`,
  published: "on",
  ...over,
});

async function memberClient(shop: Shop) {
  const c = new Client();
  c.cookies.set("hirfa_session", (await signIn(app.db, shop.owner.id)).cookie.split("=")[1]);
  return c;
}

beforeAll(async () => {
  app = openAppDatabase();
  const moderator = await makeUser(app.db, { prefix: "fairs-mod", staffRole: "moderator" });
  staffId = moderator.id;
  staff = new Client();
  staff.cookies.set("hirfa_session", (await signIn(app.db, moderator.id)).cookie.split("=")[1]);
  present = await createShop(app.db, {
    shippingFeeMa: 4500,
    acceptsCod: false,
    products: [{ stock: 5, priceCentimes: 25_000 }],
  });
  declined = await createShop(app.db, { products: [{ stock: 5, priceCentimes: 10_000 }] });
  absent = await createShop(app.db, { shippingFeeMa: 3000, products: [{ stock: 5, priceCentimes: 15_000 }] });
  presentOwner = await memberClient(present);
  declinedOwner = await memberClient(declined);
});
afterAll(async () => {
  await app?.close();
});

let fairId: number;
const slug = `salon-test-${tag}`;

describe("fairs: staff publish, cooperatives apply, staff decide", () => {
  it("refuses a fair without its Arabic name or with its days reversed, keeping what was typed", async () => {
    const res = await staff.post("/fr/chamber/fairs", fairForm({ name_ar: "", endsOn: day(2) }));
    expect(res.res.status).toBe(400);
    expect(res.html).toContain("Indiquez le nom en arabe et en français.");
    expect(res.html).toContain(`value="Salon test ${tag}"`);
    const ar = await staff.post("/ar/chamber/fairs", fairForm({ endsOn: day(2) }));
    expect(ar.res.status).toBe(400);
    expect(ar.html).toContain("لا يمكن أن يسبق اليوم الأخير اليوم الأول.");
    expect(await app.db.select().from(fairs).where(eq(fairs.slug, slug))).toHaveLength(0);
  });

  it("lets only chamber staff create a fair, and audits it", async () => {
    const outsider = await memberClient(absent);
    const refused = await outsider.post("/fr/chamber/fairs", fairForm());
    expect([403, 404]).toContain(refused.res.status);
    const created = await staff.post("/fr/chamber/fairs", fairForm());
    expect(created.res.status).toBe(302);
    const [row] = await app.db.select().from(fairs).where(eq(fairs.slug, slug));
    expect(row.name).toEqual({ ar: `معرض الاختبار ${tag}`, fr: `Salon test ${tag}` });
    expect(row.publishedAt).not.toBeNull();
    fairId = row.id;
    expect(created.res.headers.get("location")).toBe(`/fr/chamber/fairs/${fairId}?notice=created`);
    const [entry] = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "fair"), eq(auditLog.entityId, String(fairId))));
    expect(entry).toMatchObject({ action: "fair.create", actorUserId: staffId });
  });

  it("lets a cooperative ask for a stand from its back office, once", async () => {
    const page = await presentOwner.get("/ar/shop/fairs");
    expect(page.res.status).toBe(200);
    expect(page.html).toContain(`معرض الاختبار ${tag}`);
    const asked = await presentOwner.post("/ar/shop/fairs", { fairId, message: "نحتاج طاولتين" });
    expect(asked.res.status).toBe(302);
    const again = await presentOwner.post("/ar/shop/fairs", { fairId, message: "" });
    expect(again.res.status).toBe(409);
    expect(again.html).toContain("سبق لتعاونيتكم طلب رواق في هذا المعرض.");
    expect((await declinedOwner.post("/fr/shop/fairs", { fairId, message: "" })).res.status).toBe(302);
    const stands = await app.db.select().from(fairStands).where(eq(fairStands.fairId, fairId));
    expect(stands.map((s) => s.status)).toEqual(["pending", "pending"]);
    // Not public before the chamber accepts it.
    const fairPage = await new Client().get(`/fr/fairs/${slug}`);
    expect(fairPage.html).not.toContain(present.coop.slug);
  });

  it("accepts with a stand number and declines with a reason, each audited; a number given twice is refused", async () => {
    const stands = await app.db.select().from(fairStands).where(eq(fairStands.fairId, fairId));
    const mine = stands.find((s) => s.cooperativeId === present.coop.id)!;
    const theirs = stands.find((s) => s.cooperativeId === declined.coop.id)!;
    const noNumber = await staff.post(`/fr/chamber/fairs/${fairId}`, {
      intent: "decide",
      standId: mine.id,
      decision: "accept",
      standNumber: "",
      reason: "",
    });
    expect(noNumber.res.status).toBe(400);
    expect(noNumber.html).toContain("Indiquez le numéro du stand pour accepter.");
    const accepted = await staff.post(`/fr/chamber/fairs/${fairId}`, {
      intent: "decide",
      standId: mine.id,
      decision: "accept",
      standNumber: "12",
      reason: "",
    });
    expect(accepted.res.status).toBe(302);
    const clash = await staff.post(`/ar/chamber/fairs/${fairId}`, {
      intent: "decide",
      standId: theirs.id,
      decision: "accept",
      standNumber: "12",
      reason: "",
    });
    expect(clash.res.status).toBe(409);
    expect(clash.html).toContain("رقم الرواق هذا ممنوح لتعاونية أخرى.");
    const noReason = await staff.post(`/fr/chamber/fairs/${fairId}`, {
      intent: "decide",
      standId: theirs.id,
      decision: "decline",
      standNumber: "",
      reason: "",
    });
    expect(noReason.res.status).toBe(400);
    const refused = await staff.post(`/fr/chamber/fairs/${fairId}`, {
      intent: "decide",
      standId: theirs.id,
      decision: "decline",
      standNumber: "",
      reason: "Plus de place dans l'allée des tapis",
    });
    expect(refused.res.status).toBe(302);
    const after = await app.db.select().from(fairStands).where(eq(fairStands.fairId, fairId));
    expect(after.find((s) => s.id === mine.id)).toMatchObject({ status: "accepted", standNumber: "12" });
    expect(after.find((s) => s.id === theirs.id)).toMatchObject({ status: "declined" });
    const entries = await app.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityType, "fair_stand"),
          inArray(auditLog.entityId, [String(mine.id), String(theirs.id)]),
        ),
      );
    expect(entries.map((e) => e.action).sort()).toEqual([
      "fair_stand.accept",
      "fair_stand.decline",
      "fair_stand.request",
      "fair_stand.request",
    ]);
    expect(entries.find((e) => e.action === "fair_stand.decline")).toMatchObject({
      actorUserId: staffId,
      reason: "Plus de place dans l'allée des tapis",
    });
    // The declined cooperative reads the answer in its back office.
    const theirPage = await declinedOwner.get("/fr/shop/fairs");
    expect(theirPage.html).toContain("Plus de place dans l'allée des tapis");
  });

  it("lists the accepted cooperative with its stand and shop link on the public fair page, the list and its own page, in ar and fr", async () => {
    for (const [lang, word] of [
      ["fr", "stand 12"],
      ["ar", "الرواق 12"],
    ] as const) {
      const page = await new Client().get(`/${lang}/fairs/${slug}`);
      expect(page.res.status).toBe(200);
      const stand = page.html.match(
        new RegExp(`data-testid="fair-stand" data-cooperative="${present.coop.slug}"[\\s\\S]*?</li>`),
      )?.[0];
      expect(stand, lang).toBeDefined();
      expect(stand).toContain(word);
      expect(stand).toContain(`href="/${lang}/cooperatives/${present.coop.slug}"`);
      expect(page.html).not.toContain(declined.coop.slug);
      const list = await new Client().get(`/${lang}/fairs`);
      const coming = list.html.match(/data-testid="fairs-coming"[\s\S]*?<\/ul>/)?.[0] ?? "";
      expect(coming).toContain(`href="/${lang}/fairs/${slug}"`);
      const coop = await new Client().get(`/${lang}/cooperatives/${present.coop.slug}`);
      const line = coop.html.match(/data-testid="at-fair"[\s\S]*?<\/p>/)?.[0] ?? "";
      expect(line, lang).toContain(
        lang === "fr" ? `À retrouver au salon « Salon test ${tag} », stand 12` : "الرواق 12",
      );
    }
    const sitemap = await (await fetch(`${baseUrl()}/sitemap.xml`)).text();
    expect(sitemap).toContain(`/fr/fairs/${slug}`);
    expect(sitemap).toContain("/ar/impact");
  });

  it("serves a calendar file per fair that parses, in the page's language", async () => {
    for (const lang of ["fr", "ar"] as const) {
      const res = await new Client().get(`/${lang}/fairs/${slug}/calendar.ics`);
      expect(res.res.status).toBe(200);
      expect(res.res.headers.get("content-type")).toMatch(/^text\/calendar/);
      const calendar = new ICAL.Component(ICAL.parse(res.html));
      const events = calendar.getAllSubcomponents("vevent");
      expect(events).toHaveLength(1);
      const event = new ICAL.Event(events[0]);
      expect(event.summary).toBe(lang === "fr" ? `Salon test ${tag}` : `معرض الاختبار ${tag}`);
      expect(event.startDate.isDate).toBe(true);
      expect(event.startDate.toString()).toBe(day(5));
      // All-day events end the day after the last (RFC 5545).
      expect(event.endDate.toString()).toBe(day(9));
      expect(event.location).toContain(lang === "fr" ? "Esplanade Bab Makina" : "ساحة باب المكينة");
      expect(event.uid).toMatch(new RegExp(`^fair-${fairId}@`));
    }
    expect((await new Client().get(`/fr/fairs/no-such-fair/calendar.ics`)).res.status).toBe(404);
  });
});

describe("reserve online, collect at the stand", () => {
  const stockOf = async (id: number) =>
    (await app.db.select({ s: products.stock }).from(products).where(eq(products.id, id)))[0].s;
  const buyerForm = (over: Record<string, string | number> = {}) => ({
    name: "Nadia Berrada",
    email: `nadia-${tag}@example.ma`,
    phone: "06 61 23 45 67",
    country: "MA",
    city: "",
    line1: "",
    paymentMethod: "cod",
    pickupFair: fairId,
    ...over,
  });

  it("refuses collection without an address when some part must be shipped, and changes nothing", async () => {
    const c = new Client();
    await c.post("/fr/cart", { intent: "add", productId: present.products[0].id, quantity: 1 });
    await c.post("/fr/cart", { intent: "add", productId: absent.products[0].id, quantity: 1 });
    const before = [await stockOf(present.products[0].id), await stockOf(absent.products[0].id)];
    const page = await c.get("/fr/checkout");
    expect(page.html).toContain(`Retrait au salon « Salon test ${tag} »`);
    const res = await c.post("/fr/checkout", buyerForm());
    expect(res.res.status).toBe(409);
    expect(res.html).toContain("Certaines coopératives de votre panier ne sont pas au salon");
    expect([await stockOf(present.products[0].id), await stockOf(absent.products[0].id)]).toEqual(before);
  });

  let token: string;
  let code: string;
  it("places an order collected at the stand: no shipping, paid at the stand, stock taken, a pickup code on the page and in the mail (ar)", async () => {
    const c = new Client();
    await c.post("/ar/cart", { intent: "add", productId: present.products[0].id, quantity: 2 });
    const stock = await stockOf(present.products[0].id);
    // The cooperative takes no cash on delivery; paying at its stand is still offered.
    const placed = await c.post("/ar/checkout", buyerForm({ email: `nadia-ar-${tag}@example.ma` }));
    expect(placed.res.status).toBe(302);
    token = orderTokenFrom(placed.res.headers.get("location"));
    expect(await stockOf(present.products[0].id)).toBe(stock - 2);
    const [order] = await app.db.select().from(orders).where(eq(orders.token, token));
    expect(order).toMatchObject({ paymentMethod: "cod", paymentStatus: "cod_pending", shippingCentimes: 0 });
    expect(order.totalCentimes).toBe(50_000);
    const [part] = await app.db.select().from(shopOrders).where(eq(shopOrders.orderId, order.id));
    expect(part).toMatchObject({ pickupFairId: fairId, shippingCentimes: 0, status: "pending" });
    code = part.pickupCode!;
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    const page = await c.get(`/ar/orders/${token}`);
    expect(page.html).toMatch(new RegExp(`data-testid="pickup-code"[^>]*>${code}<`));
    expect(page.html).toContain(`التسلم في معرض «معرض الاختبار ${tag}»`);
    expect(page.html).toContain("الرواق 12");
    const [mail] = await waitForMail(`nadia-ar-${tag}@example.ma`);
    expect(mail.text).toContain(code);
    expect(mail.text).toContain("الرواق 12");
  });

  it("groups the cooperative's orders by fair, and hands over only against the buyer's code", async () => {
    const list = await presentOwner.get("/fr/shop/orders");
    const group = list.html.match(/data-testid="fair-orders"[\s\S]*?<\/section>/)?.[0] ?? "";
    expect(group).toContain(`Retraits au salon « Salon test ${tag} »`);
    const [order] = await app.db.select().from(orders).where(eq(orders.token, token));
    const [part] = await app.db.select().from(shopOrders).where(eq(shopOrders.orderId, order.id));
    expect(group).toContain(`data-order="${order.id}"`);
    // Another cooperative cannot hand it over.
    const other = await declinedOwner.post(`/fr/shop/orders/${part.id}`, { intent: "handover", code });
    expect(other.res.status).toBe(404);
    const wrong = await presentOwner.post(`/fr/shop/orders/${part.id}`, {
      intent: "handover",
      code: "AAAAAA",
      back: "list",
    });
    expect(wrong.res.status).toBe(400);
    expect(wrong.html).toContain("Ce n'est pas le code de cette commande");
    expect((await app.db.select().from(shopOrders).where(eq(shopOrders.id, part.id)))[0].status).toBe(
      "pending",
    );
    // A shipping step makes no sense for a part collected at a stand.
    const ship = await presentOwner.post(`/fr/shop/orders/${part.id}`, { intent: "confirm" });
    expect(ship.res.status).toBe(302);
    const shipped = await presentOwner.post(`/fr/shop/orders/${part.id}`, {
      intent: "ship",
      carrier: "Amana",
      trackingNumber: "X1",
    });
    expect(shipped.res.status).toBe(409);
    const handed = await presentOwner.post(`/fr/shop/orders/${part.id}`, {
      intent: "handover",
      code: code.toLowerCase(),
      back: "list",
    });
    expect(handed.res.status).toBe(302);
    expect(handed.res.headers.get("location")).toBe(`/fr/shop/orders?handedOver=${part.id}`);
    const [done] = await app.db.select().from(shopOrders).where(eq(shopOrders.id, part.id));
    expect(done.status).toBe("delivered");
    expect(done.deliveredAt).not.toBeNull();
    const [entry] = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "shop_order.handover"), eq(auditLog.entityId, String(part.id))));
    expect(entry.actorUserId).toBe(present.owner.id);
    const buyerPage = await new Client().get(`/fr/orders/${token}`);
    expect(buyerPage.html).toMatch(/data-testid="shop-order-status"[^>]*>Livrée</);
  });

  it("mails the buyer, once handed over, the delivered mail with a link to review the product, as a delivery does (ar)", async () => {
    const review = `${baseUrl()}/ar/orders/${token}/review/${present.products[0].id}`;
    const [mail] = await waitForMail(`nadia-ar-${tag}@example.ma`, (m) => m.text.includes(review));
    expect(mail.subject).toContain("سُلّم طلبك");
    expect(mail.text).toContain("قد سُلّم إليك");
  });

  it("offers no collection at a fair that is over", async () => {
    await app.db
      .update(fairs)
      .set({ startsOn: day(-10), endsOn: day(-9) })
      .where(eq(fairs.id, fairId));
    try {
      const c = new Client();
      await c.post("/fr/cart", { intent: "add", productId: present.products[0].id, quantity: 1 });
      const page = await c.get("/fr/checkout");
      expect(page.html).not.toContain(`Salon test ${tag}`);
      const res = await c.post("/fr/checkout", buyerForm({ email: `late-${tag}@example.ma` }));
      expect(res.res.status).toBe(409);
      expect(res.html).toContain("Le retrait à ce salon n'est plus possible");
      const list = await new Client().get("/fr/fairs");
      const past = list.html.match(/data-testid="fairs-past"[\s\S]*?<\/ul>/)?.[0] ?? "";
      expect(past).toContain(`/fr/fairs/${slug}`);
    } finally {
      await app.db
        .update(fairs)
        .set({ startsOn: day(5), endsOn: day(8) })
        .where(eq(fairs.id, fairId));
    }
  });
});

describe("the region's impact in public", () => {
  /** The figures, computed here from the tables, with the sale rule written out again. */
  async function expected() {
    const rows = await app.db
      .select({
        orderId: orders.id,
        paymentStatus: orders.paymentStatus,
        status: shopOrders.status,
        cooperativeId: shopOrders.cooperativeId,
        quantity: orderLines.quantity,
        total: orderLines.lineTotalCentimes,
      })
      .from(orderLines)
      .innerJoin(shopOrders, eq(shopOrders.id, orderLines.shopOrderId))
      .innerJoin(orders, eq(orders.id, shopOrders.orderId));
    const isSale = (r: { paymentStatus: string; status: string }) =>
      r.status !== "cancelled" &&
      (r.paymentStatus === "paid" ||
        (r.paymentStatus === "cod_pending" && ["confirmed", "shipped", "delivered"].includes(r.status)));
    const sold = rows.filter(isSale);
    // A cooperative sold when one of its shop orders is a sale (whatever lines other tests' fixtures gave it).
    const parts = await app.db
      .select({
        paymentStatus: orders.paymentStatus,
        status: shopOrders.status,
        cooperativeId: shopOrders.cooperativeId,
      })
      .from(shopOrders)
      .innerJoin(orders, eq(orders.id, shopOrders.orderId));
    const sellers = new Set(parts.filter(isSale).map((r) => r.cooperativeId));
    const coops = await app.db.select().from(cooperatives);
    const selling = coops.filter((c) => sellers.has(c.id));
    const ledger = await app.db.select().from(payouts);
    const year = new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Casablanca", year: "numeric" }).format(
      new Date(),
    );
    return {
      "paid-year": ledger.filter((p) => p.paidOn.startsWith(year)).reduce((s, p) => s + p.amountCentimes, 0),
      "paid-total": ledger.reduce((s, p) => s + p.amountCentimes, 0),
      orders: new Set(sold.map((r) => r.orderId)).size,
      articles: sold.reduce((s, r) => s + r.quantity, 0),
      cooperatives: selling.length,
      members: selling.reduce((s, c) => s + c.memberCount, 0),
      women: selling.reduce((s, c) => s + (c.womenMemberCount ?? 0), 0),
    };
  }

  const shown = (html: string) =>
    Object.fromEntries(
      [...html.matchAll(/data-testid="impact-([a-z-]+)" data-value="(\d+)"/g)].map((m) => [
        m[1],
        Number(m[2]),
      ]),
    );

  it("shows the ledger's and the sales' sums, and follows a new payout at once (ar and fr)", async () => {
    await app.db
      .update(cooperatives)
      .set({ memberCount: 20, womenMemberCount: 14 })
      .where(eq(cooperatives.id, present.coop.id));
    const first = await new Client().get("/fr/impact");
    expect(first.res.status).toBe(200);
    const want = await expected();
    expect(want.orders).toBeGreaterThan(0);
    expect(shown(first.html)).toEqual(want);
    // A transfer recorded: the page says so on the next request, in every process.
    await app.db.insert(payouts).values({
      cooperativeId: present.coop.id,
      amountCentimes: 12_345,
      reference: `VIR-${tag}`,
      paidOn: new Date().toISOString().slice(0, 10),
      recordedBy: staffId,
    });
    const second = await new Client().get("/ar/impact");
    const now = await expected();
    expect(now["paid-total"]).toBe(want["paid-total"] + 12_345);
    expect(shown(second.html)).toEqual(now);
    // Nothing that names a buyer.
    expect(second.html).not.toContain("Nadia");
    expect(second.html).not.toContain("example.ma");
  });

  it("draws each chart with a table of the same figures, and offers them as CSV", async () => {
    const page = await new Client().get("/fr/impact");
    // Each chart is an image named by its caption, one bar for each row of its table.
    expect(page.html).toMatch(/<div class="chart__bars" role="img" aria-labelledby="[^"]+"/);
    const charts = page.html.split('<figure class="chart"').slice(1);
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) {
      const table = chart.slice(chart.indexOf("chart__table"), chart.indexOf("</table>"));
      const bars = chart.match(/class="chart__row"/g)?.length ?? 0;
      expect(bars).toBe((table.match(/<tr/g)?.length ?? 1) - 1);
      expect(bars).toBeGreaterThan(0);
    }
    const fes =
      page.html.match(/data-testid="provinces-table"[\s\S]*?<tr data-key="fes">([\s\S]*?)<\/tr>/)?.[1] ?? "";
    const csv = await new Client().get("/fr/impact.csv");
    expect(csv.res.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = csv.html
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .map((l) => l.split(","));
    expect(lines[0]).toEqual([
      "tableau",
      "code",
      "nom",
      "cooperatives",
      "articles",
      "ventes_mad",
      "verse_mad",
    ]);
    const want = await expected();
    const total = lines.find((l) => l[0] === "total")!;
    expect(Number(total[3])).toBe(want.cooperatives);
    expect(Number(total[4])).toBe(want.articles);
    expect(Math.round(Number(total[6]) * 100)).toBe(want["paid-total"]);
    const fesRow = lines.find((l) => l[0] === "province" && l[1] === "fes")!;
    const cell = (name: string) =>
      Number(fes.match(new RegExp(`data-label="${name}" data-value="(\\d+)"`))?.[1]);
    expect(Number(fesRow[4])).toBe(cell("Articles"));
    expect(Math.round(Number(fesRow[5]) * 100)).toBe(cell("Ventes"));
  });
});
