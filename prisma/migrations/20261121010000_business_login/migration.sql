-- CreateEnum
CREATE TYPE "SigningKeyType" AS ENUM ('hs256', 'rs256', 'es256', 'jwks');

-- CreateTable
CREATE TABLE "signing_keys" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "kid" TEXT NOT NULL,
    "type" "SigningKeyType" NOT NULL,
    "label" TEXT,
    "secret_enc" TEXT,
    "public_key_pem" TEXT,
    "jwks_url" TEXT,
    "jwks_cache" JSONB,
    "jwks_fetched_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "signing_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_tickets" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "app_id" UUID NOT NULL,
    "sdk_app_id" BIGINT NOT NULL,
    "business_user_id" TEXT NOT NULL,
    "seat_user_id" TEXT NOT NULL,
    "ticket_hash" TEXT NOT NULL,
    "sdk_url_enc" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issued_ip" TEXT,
    "redeemed_at" TIMESTAMPTZ(3),
    "redeemed_ip" TEXT,

    CONSTRAINT "login_tickets_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "signing_keys_kid_key" ON "signing_keys"("kid");

-- CreateIndex
CREATE INDEX "signing_keys_tenant_id_idx" ON "signing_keys"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "login_tickets_ticket_hash_key" ON "login_tickets"("ticket_hash");

-- CreateIndex
CREATE INDEX "login_tickets_tenant_id_issued_at_idx" ON "login_tickets"("tenant_id", "issued_at");

-- CreateIndex
CREATE INDEX "login_tickets_expires_at_idx" ON "login_tickets"("expires_at");

-- AddForeignKey
ALTER TABLE "signing_keys" ADD CONSTRAINT "signing_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
