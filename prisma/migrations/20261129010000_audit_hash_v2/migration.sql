-- Audit hash v2: an event's hash is sha256(prev_hash ':' seq ':' sha256(content)), so that the chain
-- link can be computed by PostgreSQL inside the statement that writes the event (see
-- apps/gateway/src/modules/audit/audit-chain.ts). Events written before keep version 1.
ALTER TABLE "audit_events" ADD COLUMN "hash_version" SMALLINT NOT NULL DEFAULT 1;

-- Chain heads are created with their tenant from now on; tenants (and the platform chain) that
-- predate this migration get theirs here.
INSERT INTO "audit_chain_heads" ("chain_id", "seq", "hash")
SELECT "id"::text, 0, repeat('0', 64) FROM "tenants"
ON CONFLICT ("chain_id") DO NOTHING;

INSERT INTO "audit_chain_heads" ("chain_id", "seq", "hash")
VALUES ('platform', 0, repeat('0', 64))
ON CONFLICT ("chain_id") DO NOTHING;
