-- The search index (search_documents) and its typo vocabulary (search_term_variants) are
-- written after the listing itself, in a transaction of their own (listings.server.ts calls
-- refreshSearchIndex after the change): they announce themselves on `catalogue_changed` too,
-- so the search result cache (decision 016) forgets results computed from the old index.
CREATE TRIGGER search_documents_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "search_documents"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();--> statement-breakpoint
CREATE TRIGGER search_term_variants_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "search_term_variants"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_catalogue_changed();
