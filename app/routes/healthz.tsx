import { databaseIsReachable } from "~/utils/db.server";

/** Liveness and database reachability, for load balancers and the test harness. */
export async function loader() {
  const ok = await databaseIsReachable();
  return Response.json({ ok }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
