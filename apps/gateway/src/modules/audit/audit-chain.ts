// The tamper-evident part of the audit trail: each event's hash covers its content and the
// previous event's hash in the same chain (a tenant's, or the platform's). Pure functions.
//
// Two formulas, named by the event's hashVersion:
// - 1: sha256 of the canonical JSON of the whole event, chain position included (computed in JS,
//      between reading and updating the locked chain head).
// - 2: sha256(prevHash ":" seq ":" contentDigest), where contentDigest is the sha256 of the
//      canonical JSON of the event without its chain position (`eventContentV2`). The content does
//      not depend on the chain, so PostgreSQL can link it (its built-in sha256()) in the one
//      statement that writes the event and moves the head: the head is locked for that statement only.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);
export const PLATFORM_CHAIN = 'platform';

export interface ChainedEvent {
  id: string;
  chainId: string;
  seq: bigint;
  tenantId: string | null;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorDisplay: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: unknown;
  prevHash: string;
  hash: string;
  /** which formula made `hash`: see the top of this file */
  hashVersion: number;
}

/** JSON with object keys sorted at every depth, so jsonb's reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

export const HASH_VERSION_V1 = 1;
export const HASH_VERSION_V2 = 2;

/** The fields both versions hash (keys are sorted by canonicalJson, so their order here is free). */
function hashedFields(event: EventContent) {
  return {
    id: event.id,
    chainId: event.chainId,
    tenantId: event.tenantId,
    occurredAt: event.occurredAt.toISOString(),
    actor: [event.actorType, event.actorId, event.actorDisplay],
    action: event.action,
    target: [event.targetType, event.targetId],
    outcome: event.outcome,
    requestId: event.requestId,
    ip: event.ip,
    userAgent: event.userAgent,
    details: event.details,
  };
}

/** Version 1: the whole event, chain position included. */
export function eventHash(event: Omit<ChainedEvent, 'hash' | 'hashVersion'>): string {
  const content = canonicalJson({
    ...hashedFields(event),
    seq: event.seq.toString(),
    prevHash: event.prevHash,
  });
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

export type EventContent = Omit<ChainedEvent, 'seq' | 'prevHash' | 'hash' | 'hashVersion'>;

/**
 * Version 2's content: the canonical JSON of everything but the chain position. The SQL that writes
 * an event parses this text for its columns, so what is stored is exactly what was hashed.
 */
export function eventContentV2(event: EventContent): string {
  return canonicalJson({ v: HASH_VERSION_V2, ...hashedFields(event) });
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Version 2's link; the SQL twin is in audit-append.sql.ts. */
export function chainLinkV2(prevHash: string, seq: bigint, contentDigest: string): string {
  return sha256Hex(`${prevHash}:${seq.toString()}:${contentDigest}`);
}

export function eventHashV2(event: Omit<ChainedEvent, 'hash' | 'hashVersion'>): string {
  return chainLinkV2(event.prevHash, event.seq, sha256Hex(eventContentV2(event)));
}

/** The hash the event should carry under its own version; null for an unknown version. */
function expectedHash(event: ChainedEvent): string | null {
  switch (event.hashVersion) {
    case HASH_VERSION_V1:
      return eventHash(event);
    case HASH_VERSION_V2:
      return eventHashV2(event);
    default:
      return null;
  }
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  firstBrokenEventId?: string;
  reason?: string;
}

/**
 * Walks one chain in seq order. `head` is the chain's recorded newest link, which catches the
 * removal of the newest events, the one change that leaves the remaining links consistent.
 */
export async function verifyChain(
  events: AsyncIterable<ChainedEvent>,
  head: { seq: bigint; hash: string } | null,
): Promise<ChainVerdict> {
  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let last: ChainedEvent | null = null;
  for await (const event of events) {
    checked += 1;
    if (event.seq !== expectedSeq) {
      return {
        ok: false,
        checked,
        firstBrokenEventId: event.id,
        reason: `expected link ${expectedSeq}, found ${event.seq}`,
      };
    }
    if (event.prevHash !== prevHash) {
      return {
        ok: false,
        checked,
        firstBrokenEventId: event.id,
        reason: 'does not follow the previous event',
      };
    }
    if (expectedHash(event) !== event.hash) {
      return { ok: false, checked, firstBrokenEventId: event.id, reason: 'content does not match its hash' };
    }
    prevHash = event.hash;
    expectedSeq += 1n;
    last = event;
  }
  const lastSeq = last?.seq ?? 0n;
  if (head && (head.seq !== lastSeq || head.hash !== prevHash)) {
    return {
      ok: false,
      checked,
      firstBrokenEventId: last?.id,
      reason: `the chain's head is link ${head.seq} but the newest event found is link ${lastSeq}`,
    };
  }
  return { ok: true, checked };
}
