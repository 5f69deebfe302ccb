/**
 * The whole Hirfa domain in one Drizzle pg-core schema, used by PGlite and PostgreSQL alike.
 *
 * Text that buyers read in their language is stored as JSONB keyed by locale
 * (`{ "ar": "…", "fr": "…" }`): adding a third locale needs no schema change.
 * Money is always an integer number of centimes plus an ISO currency code.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  char,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** A string per locale; any locale may be missing (the reader falls back). */
export type Localized = Partial<Record<string, string>>;
/** The texts of a listing a member edits per language. */
export type ListingTextField = "title" | "description" | "materials" | "care";
/**
 * Per text field, the languages whose version is older than another's: one language was
 * changed and these were not (the member is reminded to update them).
 */
export type StaleLocales = Partial<Record<ListingTextField, string[]>>;
export type ProductAttributes = Record<string, string | number | boolean>;

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const staffRole = pgEnum("staff_role", ["moderator", "admin"]);
export const membershipRole = pgEnum("membership_role", ["owner", "editor"]);
export const cooperativeStatus = pgEnum("cooperative_status", ["pending", "verified", "suspended"]);
export const productStatus = pgEnum("product_status", [
  "draft",
  "pending",
  "published",
  "rejected",
  "archived",
]);
export const paymentMethod = pgEnum("payment_method", ["card", "cod"]);
export const paymentStatus = pgEnum("payment_status", [
  "awaiting_payment",
  "paid",
  "cod_pending",
  "failed",
  "cancelled",
]);
export const tokenPurpose = pgEnum("token_purpose", ["password_reset", "invitation", "registration"]);
export const revisionStatus = pgEnum("revision_status", ["draft", "pending", "approved", "rejected"]);
export const applicationStatus = pgEnum("application_status", ["pending", "approved", "rejected"]);
export const reportStatus = pgEnum("report_status", ["open", "dismissed", "actioned"]);
/**
 * pending: to be sent to Stripe (again); issued: Stripe accepted it; failed: Stripe refused it
 * for good; by_hand: chamber staff made it themselves (in Stripe's dashboard) and said so.
 */
export const refundStatus = pgEnum("refund_status", ["pending", "issued", "failed", "by_hand"]);
export const refundReason = pgEnum("refund_reason", ["shop_order_cancelled", "paid_after_cancellation"]);
/** pending: to be sent (again); sent: the mail server took it; failed: given up after the last attempt. */
export const mailStatus = pgEnum("mail_status", ["pending", "sent", "failed"]);
/** A cooperative's request for a stand at a fair, and the chamber's answer. */
export const fairStandStatus = pgEnum("fair_stand_status", ["pending", "accepted", "declined"]);
/** A buyer's review, and a cooperative's answer to it: public only once the chamber approved it. */
export const buyerReviewStatus = pgEnum("buyer_review_status", ["pending", "published", "rejected"]);
export const shopOrderStatus = pgEnum("shop_order_status", [
  "pending",
  "confirmed",
  "shipped",
  "delivered",
  "cancelled",
]);

// ─── People ──────────────────────────────────────────────────────────────────

export const users = pgTable(
  "users",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text(),
    preferredLocale: text().notNull().default("ar"),
    staffRole: staffRole(),
    disabledAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`)],
);

/** Server-side sessions: the cookie holds only the id, so a session can be revoked. */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** The cooperative a member is working on in the back office (members may have several). */
    activeCooperativeId: integer().references(() => cooperatives.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Single-use links sent by email: password resets and invitations to a cooperative.
 * Only a hash of the token is stored.
 */
export const userTokens = pgTable(
  "user_tokens",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    tokenHash: text().notNull().unique(),
    purpose: tokenPurpose().notNull(),
    email: text().notNull(),
    userId: integer().references(() => users.id, { onDelete: "cascade" }),
    cooperativeId: integer().references(() => cooperatives.id, { onDelete: "cascade" }),
    role: membershipRole(),
    invitedBy: integer().references(() => users.id, { onDelete: "set null" }),
    /** Registration: the account to create once the address is confirmed. */
    name: text(),
    passwordHash: text(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("user_tokens_email_idx").on(t.email)],
);

/**
 * Rate-limited events (sign-in attempts, reset requests, registrations) under a key such as
 * `login:<email>|<address>`: the limits every app process shares (decision 010).
 */
export const rateLimitEvents = pgTable(
  "rate_limit_events",
  {
    // bigint: an attacker's requests must not exhaust the ids.
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    key: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("rate_limit_events_key_idx").on(t.key, t.at), index("rate_limit_events_at_idx").on(t.at)],
);

// ─── Reference data ──────────────────────────────────────────────────────────

export const provinces = pgTable("provinces", {
  slug: text().primaryKey(),
  name: jsonb().$type<Localized>().notNull(),
  sortOrder: integer().notNull().default(0),
});

export const crafts = pgTable("crafts", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  slug: text().notNull().unique(),
  name: jsonb().$type<Localized>().notNull(),
  description: jsonb().$type<Localized>().notNull().default({}),
  /** Keys of the craft-specific attributes a listing of this craft carries. */
  attributeKeys: jsonb().$type<string[]>().notNull().default([]),
  sortOrder: integer().notNull().default(0),
  createdAt: createdAt(),
});

// ─── Images ──────────────────────────────────────────────────────────────────

export type ImageVariant = { width: number; height: number; format: "avif" | "webp" | "jpeg"; key: string };

/** One uploaded picture, stored content-addressed in several widths and formats. */
export const images = pgTable("images", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  /** sha256 of the normalised source pixels: the same picture is stored once. */
  hash: text().notNull().unique(),
  width: integer().notNull(),
  height: integer().notNull(),
  /** Placeholder colour shown while the picture loads, `#rrggbb`. */
  dominantColor: text().notNull(),
  variants: jsonb().$type<ImageVariant[]>().notNull(),
  createdAt: createdAt(),
});

// ─── Cooperatives ────────────────────────────────────────────────────────────

export const cooperatives = pgTable(
  "cooperatives",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    slug: text().notNull().unique(),
    name: jsonb().$type<Localized>().notNull(),
    story: jsonb().$type<Localized>().notNull().default({}),
    registrationNumber: text().notNull().unique(),
    provinceSlug: text()
      .notNull()
      .references(() => provinces.slug),
    city: jsonb().$type<Localized>().notNull().default({}),
    foundedYear: integer(),
    memberCount: integer().notNull().default(1),
    /**
     * Members, and of them women, as the cooperative declares them for the public impact page
     * (null: not said). Named to match the "who made it" fields of the product pages.
     */
    womenMemberCount: integer(),
    phone: text(),
    email: text(),
    status: cooperativeStatus().notNull().default("pending"),
    verifiedAt: timestamp({ withTimezone: true }),
    acceptsCod: boolean().notNull().default(true),
    shippingFeeMa: integer().notNull().default(0),
    shippingFeeIntl: integer().notNull().default(0),
    processingDays: integer().notNull().default(3),
    /**
     * Working days a parcel takes from the workshop, per destination zone, as a range
     * (app/models/delivery.ts): the Fès-Meknès region, the rest of Morocco, abroad.
     */
    transitRegionMinDays: integer().notNull().default(1),
    transitRegionMaxDays: integer().notNull().default(2),
    transitMoroccoMinDays: integer().notNull().default(2),
    transitMoroccoMaxDays: integer().notNull().default(4),
    transitAbroadMinDays: integer().notNull().default(7),
    transitAbroadMaxDays: integer().notNull().default(15),
    logoImageId: integer().references(() => images.id, { onDelete: "set null" }),
    /** Bank account (RIB, 24 digits) the chamber pays the cooperative to. */
    rib: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("cooperatives_status_province_idx").on(t.status, t.provinceSlug),
    check("cooperatives_member_count_positive", sql`${t.memberCount} >= 1`),
    check(
      "cooperatives_shipping_fees_non_negative",
      sql`${t.shippingFeeMa} >= 0 and ${t.shippingFeeIntl} >= 0`,
    ),
    check("cooperatives_processing_days_range", sql`${t.processingDays} between 0 and 90`),
    check(
      "cooperatives_women_members_range",
      sql`${t.womenMemberCount} is null or ${t.womenMemberCount} between 0 and ${t.memberCount}`,
    ),
    check(
      "cooperatives_transit_days_range",
      sql`${t.transitRegionMinDays} between 0 and 60 and ${t.transitRegionMaxDays} between ${t.transitRegionMinDays} and 60
        and ${t.transitMoroccoMinDays} between 0 and 60 and ${t.transitMoroccoMaxDays} between ${t.transitMoroccoMinDays} and 60
        and ${t.transitAbroadMinDays} between 0 and 60 and ${t.transitAbroadMaxDays} between ${t.transitAbroadMinDays} and 60`,
    ),
  ],
);

/** Photos of a cooperative's workshop, shown on its public page ("who made it"). */
export const cooperativeImages = pgTable(
  "cooperative_images",
  {
    cooperativeId: integer()
      .notNull()
      .references(() => cooperatives.id, { onDelete: "cascade" }),
    imageId: integer()
      .notNull()
      .references(() => images.id, { onDelete: "restrict" }),
    position: integer().notNull().default(0),
    alt: jsonb().$type<Localized>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.cooperativeId, t.imageId] }),
    index("cooperative_images_position_idx").on(t.cooperativeId, t.position),
  ],
);

export const cooperativeCrafts = pgTable(
  "cooperative_crafts",
  {
    cooperativeId: integer()
      .notNull()
      .references(() => cooperatives.id, { onDelete: "cascade" }),
    craftId: integer()
      .notNull()
      .references(() => crafts.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.cooperativeId, t.craftId] }),
    index("cooperative_crafts_craft_idx").on(t.craftId),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    cooperativeId: integer()
      .notNull()
      .references(() => cooperatives.id, { onDelete: "cascade" }),
    role: membershipRole().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.cooperativeId] }),
    index("memberships_cooperative_idx").on(t.cooperativeId),
  ],
);

// ─── Catalogue ───────────────────────────────────────────────────────────────

export const products = pgTable(
  "products",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    slug: text().notNull().unique(),
    cooperativeId: integer()
      .notNull()
      .references(() => cooperatives.id, { onDelete: "restrict" }),
    craftId: integer()
      .notNull()
      .references(() => crafts.id, { onDelete: "restrict" }),
    status: productStatus().notNull().default("draft"),
    title: jsonb().$type<Localized>().notNull(),
    description: jsonb().$type<Localized>().notNull().default({}),
    materials: jsonb().$type<Localized>().notNull().default({}),
    care: jsonb().$type<Localized>().notNull().default({}),
    priceCentimes: integer().notNull(),
    currency: char({ length: 3 }).notNull().default("MAD"),
    stock: integer().notNull().default(0),
    widthMm: integer(),
    heightMm: integer(),
    depthMm: integer(),
    weightGrams: integer(),
    attributes: jsonb().$type<ProductAttributes>().notNull().default({}),
    staleLocales: jsonb().$type<StaleLocales>().notNull().default({}),
    /** The chamber's reason (a rejection_reasons code) and note when the listing was last rejected. */
    reviewReason: text(),
    reviewNote: text(),
    submittedAt: timestamp({ withTimezone: true }),
    /** When the chamber last decided on the listing (approve or reject). */
    reviewedAt: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("products_price_positive", sql`${t.priceCentimes} > 0`),
    check("products_stock_non_negative", sql`${t.stock} >= 0`),
    check(
      "products_dimensions_positive",
      sql`coalesce(${t.widthMm}, 1) > 0 and coalesce(${t.heightMm}, 1) > 0 and coalesce(${t.depthMm}, 1) > 0 and coalesce(${t.weightGrams}, 1) > 0`,
    ),
    // The catalogue's hot paths: a craft page sorted by newest or price, a shop page.
    index("products_craft_status_published_idx").on(t.craftId, t.status, t.publishedAt),
    index("products_craft_status_price_idx").on(t.craftId, t.status, t.priceCentimes),
    index("products_cooperative_status_idx").on(t.cooperativeId, t.status, t.publishedAt),
    index("products_status_published_idx").on(t.status, t.publishedAt),
  ],
);

export const productImages = pgTable(
  "product_images",
  {
    productId: integer()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    imageId: integer()
      .notNull()
      .references(() => images.id, { onDelete: "restrict" }),
    position: integer().notNull().default(0),
    alt: jsonb().$type<Localized>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.imageId] }),
    index("product_images_position_idx").on(t.productId, t.position),
  ],
);

export type ListingContent = {
  craftId: number;
  title: Localized;
  description: Localized;
  materials: Localized;
  care: Localized;
  priceCentimes: number;
  stock: number;
  widthMm: number | null;
  heightMm: number | null;
  depthMm: number | null;
  weightGrams: number | null;
  attributes: ProductAttributes;
  images: { imageId: number; alt: Localized }[];
  /** Absent in revisions saved before it existed. */
  staleLocales?: StaleLocales;
};

/**
 * A change to a published listing, reviewed before it replaces what buyers see.
 * The listing stays on sale, unchanged, until the revision is approved.
 */
export const productRevisions = pgTable(
  "product_revisions",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    productId: integer()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    status: revisionStatus().notNull().default("draft"),
    content: jsonb().$type<ListingContent>().notNull(),
    createdBy: integer().references(() => users.id, { onDelete: "set null" }),
    submittedAt: timestamp({ withTimezone: true }),
    decidedBy: integer().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    reviewReason: text(),
    reviewNote: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("product_revisions_product_idx").on(t.productId, t.status),
    // At most one open (draft or pending) revision per listing.
    uniqueIndex("product_revisions_one_open_idx")
      .on(t.productId)
      .where(sql`status in ('draft', 'pending')`),
  ],
);

/** A buyer's favourite listings (guests keep theirs in a cookie until they sign in). */
export const favourites = pgTable(
  "favourites",
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    productId: integer()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.productId] }),
    index("favourites_user_created_idx").on(t.userId, t.createdAt.desc()),
  ],
);

// ─── Carts and orders ────────────────────────────────────────────────────────

export const carts = pgTable(
  "carts",
  {
    id: text().primaryKey(),
    userId: integer().references(() => users.id, { onDelete: "set null" }),
    /**
     * The order this cart last became: a checkout posted again (double click, retrying proxy)
     * is answered with it instead of a second order (app/models/checkout.server.ts).
     */
    lastOrderId: integer().references((): AnyPgColumn => orders.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Deleting an order (a card payment that could not start) clears it here without a scan.
    index("carts_last_order_idx")
      .on(t.lastOrderId)
      .where(sql`${t.lastOrderId} is not null`),
  ],
);

export const cartItems = pgTable(
  "cart_items",
  {
    cartId: text()
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    productId: integer()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    quantity: integer().notNull(),
    addedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.cartId, t.productId] }),
    check("cart_items_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

export type Address = { line1: string; line2?: string; city: string; postalCode?: string; country: string };

export const orders = pgTable(
  "orders",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Unguessable token of the buyer's private order page. */
    token: text().notNull().unique(),
    userId: integer().references(() => users.id, { onDelete: "set null" }),
    locale: text().notNull(),
    buyerName: text().notNull(),
    buyerEmail: text().notNull(),
    buyerPhone: text().notNull(),
    address: jsonb().$type<Address>().notNull(),
    paymentMethod: paymentMethod().notNull(),
    paymentStatus: paymentStatus().notNull(),
    currency: char({ length: 3 }).notNull().default("MAD"),
    subtotalCentimes: integer().notNull(),
    shippingCentimes: integer().notNull(),
    totalCentimes: integer().notNull(),
    stripeSessionId: text().unique(),
    stripeSessionExpiresAt: timestamp({ withTimezone: true }),
    /** Where the buyer pays (Stripe Checkout), kept so an interrupted payment can be resumed. */
    stripeCheckoutUrl: text(),
    /** The card payment, once paid (from Stripe's event): what refunds are made against. */
    stripePaymentIntentId: text(),
    paidAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("orders_amounts_non_negative", sql`${t.subtotalCentimes} >= 0 and ${t.shippingCentimes} >= 0`),
    check("orders_total_is_sum", sql`${t.totalCentimes} = ${t.subtotalCentimes} + ${t.shippingCentimes}`),
    index("orders_payment_status_idx").on(t.paymentStatus, t.stripeSessionExpiresAt),
    // A buyer's own orders, newest first (/:lang/orders).
    index("orders_user_created_idx").on(t.userId, t.createdAt.desc(), t.id.desc()),
  ],
);

/** The part of an order that one cooperative fulfils, with its own status and fee. */
export const shopOrders = pgTable(
  "shop_orders",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    cooperativeId: integer()
      .notNull()
      .references(() => cooperatives.id, { onDelete: "restrict" }),
    status: shopOrderStatus().notNull().default("pending"),
    subtotalCentimes: integer().notNull(),
    shippingCentimes: integer().notNull(),
    /** Commission rate at the time of sale, in basis points (1 % = 100). */
    commissionRateBp: integer().notNull().default(0),
    commissionCentimes: integer().notNull().default(0),
    netCentimes: integer().notNull(),
    carrier: text(),
    trackingNumber: text(),
    cancelReason: text(),
    /** Collected at this fair's stand instead of shipped (no shipping fee): decision 021. */
    pickupFairId: integer().references((): AnyPgColumn => fairs.id, { onDelete: "restrict" }),
    /** What the buyer shows at the stand; the cooperative types it to hand the parcel over. */
    pickupCode: text(),
    confirmedAt: timestamp({ withTimezone: true }),
    shippedAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("shop_orders_cooperative_status_idx").on(t.cooperativeId, t.status),
    index("shop_orders_order_idx").on(t.orderId),
    check("shop_orders_commission_range", sql`${t.commissionRateBp} between 0 and 10000`),
    check(
      "shop_orders_pickup_has_code",
      sql`(${t.pickupFairId} is null) = (${t.pickupCode} is null) and (${t.pickupFairId} is null or ${t.shippingCentimes} = 0)`,
    ),
    index("shop_orders_pickup_fair_idx")
      .on(t.cooperativeId, t.pickupFairId)
      .where(sql`${t.pickupFairId} is not null`),
  ],
);

/** A line as it was sold: title, price and cooperative are snapshots. */
export const orderLines = pgTable(
  "order_lines",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    shopOrderId: integer()
      .notNull()
      .references(() => shopOrders.id, { onDelete: "cascade" }),
    productId: integer().references(() => products.id, { onDelete: "set null" }),
    titleSnapshot: jsonb().$type<Localized>().notNull(),
    cooperativeNameSnapshot: jsonb().$type<Localized>().notNull(),
    unitPriceCentimes: integer().notNull(),
    quantity: integer().notNull(),
    lineTotalCentimes: integer().notNull(),
  },
  (t) => [
    index("order_lines_shop_order_idx").on(t.shopOrderId),
    check("order_lines_quantity_positive", sql`${t.quantity} > 0`),
    check("order_lines_total", sql`${t.lineTotalCentimes} = ${t.unitPriceCentimes} * ${t.quantity}`),
  ],
);

/** Payment provider events, recorded by id so that each is applied once. */
export const paymentEvents = pgTable("payment_events", {
  id: text().primaryKey(),
  type: text().notNull(),
  orderId: integer().references(() => orders.id, { onDelete: "set null" }),
  payload: jsonb().notNull(),
  receivedAt: createdAt(),
});

/**
 * Money given back to a card buyer: a cooperative's cancelled part of a paid order, or a
 * whole order paid after it had been cancelled. Written in the transaction that decides it,
 * sent to Stripe after (and again until Stripe answers), so no refund is lost or doubled.
 */
export const refunds = pgTable(
  "refunds",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    /** The cancelled part; null when the whole order is refunded. */
    shopOrderId: integer().references(() => shopOrders.id, { onDelete: "cascade" }),
    reason: refundReason().notNull(),
    amountCentimes: integer().notNull(),
    currency: char({ length: 3 }).notNull().default("MAD"),
    status: refundStatus().notNull().default("pending"),
    stripeRefundId: text().unique(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /** Being sent by one process until then: another process leaves it alone, or takes it over after. */
    sendingUntil: timestamp({ withTimezone: true }),
    issuedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("refunds_amount_positive", sql`${t.amountCentimes} > 0`),
    // One refund per cancelled part, and one per order paid too late.
    uniqueIndex("refunds_shop_order_unique")
      .on(t.shopOrderId)
      .where(sql`${t.shopOrderId} is not null`),
    uniqueIndex("refunds_whole_order_unique")
      .on(t.orderId)
      .where(sql`${t.shopOrderId} is null`),
    index("refunds_status_idx").on(t.status),
  ],
);

// ─── Fairs ───────────────────────────────────────────────────────────────────

/**
 * A fair or exhibition the chamber publishes (decision 021): where the cooperatives meet
 * buyers. Dates are calendar days in Morocco; the fair runs from the first to the last, inclusive.
 */
export const fairs = pgTable(
  "fairs",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    slug: text().notNull().unique(),
    name: jsonb().$type<Localized>().notNull(),
    description: jsonb().$type<Localized>().notNull().default({}),
    city: jsonb().$type<Localized>().notNull().default({}),
    venue: jsonb().$type<Localized>().notNull().default({}),
    provinceSlug: text()
      .notNull()
      .references(() => provinces.slug),
    mapUrl: text(),
    startsOn: date({ mode: "string" }).notNull(),
    endsOn: date({ mode: "string" }).notNull(),
    posterImageId: integer().references(() => images.id, { onDelete: "set null" }),
    /** Null while staff prepare it: only published fairs are public and open to applications. */
    publishedAt: timestamp({ withTimezone: true }),
    createdBy: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("fairs_dates_ordered", sql`${t.endsOn} >= ${t.startsOn}`),
    index("fairs_ends_on_idx").on(t.endsOn),
  ],
);

/** A cooperative's stand at a fair: asked for from its back office, accepted (with a number) or declined by staff. */
export const fairStands = pgTable(
  "fair_stands",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    fairId: integer()
      .notNull()
      .references(() => fairs.id, { onDelete: "cascade" }),
    cooperativeId: integer()
      .notNull()
      .references(() => cooperatives.id, { onDelete: "cascade" }),
    status: fairStandStatus().notNull().default("pending"),
    standNumber: text(),
    message: text().notNull().default(""),
    appliedBy: integer().references(() => users.id, { onDelete: "set null" }),
    decidedBy: integer().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    decisionReason: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("fair_stands_fair_cooperative_idx").on(t.fairId, t.cooperativeId),
    // One cooperative per stand number at a fair.
    uniqueIndex("fair_stands_number_idx")
      .on(t.fairId, t.standNumber)
      .where(sql`${t.status} = 'accepted'`),
    index("fair_stands_cooperative_idx").on(t.cooperativeId, t.status),
    check("fair_stands_accepted_has_number", sql`${t.status} <> 'accepted' or ${t.standNumber} is not null`),
  ],
);

// ─── Reviews ─────────────────────────────────────────────────────────────────

/**
 * A verified review: written by the buyer of a delivered part of an order (reached through the
 * order's private token), once per product per order, public after the chamber's moderation
 * (decision 019). The cooperative's one public answer lives on the same row, moderated too.
 */
export const productReviews = pgTable(
  "product_reviews",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    productId: integer()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    cooperativeId: integer()
      .notNull()
      .references(() => cooperatives.id, { onDelete: "cascade" }),
    orderId: integer()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    shopOrderId: integer()
      .notNull()
      .references(() => shopOrders.id, { onDelete: "cascade" }),
    rating: integer().notNull(),
    body: text().notNull(),
    /** The language the buyer wrote in. */
    locale: text().notNull(),
    /** What the page shows of the buyer: a first name and an initial ("Salma A."), never the address. */
    authorName: text().notNull(),
    status: buyerReviewStatus().notNull().default("pending"),
    decidedBy: integer().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    reviewReason: text(),
    reviewNote: text(),
    reply: text(),
    replyLocale: text(),
    replyStatus: buyerReviewStatus(),
    replyBy: integer().references(() => users.id, { onDelete: "set null" }),
    replySubmittedAt: timestamp({ withTimezone: true }),
    replyDecidedBy: integer().references(() => users.id, { onDelete: "set null" }),
    replyDecidedAt: timestamp({ withTimezone: true }),
    replyReason: text(),
    replyNote: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("product_reviews_rating_range", sql`${t.rating} between 1 and 5`),
    // Once per product per order, whatever the concurrency.
    uniqueIndex("product_reviews_order_product_unique").on(t.orderId, t.productId),
    index("product_reviews_product_idx").on(t.productId, t.status, t.decidedAt),
    index("product_reviews_cooperative_idx").on(t.cooperativeId, t.status, t.decidedAt),
    index("product_reviews_pending_idx")
      .on(t.createdAt)
      .where(sql`${t.status} = 'pending' or ${t.replyStatus} = 'pending'`),
  ],
);

// ─── Policies ────────────────────────────────────────────────────────────────

/**
 * A policy page as the chamber edited it (returns, delivery, terms, privacy, legal, contact).
 * A page with no row shows the text written in app/models/policy-defaults.ts.
 */
export const policyPages = pgTable("policy_pages", {
  slug: text().primaryKey(),
  title: jsonb().$type<Localized>().notNull(),
  body: jsonb().$type<Localized>().notNull(),
  updatedBy: integer().references(() => users.id, { onDelete: "set null" }),
  updatedAt: updatedAt(),
});

// ─── Oversight ───────────────────────────────────────────────────────────────

/** Reasons the chamber gives when it rejects a listing, kept in every locale. */
export const rejectionReasons = pgTable("rejection_reasons", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  code: text().notNull().unique(),
  label: jsonb().$type<Localized>().notNull(),
  /** What the reason is offered for: listings, buyers' reviews (and answers), or both (decision 019). */
  scope: text().$type<"listing" | "review" | "any">().notNull().default("listing"),
  sortOrder: integer().notNull().default(0),
});

/** "Join Hirfa": a cooperative asks to open a shop; staff verify it. */
export const cooperativeApplications = pgTable(
  "cooperative_applications",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    registrationNumber: text().notNull(),
    provinceSlug: text()
      .notNull()
      .references(() => provinces.slug),
    city: text().notNull().default(""),
    craftSlugs: jsonb().$type<string[]>().notNull().default([]),
    contactName: text().notNull(),
    contactEmail: text().notNull(),
    contactPhone: text().notNull(),
    message: text().notNull().default(""),
    locale: text().notNull(),
    status: applicationStatus().notNull().default("pending"),
    decidedBy: integer().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    decisionReason: text(),
    cooperativeId: integer().references(() => cooperatives.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("cooperative_applications_status_idx").on(t.status, t.createdAt)],
);

/** A buyer's report of a listing. */
export const listingReports = pgTable(
  "listing_reports",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    productId: integer()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    reason: text().notNull(),
    note: text().notNull().default(""),
    reporterEmail: text(),
    status: reportStatus().notNull().default("open"),
    decidedBy: integer().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    createdAt: createdAt(),
  },
  (t) => [index("listing_reports_status_idx").on(t.status, t.createdAt)],
);

/** A bank transfer the chamber made to a cooperative, against what it is owed. */
export const payouts = pgTable(
  "payouts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    cooperativeId: integer()
      .notNull()
      .references(() => cooperatives.id, { onDelete: "restrict" }),
    amountCentimes: integer().notNull(),
    currency: char({ length: 3 }).notNull().default("MAD"),
    reference: text().notNull(),
    paidOn: text().notNull(),
    recordedBy: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("payouts_cooperative_idx").on(t.cooperativeId),
    check("payouts_amount_positive", sql`${t.amountCentimes} > 0`),
  ],
);

/** Append-only record of every moderation decision and change of role or status. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    actorUserId: integer().references(() => users.id, { onDelete: "set null" }),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    reason: text(),
    before: jsonb(),
    after: jsonb(),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
    index("audit_log_created_idx").on(t.createdAt),
  ],
);

/** Platform settings the chamber changes at run time (e.g. the commission rate). */
export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: updatedAt(),
});

/**
 * Morocco's public holidays, which the chamber keeps (the Islamic ones move each year and are
 * announced late): delivery estimates skip them like weekends (app/models/delivery.ts).
 */
export const publicHolidays = pgTable("public_holidays", {
  /** The calendar day (read as `YYYY-MM-DD`). */
  day: date({ mode: "string" }).primaryKey(),
  name: jsonb().$type<Localized>().notNull(),
  createdAt: createdAt(),
});

/**
 * Jobs every app process schedules (payment sweep …): one row per job, claimed once per period
 * whatever the number of processes (app/models/jobs.server.ts).
 */
export const scheduledJobs = pgTable("scheduled_jobs", {
  name: text().primaryKey(),
  lastStartedAt: timestamp({ withTimezone: true }).notNull(),
  runs: integer().notNull().default(0),
});
// ─── Mail ────────────────────────────────────────────────────────────────────

/**
 * The mail outbox (decision 009): each message is written in the transaction of the change it
 * reports, and sent after that by the servers' mail worker, with retries; a message given up
 * on stays here with its last error.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** What the mail is about (password_reset, invitation, order_buyer…), for staff and logs. */
    kind: text().notNull(),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text(),
    status: mailStatus().notNull().default("pending"),
    /** Attempts started so far; each claim adds one, so it also names the claim. */
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Being sent by one worker until then: others leave it alone, or take it over after. */
    lockedUntil: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("mail_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);

// ─── Search ──────────────────────────────────────────────────────────────────

/**
 * One row per product: its normalised search terms (app/utils/normalize.ts), in both
 * languages, by field, so that a title match ranks above a description match.
 * Kept up to date by app/models/search.server.ts (refreshSearchIndex) when products,
 * cooperatives or crafts change, by the seed, and at start for anything stale.
 */
export const searchDocuments = pgTable(
  "search_documents",
  {
    productId: integer()
      .primaryKey()
      .references(() => products.id, { onDelete: "cascade" }),
    /** Every term of every field: what the GIN index answers "does it match" from. */
    terms: text().array().notNull(),
    titleTerms: text().array().notNull(),
    /** Craft and cooperative names. */
    nameTerms: text().array().notNull(),
    /** The newest `updated_at` of the product, its cooperative and its craft when indexed. */
    sourceUpdatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("search_documents_terms_idx").using("gin", t.terms)],
);

/**
 * The vocabulary of the index for typo tolerance: each term of 4 or more letters under
 * itself and each of its one-letter deletions (a symmetric-delete dictionary), so that a
 * query word finds its near spellings with an exact, indexed lookup on both engines.
 */
export const searchTermVariants = pgTable(
  "search_term_variants",
  {
    variant: text().notNull(),
    term: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.variant, t.term] })],
);
