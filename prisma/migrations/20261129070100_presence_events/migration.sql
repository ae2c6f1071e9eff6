-- Presence history (issue 16): each status change of a mapped seat that Seatgate saw while polling
-- TCCC (DescribeStaffStatusMetrics). `at` is TCCC's own time of the change (LastStatusTimestamp),
-- else when Seatgate saw it; two processes seeing one change write it once (the unique index).
-- Kept per tenant for its retention (settings.presenceRetentionDays, 30 days by default): the
-- sessions module's sweeper deletes older rows. It feeds the usage numbers (online hours per day).
CREATE TABLE presence_events (
  id           bigserial PRIMARY KEY,
  tenant_id    uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  app_id       uuid NOT NULL REFERENCES tccc_apps(id) ON DELETE CASCADE,
  seat_user_id text NOT NULL,
  status       text NOT NULL,
  at           timestamptz(3) NOT NULL,
  seen_at      timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX presence_events_change ON presence_events (app_id, seat_user_id, at, status);
CREATE INDEX presence_events_tenant_at ON presence_events (tenant_id, at);
