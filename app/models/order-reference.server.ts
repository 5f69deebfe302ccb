/** The SQL side of order references (app/models/order-reference.ts). */
import { sql } from "drizzle-orm";
import { shopOrders } from "#db/schema";

/** A part's position within its order (0 for the first cooperative's part): its letter. */
export const partIndexSql =
  sql<number>`(select count(*)::int from shop_orders s2 where s2.order_id = ${shopOrders.orderId} and s2.id < ${shopOrders.id})`.mapWith(
    Number,
  );
