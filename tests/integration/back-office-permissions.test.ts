/**
 * Every back-office loader and action × anonymous, buyer, editor and owner of the
 * cooperative, member of another cooperative, moderator, admin → the expected status.
 * A member of one cooperative can neither read nor change another's drafts, photos,
 * members or profile, whatever id they guess; nothing of the other shop appears in bodies.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { cooperatives, memberships, productImages, products } from "#db/schema";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn } from "../support/fixtures";
import { requestAs } from "../support/http";
import { createShop, type BackOfficeShop } from "../support/shops";

type Who = "anonymous" | "buyer" | "editor" | "owner" | "otherOwner" | "moderator" | "admin";
const everyone: Who[] = ["anonymous", "buyer", "editor", "owner", "otherOwner", "moderator", "admin"];

let app: DatabaseHandle;
let shopA: BackOfficeShop;
let shopB: BackOfficeShop;
const cookies: Partial<Record<Who, string>> = {};

beforeAll(async () => {
  app = openAppDatabase();
  [shopA, shopB] = await Promise.all([
    createShop(app.db, { label: "A", backOffice: true }),
    createShop(app.db, { label: "B", backOffice: true }),
  ]);
  const buyer = await makeUser(app.db, { prefix: "buyer" });
  const moderator = await makeUser(app.db, { prefix: "moderator", staffRole: "moderator" });
  const admin = await makeUser(app.db, { prefix: "admin", staffRole: "admin" });
  const ids: Record<Exclude<Who, "anonymous">, number> = {
    buyer: buyer.id,
    editor: shopA.editor.id,
    owner: shopA.owner.id,
    otherOwner: shopB.owner.id,
    moderator: moderator.id,
    admin: admin.id,
  };
  for (const [who, id] of Object.entries(ids)) cookies[who as Who] = (await signIn(app.db, id)).cookie;
});
afterAll(async () => {
  await app?.close();
});

const request = (who: Who, method: "GET" | "POST", path: string, form?: Record<string, string>) =>
  requestAs(cookies[who], method, path, form);

/** 302 to sign-in for anonymous visitors; anything else is the given status. */
function expectStatus(who: Who, actual: { status: number; location: string | null }, expected: number) {
  if (who === "anonymous") {
    expect(actual.status, who).toBe(302);
    expect(actual.location, who).toMatch(/^\/fr\/login\?redirectTo=/);
  } else {
    expect(actual.status, who).toBe(expected);
  }
}

const validListing = () => ({
  intent: "save",
  craftId: String(shopA.craft.id),
  title_ar: "عنوان",
  title_fr: "Titre",
  price: "120",
  stock: "3",
});

describe("back-office pages (GET)", () => {
  // The status each kind of visitor gets, in the order of `everyone`:
  //   anonymous, buyer, editor, owner, otherOwner, moderator, admin.
  type Statuses = [number, number, number, number, number, number, number];
  const members: Statuses = [302, 403, 200, 200, 200, 403, 403];
  const owners: Statuses = [302, 403, 403, 200, 200, 403, 403];
  const staff: Statuses = [302, 403, 403, 403, 403, 200, 200];
  const admins: Statuses = [302, 403, 403, 403, 403, 403, 200];
  const pageMatrix: [name: string, path: () => string, expect: Statuses][] = [
    ["/fr/shop", () => "/fr/shop", members],
    ["/fr/shop/listings", () => "/fr/shop/listings", members],
    ["/fr/shop/listings/new", () => "/fr/shop/listings/new", members],
    [
      "/fr/shop/listings/:id (own draft)",
      () => `/fr/shop/listings/${shopA.draft.id}`,
      [302, 403, 200, 200, 404, 403, 403],
    ],
    ["/fr/shop/profile", () => "/fr/shop/profile", owners],
    ["/fr/shop/members", () => "/fr/shop/members", owners],
    ["/fr/shop/orders/export (CSV)", () => "/fr/shop/orders/export", members],
    ["/fr/shop/fairs", () => "/fr/shop/fairs", owners],
    ["/fr/chamber/fairs", () => "/fr/chamber/fairs", staff],
    ["/fr/chamber/invitations", () => "/fr/chamber/invitations", staff],
    ["/fr/shop/reviews", () => "/fr/shop/reviews", members],
    ["/fr/chamber/policies", () => "/fr/chamber/policies", admins],
    ["/fr/chamber/policies/privacy", () => "/fr/chamber/policies/privacy", admins],
  ];
  for (const [name, path, expected] of pageMatrix) {
    it(`answers ${name} for each kind of visitor`, async () => {
      for (const [i, who] of everyone.entries())
        expectStatus(who, await request(who, "GET", path()), expected[i]);
    });
  }

  it("never shows one shop's private listings to another shop's member", async () => {
    for (const path of [
      "/fr/shop",
      "/fr/shop/listings",
      "/fr/shop/listings?status=draft",
      "/fr/shop/members",
      "/fr/shop/profile",
    ]) {
      const { body } = await request("otherOwner", "GET", path);
      expect(body, path).not.toContain("Brouillon secret A");
      expect(body, path).not.toContain("Coopérative A");
      expect(body, path).not.toContain(shopA.editor.email);
    }
    const own = await request("owner", "GET", "/fr/shop/listings?status=draft");
    expect(own.body).toContain("Brouillon secret A");
    expect(own.body).not.toContain("Brouillon secret B");
  });

  it("refuses to edit a listing id of another shop whatever the id", async () => {
    for (const id of [shopA.draft.id, shopA.published.id, 0, -1, 99_999_999]) {
      expect((await request("otherOwner", "GET", `/fr/shop/listings/${id}`)).status, String(id)).toBe(404);
    }
    expect((await request("owner", "GET", "/fr/shop/listings/not-a-number")).status).toBe(404);
    // Malformed ids in forms and URLs are 404s, not database errors.
    expect((await request("owner", "POST", "/fr/shop/listings/1.5", { intent: "submit" })).status).toBe(404);
    expect(
      (await request("owner", "POST", "/fr/shop/members", { intent: "remove", userId: "abc" })).status,
    ).toBe(404);
    expect((await request("owner", "GET", "/fr/shop/orders/x")).status).toBe(404);
  });
});

describe("back-office actions (POST)", () => {
  it("creates listings only for members, in their own shop", async () => {
    const expected: Record<Who, number> = {
      anonymous: 302,
      buyer: 403,
      editor: 302,
      owner: 302,
      otherOwner: 302,
      moderator: 403,
      admin: 403,
    };
    for (const who of everyone) {
      const res = await request(who, "POST", "/fr/shop/listings/new", {
        ...validListing(),
        craftId: String((who === "otherOwner" ? shopB : shopA).craft.id),
      });
      expectStatus(who, res, expected[who]);
      if (expected[who] === 302 && who !== "anonymous") {
        const id = Number(res.location?.match(/listings\/(\d+)/)?.[1]);
        const [row] = await app.db.select().from(products).where(eq(products.id, id));
        expect(row.cooperativeId, who).toBe(who === "otherOwner" ? shopB.coop.id : shopA.coop.id);
        expect(row.status).toBe("draft");
      }
    }
  });

  it("lets no one outside the shop save, submit, duplicate, archive or change photos of its listing", async () => {
    const before = (await app.db.select().from(products).where(eq(products.id, shopA.draft.id)))[0];
    const attempts: Record<string, string>[] = [
      validListing(),
      { intent: "submit" },
      { intent: "duplicate" },
      { intent: "archive" },
      { intent: "photo-remove", imageId: "1" },
      { intent: "photo-alt", imageId: "1", alt_fr: "x" },
    ];
    for (const form of attempts) {
      for (const who of ["anonymous", "buyer", "otherOwner", "moderator", "admin"] as const) {
        const res = await request(who, "POST", `/fr/shop/listings/${shopA.draft.id}`, form);
        expectStatus(who, res, who === "otherOwner" ? 404 : 403);
      }
    }
    const upload = await request("otherOwner", "POST", `/fr/shop/listings/${shopA.draft.id}/photos`, {
      photos: "x",
    });
    expect(upload.status).toBe(404);
    const after = (await app.db.select().from(products).where(eq(products.id, shopA.draft.id)))[0];
    expect(after).toEqual(before);
    const pictures = await app.db
      .select()
      .from(productImages)
      .where(eq(productImages.productId, shopA.draft.id));
    expect(pictures).toEqual([]);
  });

  it("lets only owners change the profile and the members", async () => {
    const profile = {
      name_ar: "اسم",
      name_fr: "Nom piraté",
      provinceSlug: "fes",
      processingDays: "3",
      shippingFeeMa: "30",
      shippingFeeIntl: "200",
    };
    for (const who of ["anonymous", "buyer", "editor", "moderator", "admin"] as const) {
      expectStatus(who, await request(who, "POST", "/fr/shop/profile", profile), 403);
      expectStatus(
        who,
        await request(who, "POST", "/fr/shop/members", {
          intent: "invite",
          email: "x@example.ma",
          role: "owner",
        }),
        403,
      );
      expectStatus(
        who,
        await request(who, "POST", "/fr/shop/members", { intent: "remove", userId: String(shopA.owner.id) }),
        403,
      );
    }
    // The other shop's owner changes their own shop, never A.
    expect((await request("otherOwner", "POST", "/fr/shop/profile", profile)).status).toBe(302);
    const [a] = await app.db.select().from(cooperatives).where(eq(cooperatives.id, shopA.coop.id));
    const [b] = await app.db.select().from(cooperatives).where(eq(cooperatives.id, shopB.coop.id));
    expect(a.name.fr).toBe("Coopérative A");
    expect(b.name.fr).toBe("Nom piraté");
    // Removing A's editor by id from B's back office finds no such member in B.
    expect(
      (
        await request("otherOwner", "POST", "/fr/shop/members", {
          intent: "remove",
          userId: String(shopA.editor.id),
        })
      ).status,
    ).toBe(404);
    const aMembers = await app.db
      .select()
      .from(memberships)
      .where(eq(memberships.cooperativeId, shopA.coop.id));
    expect(aMembers).toHaveLength(2);
  });

  it("refuses to switch to a cooperative one is not a member of", async () => {
    expect(
      (await request("owner", "POST", "/fr/shop/switch", { cooperativeId: String(shopB.coop.id) })).status,
    ).toBe(403);
    expect(
      (await request("owner", "POST", "/fr/shop/switch", { cooperativeId: String(shopA.coop.id) })).status,
    ).toBe(302);
  });

  it("lets only chamber staff invite members from the chamber", async () => {
    const form = {
      cooperativeId: String(shopA.coop.id),
      email: "new-owner@example.ma",
      role: "owner",
    };
    const expected: Record<Who, number> = {
      anonymous: 302,
      buyer: 403,
      editor: 403,
      owner: 403,
      otherOwner: 403,
      moderator: 302,
      admin: 302,
    };
    for (const who of everyone)
      expectStatus(who, await request(who, "POST", "/fr/chamber/invitations", form), expected[who]);
  });

  it("keeps a cooperative's last owner", async () => {
    const res = await request("owner", "POST", "/fr/shop/members", {
      intent: "remove",
      userId: String(shopA.owner.id),
    });
    expect(res.status).toBe(302);
    // The owner cannot remove themself from the page, and the rule holds for any id.
    const rows = await app.db.select().from(memberships).where(eq(memberships.userId, shopA.owner.id));
    expect(rows).toHaveLength(1);
  });
});
