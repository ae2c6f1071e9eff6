-- SCIM 2.0 provisioning from a tenant's identity provider (issue 15), owned by the scim module.
-- scim_tokens: bearer tokens a tenant admin creates; only a SHA-256 of the token is kept (a token is
-- 32 random bytes, so a plain digest is enough), shown once; several may be live during a rotation.
-- scim_users: the users the identity provider manages, each a business user of the tenant; the SCIM
-- representation is kept as the provider sent it (minus what Seatgate derives), with the seat it
-- maps to. scim_state: when the tenant's provider last called, for the console's SCIM page.
CREATE TABLE scim_tokens (
  id           uuid PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  label        text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  -- the token's first characters, so an admin can tell tokens apart
  hint         text NOT NULL,
  created_by   text,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  last_used_at timestamptz(3),
  revoked_at   timestamptz(3)
);
CREATE INDEX scim_tokens_tenant ON scim_tokens (tenant_id, created_at);

CREATE TABLE scim_users (
  id            uuid PRIMARY KEY,
  tenant_id     uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- userName, the business user id (RFC 7643: unique, case-insensitive)
  user_name     text NOT NULL,
  external_id   text,
  active        boolean NOT NULL DEFAULT true,
  resource      jsonb NOT NULL,
  -- the seat it maps to (the tenant's SCIM app at creation): the seat id as the mapping rules chose it
  app_id        uuid REFERENCES tccc_apps(id) ON DELETE SET NULL,
  seat_user_id  text,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  updated_at    timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX scim_users_user_name ON scim_users (tenant_id, lower(user_name));
CREATE INDEX scim_users_external_id ON scim_users (tenant_id, external_id);
CREATE INDEX scim_users_page ON scim_users (tenant_id, created_at, id);

CREATE TABLE scim_state (
  tenant_id       uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  last_request_at timestamptz(3),
  last_change_at  timestamptz(3)
);
