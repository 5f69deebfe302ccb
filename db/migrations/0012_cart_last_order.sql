ALTER TABLE "carts" ADD COLUMN "last_order_id" integer;--> statement-breakpoint
ALTER TABLE "carts" ADD CONSTRAINT "carts_last_order_id_orders_id_fk" FOREIGN KEY ("last_order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "carts_last_order_idx" ON "carts" USING btree ("last_order_id") WHERE "carts"."last_order_id" is not null;