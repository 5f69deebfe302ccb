/**
 * One form pipeline (issue 14, item 1): a Moroccan phone number follows one rule wherever it
 * is typed (shop profile, join form, checkout) and is stored normalised; checkout's fields are
 * the same Field component as every other form, with the same error class.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { cooperativeApplications, cooperatives } from "#db/schema";
import { Client } from "../support/client";
import { openAppDatabase } from "../support/db";
import { signIn } from "../support/fixtures";
import { createShop, type Shop, type BackOfficeShop } from "../support/shops";

let app: DatabaseHandle;
let owner: Client;
let shop: BackOfficeShop;
let stocked: Shop;

beforeAll(async () => {
  app = openAppDatabase();
  shop = await createShop(app.db, { label: "forms", backOffice: true });
  stocked = await createShop(app.db, { products: [{ stock: 5, priceCentimes: 10_000 }] });
  owner = new Client();
  owner.cookies.set(
    "hirfa_session",
    (await signIn(app.db, shop.owner.id)).cookie.split("=").slice(1).join("="),
  );
});
afterAll(async () => {
  await app?.close();
});

const profile = (phone: string) => ({
  name_ar: "تعاونية",
  name_fr: "Coopérative forms",
  city_fr: "Fès",
  provinceSlug: "fes",
  phone,
  processingDays: "3",
  shippingFeeMa: "30",
  shippingFeeIntl: "200",
});

const phoneOfShop = async () =>
  (
    await app.db
      .select({ phone: cooperatives.phone })
      .from(cooperatives)
      .where(eq(cooperatives.id, shop.coop.id))
  )[0].phone;

describe("one Moroccan phone rule", () => {
  it("stores the shop's phone normalised, however it was typed, as checkout does", async () => {
    for (const [typed, stored] of [
      ["06 61 23 45 67", "+212661234567"],
      ["00212 5-35-12-34-56", "+212535123456"],
      ["+212 7 12 34 56 78", "+212712345678"],
    ]) {
      const res = await owner.post("/fr/shop/profile", profile(typed));
      expect(res.res.status, typed).toBe(302);
      expect(await phoneOfShop(), typed).toBe(stored);
    }
    // Left empty: no phone.
    expect((await owner.post("/fr/shop/profile", profile(""))).res.status).toBe(302);
    expect(await phoneOfShop()).toBeNull();
  });

  it("refuses a number that is not Moroccan with the field's message and keeps the stored one", async () => {
    await owner.post("/fr/shop/profile", profile("0661234567"));
    for (const typed of ["0812345678", "+33 6 12 34 56 78", "061234567"]) {
      const res = await owner.post("/fr/shop/profile", profile(typed));
      expect(res.res.status, typed).toBe(400);
      expect(res.html, typed).toMatch(/class="field__error" id="field-phone-error"/);
      expect(await phoneOfShop(), typed).toBe("+212661234567");
    }
  });

  it("stores a join application's phone normalised too", async () => {
    const name = `Coopérative ${Date.now()}`;
    const res = await new Client().post("/fr/join", {
      name,
      registrationNumber: "RC-42",
      provinceSlug: "fes",
      contactName: "Amina",
      contactEmail: "amina.forms@example.ma",
      contactPhone: "06 61 23 45 67",
    });
    expect(res.res.status).toBe(200);
    const [row] = await app.db
      .select({ phone: cooperativeApplications.contactPhone })
      .from(cooperativeApplications)
      .where(eq(cooperativeApplications.name, name));
    expect(row.phone).toBe("+212661234567");
  });
});

describe("checkout's fields", () => {
  it("are the shared Field: same error class, ids kept, what was typed shown again", async () => {
    const buyer = new Client();
    await buyer.post("/fr/cart", { intent: "add", productId: stocked.products[0].id, quantity: 1 });
    const form = {
      name: "Karim",
      email: "karim@example.ma",
      phone: "06 61 23 45 67",
      country: "MA",
      city: "Fès",
      line1: "3 rue des Tanneurs",
      paymentMethod: "cod",
    };
    const noCity = await buyer.post("/fr/checkout", { ...form, city: "" });
    expect(noCity.res.status).toBe(400);
    expect(noCity.html).toMatch(/class="field__error" id="checkout-city-error" role="alert"/);
    const res = await buyer.post("/fr/checkout", { ...form, phone: "0812345678" });
    expect(res.res.status).toBe(400);
    expect(res.html).toMatch(/class="field__error" id="checkout-phone-error" role="alert"/);
    expect(res.html).toMatch(
      /id="checkout-phone"[^>]*aria-invalid="true"[^>]*aria-describedby="checkout-phone-hint checkout-phone-error"/,
    );
    expect(res.html).toMatch(/id="checkout-line1"[^>]*value="3 rue des Tanneurs"/);
    expect(res.html).not.toContain("field-error");
  });
});

/** The opening tag of the input or textarea named `name`. */
const tagOf = (html: string, name: string) =>
  html.match(new RegExp(`<(?:input|textarea)[^>]*name="${name}"[^>]*>`))?.[0] ?? "";

describe("an error on a group of per-language fields", () => {
  /** The group's error under its legend, describing the fieldset and each input; none on one language's field. */
  function expectGroupError(html: string, field: string, message: string) {
    expect(html).toMatch(new RegExp(`<fieldset class="bilingual" aria-describedby="field-${field}-error">`));
    expect(html).toContain(`<p class="field__error" id="field-${field}-error" role="alert">`);
    expect(html).toContain(message);
    for (const l of ["ar", "fr", "en"]) {
      const tag = tagOf(html, `${field}_${l}`);
      expect(tag, l).toMatch(new RegExp(`aria-describedby="[^"]*field-${field}-error`));
      // Arabic or French would do: both are marked; English is not part of the rule.
      if (l === "en") expect(tag, l).not.toContain("aria-invalid");
      else expect(tag, l).toContain('aria-invalid="true"');
    }
    expect(html).not.toContain(`id="field-${field}_fr-error"`);
  }

  it("a listing without a title in Arabic or French says so on the title group (fr), keeping what was typed", async () => {
    const res = await owner.post("/fr/shop/listings/new", {
      intent: "save",
      craftId: shop.craft.id,
      title_ar: "",
      title_fr: "",
      title_en: "Rug",
      price: "120",
      stock: "2",
    });
    expect(res.res.status).toBe(400);
    expectGroupError(res.html, "title", "Donnez un titre en arabe ou en français.");
    expect(tagOf(res.html, "title_en")).toContain('value="Rug"');
  });

  it("a shop profile without its name in Arabic or French says so on the name group (ar)", async () => {
    const res = await owner.post("/ar/shop/profile", { ...profile("0661234567"), name_ar: "", name_fr: "" });
    expect(res.res.status).toBe(400);
    expectGroupError(res.html, "name", "أدخل اسم التعاونية بالعربية أو بالفرنسية.");
    expect(tagOf(res.html, "city_fr")).toContain('value="Fès"');
  });
});
