// What the benchmark loads: Tencent Cloud accounts in the emulator, one tenant per account in the
// gateway (app, mapped seats, HS256 key), one more tenant whose 1,000 users are the staff of one app
// on one account with a raised quota, pre-minted business tokens, pre-issued tickets, the bare redemption route's tickets and
// the million extra seat mappings, both written straight into PostgreSQL.
import type { EmulatorSeed } from '@seatgate/ccc-emulator';
import { createHash, randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import type { GatewayProcess } from '../support/gateway-process';
import { provisionTenant } from '../support/stack';

/** TCCC's CreateSDKLoginToken quota, which the gateway enforces per SecretId. */
export const UPSTREAM_QUOTA_PER_SECOND = 20;

/** The guide's placeholder credentials and seat, which its route hard-codes. */
export const GUIDE_ACCOUNT = {
  secretId: 'SecretId',
  secretKey: 'SecretKey',
  sdkAppId: 1400000000,
  seat: 'xxx@qq.com',
} as const;

/** Limits high enough to stay out of the way; the code paths still run (unless switched off). */
const BENCH_RATE_LIMITS = {
  perUserPerMinute: 100_000,
  perTenantPerMinute: 1_000_000,
  perIpPerMinute: 100_000,
};

export interface BenchAccount {
  index: number;
  secretId: string;
  secretKey: string;
  sdkAppId: number;
  staff: string[];
}

/** `prefix` tells account sets apart (their SecretIds, SdkAppIds and staff mails differ). */
export function benchAccounts(
  count: number,
  usersPerAccount: number,
  set: { prefix: string; firstSdkAppId: number },
): BenchAccount[] {
  return Array.from({ length: count }, (_, index) => {
    const number = String(index).padStart(4, '0');
    return {
      index,
      secretId: `AKIDbench${set.prefix}${number}`,
      secretKey: `bench-secret-key-${set.prefix}-${number}`,
      sdkAppId: set.firstSdkAppId + index,
      staff: Array.from(
        { length: usersPerAccount },
        (_, user) => `agent${user}@${set.prefix}${number}.bench.test`,
      ),
    };
  });
}

export function emulatorSeed(accounts: BenchAccount[]): EmulatorSeed {
  return {
    accounts: [
      {
        secretId: GUIDE_ACCOUNT.secretId,
        secretKey: GUIDE_ACCOUNT.secretKey,
        apps: [{ sdkAppId: GUIDE_ACCOUNT.sdkAppId, staff: [{ mail: GUIDE_ACCOUNT.seat }] }],
      },
      ...accounts.map((account) => ({
        secretId: account.secretId,
        secretKey: account.secretKey,
        apps: [
          {
            sdkAppId: account.sdkAppId,
            maxStaff: Math.max(50, account.staff.length),
            staff: account.staff.map((mail) => ({ mail })),
          },
        ],
      })),
    ],
  };
}

export interface BenchTenant {
  tenantId: string;
  appId: string;
  /** one business token per mapped user (sub user-<i>), valid 9 minutes */
  tokens: string[];
}

/** A tenant with the account's app, every staff member mapped to user-<i>, and an HS256 key. */
export async function createBenchTenant(
  gateway: GatewayProcess,
  root: string,
  account: BenchAccount,
  slug: string,
  /** the account's CreateSDKLoginToken quota when Tencent raised it (the one-tenant row's) */
  upstreamQuotaPerSecond?: number,
): Promise<BenchTenant> {
  const tenant = await provisionTenant(gateway, root, {
    slug,
    account,
    sdkAppId: account.sdkAppId,
    staff: account.staff,
    settings: {
      rateLimits: BENCH_RATE_LIMITS,
      ...(upstreamQuotaPerSecond ? { upstreamQuotaPerSecond } : {}),
    },
  });
  return {
    tenantId: tenant.tenantId,
    appId: tenant.appId,
    tokens: account.staff.map((_, user) => tenant.token(user, { expiresIn: 540 })),
  };
}

/**
 * `count` redeemable tickets for the bare redemption route, straight into login_tickets (as the
 * gateway stores them: the SHA-256 of a random base64url ticket), with a plain SdkURL in place of
 * the encrypted one. Returns the ticket paths.
 */
export async function insertBareTickets(
  sql: Client,
  tenant: BenchTenant,
  account: BenchAccount,
  sdkUrl: string,
  count: number,
): Promise<string[]> {
  const tickets = Array.from({ length: count }, () => randomBytes(32).toString('base64url'));
  const batch = 5_000;
  for (let start = 0; start < tickets.length; start += batch) {
    const hashes = tickets
      .slice(start, start + batch)
      .map((ticket) => createHash('sha256').update(ticket).digest('hex'));
    await sql.query(
      `INSERT INTO login_tickets
         (id, tenant_id, app_id, sdk_app_id, business_user_id, seat_user_id, ticket_hash, sdk_url_enc,
          expires_at, issued_at)
       SELECT gen_random_uuid(), $1::uuid, $2::uuid, $3::bigint, 'user-0', $4, hash, $5,
              now() + interval '1 hour', now()
       FROM unnest($6::text[]) AS hash`,
      [tenant.tenantId, tenant.appId, account.sdkAppId, account.staff[0], sdkUrl, hashes],
    );
  }
  return tickets.map((ticket) => `/tickets/${ticket}`);
}

/** Runs `task` over `items` with at most `concurrency` in flight, keeping the order of results. */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/**
 * Issues `count` login tickets before any measurement, rotating over every user (and so over every
 * account, far below 20 calls/s each); an answer other than 201 is retried. Returns ticket paths.
 */
export async function preIssueTickets(
  gatewayUrl: string,
  tokens: readonly string[],
  count: number,
  concurrency: number,
): Promise<string[]> {
  const paths: string[] = [];
  let next = 0;
  let inFlight = 0;
  let refused = 0;
  const worker = async () => {
    while (paths.length + inFlight < count) {
      const token = tokens[next % tokens.length]!;
      next += 1;
      inFlight += 1;
      try {
        const response = await fetch(`${gatewayUrl}/api/v1/login`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: '{}',
        });
        if (response.status === 201) {
          const { loginUrl } = (await response.json()) as { loginUrl: string };
          paths.push(new URL(loginUrl).pathname);
          continue;
        }
        refused += 1;
        if (refused > count) throw new Error(`ticket issuance keeps failing: ${response.status}`);
        await response.arrayBuffer();
      } finally {
        inFlight -= 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return paths.slice(0, count);
}

/**
 * `count` extra seat mappings for one tenant's app, straight into seat_mappings, then ANALYZE so
 * the planner knows the table's new size, and CHECKPOINT so the writes are not flushed mid-run.
 */
export async function insertBulkSeatMappings(
  sql: Client,
  tenantId: string,
  appId: string,
  count: number,
): Promise<void> {
  await sql.query(
    `INSERT INTO seat_mappings
       (id, tenant_id, app_id, business_user_id, seat_user_id, display_name, status, created_at, updated_at)
     SELECT gen_random_uuid(), $1::uuid, $2::uuid, 'bulk-user-' || n, 'bulk' || n || '@bulk.bench.test',
            NULL, 'enabled', now(), now()
     FROM generate_series(1, $3::int) AS n`,
    [tenantId, appId, count],
  );
  await sql.query('ANALYZE seat_mappings');
  await sql.query('CHECKPOINT');
}
