-- An admin whose password another admin set (created or reset it) chooses its own at first sign-in
-- (issue 14): until then every admin route but the session's own answers password_change_required.
-- Existing admins keep signing in as before.
ALTER TABLE "admin_users" ADD COLUMN "must_change_password" BOOLEAN NOT NULL DEFAULT false;
