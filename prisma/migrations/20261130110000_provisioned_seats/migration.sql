-- Seats Seatgate created in TCCC (issue 15, the reconcile plan): a mapping says `provisioned` only
-- while it exists; once it is removed by hand the seat stays in TCCC holding a licence, and only
-- this ledger still knows Seatgate made it. The reconcile plan offers to delete such seats; an
-- offboarding or reconcile that deletes the seat in TCCC forgets it here. Seat ids in lower case,
-- as TCCC compares mails.
CREATE TABLE provisioned_seats (
  tenant_id        uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  app_id           uuid NOT NULL REFERENCES tccc_apps(id) ON DELETE CASCADE,
  seat_user_id     text NOT NULL,
  business_user_id text NOT NULL,
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT provisioned_seats_pkey PRIMARY KEY (app_id, seat_user_id)
);
CREATE INDEX provisioned_seats_tenant_app ON provisioned_seats (tenant_id, app_id);

INSERT INTO provisioned_seats (tenant_id, app_id, seat_user_id, business_user_id, created_at)
SELECT tenant_id, app_id, lower(seat_user_id), business_user_id, created_at
FROM seat_mappings WHERE origin = 'provisioned'
ON CONFLICT DO NOTHING;
