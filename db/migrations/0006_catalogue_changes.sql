-- Every change to what the public catalogue pages show announces itself on the
-- `catalogue_changed` channel, from whichever process makes it (the app, a script, psql).
-- The server's page cache listens and forgets its pages (docs/decisions/005-page-cache.md).
-- NOTIFY is transactional: listeners hear it after the commit, once per transaction.
CREATE OR REPLACE FUNCTION notify_catalogue_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('catalogue_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER provinces_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "provinces"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();--> statement-breakpoint
CREATE TRIGGER crafts_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "crafts"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();--> statement-breakpoint
CREATE TRIGGER images_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "images"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();--> statement-breakpoint
CREATE TRIGGER cooperatives_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "cooperatives"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();--> statement-breakpoint
CREATE TRIGGER cooperative_crafts_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "cooperative_crafts"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();--> statement-breakpoint
CREATE TRIGGER products_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "products"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();--> statement-breakpoint
CREATE TRIGGER product_images_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "product_images"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();
