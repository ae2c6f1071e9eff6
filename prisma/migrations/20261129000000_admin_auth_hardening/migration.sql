-- Issue 11, admin access and sign-in.

-- Platform-wide access is an explicit flag, never inferred from an empty tenant list (a tenant's
-- deletion used to turn its auditors into global auditors). Platform admins always have it,
-- tenant admins never; auditors only when made platform-wide on purpose.
ALTER TABLE "admin_users" ADD COLUMN "all_tenants" BOOLEAN NOT NULL DEFAULT false;

-- Nothing changes for existing admins: an auditor with no tenant read every tenant before this
-- migration, and keeps doing so, now explicitly.
UPDATE "admin_users" SET "all_tenants" = true
WHERE "role" = 'platform_admin'
   OR ("role" = 'auditor'
       AND NOT EXISTS (SELECT 1 FROM "admin_user_tenants" l WHERE l."admin_user_id" = "admin_users"."id"));

-- A tenant admin is never platform-wide. (Platform admins are platform-wide by their role: the
-- gateway reads the role, so a platform admin created by a gateway of the previous release, which
-- leaves the flag false, loses nothing.)
ALTER TABLE "admin_users" ADD CONSTRAINT "admin_users_all_tenants_role_check"
    CHECK (NOT ("all_tenants" AND "role" = 'tenant_admin'));

-- Ending every session of an admin at once: each session records the admin's epoch when it
-- began; a change of password, role, tenants or disabled flag bumps the epoch in the same
-- statement, and a session from an older epoch is refused on its next use.
ALTER TABLE "admin_users" ADD COLUMN "session_epoch" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "admin_sessions" ADD COLUMN "user_epoch" INTEGER NOT NULL DEFAULT 0;

-- The account lockout is replaced by throttles in the rate-limit store (see docs/operations.md).
-- "failed_logins" and "locked_until" are no longer read or written; they stay until a later
-- release so that gateways of the previous release keep working during a rolling upgrade (this
-- migration is additive only).

-- Refresh tokens a session has rotated away: presenting one again is reuse, and ends the session.
CREATE TABLE "admin_refresh_rotations" (
    "token_hash" TEXT NOT NULL,
    "session_id" UUID NOT NULL,
    "rotated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "admin_refresh_rotations_pkey" PRIMARY KEY ("token_hash")
);

CREATE INDEX "admin_refresh_rotations_session_id_idx" ON "admin_refresh_rotations"("session_id");

ALTER TABLE "admin_refresh_rotations" ADD CONSTRAINT "admin_refresh_rotations_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "admin_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
