// The login slice's storage: it owns login_tickets. The writes of a login are single statements on
// the shared pool (named prepared statements: one round trip each): a ticket with its audit event
// and chain link, and a redemption (or its refusal) with its audit event. See audit-append.sql.ts for the audit part.
import { ORIGIN_REFUSED_SQL } from './origin-policy';
import { Injectable } from '@nestjs/common';
import { PgPool, prepared } from '../../database/pg-pool';
import type { BusinessUserSeat } from '../seats/seat-directory';
import { AUDIT_APPEND_CTES, ContentTemplate } from '../audit/audit-append.sql';
import { StatementBatches } from './statement-batches';

/** A business user's mapping as a login reads it (SeatDirectory.forBusinessUser). */
export type SeatWithApp = BusinessUserSeat;

export interface PendingIssue {
  ticket: NewTicket;
  auditContent: string;
}

export interface NewTicket {
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
}

/** What a redemption found: the first use, a second one, a late one, or a browser origin refused. */
export type RedemptionKind = 'redeemed' | 'replay' | 'late' | 'origin';

export interface Redemption {
  kind: RedemptionKind;
  id: string;
  tenantId: string;
  /** the SdkURL as it was, for the first use only (the statement erased it) */
  sdkUrlEnc: string | null;
}

/**
 * The audit content of each possible outcome of a redemption. Values only the ticket knows are
 * placeholders of `template`: tenant (chain and tenant id), user (actor id and display), login
 * (target id), sdkAppId, seatUserId, expiresAt.
 */
export interface RedemptionAudit {
  template: ContentTemplate;
  redeemed: string;
  replay: string;
  late: string;
  /** null when the request named no origin */
  origin: string | null;
}

/**
 * The tickets of several logins with their audit events, each chained after its tenant's chain head
 * (AUDIT_APPEND_CTES), in one statement: the heads are locked for that statement only, and logins
 * that arrive while it runs go together in the next (StatementBatches). A login whose tenant's chain
 * has no head is not written (neither ticket nor event); `written` names the tenants that were.
 */
const ISSUE_MANY = prepared<
  [
    tenantIds: string[],
    contents: string[],
    ids: string[],
    appIds: string[],
    sdkAppIds: string[],
    businessUserIds: string[],
    seatUserIds: string[],
    ticketHashes: string[],
    sdkUrlEncs: string[],
    expiresAts: Date[],
    issuedIps: (string | null)[],
  ],
  { written: string[] | null; events: number; tickets: number }
>(
  'login_issue_many',
  `WITH RECURSIVE input AS (
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::bigint[], $6::text[], $7::text[],
                          $8::text[], $9::text[], $10::timestamptz[], $11::text[])
       WITH ORDINALITY AS i(tenant_id, content, id, app_id, sdk_app_id, business_user_id, seat_user_id,
                            ticket_hash, sdk_url_enc, expires_at, issued_ip, n)
   ),
   audit_content AS (SELECT n, content FROM input)${AUDIT_APPEND_CTES},
   ticket AS (
     INSERT INTO login_tickets (id, tenant_id, app_id, sdk_app_id, business_user_id, seat_user_id, ticket_hash,
                                sdk_url_enc, expires_at, issued_ip)
     SELECT i.id, i.tenant_id, i.app_id, i.sdk_app_id, i.business_user_id, i.seat_user_id, i.ticket_hash,
            i.sdk_url_enc, i.expires_at, i.issued_ip
     FROM input i JOIN audit_head h ON h.chain_id = i.tenant_id::text
     RETURNING id
   )
   SELECT (SELECT array_agg(chain_id) FROM audit_head) AS written,
          (SELECT count(*) FROM audit_event)::int AS events, (SELECT count(*) FROM ticket)::int AS tickets`,
);

const fill = (template: string, name: string, json: string) =>
  `replace(${template}, '"@@' || $4::text || ':${name}@@"', ${json})`;

const redemptionContent = [
  ['tenant', 'to_json(k.tenant_id::text)::text'],
  ['user', 'to_json(k.business_user_id)::text'],
  ['login', 'to_json(k.id::text)::text'],
  ['sdkAppId', 'k.sdk_app_id::text'],
  ['seatUserId', 'to_json(k.seat_user_id)::text'],
  ['expiresAt', `to_json(to_char(k.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text`],
].reduce(
  (sql, [name, json]) => fill(sql, name!, json!),
  `(CASE k.kind WHEN 'redeemed' THEN $5::text WHEN 'replay' THEN $6::text WHEN 'late' THEN $7::text ELSE $8::text END)`,
);

/**
 * Locks the ticket, decides what this use is, writes its audit event and, for a first or a late
 * use, marks it used and erases its SdkURL: one statement. Under any concurrency, across any
 * number of gateway processes, exactly one caller sees `redeemed` (the row lock serialises them,
 * and a waiter re-reads the row as the winner left it). Nothing changes when the chain has no head.
 */
const REDEEM = prepared<
  [
    ticketHash: string,
    ip: string | null,
    origin: string | null,
    nonce: string,
    redeemed: string,
    replay: string,
    late: string,
    originDenied: string | null,
  ],
  { kind: RedemptionKind; id: string; tenantId: string; sdkUrlEnc: string | null; appended: number }
>(
  'login_redeem',
  `WITH RECURSIVE k AS (
     SELECT t.id, t.tenant_id, t.sdk_app_id, t.business_user_id, t.seat_user_id, t.expires_at, t.sdk_url_enc,
            CASE
              WHEN ${ORIGIN_REFUSED_SQL('n.settings', '$3::text')} THEN 'origin'
              WHEN t.redeemed_at IS NULL AND t.expires_at > now() AND t.sdk_url_enc IS NOT NULL THEN 'redeemed'
              WHEN t.redeemed_at IS NULL AND t.expires_at <= now() THEN 'late'
              ELSE 'replay'
            END AS kind
     FROM login_tickets t JOIN tenants n ON n.id = t.tenant_id
     WHERE t.ticket_hash = $1
     FOR UPDATE OF t
   ),
   audit_content AS (SELECT 1::bigint AS n, ${redemptionContent} AS content FROM k)${AUDIT_APPEND_CTES},
   used AS (
     UPDATE login_tickets x
     SET redeemed_at = CASE WHEN k.kind = 'redeemed' THEN now() ELSE x.redeemed_at END,
         redeemed_ip = CASE WHEN k.kind = 'redeemed' THEN $2 ELSE x.redeemed_ip END,
         sdk_url_enc = NULL
     FROM k, audit_head
     WHERE x.id = k.id AND k.kind IN ('redeemed', 'late')
     RETURNING x.id
   )
   SELECT k.kind, k.id, k.tenant_id AS "tenantId",
          CASE WHEN k.kind = 'redeemed' THEN k.sdk_url_enc END AS "sdkUrlEnc",
          (SELECT count(*) FROM audit_event)::int AS appended
   FROM k`,
);

@Injectable()
export class LoginRepository {
  private readonly batches: StatementBatches<PendingIssue, boolean>;

  constructor(private readonly pool: PgPool) {
    this.batches = new StatementBatches((logins) => this.issueTickets(logins));
  }

  /**
   * Writes a ticket and its audit event (content `auditContent`, hash version 2) in one statement:
   * both or neither. False when the tenant's chain has no head (then nothing was written).
   */
  async issueTicket(ticket: NewTicket, auditContent: string): Promise<boolean> {
    return this.batches.submit({ ticket, auditContent });
  }

  /**
   * Logins (of any tenants), issued by one statement: for each, whether it was written (false when
   * its tenant's chain has no head: then neither its ticket nor its event is).
   */
  async issueTickets(logins: readonly PendingIssue[]): Promise<boolean[]> {
    const column = <T>(pick: (login: PendingIssue) => T): T[] => logins.map(pick);
    const [row] = await this.pool.run(ISSUE_MANY, [
      column((login) => login.ticket.tenantId),
      column((login) => login.auditContent),
      column((login) => login.ticket.id),
      column((login) => login.ticket.appId),
      column((login) => String(login.ticket.sdkAppId)),
      column((login) => login.ticket.businessUserId),
      column((login) => login.ticket.seatUserId),
      column((login) => login.ticket.ticketHash),
      column((login) => login.ticket.sdkUrlEnc),
      column((login) => login.ticket.expiresAt),
      column((login) => login.ticket.issuedIp),
    ]);
    const written = new Set(row?.written ?? []);
    const results = logins.map((login) => written.has(login.ticket.tenantId));
    const count = results.filter(Boolean).length;
    if (row?.events !== count || row.tickets !== count)
      throw new Error(`audit: ${row?.events} events and ${row?.tickets} tickets for ${count} logins`);
    return results;
  }

  /**
   * One use of a login URL, audited: null when no ticket has this hash; `appended` false when the
   * tenant's chain has no head (then nothing was changed).
   */
  async redeem(
    ticketHash: string,
    ip: string | null,
    origin: string | null,
    audit: RedemptionAudit,
  ): Promise<(Redemption & { appended: boolean }) | null> {
    const [row] = await this.pool.run(REDEEM, [
      ticketHash,
      ip,
      origin,
      audit.template.nonce,
      audit.redeemed,
      audit.replay,
      audit.late,
      audit.origin,
    ]);
    if (!row) return null;
    return {
      kind: row.kind,
      id: row.id,
      tenantId: row.tenantId,
      sdkUrlEnc: row.sdkUrlEnc,
      appended: row.appended === 1,
    };
  }

  /** Expired tickets keep their audit trail but lose the SdkURL. */
  async eraseExpired(): Promise<number> {
    const result = await this.pool.query(
      'UPDATE login_tickets SET sdk_url_enc = NULL WHERE sdk_url_enc IS NOT NULL AND expires_at <= now()',
    );
    return result.rowCount ?? 0;
  }
}
