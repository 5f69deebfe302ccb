-- The audit log is append-only: no statement may change or delete an entry, whatever the caller.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log entries cannot be changed or deleted';
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();--> statement-breakpoint
INSERT INTO "rejection_reasons" ("code", "label", "sort_order") VALUES
  ('photos', '{"ar": "الصور غير واضحة أو لا تُظهر المنتج", "fr": "Les photos sont floues ou ne montrent pas le produit"}', 1),
  ('description', '{"ar": "الوصف ناقص أو غير دقيق", "fr": "La description est incomplète ou inexacte"}', 2),
  ('price', '{"ar": "السعر غير واضح أو غير معقول", "fr": "Le prix est incohérent"}', 3),
  ('not_handmade', '{"ar": "المنتج ليس من صنع التعاونية يدويًا", "fr": "Le produit n''est pas fait main par la coopérative"}', 4),
  ('wrong_craft', '{"ar": "الحرفة المختارة غير مناسبة", "fr": "Le métier choisi ne correspond pas"}', 5),
  ('prohibited', '{"ar": "منتج غير مسموح به", "fr": "Produit non autorisé"}', 6),
  ('other', '{"ar": "سبب آخر (انظر الملاحظة)", "fr": "Autre motif (voir la note)"}', 7)
ON CONFLICT ("code") DO NOTHING;
