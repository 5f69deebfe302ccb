/**
 * What a buyer needs to trust a cooperative they have never met (issue 17, decision 020),
 * through HTTP on the built server: favourites (guest cookie, account, merge at sign-in,
 * without JavaScript and through a fetcher), delivery estimates (product, cart, checkout,
 * order; the chamber's holidays), "who made it" (profile, cooperative page, made-by block,
 * workshop photos) and the gallery (several photos, thumbnails, zoom link, alt per language).
 */
import { and, asc, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import {
  auditLog,
  cooperativeImages,
  cooperatives,
  favourites,
  images,
  productImages,
  publicHolidays,
} from "#db/schema";
import { placeOrder } from "~/models/checkout.server";
import { addWorkingDays, estimateDelivery, moroccoToday } from "~/models/delivery";
import { Client } from "../support/client";
import { openAppDatabase } from "../support/db";
import { makeUser, PASSWORD, signIn } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { buyer, createShop, type Shop, type BackOfficeShop } from "../support/shops";

let app: DatabaseHandle;
beforeAll(() => {
  app = openAppDatabase();
});
afterAll(async () => {
  await app?.close();
});

const pressedHearts = (html: string) =>
  [...html.matchAll(/<button[^>]*aria-pressed="(true|false)"[^>]*data-testid="favourite-button"/g)].map(
    (m) => m[1],
  );

async function holidays(): Promise<Set<string>> {
  const rows = await app.db.select({ day: publicHolidays.day }).from(publicHolidays);
  return new Set(rows.map((r) => r.day));
}

async function favouritesOf(userId: number) {
  const rows = await app.db
    .select({ productId: favourites.productId })
    .from(favourites)
    .where(eq(favourites.userId, userId));
  return rows.map((r) => r.productId).sort((a, b) => a - b);
}

describe("favourites", () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await createShop(app.db, {
      products: [
        { stock: 5, priceCentimes: 12_000, title: { ar: "إبريق نحاسي", fr: "Théière en cuivre ciselé" } },
        { stock: 5, priceCentimes: 30_000, title: { ar: "سلة دوم", fr: "Panier en doum tressé" } },
      ],
    });
  });

  it("a guest keeps favourites without JavaScript: the heart posts, comes back, and the page lists them", async () => {
    const guest = new Client();
    const [teapot] = shop.products;
    const productPath = `/fr/products/${teapot.slug}`;
    const before = await guest.get(productPath);
    expect(pressedHearts(before.html)[0]).toBe("false");

    const added = await guest.post("/fr/favourites", {
      intent: "add",
      productId: teapot.id,
      redirectTo: productPath,
    });
    expect(added.res.status).toBe(303);
    expect(added.res.headers.get("location")).toBe(productPath);
    expect(guest.cookies.get("fav")).toBeTruthy();

    const after = await guest.get(productPath);
    expect(pressedHearts(after.html)[0]).toBe("true");
    expect(after.html).toContain("Retirer « \u2068Théière en cuivre ciselé\u2069 » des favoris");

    const list = await guest.get("/fr/favourites");
    expect(list.res.status).toBe(200);
    expect(list.html).toContain("Théière en cuivre ciselé");
    expect(list.html).not.toContain("Panier en doum tressé");
    expect(list.html).toContain('data-testid="favourites-guest-note"');

    const removed = await guest.post("/fr/favourites", {
      intent: "remove",
      productId: teapot.id,
      redirectTo: "/fr/favourites",
    });
    expect(removed.res.status).toBe(303);
    const empty = await guest.get("/fr/favourites");
    expect(empty.html).toContain('data-testid="favourites-empty"');
  });

  it("keeps no listing a buyer cannot see (a draft), for guests and accounts", async () => {
    const other = await createShop(app.db, { label: "fav-draft", backOffice: true });
    const guest = new Client();
    const res = await guest.post("/fr/favourites", {
      intent: "add",
      productId: other.draft.id,
      _fetcher: "1",
    });
    expect(res.res.status).toBe(404);
    const list = await guest.get("/fr/favourites");
    expect(list.html).not.toContain(`Brouillon secret fav-draft`);

    const user = await makeUser(app.db, { prefix: "fav-draft" });
    const { cookie } = await signIn(app.db, user.id);
    const signed = await fetch(`${baseUrl()}/fr/favourites`, {
      method: "POST",
      headers: { Origin: baseUrl(), Cookie: cookie },
      body: new URLSearchParams({ intent: "add", productId: String(other.draft.id), _fetcher: "1" }),
    });
    expect(signed.status).toBe(404);
    expect(await favouritesOf(user.id)).toEqual([]);
  });

  it("merges a guest's favourites into the account at sign-in, and the browser forgets its own copy", async () => {
    const [teapot, basket] = shop.products;
    const user = await makeUser(app.db, { prefix: "fav-merge" });
    // Already kept on another device, signed in.
    await app.db.insert(favourites).values({ userId: user.id, productId: basket.id });
    const guest = new Client();
    await guest.post("/fr/favourites", { intent: "add", productId: teapot.id, redirectTo: "/fr" });
    await guest.post("/fr/favourites", { intent: "add", productId: basket.id, redirectTo: "/fr" });

    const login = await guest.post("/fr/login", { email: user.email, password: PASSWORD });
    expect(login.res.status).toBe(302);
    const cleared = login.res.headers.getSetCookie().find((c) => c.startsWith("fav="));
    expect(cleared).toMatch(/Max-Age=0/i);
    expect(await favouritesOf(user.id)).toEqual([teapot.id, basket.id].sort((a, b) => a - b));

    const list = await guest.get("/fr/favourites");
    expect(list.html).toContain("Théière en cuivre ciselé");
    expect(list.html).toContain("Panier en doum tressé");
    expect(list.html).not.toContain('data-testid="favourites-guest-note"');
  });

  it("keeps a signed-in buyer's favourites in the database, through a fetcher (JSON) too", async () => {
    const [teapot] = shop.products;
    const user = await makeUser(app.db, { prefix: "fav-account" });
    const { cookie } = await signIn(app.db, user.id);
    const post = (form: Record<string, string>) =>
      fetch(`${baseUrl()}/fr/favourites`, {
        method: "POST",
        headers: { Origin: baseUrl(), Cookie: cookie },
        body: new URLSearchParams(form),
        redirect: "manual",
      });
    const add = await post({ intent: "add", productId: String(teapot.id), _fetcher: "1" });
    expect(add.status).toBe(200);
    expect(await favouritesOf(user.id)).toEqual([teapot.id]);
    // A second add changes nothing.
    await post({ intent: "add", productId: String(teapot.id), _fetcher: "1" });
    expect(await favouritesOf(user.id)).toEqual([teapot.id]);
    const page = await fetch(`${baseUrl()}/ar/products/${teapot.slug}`, { headers: { Cookie: cookie } });
    expect(pressedHearts(await page.text())[0]).toBe("true");
    const remove = await post({ intent: "remove", productId: String(teapot.id), redirectTo: "/ar" });
    expect(remove.status).toBe(303);
    expect(remove.headers.get("location")).toBe("/ar");
    expect(await favouritesOf(user.id)).toEqual([]);
  });

  it("refuses a post from another site, and a bad product id", async () => {
    const [teapot] = shop.products;
    const crossSite = await fetch(`${baseUrl()}/fr/favourites`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      body: new URLSearchParams({ intent: "add", productId: String(teapot.id) }),
      redirect: "manual",
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.getSetCookie().some((c) => c.startsWith("fav="))).toBe(false);
    const guest = new Client();
    const bad = await guest.post("/fr/favourites", { intent: "add", productId: "abc" });
    expect(bad.res.status).toBe(400);
  });
});

describe("delivery estimates", () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await createShop(app.db, { products: [{ stock: 20, priceCentimes: 45_000 }] });
    await app.db
      .update(cooperatives)
      .set({
        processingDays: 2,
        transitRegionMinDays: 1,
        transitRegionMaxDays: 1,
        transitMoroccoMinDays: 2,
        transitMoroccoMaxDays: 4,
        transitAbroadMinDays: 6,
        transitAbroadMaxDays: 12,
      })
      .where(eq(cooperatives.id, shop.coop.id));
  });

  const rangeOf = (html: string, zone: string) => {
    const m = html.match(
      new RegExp(`data-testid="delivery-${zone}" data-from="([\\d-]+)" data-to="([\\d-]+)"`),
    );
    return m ? { from: m[1], to: m[2] } : null;
  };

  it("the product page says when it arrives, in working days after preparation, in the page's language", async () => {
    const hs = await holidays();
    const start = moroccoToday();
    const expected = estimateDelivery({ start, processingDays: 2, transit: { min: 2, max: 4 } }, hs);
    const fr = await (await fetch(`${baseUrl()}/fr/products/${shop.products[0].slug}`)).text();
    expect(rangeOf(fr, "morocco")).toEqual(expected);
    expect(rangeOf(fr, "region")).toEqual(
      estimateDelivery({ start, processingDays: 2, transit: { min: 1, max: 1 } }, hs),
    );
    expect(rangeOf(fr, "abroad")).toEqual(
      estimateDelivery({ start, processingDays: 2, transit: { min: 6, max: 12 } }, hs),
    );
    const toText = new Intl.DateTimeFormat("fr-MA", {
      day: "numeric",
      month: "long",
      timeZone: "Africa/Casablanca",
    }).format(new Date(`${expected.to}T12:00:00Z`));
    expect(fr).toMatch(new RegExp(`Livré entre le [^<]+ et le ${toText}`));
    const ar = await (await fetch(`${baseUrl()}/ar/products/${shop.products[0].slug}`)).text();
    expect(ar).toContain("يصلك بين");
    expect(rangeOf(ar, "morocco")).toEqual(expected);
  });

  it("a new holiday moves the estimate at once (the page cache follows the holidays table)", async () => {
    const path = `/fr/products/${shop.products[0].slug}`;
    const hs = await holidays();
    const start = moroccoToday();
    const region = estimateDelivery({ start, processingDays: 2, transit: { min: 1, max: 1 } }, hs);
    expect(rangeOf(await (await fetch(`${baseUrl()}${path}`)).text(), "region")).toEqual(region);
    // The day it would arrive becomes a holiday: it arrives the next working day.
    await app.db.insert(publicHolidays).values({ day: region.to, name: { ar: "اختبار", fr: "Test" } });
    try {
      hs.add(region.to);
      const moved = addWorkingDays(region.to, 1, hs);
      expect(rangeOf(await (await fetch(`${baseUrl()}${path}`)).text(), "region")).toEqual({
        from: moved,
        to: moved,
      });
    } finally {
      await app.db.delete(publicHolidays).where(eq(publicHolidays.day, region.to));
    }
  });

  it("the cart, the checkout and the order page show each shop's estimate for the destination", async () => {
    const hs = await holidays();
    const start = moroccoToday();
    const guest = new Client();
    await guest.post("/fr/cart", { intent: "add", productId: shop.products[0].id, quantity: 1 });
    const cart = await guest.get("/fr/cart");
    expect(rangeOf(cart.html, "region")).toEqual(
      estimateDelivery({ start, processingDays: 2, transit: { min: 1, max: 1 } }, hs),
    );
    expect(rangeOf(cart.html, "morocco")).not.toBeNull();
    expect(rangeOf(cart.html, "abroad")).toBeNull();
    const abroad = await guest.get("/fr/cart?to=FR");
    expect(rangeOf(abroad.html, "abroad")).toEqual(
      estimateDelivery({ start, processingDays: 2, transit: { min: 6, max: 12 } }, hs),
    );
    expect(rangeOf(abroad.html, "region")).toBeNull();
    const checkout = await guest.get("/ar/checkout");
    expect(rangeOf(checkout.html, "morocco")).not.toBeNull();
    expect(checkout.html).toContain("باقي المغرب");

    // An order to Fès: the region's estimate, counted from the day it was placed.
    const placed = await placeOrder(app.db, {
      lines: [{ productId: shop.products[0].id, quantity: 1 }],
      buyer: buyer({ city: "Fès" }),
      locale: "fr",
      cardEnabled: false,
    });
    if (!placed.ok) throw new Error(JSON.stringify(placed.error));
    const order = await (await fetch(`${baseUrl()}/fr/orders/${placed.order.token}`)).text();
    expect(rangeOf(order, "region")).toEqual(
      estimateDelivery({ start, processingDays: 2, transit: { min: 1, max: 1 } }, hs),
    );
    expect(rangeOf(order, "morocco")).toBeNull();
  });

  it("lets chamber admins add, rename and delete holidays (audited), and no one else", async () => {
    const admin = await makeUser(app.db, { prefix: "hol-admin", staffRole: "admin" });
    const moderator = await makeUser(app.db, { prefix: "hol-mod", staffRole: "moderator" });
    const adminCookie = (await signIn(app.db, admin.id)).cookie;
    const modCookie = (await signIn(app.db, moderator.id)).cookie;
    const post = (cookie: string, form: Record<string, string>) =>
      fetch(`${baseUrl()}/fr/chamber/holidays`, {
        method: "POST",
        headers: { Origin: baseUrl(), Cookie: cookie },
        body: new URLSearchParams(form),
        redirect: "manual",
      });
    const day = "2031-07-29";
    expect((await post(modCookie, { day, name_ar: "عيد", name_fr: "Fête" })).status).toBe(403);
    expect((await fetch(`${baseUrl()}/fr/chamber/holidays`, { headers: { Cookie: modCookie } })).status).toBe(
      403,
    );

    const bad = await post(adminCookie, { day: "2031-02-30", name_ar: "عيد", name_fr: "" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Une date valide (AAAA-MM-JJ)");
    expect(badHtml).toContain('value="2031-02-30"');

    try {
      const saved = await post(adminCookie, { day, name_ar: "عيد الاختبار", name_fr: "Fête du test" });
      expect(saved.status).toBe(302);
      const page = await (
        await fetch(`${baseUrl()}/fr/chamber/holidays`, { headers: { Cookie: adminCookie } })
      ).text();
      expect(page).toContain("Fête du test");
      expect(page).toContain("mardi 29 juillet 2031");
      await post(adminCookie, { day, name_ar: "عيد الاختبار", name_fr: "Fête renommée" });
      const [row] = await app.db.select().from(publicHolidays).where(eq(publicHolidays.day, day));
      expect(row.name).toEqual({ ar: "عيد الاختبار", fr: "Fête renommée" });
      expect((await post(adminCookie, { intent: "delete", day })).status).toBe(302);
      expect(await app.db.select().from(publicHolidays).where(eq(publicHolidays.day, day))).toEqual([]);
      const audit = await app.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "public_holiday"), eq(auditLog.entityId, day)))
        .orderBy(asc(auditLog.id));
      expect(audit.map((a) => a.action)).toEqual(["holiday.save", "holiday.save", "holiday.delete"]);
    } finally {
      await app.db.delete(publicHolidays).where(eq(publicHolidays.day, day));
    }
  });
});

async function png(color: string, width = 900, height = 600) {
  return sharp({ create: { width, height, channels: 3, background: color } })
    .png()
    .toBuffer();
}

describe("who made it", () => {
  let shop: BackOfficeShop;
  let ownerCookie: string;
  beforeAll(async () => {
    shop = await createShop(app.db, { label: "maker", backOffice: true });
    ownerCookie = (await signIn(app.db, shop.owner.id)).cookie;
  });

  const profileForm = (overrides: Record<string, string> = {}) => ({
    name_ar: "تعاونية الصناع",
    name_fr: "Coopérative des artisanes",
    story_fr: "Fondée par douze brodeuses de la médina, la coopérative forme chaque année de jeunes femmes.",
    story_ar: "أسستها اثنتا عشرة طرازة من المدينة القديمة.",
    city_fr: "Fès",
    provinceSlug: "fes",
    phone: "",
    processingDays: "3",
    shippingFeeMa: "30",
    shippingFeeIntl: "200",
    foundedYear: "2004",
    memberCount: "23",
    womenMemberCount: "19",
    transitRegionMinDays: "1",
    transitRegionMaxDays: "2",
    transitMoroccoMinDays: "2",
    transitMoroccoMaxDays: "5",
    transitAbroadMinDays: "7",
    transitAbroadMaxDays: "14",
    ...overrides,
  });
  const postProfile = (form: Record<string, string>) =>
    fetch(`${baseUrl()}/fr/shop/profile`, {
      method: "POST",
      headers: { Origin: baseUrl(), Cookie: ownerCookie },
      body: new URLSearchParams(form),
      redirect: "manual",
    });

  it("the owner tells who they are and their transit times; the cooperative and product pages show it", async () => {
    const res = await postProfile(profileForm());
    expect(res.status).toBe(302);
    const [row] = await app.db.select().from(cooperatives).where(eq(cooperatives.id, shop.coop.id));
    expect(row).toMatchObject({
      foundedYear: 2004,
      memberCount: 23,
      womenMemberCount: 19,
      transitMoroccoMaxDays: 5,
      transitAbroadMinDays: 7,
    });
    const coop = await (await fetch(`${baseUrl()}/fr/cooperatives/${row.slug}`)).text();
    expect(coop).toMatch(/data-testid="women-member-count">19</);
    expect(coop).toContain("2004");
    const product = await (await fetch(`${baseUrl()}/fr/products/${shop.published.slug}`)).text();
    expect(product).toContain('data-testid="made-by"');
    const link = product.match(/<a[^>]*data-testid="made-by-link"[^>]*>/)?.[0];
    expect(link).toContain(`href="/fr/cooperatives/${row.slug}"`);
    expect(product).toContain("Fondée en 2004");
    expect(product).toContain("dont 19 femmes");
    expect(product).toContain("Fondée par douze brodeuses");
    const ar = await (await fetch(`${baseUrl()}/ar/products/${shop.published.slug}`)).text();
    expect(ar).toContain("منهم 19 امرأة");
    expect(ar).toContain("تعرّف على التعاونية");
  });

  it("refuses more women than members and a latest day before the earliest, keeping what was typed", async () => {
    const res = await postProfile(
      profileForm({ memberCount: "10", womenMemberCount: "12", transitAbroadMaxDays: "3" }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Un nombre entier, pas plus que le nombre de membres");
    expect(html).toContain("Au plus tard ne peut pas être avant au plus tôt");
    expect(html).toMatch(/name="womenMemberCount"[^>]*value="12"|value="12"[^>]*name="womenMemberCount"/);
    const [row] = await app.db.select().from(cooperatives).where(eq(cooperatives.id, shop.coop.id));
    expect(row.memberCount).toBe(23);
  });

  it("workshop photos go through the image pipeline, carry alt text per language, and show on the cooperative page", async () => {
    const body = new FormData();
    body.append("workshop", new Blob([await png("#a0522d")], { type: "image/png" }), "atelier.png");
    body.append("workshop", new Blob([await png("#2f4f4f", 700, 500)], { type: "image/png" }), "metier.png");
    const upload = await fetch(`${baseUrl()}/fr/shop/profile/workshop`, {
      method: "POST",
      headers: { Origin: baseUrl(), Cookie: ownerCookie },
      body,
      redirect: "manual",
    });
    expect(upload.status).toBe(302);
    expect(upload.headers.get("location")).toContain("notice=saved");
    const rows = await app.db
      .select({ imageId: cooperativeImages.imageId, variants: images.variants })
      .from(cooperativeImages)
      .innerJoin(images, eq(images.id, cooperativeImages.imageId))
      .where(eq(cooperativeImages.cooperativeId, shop.coop.id))
      .orderBy(asc(cooperativeImages.position));
    expect(rows).toHaveLength(2);
    expect(new Set(rows[0].variants.map((v) => v.format))).toEqual(new Set(["avif", "webp", "jpeg"]));

    const alt = await fetch(`${baseUrl()}/fr/shop/profile/workshop`, {
      method: "POST",
      headers: { Origin: baseUrl(), Cookie: ownerCookie },
      body: new URLSearchParams({
        intent: "alt",
        imageId: String(rows[0].imageId),
        alt_ar: "نساء ينسجن في الورشة",
        alt_fr: "Des femmes tissent à l'atelier",
      }),
      redirect: "manual",
    });
    expect(alt.status).toBe(302);
    const slug = (await app.db.select().from(cooperatives).where(eq(cooperatives.id, shop.coop.id)))[0].slug;
    const fr = await (await fetch(`${baseUrl()}/fr/cooperatives/${slug}`)).text();
    expect(fr).toContain('data-testid="workshop"');
    expect(fr).toContain('alt="Des femmes tissent à l&#x27;atelier"');
    expect(fr).toMatch(/type="image\/avif" srcSet="\/media\/[0-9a-f]+-400\.avif 400w/);
    const ar = await (await fetch(`${baseUrl()}/ar/cooperatives/${slug}`)).text();
    expect(ar).toContain('alt="نساء ينسجن في الورشة"');

    // Another cooperative's owner cannot remove it; the owner can.
    const stranger = await createShop(app.db, { label: "maker-stranger", backOffice: true });
    const strangerCookie = (await signIn(app.db, stranger.owner.id)).cookie;
    const remove = (cookie: string) =>
      fetch(`${baseUrl()}/fr/shop/profile/workshop`, {
        method: "POST",
        headers: { Origin: baseUrl(), Cookie: cookie },
        body: new URLSearchParams({ intent: "remove", imageId: String(rows[1].imageId) }),
        redirect: "manual",
      });
    await remove(strangerCookie);
    const count = async () =>
      (await app.db.select().from(cooperativeImages).where(eq(cooperativeImages.cooperativeId, shop.coop.id)))
        .length;
    expect(await count()).toBe(2);
    expect((await remove(ownerCookie)).status).toBe(302);
    expect(await count()).toBe(1);
  });
});

describe("the gallery", () => {
  it("shows every photo with its alt text per language, thumbnails that link to each, and a zoom link to the largest variant", async () => {
    const shop = await createShop(app.db, { label: "gallery", backOffice: true });
    const pictures = await app.db.select().from(images).orderBy(asc(images.id)).limit(3);
    expect(pictures).toHaveLength(3);
    await app.db.insert(productImages).values(
      pictures.map((p, i) => ({
        productId: shop.published.id,
        imageId: p.id,
        position: i,
        alt: { ar: `صورة رقم ${i + 1} للمنتج`, fr: `Vue numéro ${i + 1} de l'article` },
      })),
    );
    const fr = await (await fetch(`${baseUrl()}/fr/products/${shop.published.slug}`)).text();
    expect(fr.match(/data-testid="gallery-slide"/g)).toHaveLength(3);
    expect(fr.match(/data-testid="gallery-thumb"/g)).toHaveLength(3);
    for (let i = 1; i <= 3; i++) {
      expect(fr).toContain(`id="photo-${i}"`);
      expect(fr).toContain(`href="#photo-${i}"`);
      expect(fr).toContain(`alt="Vue numéro ${i} de l&#x27;article"`);
    }
    const largest = pictures[1].variants
      .filter((v) => v.format === "jpeg")
      .sort((a, b) => b.width - a.width)[0];
    expect(fr).toContain(`href="/media/${largest.key}" class="gallery__zoom"`);
    const big = await fetch(`${baseUrl()}/media/${largest.key}`);
    expect(big.status).toBe(200);
    expect(big.headers.get("content-type")).toBe("image/jpeg");
    const ar = await (await fetch(`${baseUrl()}/ar/products/${shop.published.slug}`)).text();
    expect(ar).toContain('alt="صورة رقم 2 للمنتج"');
  });

  it("takes at most 8 photos per listing", async () => {
    const shop = await createShop(app.db, { label: "gallery-limit", backOffice: true });
    const { cookie } = await signIn(app.db, shop.owner.id);
    const one = await png("#556b2f", 120, 90);
    const send = async (n: number) => {
      const body = new FormData();
      for (let i = 0; i < n; i++) body.append("photos", new Blob([one], { type: "image/png" }), `p${i}.png`);
      return fetch(`${baseUrl()}/fr/shop/listings/${shop.draft.id}/photos`, {
        method: "POST",
        headers: { Origin: baseUrl(), Cookie: cookie, Accept: "application/json" },
        body,
      });
    };
    const nine = await send(9);
    expect(nine.status).toBe(400);
    expect((await nine.json()).rejected[0].reason).toBe("too_many_files");
    const eight = await send(8);
    expect(eight.status).toBe(200);
    // The same picture eight times is one image: add seven others, then one more is too many.
    const photos = await app.db
      .select()
      .from(productImages)
      .where(eq(productImages.productId, shop.draft.id));
    expect(photos).toHaveLength(1);
    const body = new FormData();
    for (let i = 0; i < 8; i++)
      body.append(
        "photos",
        new Blob([await png(`#${(0x101010 * (i + 1)).toString(16).padStart(6, "0")}`, 100, 80)], {
          type: "image/png",
        }),
        `c${i}.png`,
      );
    const over = await fetch(`${baseUrl()}/fr/shop/listings/${shop.draft.id}/photos`, {
      method: "POST",
      headers: { Origin: baseUrl(), Cookie: cookie, Accept: "application/json" },
      body,
    });
    expect(over.status).toBe(400);
    expect((await over.json()).rejected[0].reason).toBe("too_many_photos");
  });
});
