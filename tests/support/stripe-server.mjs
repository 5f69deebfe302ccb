/**
 * A local HTTP server that speaks the parts of Stripe's API Hirfa uses, for the official
 * `stripe` SDK (configured with host, port and protocol). Each API request is filed as a
 * JSON file in `dir` (method, path, headers that matter, decoded form body) for the tests
 * to check field by field. `GET /pay/:id` stands in for the hosted Checkout page.
 *
 * Each session has its payment intent from the start (`pi_test_` + the session's suffix);
 * refunds are made against it, never beyond what it was for. `POST /__control/refund-failures`
 * ({ payment_intent, status, count }) makes its next refunds fail, as an outage (500) or a
 * refusal (400) would; as at Stripe, a failure is kept as that idempotency key's answer.
 *
 * Plain JavaScript: scripts/test.mjs starts it beside the SMTP mailbox.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";

/** Decodes Stripe's form encoding (`a[b][0][c]=v`) into nested objects and arrays. */
export function decodeStripeForm(body) {
  const out = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const parts = rawKey.replace(/\]/g, "").split("[");
    let node = out;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]);
      if (last) node[part] = value;
      else node = node[part] ??= nextIsIndex ? [] : {};
    });
  }
  return out;
}

function stripeError(res, status, message, type = "invalid_request_error") {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify({ error: { type, message } }));
}

export async function startStripeServer(dir) {
  mkdirSync(dir, { recursive: true });
  let seq = 0;
  const sessions = new Map();
  const idempotent = new Map();
  /** payment intent id → its session, refunds made, and failures asked for by a test. */
  const intents = new Map();
  let base = "";

  const record = (entry) => {
    const name = `${String(++seq).padStart(6, "0")}.json`;
    writeFileSync(path.join(dir, `${name}.tmp`), JSON.stringify(entry, null, 1));
    renameSync(path.join(dir, `${name}.tmp`), path.join(dir, name));
  };

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", base);
      if (req.method === "GET" && url.pathname.startsWith("/pay/")) {
        const session = sessions.get(url.pathname.slice(5));
        res.writeHead(session ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" });
        res.end(
          `<!doctype html><html lang="en"><head><title>Stripe test checkout</title></head><body><main><h1>Stripe test checkout</h1>` +
            `<p id="session">${session ? session.id : "unknown session"}</p><p id="amount">${session ? session.amount_total : ""}</p></main></body></html>`,
        );
        return;
      }
      if (req.method === "POST" && url.pathname === "/__control/refund-failures") {
        const { payment_intent: id, status, count } = JSON.parse(raw || "{}");
        const intent = intents.get(id);
        if (!intent) return stripeError(res, 404, `No such payment_intent: '${id}'`);
        intent.failures = { status: Number(status), count: Number(count) };
        res.writeHead(204);
        res.end();
        return;
      }
      if (url.pathname === "/favicon.ico") {
        res.writeHead(204);
        res.end();
        return;
      }
      if (!url.pathname.startsWith("/v1/")) return stripeError(res, 404, "Unrecognized request URL");
      const auth = req.headers.authorization ?? "";
      const body = decodeStripeForm(raw);
      const idempotencyKey = req.headers["idempotency-key"] ?? null;
      record({
        method: req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        idempotencyKey,
        authorized: /^Bearer sk_test_/.test(auth),
        stripeVersion: req.headers["stripe-version"] ?? null,
        contentType: req.headers["content-type"] ?? null,
        body,
      });
      if (!/^Bearer sk_test_/.test(auth))
        return stripeError(res, 401, "Invalid API Key provided", "authentication_error");

      if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
        if (idempotencyKey && idempotent.has(idempotencyKey)) {
          const previous = idempotent.get(idempotencyKey);
          if (previous.raw !== raw)
            return stripeError(
              res,
              400,
              "Keys for idempotent requests can only be used with the same parameters",
              "idempotency_error",
            );
          res.writeHead(200, { "Content-Type": "application/json", "Idempotent-Replayed": "true" });
          res.end(JSON.stringify(previous.session));
          return;
        }
        const items = Array.isArray(body.line_items) ? body.line_items : [];
        const amountTotal = items.reduce(
          (sum, li) => sum + Number(li.price_data?.unit_amount ?? 0) * Number(li.quantity ?? 0),
          0,
        );
        const suffix = randomBytes(12).toString("hex");
        const id = `cs_test_${suffix}`;
        const session = {
          id,
          object: "checkout.session",
          payment_intent: `pi_test_${suffix}`,
          url: `${base}/pay/${id}`,
          status: "open",
          mode: body.mode,
          payment_status: "unpaid",
          amount_total: amountTotal,
          currency: items[0]?.price_data?.currency ?? null,
          client_reference_id: body.client_reference_id ?? null,
          customer_email: body.customer_email ?? null,
          metadata: body.metadata ?? {},
          success_url: body.success_url,
          cancel_url: body.cancel_url,
          expires_at: Number(body.expires_at ?? Math.floor(Date.now() / 1000) + 86400),
          livemode: false,
        };
        sessions.set(id, session);
        intents.set(session.payment_intent, { session, refunds: [], failures: null });
        if (idempotencyKey) idempotent.set(idempotencyKey, { raw, session });
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify(session));
        return;
      }
      const match = url.pathname.match(/^\/v1\/checkout\/sessions\/([^/]+)$/);
      if (req.method === "GET" && match && sessions.has(match[1])) {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify(sessions.get(match[1])));
        return;
      }
      if (url.pathname === "/v1/refunds") {
        const intent = intents.get(
          req.method === "GET" ? url.searchParams.get("payment_intent") : body.payment_intent,
        );
        if (!intent)
          return stripeError(
            res,
            404,
            `No such payment_intent: '${body.payment_intent ?? url.searchParams.get("payment_intent")}'`,
          );
        if (req.method === "GET") {
          res.writeHead(200, { "Content-Type": "application/json" });
          res.end(
            JSON.stringify({
              object: "list",
              url: "/v1/refunds",
              has_more: false,
              data: [...intent.refunds].reverse(),
            }),
          );
          return;
        }
        if (req.method === "POST") {
          if (idempotencyKey && idempotent.has(idempotencyKey)) {
            const previous = idempotent.get(idempotencyKey);
            if (previous.raw !== raw)
              return stripeError(
                res,
                400,
                "Keys for idempotent requests can only be used with the same parameters",
                "idempotency_error",
              );
            res.writeHead(previous.status ?? 200, {
              "Content-Type": "application/json",
              ...previous.headers,
              "Idempotent-Replayed": "true",
            });
            res.end(JSON.stringify(previous.error ?? previous.refund));
            return;
          }
          if (intent.failures?.count > 0) {
            intent.failures.count -= 1;
            // Like Stripe, the failure is the key's result: replayed for the same key, and a 500
            // says not to retry it under that key.
            const outage = intent.failures.status >= 500;
            const error = outage
              ? { error: { type: "api_error", message: "An error occurred with our connection to Stripe" } }
              : { error: { type: "invalid_request_error", message: "This charge cannot be refunded" } };
            const headers = {
              "Content-Type": "application/json",
              ...(outage ? { "Stripe-Should-Retry": "false" } : {}),
            };
            if (idempotencyKey)
              idempotent.set(idempotencyKey, { raw, error, status: intent.failures.status, headers });
            res.writeHead(intent.failures.status, headers);
            res.end(JSON.stringify(error));
            return;
          }
          const amount = Number(body.amount ?? intent.session.amount_total);
          const refunded = intent.refunds.reduce((sum, r) => sum + r.amount, 0);
          if (
            !Number.isSafeInteger(amount) ||
            amount <= 0 ||
            refunded + amount > intent.session.amount_total
          ) {
            return stripeError(
              res,
              400,
              `Refund amount (${amount}) is greater than unrefunded amount on charge (${intent.session.amount_total - refunded})`,
            );
          }
          const refund = {
            id: `re_test_${randomBytes(12).toString("hex")}`,
            object: "refund",
            amount,
            currency: intent.session.currency,
            payment_intent: body.payment_intent,
            reason: body.reason ?? null,
            metadata: body.metadata ?? {},
            status: "succeeded",
            created: Math.floor(Date.now() / 1000),
          };
          intent.refunds.push(refund);
          if (idempotencyKey) idempotent.set(idempotencyKey, { raw, refund });
          res.writeHead(200, { "Content-Type": "application/json" });
          res.end(JSON.stringify(refund));
          return;
        }
      }
      stripeError(res, 404, `Unrecognized request URL (${req.method}: ${url.pathname})`);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  base = `http://127.0.0.1:${port}`;
  return { dir, port, url: base, close: () => new Promise((resolve) => server.close(resolve)) };
}
