import { Injectable } from '@nestjs/common';
import type { LoginTicket, Prisma, Tenant } from '../../generated/prisma/client';
import { PrismaService, type Tx } from '../../prisma/prisma.service';

const withApp = { app: true } satisfies Prisma.SeatMappingInclude;
export type SeatWithApp = Prisma.SeatMappingGetPayload<{ include: typeof withApp }>;

export interface RedeemedTicket {
  id: string;
  tenantId: string;
  sdkAppId: bigint;
  businessUserId: string;
  seatUserId: string;
  sdkUrlEnc: string | null;
}

@Injectable()
export class LoginRepository {
  constructor(private readonly prisma: PrismaService) {}

  findTenant(tenantId: string): Promise<Tenant | null> {
    return this.prisma.tenant.findUnique({ where: { id: tenantId } });
  }

  /** Every mapping of one business user in one tenant, with its app. */
  findSeats(tenantId: string, businessUserId: string): Promise<SeatWithApp[]> {
    return this.prisma.seatMapping.findMany({
      where: { tenantId, businessUserId },
      include: withApp,
      orderBy: { createdAt: 'asc' },
    });
  }

  async createTicket(
    tx: Tx,
    data: {
      id: string;
      tenantId: string;
      appId: string;
      sdkAppId: number;
      businessUserId: string;
      seatUserId: string;
      ticketHash: string;
      sdkUrlEnc: string;
      expiresAt: Date;
      issuedIp: string | null;
    },
  ): Promise<void> {
    await tx.loginTicket.create({ data: { ...data, sdkAppId: BigInt(data.sdkAppId) } });
  }

  findTicket(ticketHash: string): Promise<LoginTicket | null> {
    return this.prisma.loginTicket.findUnique({ where: { ticketHash } });
  }

  /**
   * The one atomic step of redemption: marks the ticket used and erases its SdkURL in the same
   * statement, returning the SdkURL as it was. Under any concurrency, across any number of gateway
   * processes, exactly one caller gets a row.
   */
  async redeem(tx: Tx, ticketHash: string, ip: string | null): Promise<RedeemedTicket | null> {
    const rows = await tx.$queryRaw<RedeemedTicket[]>`
      UPDATE login_tickets AS t
      SET redeemed_at = now(), redeemed_ip = ${ip}, sdk_url_enc = NULL
      FROM (SELECT id, sdk_url_enc FROM login_tickets
            WHERE ticket_hash = ${ticketHash} AND redeemed_at IS NULL AND expires_at > now()
            FOR UPDATE) AS old
      WHERE t.id = old.id
      RETURNING t.id, t.tenant_id AS "tenantId", t.sdk_app_id AS "sdkAppId", t.business_user_id AS "businessUserId",
                t.seat_user_id AS "seatUserId", old.sdk_url_enc AS "sdkUrlEnc"`;
    return rows[0] ?? null;
  }

  /** Expired tickets keep their audit trail but lose the SdkURL. */
  async eraseExpired(): Promise<number> {
    return this.prisma
      .$executeRaw`UPDATE login_tickets SET sdk_url_enc = NULL WHERE sdk_url_enc IS NOT NULL AND expires_at <= now()`;
  }

  async eraseSdkUrl(id: string): Promise<void> {
    await this.prisma.loginTicket.updateMany({
      where: { id, sdkUrlEnc: { not: null } },
      data: { sdkUrlEnc: null },
    });
  }

  /** Every allowed browser origin of every tenant (for CORS preflights, which carry no token). */
  async allAllowedOrigins(): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ origin: string }[]>`
      SELECT DISTINCT jsonb_array_elements_text(settings->'allowedOrigins') AS origin
      FROM tenants WHERE jsonb_typeof(settings->'allowedOrigins') = 'array'`;
    return rows.map((row) => row.origin);
  }
}
