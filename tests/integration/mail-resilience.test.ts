/**
 * Mail never fails a request (decision 009), over HTTP against a built server of its own whose
 * SMTP_URL points at a port this test controls: first nothing listens there, then a server
 * that accepts and never answers, then a real SMTP server. Password reset (known and unknown
 * addresses alike), a chamber approval and a cash-on-delivery checkout answer promptly with
 * their normal page, their change is committed and their mail waits in the outbox; once the
 * mail server answers, the worker delivers each message once.
 *
 * PostgreSQL, on a fresh database the suite's own server never reads (its worker would send
 * the mail to the suite's mailbox); the outbox and its worker on PGlite are tested in
 * mail-outbox.test.ts.
 */
import { and, eq, gt, inArray, max } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProduct } from "#db/factories";
import { mailOutbox, orders, products, userTokens } from "#db/schema";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { Client, orderTokenFrom } from "../support/client";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { makeUser, signIn, uniqueEmail } from "../support/fixtures";
import { checkoutForm, createShop, type BackOfficeShop } from "../support/shops";
import { orderReference } from "~/models/order-reference";
import { freePort, startSilentServer, startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { eventually } from "../support/wait";

const PROMPT_MS = 2000;

let t: TestDatabase;
let server: AppProcess;
let smtpPort: number;
let smtp: TestSmtpServer | undefined;
let silent: Awaited<ReturnType<typeof startSilentServer>> | undefined;
let moderatorCookie: string;
let shop: BackOfficeShop;
let seller: Awaited<ReturnType<typeof createShop>>;
/** Every mail the requests queued: recipient and kind. */
const expected: { to: string; kind: string }[] = [];

beforeAll(async () => {
  t = await createTestDatabase("postgres");
  smtpPort = await freePort();
  server = await startAppProcess({
    DATABASE_URL: t.url!,
    // Nothing listens there yet. No timeouts in the URL: the transport's own defaults apply.
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_RETRY_SECONDS: "0.5",
    MAIL_MAX_ATTEMPTS: "30",
  });
  shop = await createShop(t.db, { label: "mail", backOffice: true });
  seller = await createShop(t.db, { products: [{ stock: 10, priceCentimes: 25_000 }] });
  const moderator = await makeUser(t.db, { prefix: "mod", staffRole: "moderator" });
  moderatorCookie = (await signIn(t.db, moderator.id)).cookie;
});
afterAll(async () => {
  await server?.stop();
  await silent?.close();
  await smtp?.close();
  await t?.destroy();
});

async function timed<T>(work: () => Promise<T>): Promise<T & { ms: number }> {
  const started = performance.now();
  const result = await work();
  return { ...result, ms: performance.now() - started };
}

async function post(path: string, form: Record<string, string>, cookie?: string) {
  return timed(async () => {
    const res = await fetch(`${server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        Origin: server.url,
        "Content-Type": "application/x-www-form-urlencoded",
        ...(cookie ? { Cookie: cookie } : {}),
      },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.status, location: res.headers.get("location"), body: await res.text() };
  });
}

/** The page without what differs on every response (the CSP nonce). */
const samePage = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""');

/** Password reset, a chamber approval and a COD checkout, each checked for its answer and its change. */
async function requestsThatMail() {
  // Password reset: a known address and an unknown one get the same answer, as fast.
  const user = await makeUser(t.db, { prefix: "reset" });
  const known = await post("/fr/forgot-password", { email: user.email });
  const unknown = await post("/fr/forgot-password", { email: uniqueEmail("nobody") });
  expect(known.status).toBe(200);
  expect(unknown.status).toBe(200);
  expect(known.body).toContain("Si un compte existe pour cette adresse");
  expect(samePage(known.body)).toBe(samePage(unknown.body));
  expect(known.ms).toBeLessThan(PROMPT_MS);
  expect(unknown.ms).toBeLessThan(PROMPT_MS);
  expect(await t.db.select().from(userTokens).where(eq(userTokens.userId, user.id))).toHaveLength(1);
  expected.push({ to: user.email, kind: "password_reset" });

  // A chamber approval: published, and the owner's mail queued.
  const listing = await createProduct(t.db, {
    cooperativeId: shop.coop.id,
    craftId: shop.craft.id,
    status: "pending",
    publishedAt: null,
    submittedAt: new Date(),
    title: { fr: `Jarre ${expected.length}`, ar: "جرة" },
  });
  const approval = await post(
    `/fr/chamber/reviews/listing/${listing.id}`,
    { decision: "approve" },
    moderatorCookie,
  );
  expect(approval.status).toBe(302);
  expect(approval.location).toBe("/fr/chamber/reviews?decided=approve");
  expect(approval.ms).toBeLessThan(PROMPT_MS);
  expect((await t.db.select().from(products).where(eq(products.id, listing.id)))[0].status).toBe("published");
  expected.push({ to: shop.owner.email, kind: "listing_decision" });

  // A cash-on-delivery checkout: the order page, the order placed.
  const buyer = new Client(server.url);
  expect(
    (await buyer.post("/fr/cart", { intent: "add", productId: seller.products[0].id, quantity: 1 })).res
      .status,
  ).toBe(302);
  const email = uniqueEmail("buyer");
  const placed = await timed(() => buyer.post("/fr/checkout", checkoutForm({ email })));
  expect(placed.res.status).toBe(302);
  expect(placed.ms).toBeLessThan(PROMPT_MS);
  const token = orderTokenFrom(placed.res.headers.get("location"));
  const [order] = await t.db.select().from(orders).where(eq(orders.token, token));
  expect(order).toMatchObject({ buyerEmail: email, paymentStatus: "cod_pending" });
  const page = await buyer.get(`/fr/orders/${token}`);
  expect(page.res.status).toBe(200);
  expect(page.html).toContain(`Commande n° ${orderReference(order)}`);
  expected.push({ to: email, kind: "order_buyer" }, { to: seller.coop.email!, kind: "order_shop" });
}

const outbox = () =>
  t.db
    .select()
    .from(mailOutbox)
    .where(
      inArray(
        mailOutbox.to,
        expected.map((e) => e.to),
      ),
    );

describe("mail never fails a request", () => {
  it("answers promptly with the normal pages while nothing listens on the SMTP port; the mail waits in the outbox", async () => {
    await requestsThatMail();
    const rows = await eventually(
      outbox,
      (r) => r.length === expected.length && r.every((m) => m.lastError !== null),
      10_000,
      "first attempts",
    );
    for (const row of rows) {
      expect(row.status).toBe("pending");
      expect(row.sentAt).toBeNull();
      expect(row.lastError).toMatch(/ECONNREFUSED/);
    }
    expect(rows.map((r) => ({ to: r.to, kind: r.kind })).sort((a, b) => a.to.localeCompare(b.to))).toEqual(
      [...expected].sort((a, b) => a.to.localeCompare(b.to)),
    );
  });

  it("answers as promptly when the mail server accepts and never answers; the worker gives up each attempt at its timeout", async () => {
    silent = await startSilentServer(smtpPort);
    const before = expected.length;
    const [{ lastId }] = await t.db.select({ lastId: max(mailOutbox.id) }).from(mailOutbox);
    await requestsThatMail();
    const fresh = expected.slice(before).map((e) => e.to);
    // The transport's greeting timeout (10 s) ends the attempts on the hung server.
    const rows = await eventually(
      () =>
        t.db
          .select()
          .from(mailOutbox)
          .where(and(inArray(mailOutbox.to, fresh), gt(mailOutbox.id, lastId ?? 0))),
      (r) => r.length === fresh.length && r.every((m) => /greeting/i.test(m.lastError ?? "")),
      // A pass under way on the hung server (the earlier mail's retries) finishes first.
      45_000,
      "attempts on the hung server timed out",
    );
    expect(rows.every((r) => r.status === "pending" && r.sentAt === null)).toBe(true);
    expect(silent.connections()).toBeGreaterThan(0);
  }, 90_000);

  it("delivers every queued mail, once, when the mail server answers again", async () => {
    await silent!.close();
    silent = undefined;
    smtp = await startSmtpServer(smtpPort);
    const rows = await eventually(outbox, (r) => r.every((m) => m.status === "sent"), 60_000, "delivery");
    expect(rows).toHaveLength(expected.length);
    for (const { to } of expected) {
      expect(
        smtp.received.filter((m) => m.to.includes(to.toLowerCase())),
        to,
      ).toHaveLength(expected.filter((e) => e.to === to).length);
    }
    const reset = smtp.received.find((m) => m.subject.includes("nouveau mot de passe"));
    expect(reset?.text).toMatch(new RegExp(`${server.url}/fr/reset-password/[\\w-]+`));
  }, 90_000);
});
