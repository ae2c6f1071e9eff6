-- Seat lifecycle (issue 15): a mapping says whether Seatgate created its seat in TCCC
-- ('provisioned') or took one that existed ('adopted', every mapping made before this), keeps the
-- attributes it provisioned with (so that a change can be sent to TCCC), and records that a seat
-- being offboarded while online must go offline.
CREATE TYPE "SeatOrigin" AS ENUM ('adopted', 'provisioned');

ALTER TABLE "seat_mappings"
    ADD COLUMN "origin" "SeatOrigin" NOT NULL DEFAULT 'adopted',
    ADD COLUMN "staff_number" TEXT,
    ADD COLUMN "phone" TEXT,
    ADD COLUMN "role" SMALLINT,
    ADD COLUMN "skill_groups" TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN "offline_required_at" TIMESTAMPTZ(3);

-- Long work (provisioning a file of users, offboarding) as durable jobs: one row per job that the
-- console reads (progress, counts), one row per input line with its outcome (downloadable). The
-- steps themselves are pg-boss jobs (schema "pgboss", created by pg-boss at start): any replica
-- claims a step once; a step whose replica died is handed on when it expires.
CREATE TYPE "JobStatus" AS ENUM ('running', 'succeeded', 'failed');

CREATE TABLE "jobs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "app_id" UUID,
    "kind" TEXT NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL,
    "actor" JSONB NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "jobs_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE,
    CONSTRAINT "jobs_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "tccc_apps"("id") ON DELETE CASCADE
);
CREATE INDEX "jobs_tenant_id_created_at_id_idx" ON "jobs" ("tenant_id", "created_at", "id");

CREATE TABLE "job_rows" (
    "job_id" UUID NOT NULL,
    "idx" INTEGER NOT NULL,
    "input" JSONB NOT NULL,
    -- null while pending; else what happened to the line (created, adopted, updated, deleted, unmapped, failed)
    "outcome" TEXT,
    "code" TEXT,
    "message" TEXT,
    -- how many times a step sent this line to TCCC (a retried step tells its own earlier tries apart)
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "job_rows_pkey" PRIMARY KEY ("job_id", "idx"),
    CONSTRAINT "job_rows_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE
);
CREATE INDEX "job_rows_pending_idx" ON "job_rows" ("job_id", "idx") WHERE "outcome" IS NULL;
