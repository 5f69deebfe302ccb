CREATE TYPE "public"."buyer_review_status" AS ENUM('pending', 'published', 'rejected');--> statement-breakpoint
CREATE TABLE "policy_pages" (
	"slug" text PRIMARY KEY NOT NULL,
	"title" jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "product_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"product_id" integer NOT NULL,
	"cooperative_id" integer NOT NULL,
	"order_id" integer NOT NULL,
	"shop_order_id" integer NOT NULL,
	"rating" integer NOT NULL,
	"body" text NOT NULL,
	"locale" text NOT NULL,
	"author_name" text NOT NULL,
	"status" "buyer_review_status" DEFAULT 'pending' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"review_reason" text,
	"review_note" text,
	"reply" text,
	"reply_locale" text,
	"reply_status" "buyer_review_status",
	"reply_by" integer,
	"reply_submitted_at" timestamp with time zone,
	"reply_decided_by" integer,
	"reply_decided_at" timestamp with time zone,
	"reply_reason" text,
	"reply_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_reviews_rating_range" CHECK ("product_reviews"."rating" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "rejection_reasons" ADD COLUMN "scope" text DEFAULT 'listing' NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_pages" ADD CONSTRAINT "policy_pages_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_reviews" ADD CONSTRAINT "product_reviews_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_reviews" ADD CONSTRAINT "product_reviews_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_reviews" ADD CONSTRAINT "product_reviews_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_reviews" ADD CONSTRAINT "product_reviews_shop_order_id_shop_orders_id_fk" FOREIGN KEY ("shop_order_id") REFERENCES "public"."shop_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_reviews" ADD CONSTRAINT "product_reviews_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_reviews" ADD CONSTRAINT "product_reviews_reply_by_users_id_fk" FOREIGN KEY ("reply_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_reviews" ADD CONSTRAINT "product_reviews_reply_decided_by_users_id_fk" FOREIGN KEY ("reply_decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "product_reviews_order_product_unique" ON "product_reviews" USING btree ("order_id","product_id");--> statement-breakpoint
CREATE INDEX "product_reviews_product_idx" ON "product_reviews" USING btree ("product_id","status","decided_at");--> statement-breakpoint
CREATE INDEX "product_reviews_cooperative_idx" ON "product_reviews" USING btree ("cooperative_id","status","decided_at");--> statement-breakpoint
CREATE INDEX "product_reviews_pending_idx" ON "product_reviews" USING btree ("created_at") WHERE "product_reviews"."status" = 'pending' or "product_reviews"."reply_status" = 'pending';--> statement-breakpoint
-- Product and cooperative pages show approved reviews and policy pages are public: both are
-- served from the shared page cache, which these triggers empty (decision 005).
CREATE TRIGGER product_reviews_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "product_reviews"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();--> statement-breakpoint
CREATE TRIGGER policy_pages_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "policy_pages"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();--> statement-breakpoint
-- The reasons the chamber gives when it turns down a buyer's review or a cooperative's answer
-- (decision 019); "prohibited" and "other" serve listings and reviews alike.
UPDATE "rejection_reasons" SET "scope" = 'any' WHERE "code" IN ('prohibited', 'other');--> statement-breakpoint
INSERT INTO "rejection_reasons" ("code", "label", "scope", "sort_order") VALUES
  ('review_off_topic', '{"ar": "لا يتحدث عن القطعة أو الطلب", "fr": "Ne parle pas de la pièce ni de la commande", "en": "Not about the piece or the order"}', 'review', 10),
  ('review_personal_data', '{"ar": "يتضمن معطيات شخصية (هاتف، عنوان، بريد إلكتروني)", "fr": "Contient des données personnelles (téléphone, adresse, e-mail)", "en": "Contains personal data (phone, address, e-mail)"}', 'review', 11),
  ('review_abusive', '{"ar": "كلام مسيء أو تمييزي", "fr": "Propos injurieux ou discriminatoires", "en": "Abusive or discriminatory words"}', 'review', 12),
  ('review_advertising', '{"ar": "إشهار أو روابط", "fr": "Publicité ou liens", "en": "Advertising or links"}', 'review', 13)
ON CONFLICT ("code") DO NOTHING;
