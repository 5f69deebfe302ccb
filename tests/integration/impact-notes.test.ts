/**
 * The impact page's note under the women figure, over HTTP against the built app on a database
 * of its own: with no sales at all, with sales by cooperatives that never said how many women
 * they have, with only cooperatives that said "none", and with women members — a sentence that
 * reads right in each case, in Arabic, French and English, never "declared by 0 of 0".
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cooperatives, shopOrders } from "#db/schema";
import { placeOrder } from "~/models/checkout.server";
import { fulfilShopOrder } from "~/models/fulfilment.server";
import { startAppProcess, startPGliteAppProcess, type AppProcess } from "../support/app-process";
import { Client } from "../support/client";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { buyer, createShop, type Shop } from "../support/shops";
import { eventually } from "../support/wait";

/** The note and the women figure as the page shows them. */
async function womenOf(base: string, locale: string) {
  const { res, html } = await new Client(base).get(`/${locale}/impact`);
  expect(res.status).toBe(200);
  const note = html.match(/data-testid="impact-women-note"[^>]*>([^<]*)</)?.[1] ?? "";
  const figure = html.match(/data-testid="impact-women"[\s\S]*?<dd>([^<]*)<\/dd>/)?.[1] ?? "";
  return { note, figure };
}

const NO_SALES = {
  ar: "لم تبع أي تعاونية عبر حرفة بعد: سيظهر عدد النساء الأعضاء مع أولى المبيعات.",
  fr: "Aucune coopérative n'a encore vendu sur Hirfa : le nombre de femmes membres s'affichera avec les premières ventes.",
  en: "No cooperative has sold on Hirfa yet: the number of women members will show with the first sales.",
};
const NOT_GIVEN = { ar: "غير مصرح به", fr: "non déclaré", en: "not given" };

describe("the impact page before any sale (PGlite)", () => {
  let server: AppProcess;
  beforeAll(async () => {
    ({ server } = await startPGliteAppProcess("impact-notes", async () => {}, { SMTP_URL: "" }));
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("says no cooperative has sold yet, and no women figure, in ar, fr and en", async () => {
    for (const locale of ["ar", "fr", "en"] as const) {
      expect(await womenOf(server.url, locale)).toEqual({
        note: NO_SALES[locale],
        figure: NOT_GIVEN[locale],
      });
    }
  });
});

describe("the impact page from no sale to women members (PostgreSQL)", () => {
  let t: TestDatabase;
  let server: AppProcess;
  let shop: Shop;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    server = await startAppProcess({ DATABASE_URL: t.url!, SMTP_URL: "" });
    shop = await createShop(t.db, { products: [{ stock: 5, priceCentimes: 20_000 }] });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await t?.destroy();
  });

  it("says no cooperative has sold yet while nothing sold, in ar, fr and en", async () => {
    for (const locale of ["ar", "fr", "en"] as const) {
      expect(await womenOf(server.url, locale)).toEqual({
        note: NO_SALES[locale],
        figure: NOT_GIVEN[locale],
      });
    }
  });

  it("says the cooperative that sold has not given its number of women, then that it has none, then how many said", async () => {
    const placed = await placeOrder(t.db, {
      lines: [{ productId: shop.products[0].id, quantity: 1 }],
      buyer: buyer(),
      locale: "fr",
      cardEnabled: false,
    });
    if (!placed.ok) throw new Error(JSON.stringify(placed.error));
    const [part] = await t.db.select().from(shopOrders).where(eq(shopOrders.orderId, placed.order.id));
    // Cash on delivery is a sale once the cooperative confirms it.
    expect(
      await fulfilShopOrder(t.db, {
        origin: server.url,
        cooperativeId: shop.coop.id,
        shopOrderId: part.id,
        action: "confirm",
      }),
    ).toMatchObject({ ok: true });
    // The figures follow the sales through the database's notifications: polled, not slept on.
    expect(
      await eventually(
        () => womenOf(server.url, "fr"),
        (w) => w.note !== NO_SALES.fr,
      ),
    ).toEqual({
      note: "La coopérative qui a vendu n'a pas encore déclaré son nombre de femmes membres.",
      figure: NOT_GIVEN.fr,
    });
    expect(await womenOf(server.url, "en")).toEqual({
      note: "The cooperative that sold has not given its number of women members yet.",
      figure: NOT_GIVEN.en,
    });
    expect((await womenOf(server.url, "ar")).note).toBe(
      "لم تصرح التعاونية التي باعت بعدد النساء الأعضاء بعد.",
    );

    await t.db
      .update(cooperatives)
      .set({ memberCount: 12, womenMemberCount: 0 })
      .where(eq(cooperatives.id, shop.coop.id));
    expect(
      await eventually(
        () => womenOf(server.url, "fr"),
        (w) => w.figure !== NOT_GIVEN.fr,
      ),
    ).toEqual({
      note: "Nombre de femmes déclaré par 1 coopérative sur 1 : aucune femme membre pour l'instant.",
      figure: "0",
    });
    expect((await womenOf(server.url, "ar")).note).toBe(
      "صرحت تعاونية واحدة من 1 بعدد النساء: لا نساء بين أعضائها حتى الآن.",
    );

    await t.db.update(cooperatives).set({ womenMemberCount: 9 }).where(eq(cooperatives.id, shop.coop.id));
    expect(
      await eventually(
        () => womenOf(server.url, "en"),
        (w) => w.figure !== "0",
      ),
    ).toEqual({ note: "Number of women given by 1 cooperative of 1.", figure: "9" });
  });
});
