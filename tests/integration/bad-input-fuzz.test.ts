/**
 * Property: whatever a client sends, the server answers without a 5xx and stays up
 * (issue 10, item 11). fast-check generates requests over every route of app/routes (read
 * from the folder, so a new route is fuzzed without editing this file): its loader by GET
 * and HEAD, its action by POST, with params drawn from this test's own shop (ids, slugs)
 * and from hostile values (NUL, int4 overflow, non-Latin-1, huge), hostile queries and
 * cookies, and bodies of every kind (urlencoded, multipart, JSON, text, empty, broken),
 * sent as an anonymous visitor, a cooperative owner and a chamber moderator.
 *
 * The seed is fixed so that a run in CI is reproducible; HIRFA_FUZZ_SEED and
 * HIRFA_FUZZ_RUNS explore further. Mutations only ever name this test's own rows (the
 * seeded catalogue is read, never posted to), so other test files are not disturbed.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { cooperatives, crafts, products } from "#db/schema";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { createShop, type BackOfficeShop } from "../support/shops";

const RUNS = Number(process.env.HIRFA_FUZZ_RUNS ?? 1200);
const CONCURRENCY = 4;
const SEED = Number(process.env.HIRFA_FUZZ_SEED ?? 20260110);

type Who = "anonymous" | "owner" | "moderator";
type Route = { file: string; segments: string[]; hasLoader: boolean; hasAction: boolean };

/** Remix's flat routes: `$lang.shop.listings.$id.photos.tsx` → [$lang, shop, listings, $id, photos]. */
function readRoutes(): Route[] {
  const dir = path.resolve(import.meta.dirname, "../../app/routes");
  const routes: Route[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => /\.tsx?$/.test(f))
    .sort()) {
    const source = readFileSync(path.join(dir, file), "utf8");
    const segments = file
      .replace(/\.tsx?$/, "")
      .replace(/\[\.\]/g, "\u0001")
      .split(".")
      .map((s) => s.replaceAll("\u0001", ".").replace(/(.)_$/, "$1")) // `register_`: not nested, same URL segment
      .filter((s) => s !== "_index" && !s.startsWith("_"));
    const key = segments.join("/");
    const hasLoader = /export (async )?function loader|export const loader/.test(source);
    const hasAction = /export (async )?function action|export const action/.test(source);
    const existing = routes.find((r) => r.segments.join("/") === key);
    if (existing) {
      existing.hasLoader ||= hasLoader;
      existing.hasAction ||= hasAction;
      continue;
    }
    routes.push({ file, segments, hasLoader, hasAction });
  }
  return routes;
}

const routes = readRoutes();

// Hostile text, as it appears in a URL (already percent-encoded) and in a field.
const hostileInUrl = [
  "%00",
  "a%00b",
  "2147483648",
  "99999999999999999999",
  "-1",
  "0",
  "1e3",
  "%E2%82%AC",
  "%D9%85%D9%86%D8%AA%D8%AC",
  "%F0%9F%98%80",
  "%C3%A9",
  "%FF%FE",
  "%",
  "%2e%2e%2f%2e%2e",
  "..",
  "'%20OR%201=1--",
  "%3Cscript%3E",
  "x".repeat(600),
  "%20",
  "__proto__",
  "constructor",
];
const hostileValues = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "2147483648",
  "-2147483649",
  "99999999999999999999",
  "1e308",
  "NaN",
  "-0",
  "0x10",
  "1.5",
  "١٢٣",
  "زربية",
  "é",
  "\uFEFF",
  "\u202Eevil",
  "\uD800",
  "<script>alert(1)</script>",
  "' OR 1=1--",
  "../../etc/passwd",
  "x".repeat(5000),
  "on",
  "true",
  "null",
  "undefined",
  "[object Object]",
  "http://evil.example/",
  "//evil.example",
  "/\t/evil.example",
  "\r\nSet-Cookie: x=1",
  "a@b.ma",
  "+212612345678",
  "2026-13-45",
  "fes",
  "atlantis",
];
const intents = [
  "add",
  "update",
  "remove",
  "save",
  "submit",
  "duplicate",
  "archive",
  "photo-earlier",
  "photo-later",
  "photo-remove",
  "photo-alt",
  "approve",
  "reject",
  "dismiss",
  "unpublish",
  "suspend",
  "reinstate",
  "verify",
  "invite",
  "ship",
  "cancel",
  "confirm",
  "deliver",
  "refund-by-hand",
  "rib",
  "commission",
  "staff",
];
const fieldNames = [
  "intent",
  "productId",
  "quantity",
  "_fetcher",
  "email",
  "password",
  "confirm",
  "name",
  "redirectTo",
  "craftId",
  "imageId",
  "userId",
  "role",
  "cooperativeId",
  "reason",
  "note",
  "decision",
  "reportId",
  "amount",
  "reference",
  "paidOn",
  "refundId",
  "rib",
  "status",
  "slug",
  "id",
  "percent",
  "provinceSlug",
  "phone",
  "processingDays",
  "shippingFeeMa",
  "shippingFeeIntl",
  "acceptsCod",
  "city",
  "line1",
  "line2",
  "postalCode",
  "country",
  "paymentMethod",
  "registrationNumber",
  "contactName",
  "contactEmail",
  "contactPhone",
  "message",
  "crafts",
  "carrier",
  "trackingNumber",
  "price",
  "stock",
  "width",
  "height",
  "depth",
  "weight",
  "attributeKeys",
  "change",
  "title_ar",
  "title_fr",
  "description_ar",
  "description_fr",
  "materials_ar",
  "materials_fr",
  "care_ar",
  "care_fr",
  "name_ar",
  "name_fr",
  "story_ar",
  "story_fr",
  "city_ar",
  "city_fr",
  "alt_ar",
  "alt_fr",
  "photos",
  "logo",
  "attr_glaze",
  "attr_foodSafe",
  "constructor",
  "__proto__",
];
const queryKeys = [
  "q",
  "page",
  "sort",
  "craft",
  "province",
  "cooperative",
  "price_min",
  "price_max",
  "redirectTo",
  "status",
  "from",
  "to",
  "notice",
  "rejected",
  "added",
  "kind",
  "type",
  "inStock",
  "lng",
  "_data",
  "index",
];

let app: DatabaseHandle;
let shop: BackOfficeShop;
let moderatorId: number;
const cookies: Partial<Record<Who, string>> = {};
let ids: string[] = [];
const slugs = { product: [] as string[], cooperative: [] as string[], craft: [] as string[] };

beforeAll(async () => {
  app = openAppDatabase();
  shop = await createShop(app.db, { label: "fuzz", backOffice: true });
  moderatorId = (await makeUser(app.db, { prefix: "fuzz-moderator", staffRole: "moderator" })).id;
  cookies.owner = (await signIn(app.db, shop.owner.id)).cookie;
  cookies.moderator = (await signIn(app.db, moderatorId)).cookie;
  // The seeded catalogue, read only (GET): one of each kind of slug.
  const [seededProduct] = await app.db
    .select({ slug: products.slug })
    .from(products)
    .where(eq(products.status, "published"))
    .orderBy(asc(products.id))
    .limit(1);
  const [seededCoop] = await app.db
    .select({ slug: cooperatives.slug })
    .from(cooperatives)
    .where(and(eq(cooperatives.status, "verified")))
    .orderBy(asc(cooperatives.id))
    .limit(1);
  const [seededCraft] = await app.db
    .select({ slug: crafts.slug })
    .from(crafts)
    .orderBy(asc(crafts.id))
    .limit(1);
  ids = [shop.draft.id, shop.published.id, shop.coop.id, shop.owner.id, shop.editor.id, shop.craft.id].map(
    String,
  );
  slugs.product = [shop.published.slug, shop.draft.slug];
  slugs.cooperative = [shop.coop.slug, seededCoop?.slug ?? shop.coop.slug];
  slugs.craft = [shop.craft.slug, seededCraft?.slug ?? "pottery"];
  if (seededProduct) slugs.product.push(seededProduct.slug);
});
afterAll(async () => {
  await app?.close();
});

/** encodeURIComponent, with lone surrogates (which it refuses) as U+FFFD. */
const encode = (s: string) =>
  encodeURIComponent(
    s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"),
  );
const hostileUrlArb = fc.oneof(
  fc.constantFrom(...hostileInUrl),
  fc.string({ maxLength: 12 }).map(encode),
  fc.integer().map(String),
);

/** A value for one route param: mostly a real one of this test's shop, often a hostile one. */
function paramArb(segment: string, method: "GET" | "HEAD" | "POST") {
  const name = segment.slice(1);
  const real: Record<string, () => string[]> = {
    lang: () => ["fr", "ar"],
    id: () => ids,
    slug: () => (method === "POST" ? slugs.product.slice(0, 2) : [...slugs.product, ...slugs.cooperative]),
    craft: () => slugs.craft,
    kind: () => ["listing", "revision"],
    table: () => ["byMonth", "byCraft", "byProvince", "topCooperatives"],
    ns: () => ["common", "shop", "checkout"],
    token: () => ["0123456789abcdef0123456789abcdef"],
    key: () => ["0000000000000000000000000000000000000000000000000000000000000000-400.webp"],
    "": () => ["nowhere", "a/b/c"],
  };
  const values = real[name]?.() ?? [];
  if (name === "lang")
    return fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...values) },
      { weight: 1, arbitrary: fc.constantFrom("en", "%00", "FR", "xx") },
    );
  return values.length > 0
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...values) }, { weight: 2, arbitrary: hostileUrlArb })
    : hostileUrlArb;
}

const valueArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hostileValues) },
  { weight: 2, arbitrary: fc.constantFrom(...intents) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String) },
);
const fieldsArb = fc.array(
  fc.tuple(
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...fieldNames) },
      { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
    ),
    valueArb,
  ),
  { maxLength: 10 },
);

type Body = { type?: string; body?: BodyInit };
type MakeBody = (fields: [string, string][], idPool: string[]) => Body;
const bodyArb = fc.constantFrom<MakeBody>(
  // The common case, weighted by repetition: a urlencoded form with an intent and an id.
  (fields, idPool) => ({
    type: "application/x-www-form-urlencoded",
    body: new URLSearchParams(withId(fields, idPool)).toString(),
  }),
  (fields, idPool) => ({
    type: "application/x-www-form-urlencoded",
    body: new URLSearchParams(withId(fields, idPool)).toString(),
  }),
  (fields, idPool) => ({
    type: "application/x-www-form-urlencoded",
    body: new URLSearchParams(withId(fields, idPool)).toString(),
  }),
  (fields, idPool) => {
    const form = new FormData();
    for (const [k, v] of withId(fields, idPool)) form.append(k, v);
    return { body: form };
  },
  (fields) => {
    const form = new FormData();
    for (const [k, v] of fields) form.append(k, v);
    form.append(
      fields[0]?.[0] ?? "photos",
      new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3])], "a;b=c.png", { type: "image/png" }),
    );
    return { body: form };
  },
  (fields) => ({ type: "application/json", body: JSON.stringify(Object.fromEntries(fields)) }),
  (fields) => ({ type: "text/plain", body: fields.map(([k, v]) => `${k}=${v}`).join("\n") }),
  () => ({ type: "application/x-www-form-urlencoded", body: "" }),
  () => ({ type: "multipart/form-data; boundary=fuzz", body: "" }),
  () => ({
    type: "multipart/form-data; boundary=fuzz",
    body: '--fuzz\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave',
  }),
  () => ({ type: "multipart/form-data", body: "--fuzz--" }),
  () => ({
    type: "multipart/form-data; boundary=fuzz",
    body: '--fuzz\r\nContent-Disposition: form-data; name="a%00"; filename="\u0000.png"\r\n\r\nx\r\n--fuzz--\r\n',
  }),
  () => ({ type: "application/x-www-form-urlencoded", body: "%%%&=&==&a=%zz&b=%C3%28" }),
  () => ({}),
);

/** Where the route takes an id in its form, often give it one of this shop's. */
function withId(fields: [string, string][], idPool: string[]): [string, string][] {
  const out = [...fields];
  if (idPool.length > 0 && fields.length % 2 === 0) {
    for (const key of ["productId", "imageId", "cooperativeId", "userId"])
      if (!out.some(([k]) => k === key)) out.push([key, idPool[fields.length % idPool.length]]);
  }
  return out;
}

const cookieArb = fc.constantFrom(
  null,
  null,
  null,
  "hirfa_session=%00",
  `hirfa_session=${encodeURIComponent(Buffer.from(JSON.stringify("a\u0000b")).toString("base64"))}`,
  `hirfa_session=${encodeURIComponent(Buffer.from(JSON.stringify({ a: 1 })).toString("base64"))}`,
  "cart=garbage",
  `cart=${encodeURIComponent(Buffer.from(JSON.stringify("2147483648")).toString("base64"))}`,
  `cart=${encodeURIComponent(Buffer.from(JSON.stringify(2147483648)).toString("base64"))}`,
  "lng=xx",
  "lng=%00",
);

const requestArb = fc
  .record({
    route: fc.constantFrom(...routes),
    method: fc.constantFrom<"GET" | "HEAD" | "POST">("GET", "GET", "HEAD", "POST", "POST", "POST"),
    who: fc.constantFrom<Who>("anonymous", "owner", "moderator"),
    cookie: cookieArb,
    query: fc.array(fc.tuple(fc.constantFrom(...queryKeys), fc.oneof(hostileUrlArb, valueArb.map(encode))), {
      maxLength: 3,
    }),
    fields: fieldsArb,
    body: bodyArb,
  })
  .chain((r) =>
    fc
      .tuple(...r.route.segments.map((s) => (s.startsWith("$") ? paramArb(s, r.method) : fc.constant(s))))
      .map((segments) => ({ ...r, segments })),
  );

type FuzzRequest = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

describe("fuzzing every loader and action", () => {
  it(`answers ${RUNS} generated requests without a 5xx, and stays up`, { timeout: 180_000 }, async () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => r.hasAction).length).toBeGreaterThan(20);
    const statuses = new Map<number, number>();
    const send = async (r: FuzzRequest) => {
      const query = r.query.map(([k, v]) => `${k}=${v}`).join("&");
      const target = `/${r.segments.join("/")}${query ? `?${query}` : ""}`;
      const headers: Record<string, string> = { Origin: baseUrl() };
      const cookie = [r.who === "anonymous" ? null : cookies[r.who], r.cookie].filter(Boolean).join("; ");
      if (cookie) headers.Cookie = cookie;
      let body: Body = {};
      if (r.method === "POST") {
        body = r.body(r.fields as [string, string][], ids);
        if (body.type) headers["Content-Type"] = body.type;
      }
      const res = await fetch(`${baseUrl()}${target}`, {
        method: r.method,
        headers,
        body: body.body,
        redirect: "manual",
      });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      return {
        status: res.status,
        what: `${r.who} ${r.method} ${target} ${body.type ?? ""} ${typeof body.body === "string" ? body.body.slice(0, 200) : ""}`,
      };
    };
    // Requests go CONCURRENCY at a time (as a crowd would send them), which also keeps the
    // run short on two cores; a failing batch is shrunk like a single request.
    await fc.assert(
      fc.asyncProperty(
        fc.array(requestArb, { minLength: CONCURRENCY, maxLength: CONCURRENCY }),
        async (batch) => {
          const answers = await Promise.all(batch.map(send));
          // Signing out revokes the session: sign the same person in again for what follows.
          for (const r of batch) {
            if (r.method === "POST" && r.segments.at(-1) === "logout" && r.who !== "anonymous") {
              cookies[r.who] = (await signIn(app.db, r.who === "owner" ? shop.owner.id : moderatorId)).cookie;
            }
          }
          for (const a of answers) expect(a.status, a.what).toBeLessThan(500);
        },
      ),
      { numRuns: Math.ceil(RUNS / CONCURRENCY), seed: SEED, endOnFailure: true },
    );
    // Each kind of answer was reached: the fuzzer got past the sign-in and the forms.
    for (const status of [200, 302, 400, 404])
      expect(
        statuses.get(status) ?? 0,
        `status ${status} in ${JSON.stringify([...statuses])}`,
      ).toBeGreaterThan(0);
    const health = await fetch(`${baseUrl()}/healthz`);
    expect(health.status).toBe(200);
  });
});
