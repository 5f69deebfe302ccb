/**
 * A bare Remix route that returns a constant: the bench's yardstick for what the framework
 * and the server's middleware cost before any page does its own work (see scripts/bench.mjs).
 */
import { env } from "~/utils/env.server";

export function loader() {
  // Served only to the bench (scripts/bench.mjs sets HIRFA_BENCH=1): nothing to see in production.
  if (!env().HIRFA_BENCH) return new Response("Not found", { status: 404 });
  return new Response("ok", {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
