CREATE TYPE "public"."fair_stand_status" AS ENUM('pending', 'accepted', 'declined');--> statement-breakpoint
CREATE TABLE "fair_stands" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fair_stands_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"fair_id" integer NOT NULL,
	"cooperative_id" integer NOT NULL,
	"status" "fair_stand_status" DEFAULT 'pending' NOT NULL,
	"stand_number" text,
	"message" text DEFAULT '' NOT NULL,
	"applied_by" integer,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fair_stands_accepted_has_number" CHECK ("fair_stands"."status" <> 'accepted' or "fair_stands"."stand_number" is not null)
);
--> statement-breakpoint
CREATE TABLE "fairs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fairs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"city" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"venue" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"province_slug" text NOT NULL,
	"map_url" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"poster_image_id" integer,
	"published_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fairs_slug_unique" UNIQUE("slug"),
	CONSTRAINT "fairs_dates_ordered" CHECK ("fairs"."ends_on" >= "fairs"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "women_member_count" integer;--> statement-breakpoint
ALTER TABLE "shop_orders" ADD COLUMN "pickup_fair_id" integer;--> statement-breakpoint
ALTER TABLE "shop_orders" ADD COLUMN "pickup_code" text;--> statement-breakpoint
ALTER TABLE "fair_stands" ADD CONSTRAINT "fair_stands_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_stands" ADD CONSTRAINT "fair_stands_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_stands" ADD CONSTRAINT "fair_stands_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_stands" ADD CONSTRAINT "fair_stands_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fairs" ADD CONSTRAINT "fairs_province_slug_provinces_slug_fk" FOREIGN KEY ("province_slug") REFERENCES "public"."provinces"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fairs" ADD CONSTRAINT "fairs_poster_image_id_images_id_fk" FOREIGN KEY ("poster_image_id") REFERENCES "public"."images"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fairs" ADD CONSTRAINT "fairs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fair_stands_fair_cooperative_idx" ON "fair_stands" USING btree ("fair_id","cooperative_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fair_stands_number_idx" ON "fair_stands" USING btree ("fair_id","stand_number") WHERE "fair_stands"."status" = 'accepted';--> statement-breakpoint
CREATE INDEX "fair_stands_cooperative_idx" ON "fair_stands" USING btree ("cooperative_id","status");--> statement-breakpoint
CREATE INDEX "fairs_ends_on_idx" ON "fairs" USING btree ("ends_on");--> statement-breakpoint
ALTER TABLE "shop_orders" ADD CONSTRAINT "shop_orders_pickup_fair_id_fairs_id_fk" FOREIGN KEY ("pickup_fair_id") REFERENCES "public"."fairs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shop_orders_pickup_fair_idx" ON "shop_orders" USING btree ("cooperative_id","pickup_fair_id") WHERE "shop_orders"."pickup_fair_id" is not null;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD CONSTRAINT "cooperatives_women_members_range" CHECK ("cooperatives"."women_member_count" is null or "cooperatives"."women_member_count" between 0 and "cooperatives"."member_count");--> statement-breakpoint
ALTER TABLE "shop_orders" ADD CONSTRAINT "shop_orders_pickup_has_code" CHECK (("shop_orders"."pickup_fair_id" is null) = ("shop_orders"."pickup_code" is null) and ("shop_orders"."pickup_fair_id" is null or "shop_orders"."shipping_centimes" = 0));--> statement-breakpoint
-- Fair pages, the home page's banner and each cooperative's "at the fair" line are public
-- pages; the impact page reads the payout ledger and the sales: all are kept in the shared page
-- cache and the catalogue memos, which forget them on this channel (decisions 005 and 021).
CREATE TRIGGER fairs_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "fairs"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();--> statement-breakpoint
CREATE TRIGGER fair_stands_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "fair_stands"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();--> statement-breakpoint
CREATE TRIGGER payouts_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "payouts"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();--> statement-breakpoint
CREATE TRIGGER shop_orders_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "shop_orders"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();
