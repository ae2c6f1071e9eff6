-- An admin's sign-out of a seat (issue 16): while signed_out_at is set, Seatgate refuses the seat's
-- logins with seat_signed_out and the reason. Kept on the mapping row because a login already reads
-- it (no extra statement on the hot path); the row's existing NOTIFY trigger empties every process's
-- cached copy when it changes.
ALTER TABLE seat_mappings
  ADD COLUMN signed_out_at timestamptz(3),
  ADD COLUMN signed_out_reason text,
  ADD CONSTRAINT seat_mappings_signed_out_reason CHECK (
    (signed_out_at IS NULL AND signed_out_reason IS NULL) OR
    (signed_out_at IS NOT NULL AND signed_out_reason IS NOT NULL AND length(signed_out_reason) <= 500)
  );

-- The sessions view shows each business user's last login: a small partial index over the login
-- events only, so that reading it never scans a tenant's whole trail.
CREATE INDEX audit_events_last_login ON audit_events (tenant_id, actor_id, occurred_at DESC)
  WHERE action = 'login.issued';
