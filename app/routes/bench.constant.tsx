/**
 * A bare Remix route that returns a constant: the bench's yardstick for what the framework
 * and the server's middleware cost before any page does its own work (see scripts/bench.mjs).
 */
export function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
