/**
 * The server's log is one JSON object per line (pino): whatever a buyer types, a newline in a
 * field stays inside its JSON string and can never forge a line, such as the "[mail] to=…"
 * lines the mail written to the log (no SMTP_URL) used to start with.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { Client } from "../support/client";
import { createTestDatabase, openAppDatabase, type TestDatabase } from "../support/db";
import { uniqueEmail } from "../support/fixtures";
import { checkoutForm, createShop } from "../support/shops";
import { eventually } from "../support/wait";

const FORGED = "[mail] to=evil@example.com";
const evilName = `Salma\n${FORGED} subject="Votre mot de passe"\nhttp://evil.example/reset`;

/** Complete lines only: the last one may still be being written. */
function linesOf(output: string) {
  return output
    .split("\n")
    .slice(0, -1)
    .filter((line) => line.trim() !== "");
}

/** Each line parsed as JSON; throws on the first that is not. */
function parseLines(output: string): Record<string, unknown>[] {
  return linesOf(output).map((line) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`not a JSON line: ${line.slice(0, 200)}`);
    }
  });
}

async function codCheckout(base: string, productId: number, name: string) {
  const client = new Client(base);
  expect((await client.post("/fr/cart", { intent: "add", productId, quantity: 1 })).res.status).toBe(302);
  const email = uniqueEmail("log");
  const placed = await client.post("/fr/checkout", checkoutForm({ name, email }));
  expect(placed.res.status).toBe(302);
  return email;
}

describe("server log without SMTP (mail written to the log)", () => {
  let t: TestDatabase;
  let server: AppProcess;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
    // No SMTP_URL: the mail is written to the log.
    server = await startAppProcess({ DATABASE_URL: t.url!, SMTP_URL: "" });
  });
  afterAll(async () => {
    await server?.stop();
    await t?.destroy();
  });

  it("logs the order's mails as fields: a newline in the buyer's name forges no line", async () => {
    const shop = await createShop(t.db, { products: [{ stock: 5, priceCentimes: 15_000 }] });
    const email = await codCheckout(server.url, shop.products[0].id, evilName);
    // The buyer's and the cooperative's mails, written to the log by the worker.
    await eventually(
      () => server.output(),
      (out) => out.includes(email) && out.includes(shop.coop.email!),
      15_000,
      "the order's mails in the log",
    );
    const lines = linesOf(server.output());
    expect(lines.filter((line) => line.trimStart().startsWith("[mail]"))).toEqual([]);
    const entries = parseLines(server.output());
    const logged = entries.find((e) => (e.mail as { to?: string } | undefined)?.to === email)!;
    // The name is there whole, newlines and all, inside its field.
    expect((logged.mail as { text: string }).text).toContain(evilName);
    expect((logged.mail as { subject: string }).subject).toMatch(/commande n° H-\d{4}-\d{6}/);
    // The cooperative's mail names the buyer too.
    expect(entries.some((e) => (e.mail as { to?: string } | undefined)?.to === shop.coop.email)).toBe(true);
  });
});

describe("the suite's server log", () => {
  it("is one JSON object per line, with a level, a time and a message, after a checkout with a hostile name", async () => {
    const app = openAppDatabase();
    try {
      const shop = await createShop(app.db, { products: [{ stock: 5, priceCentimes: 15_000 }] });
      await codCheckout(process.env.HIRFA_BASE_URL!, shop.products[0].id, evilName);
    } finally {
      await app.close();
    }
    const file = process.env.HIRFA_SERVER_LOG;
    if (!file) throw new Error("HIRFA_SERVER_LOG is not set: run the suite with `npm test`");
    const entries = parseLines(readFileSync(file, "utf8"));
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(typeof entry.level).toBe("number");
      expect(typeof entry.time).toBe("string");
      expect(typeof entry.msg).toBe("string");
    }
    expect(entries.some((e) => e.msg === "Hirfa listening")).toBe(true);
  });
});
