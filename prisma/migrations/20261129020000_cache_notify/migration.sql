-- Every change that can affect a login (a tenant, its apps, seat mappings and signing keys) tells
-- every gateway process to drop its cached copy: NOTIFY seatgate_cache, sent by a trigger inside
-- the change's own transaction (delivered on commit, never for a rolled-back change). PostgreSQL
-- folds identical notifications of one transaction into one, so a CSV import of many seats of one
-- tenant sends one. Payload: {"table": "...", "tenantId": "<uuid>" | null (every tenant)}.
CREATE FUNCTION seatgate_notify_cache() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_tenant text;
  new_tenant text;
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    PERFORM pg_notify('seatgate_cache', json_build_object('table', TG_TABLE_NAME, 'tenantId', NULL)::text);
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    old_tenant := CASE WHEN TG_TABLE_NAME = 'tenants' THEN to_jsonb(OLD)->>'id' ELSE to_jsonb(OLD)->>'tenant_id' END;
    PERFORM pg_notify('seatgate_cache', json_build_object('table', TG_TABLE_NAME, 'tenantId', old_tenant)::text);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    new_tenant := CASE WHEN TG_TABLE_NAME = 'tenants' THEN to_jsonb(NEW)->>'id' ELSE to_jsonb(NEW)->>'tenant_id' END;
    IF new_tenant IS DISTINCT FROM old_tenant THEN
      PERFORM pg_notify('seatgate_cache', json_build_object('table', TG_TABLE_NAME, 'tenantId', new_tenant)::text);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER tenants_notify_cache AFTER INSERT OR UPDATE OR DELETE ON tenants
  FOR EACH ROW EXECUTE FUNCTION seatgate_notify_cache();
CREATE TRIGGER tenants_truncate_notify_cache AFTER TRUNCATE ON tenants
  FOR EACH STATEMENT EXECUTE FUNCTION seatgate_notify_cache();
CREATE TRIGGER tccc_apps_notify_cache AFTER INSERT OR UPDATE OR DELETE ON tccc_apps
  FOR EACH ROW EXECUTE FUNCTION seatgate_notify_cache();
CREATE TRIGGER tccc_apps_truncate_notify_cache AFTER TRUNCATE ON tccc_apps
  FOR EACH STATEMENT EXECUTE FUNCTION seatgate_notify_cache();
CREATE TRIGGER seat_mappings_notify_cache AFTER INSERT OR UPDATE OR DELETE ON seat_mappings
  FOR EACH ROW EXECUTE FUNCTION seatgate_notify_cache();
CREATE TRIGGER seat_mappings_truncate_notify_cache AFTER TRUNCATE ON seat_mappings
  FOR EACH STATEMENT EXECUTE FUNCTION seatgate_notify_cache();
CREATE TRIGGER signing_keys_notify_cache AFTER INSERT OR UPDATE OR DELETE ON signing_keys
  FOR EACH ROW EXECUTE FUNCTION seatgate_notify_cache();
CREATE TRIGGER signing_keys_truncate_notify_cache AFTER TRUNCATE ON signing_keys
  FOR EACH STATEMENT EXECUTE FUNCTION seatgate_notify_cache();
