-- Automatic sign-out (issue 16): a seat Seatgate signed out (ForceMemberOffline) because its tenant
-- was suspended or its mapping disabled keeps the cause here, so that resuming the tenant or
-- enabling the mapping restores (RestoreMemberOnline) exactly the seats that cause signed out, and
-- never one an admin signed out by hand (signed_out_at). It does not refuse logins by itself: a
-- suspended tenant's and a disabled mapping's logins are refused already.
ALTER TABLE seat_mappings
  ADD COLUMN auto_signed_out text,
  ADD CONSTRAINT seat_mappings_auto_signed_out CHECK (auto_signed_out IN ('tenant_suspended', 'mapping_disabled'));

CREATE INDEX seat_mappings_auto_signed_out ON seat_mappings (tenant_id, auto_signed_out)
  WHERE auto_signed_out IS NOT NULL;
