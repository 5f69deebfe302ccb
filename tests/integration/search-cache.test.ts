/**
 * Search results and facets are kept in memory until the catalogue changes (decision 016).
 * Through the built server, on PostgreSQL (the suite's server) and on PGlite (a server of its
 * own on an embedded database), a search shows a listing once it is approved, its new title
 * once the edit is approved, and its stock as soon as the cooperative changes it; on
 * PostgreSQL also a change to the search index made by another process.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type DatabaseHandle } from "#db/client";
import { images, productImages, products, searchDocuments } from "#db/schema";
import { createProduct } from "#db/factories";
import { refreshSearchIndex } from "~/models/search.server";
import { indexTerms } from "~/utils/normalize";
import { startPGliteAppProcess, type AppProcess } from "../support/app-process";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { createShop, listingForm } from "../support/shops";

/** Letters only, unique to this run: a query word no other listing contains. */
const word = (label: string) =>
  `${label}${Math.random()
    .toString(36)
    .replace(/[^a-z]/g, "")
    .slice(0, 8)}`;

type Listing = typeof products.$inferSelect;

type Scene = {
  base: string;
  moderator: string;
  owner: string;
  pending: Listing;
  live: Listing;
  /** On sale with 3 in stock, titled with `stockWord`. */
  stocked: Listing;
  stockWord: string;
  /** In the pending listing's title. */
  pendingWord: string;
  /** In the live listing's title before the edit. */
  oldWord: string;
};

/** What a made-up scene needs in a database: a shop with a pending and a live listing, staff. */
async function prepare(db: Database, base: string): Promise<Scene> {
  const pendingWord = word("zellij");
  const oldWord = word("qandil");
  const stockWord = word("khabia");
  // A label none of the query words contains (cooperative names are searched too).
  const shop = await createShop(db, { label: "search-cache", backOffice: true });
  const stocked = await createProduct(db, {
    cooperativeId: shop.coop.id,
    craftId: shop.craft.id,
    title: { fr: `Jarre ${stockWord}`, ar: "خابية" },
    stock: 3,
  });
  let [picture] = await db.select({ id: images.id }).from(images).limit(1);
  picture ??= (
    await db
      .insert(images)
      .values({
        hash: `search-cache-${pendingWord}`,
        width: 800,
        height: 600,
        dominantColor: "#aa8855",
        variants: [],
      })
      .returning({ id: images.id })
  )[0];
  const [pending] = await db
    .update(products)
    .set({
      status: "pending",
      submittedAt: new Date(),
      title: { fr: `Plat ${pendingWord}`, ar: "طبق للمراجعة" },
    })
    .where(eq(products.id, shop.draft.id))
    .returning();
  const [live] = await db
    .update(products)
    .set({ title: { fr: `Lanterne ${oldWord}`, ar: "فانوس" }, stock: 3 })
    .where(eq(products.id, shop.published.id))
    .returning();
  await db.insert(productImages).values([
    { productId: pending.id, imageId: picture.id, position: 0 },
    { productId: live.id, imageId: picture.id, position: 0 },
    { productId: stocked.id, imageId: picture.id, position: 0 },
  ]);
  await refreshSearchIndex(db, { productIds: [pending.id, live.id, stocked.id] });
  const staff = await makeUser(db, { prefix: "search-cache-mod", staffRole: "moderator" });
  return {
    base,
    moderator: (await signIn(db, staff.id)).cookie,
    owner: (await signIn(db, shop.owner.id)).cookie,
    pending,
    live,
    stocked,
    stockWord,
    pendingWord,
    oldWord,
  };
}

async function request(
  scene: Scene,
  cookie: string | null,
  method: "GET" | "POST",
  pathname: string,
  form?: Record<string, string | number>,
) {
  const headers: Record<string, string> = { Origin: scene.base };
  if (cookie) headers.Cookie = cookie;
  const body = form ? new URLSearchParams(Object.entries(form).map(([k, v]) => [k, String(v)])) : undefined;
  const res = await fetch(`${scene.base}${pathname}`, { method, headers, redirect: "manual", body });
  return { status: res.status, location: res.headers.get("location"), body: await res.text() };
}

/** The slugs of a search's result cards, asked twice: the second answer may come from the cache. */
async function searchSlugs(scene: Scene, query: string): Promise<string[]> {
  let slugs: string[] = [];
  for (let i = 0; i < 2; i++) {
    const res = await request(scene, null, "GET", `/fr/search?${query}`);
    expect(res.status).toBe(200);
    slugs = [...new Set([...res.body.matchAll(/href="\/fr\/products\/([a-z0-9-]+)"/g)].map((m) => m[1]))];
  }
  return slugs;
}

/** The same story on either engine: every step through HTTP, as staff and cooperatives act. */
function behavesThroughChanges(scene: () => Scene) {
  it("shows a listing once it is approved", async () => {
    const s = scene();
    expect(await searchSlugs(s, `q=${s.pendingWord}`)).toEqual([]);
    const approved = await request(s, s.moderator, "POST", `/fr/chamber/reviews/listing/${s.pending.id}`, {
      decision: "approve",
    });
    expect(approved.status).toBe(302);
    expect(await searchSlugs(s, `q=${s.pendingWord}`)).toEqual([s.pending.slug]);
  });

  it("finds a listing by its new title once the edit is approved, no longer by the old one", async () => {
    const s = scene();
    const newWord = word("tbaq");
    expect(await searchSlugs(s, `q=${s.oldWord}`)).toEqual([s.live.slug]);
    expect(await searchSlugs(s, `q=${newWord}`)).toEqual([]);
    const saved = await request(
      s,
      s.owner,
      "POST",
      `/fr/shop/listings/${s.live.id}`,
      listingForm(s.live, { title_fr: `Lanterne ${newWord}` }),
    );
    expect(saved.status).toBe(302);
    expect(
      (await request(s, s.owner, "POST", `/fr/shop/listings/${s.live.id}`, { intent: "submit" })).status,
    ).toBe(302);
    // Until the chamber approves, buyers find the approved title.
    expect(await searchSlugs(s, `q=${newWord}`)).toEqual([]);
    const queue = await request(s, s.moderator, "GET", "/fr/chamber/reviews");
    const revision = [...queue.body.matchAll(/\/fr\/chamber\/reviews\/revision\/(\d+)/g)].map((m) => m[1]);
    expect(revision.length).toBeGreaterThan(0);
    let approved = false;
    for (const id of new Set(revision)) {
      const page = await request(s, s.moderator, "GET", `/fr/chamber/reviews/revision/${id}`);
      if (!page.body.includes(newWord)) continue;
      const res = await request(s, s.moderator, "POST", `/fr/chamber/reviews/revision/${id}`, {
        decision: "approve",
      });
      expect(res.status).toBe(302);
      approved = true;
    }
    expect(approved).toBe(true);
    expect(await searchSlugs(s, `q=${newWord}`)).toEqual([s.live.slug]);
    expect(await searchSlugs(s, `q=${s.oldWord}`)).toEqual([]);
  });

  it("follows the stock a cooperative sets, in the results and the in-stock filter", async () => {
    const s = scene();
    const q = s.stockWord;
    expect(await searchSlugs(s, `q=${q}&stock=1`)).toEqual([s.stocked.slug]);
    let seen = s.stocked.stock;
    for (const [stock, inStock] of [
      [0, []],
      [4, [s.stocked.slug]],
    ] as const) {
      // Stock of a listing on sale changes at once, without review (decision 014).
      const saved = await request(
        s,
        s.owner,
        "POST",
        `/fr/shop/listings/${s.stocked.id}`,
        listingForm(s.stocked, { stock, stockSeen: seen }),
      );
      expect(saved.status).toBe(302);
      expect(saved.location).toContain("notice=savedLive");
      seen = stock;
      expect(await searchSlugs(s, `q=${q}&stock=1`)).toEqual(inStock);
      expect(await searchSlugs(s, `q=${q}`)).toEqual([s.stocked.slug]);
    }
  });
}

describe("search cache on PostgreSQL (the suite's server)", () => {
  let app: DatabaseHandle;
  let scene: Scene;
  beforeAll(async () => {
    app = openAppDatabase();
    scene = await prepare(app.db, baseUrl());
  });
  afterAll(async () => {
    await app?.close();
  });

  behavesThroughChanges(() => scene);

  it("follows a change to the search index made by another process", async () => {
    const extra = word("tajine");
    expect(await searchSlugs(scene, `q=${extra}`)).toEqual([]);
    // As a reindex by a script would: the index alone changes, in its own transaction, and
    // holds the word in index form (a random word ending in s or x is a French plural there).
    const [term] = indexTerms(extra);
    await app.db
      .update(searchDocuments)
      .set({ terms: sql`array_append(${searchDocuments.terms}, ${term})` })
      .where(eq(searchDocuments.productId, scene.live.id));
    // The server hears of it through LISTEN/NOTIFY, a moment after the commit: wait for it.
    await expect.poll(() => searchSlugs(scene, `q=${extra}`), { timeout: 20_000 }).toEqual([scene.live.slug]);
  });
});

describe("search cache on PGlite (a server of its own)", () => {
  let server: AppProcess;
  let scene: Scene;
  beforeAll(async () => {
    const started = await startPGliteAppProcess("search-cache", (db) => prepare(db, ""));
    server = started.server;
    scene = { ...started.prepared, base: server.url };
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  behavesThroughChanges(() => scene);
});
