// Audit appends in one SQL statement (hash version 2, see audit-chain.ts). A statement that writes
// events starts with WITH RECURSIVE, declares a CTE `audit_content(n bigint, content text)` holding
// the events' canonical contents (eventContentV2) numbered 1..N, then adds these CTEs: they lock the
// head of every chain the events name (in chain order, so that concurrent statements cannot
// deadlock), chain each chain's events one after the other from its head in the order of n, move
// the heads past their last events, and insert the events with every column parsed from their
// content, so what is stored is what was hashed. Heads are locked for that one statement only. An
// event whose chain has no head is not written; `audit_head` lists the chains that were, and a
// statement that must write nothing without its event (a ticket, a redemption) joins it.
import { randomUUID } from 'node:crypto';
import { randomBytesPooled } from '@seatgate/crypto';
import { HASH_VERSION_V2, PLATFORM_CHAIN, eventContentV2, type EventContent } from './audit-chain';
import type { AuditInput } from './audit.types';
import { scrubDetails } from './audit-details';

/** One link: the hash of event `d` after `prev` at `seq` (the same formula as audit-chain.ts's v2). */
const link = (prev: string, seq: string) =>
  `encode(sha256(convert_to(${prev} || ':' || ${seq}::text || ':' || d.digest, 'UTF8')), 'hex')`;

/** The CTEs after `audit_content`; each starts with a comma. */
export const AUDIT_APPEND_CTES = `,
audit_digest AS (
  SELECT n, content::jsonb AS j, encode(sha256(convert_to(content, 'UTF8')), 'hex') AS digest,
         content::jsonb->>'chainId' AS chain_id, row_number() OVER (PARTITION BY content::jsonb->>'chainId' ORDER BY n) AS k
  FROM audit_content
),
audit_old AS (
  SELECT h.chain_id, h.seq, h.hash
  FROM audit_chain_heads h
  WHERE h.chain_id IN (SELECT chain_id FROM audit_digest)
  ORDER BY h.chain_id
  FOR UPDATE OF h
),
audit_chain (chain_id, k, n, seq, hash, prev_hash) AS (
  SELECT d.chain_id, d.k, d.n, o.seq + 1, ${link('o.hash', '(o.seq + 1)')}, o.hash
  FROM audit_old o JOIN audit_digest d ON d.chain_id = o.chain_id AND d.k = 1
  UNION ALL
  SELECT d.chain_id, d.k, d.n, c.seq + 1, ${link('c.hash', '(c.seq + 1)')}, c.hash
  FROM audit_chain c JOIN audit_digest d ON d.chain_id = c.chain_id AND d.k = c.k + 1
),
audit_head AS (
  UPDATE audit_chain_heads h
  SET seq = last.seq, hash = last.hash
  FROM (SELECT DISTINCT ON (chain_id) chain_id, seq, hash FROM audit_chain ORDER BY chain_id, k DESC) last
  WHERE h.chain_id = last.chain_id
  RETURNING h.chain_id
),
audit_event AS (
  INSERT INTO audit_events (id, chain_id, seq, tenant_id, occurred_at, actor_type, actor_id, actor_display,
                            action, target_type, target_id, outcome, request_id, ip, user_agent, details,
                            prev_hash, hash, hash_version)
  SELECT (d.j->>'id')::uuid, d.chain_id, c.seq, (d.j->>'tenantId')::uuid, (d.j->>'occurredAt')::timestamptz,
         d.j->'actor'->>0, d.j->'actor'->>1, d.j->'actor'->>2, d.j->>'action', d.j->'target'->>0,
         d.j->'target'->>1, d.j->>'outcome', d.j->>'requestId', d.j->>'ip', d.j->>'userAgent', d.j->'details',
         c.prev_hash, c.hash, ${HASH_VERSION_V2}
  FROM audit_digest d JOIN audit_chain c ON c.n = d.n
  RETURNING id
)`;

/** The chain-independent content of an event to append now (hash version 2). */
export function auditContent(input: AuditInput, at = new Date()): string {
  return eventContentV2(auditEventContent(input, at));
}

/** The event to append now, scrubbed; its id is fresh (a version-1 append assigns its own). */
export function auditEventContent(
  input: AuditInput,
  at = new Date(),
): EventContent & { details: ReturnType<typeof scrubDetails> } {
  return {
    id: randomUUID(),
    chainId: input.tenantId ?? PLATFORM_CHAIN,
    tenantId: input.tenantId,
    occurredAt: at,
    actorType: input.actor.type,
    actorId: input.actor.id,
    actorDisplay: input.actor.display,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    outcome: input.outcome ?? 'success',
    requestId: input.meta.requestId || null,
    ip: input.meta.ip,
    userAgent: input.meta.userAgent,
    details: scrubDetails(input.details ?? {}),
  };
}

/**
 * Content whose values are known only to the SQL (a redemption learns its tenant and user from the
 * ticket it locks). A value is written as a placeholder string; the statement replaces the
 * placeholder, quotes included, with the JSON of the real value (`to_json(value)::text`, which is
 * what JSON.stringify gives for any text PostgreSQL can hold). The placeholders carry a fresh
 * random nonce, so no caller-supplied string (a user agent) can pose as one.
 */
export class ContentTemplate {
  readonly nonce = randomBytesPooled(12).toString('hex');

  placeholder(name: string): string {
    return `@@${this.nonce}:${name}@@`;
  }
}
