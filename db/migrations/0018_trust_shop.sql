CREATE TABLE "cooperative_images" (
	"cooperative_id" integer NOT NULL,
	"image_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"alt" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cooperative_images_cooperative_id_image_id_pk" PRIMARY KEY("cooperative_id","image_id")
);
--> statement-breakpoint
CREATE TABLE "favourites" (
	"user_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "favourites_user_id_product_id_pk" PRIMARY KEY("user_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "public_holidays" (
	"day" date PRIMARY KEY NOT NULL,
	"name" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "transit_region_min_days" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "transit_region_max_days" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "transit_morocco_min_days" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "transit_morocco_max_days" integer DEFAULT 4 NOT NULL;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "transit_abroad_min_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "transit_abroad_max_days" integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "cooperative_images" ADD CONSTRAINT "cooperative_images_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_images" ADD CONSTRAINT "cooperative_images_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favourites" ADD CONSTRAINT "favourites_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favourites" ADD CONSTRAINT "favourites_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cooperative_images_position_idx" ON "cooperative_images" USING btree ("cooperative_id","position");--> statement-breakpoint
CREATE INDEX "favourites_user_created_idx" ON "favourites" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "cooperatives" ADD CONSTRAINT "cooperatives_transit_days_range" CHECK ("cooperatives"."transit_region_min_days" between 0 and 60 and "cooperatives"."transit_region_max_days" between "cooperatives"."transit_region_min_days" and 60
        and "cooperatives"."transit_morocco_min_days" between 0 and 60 and "cooperatives"."transit_morocco_max_days" between "cooperatives"."transit_morocco_min_days" and 60
        and "cooperatives"."transit_abroad_min_days" between 0 and 60 and "cooperatives"."transit_abroad_max_days" between "cooperatives"."transit_abroad_min_days" and 60);--> statement-breakpoint
-- Public pages read these: they announce their changes to the page cache (decision 005, 0006).
CREATE TRIGGER cooperative_images_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "cooperative_images"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();--> statement-breakpoint
CREATE TRIGGER public_holidays_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "public_holidays"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();--> statement-breakpoint
-- Morocco's public holidays for 2026 and 2027 (decision 020). The fixed ones are law; the
-- Islamic ones are the expected dates, which the chamber corrects when the ministry announces them.
INSERT INTO "public_holidays" ("day", "name") VALUES
  ('2026-01-01', '{"ar":"رأس السنة الميلادية","fr":"Nouvel An","en":"New Year''s Day"}'),
  ('2026-01-11', '{"ar":"ذكرى تقديم وثيقة الاستقلال","fr":"Manifeste de l''indépendance","en":"Independence Manifesto Day"}'),
  ('2026-01-14', '{"ar":"رأس السنة الأمازيغية","fr":"Nouvel An amazigh","en":"Amazigh New Year"}'),
  ('2026-03-20', '{"ar":"عيد الفطر","fr":"Aïd al-Fitr","en":"Eid al-Fitr"}'),
  ('2026-03-21', '{"ar":"عيد الفطر (اليوم الثاني)","fr":"Aïd al-Fitr (2e jour)","en":"Eid al-Fitr (second day)"}'),
  ('2026-05-01', '{"ar":"عيد الشغل","fr":"Fête du Travail","en":"Labour Day"}'),
  ('2026-05-27', '{"ar":"عيد الأضحى","fr":"Aïd al-Adha","en":"Eid al-Adha"}'),
  ('2026-05-28', '{"ar":"عيد الأضحى (اليوم الثاني)","fr":"Aïd al-Adha (2e jour)","en":"Eid al-Adha (second day)"}'),
  ('2026-06-17', '{"ar":"فاتح محرم","fr":"Nouvel An de l''Hégire","en":"Islamic New Year"}'),
  ('2026-07-30', '{"ar":"عيد العرش","fr":"Fête du Trône","en":"Throne Day"}'),
  ('2026-08-14', '{"ar":"ذكرى استرجاع إقليم وادي الذهب","fr":"Allégeance d''Oued Eddahab","en":"Oued Eddahab Day"}'),
  ('2026-08-20', '{"ar":"ذكرى ثورة الملك والشعب","fr":"Révolution du Roi et du Peuple","en":"Revolution of the King and the People"}'),
  ('2026-08-21', '{"ar":"عيد الشباب","fr":"Fête de la Jeunesse","en":"Youth Day"}'),
  ('2026-08-26', '{"ar":"عيد المولد النبوي","fr":"Aïd al-Mawlid","en":"Mawlid"}'),
  ('2026-08-27', '{"ar":"عيد المولد النبوي (اليوم الثاني)","fr":"Aïd al-Mawlid (2e jour)","en":"Mawlid (second day)"}'),
  ('2026-10-31', '{"ar":"عيد الوحدة","fr":"Fête de l''Unité","en":"Unity Day"}'),
  ('2026-11-06', '{"ar":"ذكرى المسيرة الخضراء","fr":"Marche verte","en":"Green March"}'),
  ('2026-11-18', '{"ar":"عيد الاستقلال","fr":"Fête de l''Indépendance","en":"Independence Day"}'),
  ('2027-01-01', '{"ar":"رأس السنة الميلادية","fr":"Nouvel An","en":"New Year''s Day"}'),
  ('2027-01-11', '{"ar":"ذكرى تقديم وثيقة الاستقلال","fr":"Manifeste de l''indépendance","en":"Independence Manifesto Day"}'),
  ('2027-01-14', '{"ar":"رأس السنة الأمازيغية","fr":"Nouvel An amazigh","en":"Amazigh New Year"}'),
  ('2027-03-10', '{"ar":"عيد الفطر","fr":"Aïd al-Fitr","en":"Eid al-Fitr"}'),
  ('2027-03-11', '{"ar":"عيد الفطر (اليوم الثاني)","fr":"Aïd al-Fitr (2e jour)","en":"Eid al-Fitr (second day)"}'),
  ('2027-05-01', '{"ar":"عيد الشغل","fr":"Fête du Travail","en":"Labour Day"}'),
  ('2027-05-17', '{"ar":"عيد الأضحى","fr":"Aïd al-Adha","en":"Eid al-Adha"}'),
  ('2027-05-18', '{"ar":"عيد الأضحى (اليوم الثاني)","fr":"Aïd al-Adha (2e jour)","en":"Eid al-Adha (second day)"}'),
  ('2027-06-07', '{"ar":"فاتح محرم","fr":"Nouvel An de l''Hégire","en":"Islamic New Year"}'),
  ('2027-07-30', '{"ar":"عيد العرش","fr":"Fête du Trône","en":"Throne Day"}'),
  ('2027-08-14', '{"ar":"ذكرى استرجاع إقليم وادي الذهب","fr":"Allégeance d''Oued Eddahab","en":"Oued Eddahab Day"}'),
  ('2027-08-16', '{"ar":"عيد المولد النبوي","fr":"Aïd al-Mawlid","en":"Mawlid"}'),
  ('2027-08-17', '{"ar":"عيد المولد النبوي (اليوم الثاني)","fr":"Aïd al-Mawlid (2e jour)","en":"Mawlid (second day)"}'),
  ('2027-08-20', '{"ar":"ذكرى ثورة الملك والشعب","fr":"Révolution du Roi et du Peuple","en":"Revolution of the King and the People"}'),
  ('2027-08-21', '{"ar":"عيد الشباب","fr":"Fête de la Jeunesse","en":"Youth Day"}'),
  ('2027-10-31', '{"ar":"عيد الوحدة","fr":"Fête de l''Unité","en":"Unity Day"}'),
  ('2027-11-06', '{"ar":"ذكرى المسيرة الخضراء","fr":"Marche verte","en":"Green March"}'),
  ('2027-11-18', '{"ar":"عيد الاستقلال","fr":"Fête de l''Indépendance","en":"Independence Day"}')
ON CONFLICT ("day") DO NOTHING;
