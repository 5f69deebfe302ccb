/**
 * Catalogue pages for signed-in buyers and guests with a cart or favourites, from the page
 * cache (decision 022): one stored page per viewer state (signed in or not, roles, cart count,
 * favourites), each visitor's own name spliced in. Through the built server, on PostgreSQL (the
 * suite's server) and on PGlite (a server of its own): every page served this way must be
 * byte for byte the page a full render gives the same visitor (nonces aside), and no visitor
 * ever sees another's name, cart count, favourites or links.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type DatabaseHandle } from "#db/client";
import { crafts, products } from "#db/schema";
import { createSession, createUser } from "~/models/users.server";
import { startPGliteAppProcess, type AppProcess } from "../support/app-process";
import { openAppDatabase } from "../support/db";
import { sessionCookieHeader } from "../support/fixtures";
import { baseUrl, browserFormHeaders } from "../support/http";
import { createShop } from "../support/shops";

type Person = { name: string; cookie: string };
type Scene = {
  base: string;
  productPath: string;
  craftPath: string;
  productIds: number[];
  /** Names that need every kind of escaping, in HTML text and in the hydration data. */
  amina: Person;
  brahim: Person;
  /** Chamber staff: the same page with one more link. */
  staff: Person;
};

const tag = () => Math.random().toString(36).slice(2, 8);

async function prepare(db: Database, base: string): Promise<Scene> {
  const shop = await createShop(db, {
    products: [
      { stock: 9, priceCentimes: 25_000 },
      { stock: 9, priceCentimes: 31_000 },
    ],
  });
  const person = async (name: string, staffRole: "moderator" | null = null): Promise<Person> => {
    const user = await createUser(db, { email: `pc-${tag()}@test.hirfa.ma`, name, staffRole });
    const { token } = await createSession(db, user.id);
    return { name, cookie: sessionCookieHeader(token) };
  };
  const [listing] = await db
    .select({ slug: products.slug, craft: crafts.slug })
    .from(products)
    .innerJoin(crafts, eq(crafts.id, products.craftId))
    .where(eq(products.id, shop.products[0].id));
  return {
    base,
    productPath: `/fr/products/${listing.slug}`,
    craftPath: `/fr/crafts/${listing.craft}`,
    productIds: shop.products.map((p) => p.id),
    amina: await person(`Amina "O'Neil" <b>&amp;</b> \\ </script> \u2028 ${tag()}`),
    brahim: await person(`براهيم الفاسي ${tag()}`),
    staff: await person(`Staff ${tag()}`, "moderator"),
  };
}

async function get(scene: Scene, pathname: string, cookie = "") {
  const res = await fetch(`${scene.base}${pathname}`, { headers: cookie ? { Cookie: cookie } : {} });
  return { res, html: await res.text(), cache: res.headers.get("x-page-cache") };
}

async function post(scene: Scene, pathname: string, cookie: string, form: Record<string, string | number>) {
  const res = await fetch(`${scene.base}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { ...browserFormHeaders(scene.base), Cookie: cookie },
    body: new URLSearchParams(Object.entries(form).map(([k, v]) => [k, String(v)])).toString(),
  });
  await res.arrayBuffer();
  return res;
}

const noNonces = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""');

/**
 * The page as the cache serves it (asked until it comes from a stored page: other test files
 * change the catalogue, which empties the cache) and the page a full render gives the same
 * visitor: an extra cookie the cache does not know makes the server render it as before.
 * On the suite's server another file may change the catalogue between the two requests (a new
 * product or craft in the page), and the two then differ for that reason: the pair is asked
 * again, five times at most. A difference the cache makes is in every pair, and stays.
 */
async function servedAndRendered(scene: Scene, pathname: string, cookie: string) {
  for (let attempt = 1; ; attempt++) {
    const deadline = Date.now() + 20_000;
    let served = await get(scene, pathname, cookie);
    while (served.cache !== "personal-hit" && Date.now() < deadline)
      served = await get(scene, pathname, cookie);
    const rendered = await get(scene, pathname, `${cookie}; unrelated=1`);
    expect(rendered.cache).toBeNull();
    if (noNonces(served.html) === noNonces(rendered.html) || attempt === 5) return { served, rendered };
  }
}

/** The viewer's name as the header shows it. */
const headerName = (html: string) => html.match(/class="account-nav__name">([^<]*)</)?.[1] ?? null;

/**
 * The strings of the hydration data: Remix enqueues one turbo-stream line, a JSON array whose
 * strings are the data's values, as a JSON string in a script element.
 */
function hydrationStrings(html: string): string[] {
  const literal = html.match(/streamController\.enqueue\(("(?:[^"\\]|\\.)*")\)/)?.[1];
  if (!literal) throw new Error("no hydration data in the page");
  const flat = JSON.parse(JSON.parse(literal) as string) as unknown[];
  return flat.filter((v): v is string => typeof v === "string");
}

function behaves(scene: () => Scene) {
  it("serves two buyers the same stored page, each with their own name, as a full render would", async () => {
    const s = scene();
    for (const pathname of [s.productPath, s.craftPath]) {
      for (const person of [s.amina, s.brahim, s.amina]) {
        const { served, rendered } = await servedAndRendered(s, pathname, person.cookie);
        expect(served.cache).toBe("personal-hit");
        expect(served.res.headers.get("cache-control")).toBe("private, no-store");
        expect(noNonces(served.html)).toBe(noNonces(rendered.html));
        const other = person === s.amina ? s.brahim : s.amina;
        expect(served.html).not.toContain(other.name.slice(-6));
        expect(served.html).not.toMatch(/hirfaviewer/);
      }
    }
    // The header shows the name escaped, and the hydration data carries it whole.
    const { served } = await servedAndRendered(s, s.productPath, s.amina.cookie);
    expect(headerName(served.html)).toContain("Amina &quot;O&#x27;Neil&quot; &lt;b&gt;&amp;amp;&lt;/b&gt;");
    expect(hydrationStrings(served.html)).toContain(s.amina.name);
    expect(hydrationStrings(served.html)).not.toContain(s.brahim.name);
    expect(served.html).not.toContain("</script> \u2028");
  });

  it("keys the page by what the visitor sees: roles, cart count and favourites", async () => {
    const s = scene();
    const staff = await servedAndRendered(s, s.productPath, s.staff.cookie);
    expect(noNonces(staff.served.html)).toBe(noNonces(staff.rendered.html));
    expect(staff.served.html).toContain('href="/fr/chamber"');
    const buyer = await servedAndRendered(s, s.productPath, s.brahim.cookie);
    expect(buyer.served.html).not.toContain('href="/fr/chamber"');

    // Right after adding to the cart, the count is the buyer's own; the other's stays.
    const added = await post(s, "/fr/cart", s.amina.cookie, {
      intent: "add",
      productId: s.productIds[1],
      quantity: 2,
    });
    expect(added.status).toBe(302);
    const cookieWithCart = [s.amina.cookie, ...added.headers.getSetCookie().map((c) => c.split(";")[0])].join(
      "; ",
    );
    const afterAdd = await get(s, s.productPath, cookieWithCart);
    expect(afterAdd.html).toMatch(/data-testid="cart-count"[^>]*>2</);
    const withCart = await servedAndRendered(s, s.productPath, cookieWithCart);
    expect(noNonces(withCart.served.html)).toBe(noNonces(withCart.rendered.html));
    expect((await servedAndRendered(s, s.productPath, s.brahim.cookie)).served.html).toMatch(
      /data-testid="cart-count"[^>]*>0</,
    );

    // A favourite: the heart is pressed for this buyer only.
    const favourite = await post(s, "/fr/favourites", cookieWithCart, {
      productId: s.productIds[0],
      intent: "add",
      redirectTo: s.productPath,
    });
    expect([302, 303]).toContain(favourite.status);
    const withFavourite = await servedAndRendered(s, s.productPath, cookieWithCart);
    expect(noNonces(withFavourite.served.html)).toBe(noNonces(withFavourite.rendered.html));
    expect(withFavourite.served.html).toMatch(/aria-pressed="true"/);
    const other = await servedAndRendered(s, s.productPath, s.brahim.cookie);
    expect(other.served.html).not.toMatch(/aria-pressed="true"/);
    expect(noNonces(other.served.html)).toBe(noNonces(other.rendered.html));
  });

  it("serves a guest with a cart their own count and no name, and a signed-out session no longer", async () => {
    const s = scene();
    const guest = await post(s, "/fr/cart", "", { intent: "add", productId: s.productIds[0], quantity: 3 });
    expect(guest.status).toBe(302);
    const cart = guest.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const { served, rendered } = await servedAndRendered(s, s.productPath, cart);
    expect(served.html).toMatch(/data-testid="cart-count"[^>]*>3</);
    expect(headerName(served.html)).toBeNull();
    expect(noNonces(served.html)).toBe(noNonces(rendered.html));

    // A session ended elsewhere is gone from the next page, stored or not.
    const person = await (async () => {
      const res = await get(s, s.productPath, s.staff.cookie);
      expect(res.html).toContain(s.staff.name);
      return s.staff;
    })();
    expect((await post(s, "/fr/logout", person.cookie, {})).status).toBe(302);
    const after = await get(s, s.productPath, person.cookie);
    expect(after.html).not.toContain(person.name);
    expect(after.html).not.toContain('href="/fr/chamber"');
  });
}

describe("page cache for signed-in visitors on PostgreSQL (the suite's server)", () => {
  let app: DatabaseHandle;
  let scene: Scene;
  beforeAll(async () => {
    app = openAppDatabase();
    scene = await prepare(app.db, baseUrl());
  });
  afterAll(async () => {
    await app?.close();
  });

  behaves(() => scene);

  it("shows a catalogue change committed before the request to signed-in visitors too", async () => {
    const [id] = scene.productIds;
    for (const price of [26_100, 26_200]) {
      await servedAndRendered(scene, scene.productPath, scene.brahim.cookie);
      await app.db.update(products).set({ priceCentimes: price }).where(eq(products.id, id));
      const after = await get(scene, scene.productPath, scene.brahim.cookie);
      expect(after.cache).toBe("personal-miss");
      expect(after.html).toContain(`"price":"${(price / 100).toFixed(2)}"`);
    }
  });
});

describe("page cache for signed-in visitors on PGlite (a server of its own)", () => {
  let server: AppProcess;
  let scene: Scene;
  beforeAll(async () => {
    const started = await startPGliteAppProcess("personal-cache", (db) => prepare(db, ""));
    server = started.server;
    scene = { ...started.prepared, base: server.url };
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  behaves(() => scene);
});
