-- CreateEnum
CREATE TYPE "TenantStatus" AS ENUM ('active', 'suspended');

-- CreateEnum
CREATE TYPE "AppKind" AS ENUM ('call_center', 'desk');

-- CreateEnum
CREATE TYPE "AppStatus" AS ENUM ('enabled', 'disabled');

-- CreateEnum
CREATE TYPE "SeatStatus" AS ENUM ('enabled', 'disabled');

-- CreateEnum
CREATE TYPE "AdminRole" AS ENUM ('platform_admin', 'tenant_admin', 'auditor');

-- CreateTable
CREATE TABLE "tenants" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "TenantStatus" NOT NULL DEFAULT 'active',
    "settings" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tccc_apps" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "sdk_app_id" BIGINT NOT NULL,
    "label" TEXT NOT NULL,
    "kind" "AppKind" NOT NULL,
    "region" TEXT,
    "status" "AppStatus" NOT NULL DEFAULT 'enabled',
    "secret_id_enc" TEXT NOT NULL,
    "secret_key_enc" TEXT NOT NULL,
    "secret_id_masked" TEXT NOT NULL,
    "credentials_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tccc_apps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "seat_mappings" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "business_user_id" TEXT NOT NULL,
    "seat_user_id" TEXT NOT NULL,
    "display_name" TEXT,
    "status" "SeatStatus" NOT NULL DEFAULT 'enabled',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "seat_mappings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admin_users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "AdminRole" NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "failed_logins" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "admin_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admin_user_tenants" (
    "admin_user_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,

    CONSTRAINT "admin_user_tenants_pkey" PRIMARY KEY ("admin_user_id","tenant_id")
);

-- CreateTable
CREATE TABLE "admin_sessions" (
    "id" UUID NOT NULL,
    "admin_user_id" UUID NOT NULL,
    "refresh_token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "admin_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" UUID NOT NULL,
    "chain_id" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "tenant_id" UUID,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_display" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "outcome" TEXT NOT NULL,
    "request_id" TEXT,
    "ip" TEXT,
    "user_agent" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_chain_heads" (
    "chain_id" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_chain_heads_pkey" PRIMARY KEY ("chain_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "tccc_apps_sdk_app_id_key" ON "tccc_apps"("sdk_app_id");

-- CreateIndex
CREATE INDEX "tccc_apps_tenant_id_idx" ON "tccc_apps"("tenant_id");

-- CreateIndex
CREATE INDEX "seat_mappings_tenant_id_business_user_id_idx" ON "seat_mappings"("tenant_id", "business_user_id");

-- CreateIndex
CREATE INDEX "seat_mappings_tenant_id_created_at_id_idx" ON "seat_mappings"("tenant_id", "created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "seat_mappings_app_id_seat_user_id_key" ON "seat_mappings"("app_id", "seat_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "seat_mappings_app_id_business_user_id_key" ON "seat_mappings"("app_id", "business_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "admin_users_email_key" ON "admin_users"("email");

-- CreateIndex
CREATE INDEX "admin_user_tenants_tenant_id_idx" ON "admin_user_tenants"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "admin_sessions_refresh_token_hash_key" ON "admin_sessions"("refresh_token_hash");

-- CreateIndex
CREATE INDEX "admin_sessions_admin_user_id_idx" ON "admin_sessions"("admin_user_id");

-- CreateIndex
CREATE INDEX "audit_events_tenant_id_occurred_at_idx" ON "audit_events"("tenant_id", "occurred_at");

-- CreateIndex
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events"("occurred_at");

-- CreateIndex
CREATE INDEX "audit_events_action_idx" ON "audit_events"("action");

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_chain_id_seq_key" ON "audit_events"("chain_id", "seq");

-- AddForeignKey
ALTER TABLE "tccc_apps" ADD CONSTRAINT "tccc_apps_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "seat_mappings" ADD CONSTRAINT "seat_mappings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "seat_mappings" ADD CONSTRAINT "seat_mappings_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "tccc_apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "admin_user_tenants" ADD CONSTRAINT "admin_user_tenants_admin_user_id_fkey" FOREIGN KEY ("admin_user_id") REFERENCES "admin_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "admin_user_tenants" ADD CONSTRAINT "admin_user_tenants_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "admin_sessions" ADD CONSTRAINT "admin_sessions_admin_user_id_fkey" FOREIGN KEY ("admin_user_id") REFERENCES "admin_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
