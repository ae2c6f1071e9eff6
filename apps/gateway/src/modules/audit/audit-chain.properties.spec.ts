// Properties of the audit hash chain over random event sequences: every chain as the gateway writes
// it verifies, and any single change an attacker with database access could make to a stored event
// (a field, its order, its removal) is found, at the event where it was made.
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import {
  canonicalJson,
  chainLinkV2,
  eventContentV2,
  eventHash,
  eventHashV2,
  GENESIS_HASH,
  HASH_VERSION_V1,
  HASH_VERSION_V2,
  verifyChain,
  type ChainedEvent,
  type EventContent,
} from './audit-chain';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** details as jsonb gives them back (JSON, -0 already 0) */
const details = fc.option(
  fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown),
  { nil: null },
);
const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const nullableText = fc.option(text, { nil: null });

const content = fc.record({
  id: fc.uuid(),
  tenantId: fc.option(fc.uuid(), { nil: null }),
  occurredAt: fc.date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  }),
  actorType: fc.constantFrom('admin', 'business_user', 'system', 'anonymous'),
  actorId: nullableText,
  actorDisplay: nullableText,
  action: text,
  targetType: nullableText,
  targetId: nullableText,
  outcome: fc.constantFrom('success', 'failure', 'denied'),
  requestId: nullableText,
  ip: nullableText,
  userAgent: nullableText,
  details,
});

type Draft = Omit<EventContent, 'chainId'> & { hashVersion: number };
const draft: fc.Arbitrary<Draft> = fc
  .tuple(content, fc.constantFrom(HASH_VERSION_V1, HASH_VERSION_V2))
  .map(([event, hashVersion]) => ({ ...event, hashVersion }));

/** Links drafts into a chain the way the gateway appends them. */
function link(chainId: string, drafts: Draft[]): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prevHash = GENESIS_HASH;
  drafts.forEach((item, index) => {
    const unhashed = { ...item, chainId, seq: BigInt(index + 1), prevHash };
    const hash = item.hashVersion === HASH_VERSION_V1 ? eventHash(unhashed) : eventHashV2(unhashed);
    events.push({ ...unhashed, hash });
    prevHash = hash;
  });
  return events;
}

const chainOf = (minLength: number) =>
  fc
    .uniqueArray(draft, { minLength, maxLength: 10, selector: (item) => item.id })
    .map((drafts) => link('chain-1', drafts));

async function* iterate(events: ChainedEvent[]): AsyncGenerator<ChainedEvent> {
  for (const event of events) yield event;
}

const headOf = (events: ChainedEvent[]) => {
  const last = events[events.length - 1];
  return last ? { seq: last.seq, hash: last.hash } : null;
};

const verify = (events: ChainedEvent[], head = headOf(events)) => verifyChain(iterate(events), head);

const changed = (value: string | null) => (value === null ? '' : `${value}!`);

/** One change per stored column; each makes the event differ from what was hashed. */
const TAMPERS: Record<string, (event: ChainedEvent) => ChainedEvent> = {
  id: (event) => ({ ...event, id: `${event.id.slice(0, -1)}${event.id.endsWith('0') ? '1' : '0'}` }),
  chainId: (event) => ({ ...event, chainId: 'chain-2' }),
  seq: (event) => ({ ...event, seq: event.seq + 1n }),
  tenantId: (event) => ({ ...event, tenantId: event.tenantId === null ? 'tenant-x' : null }),
  occurredAt: (event) => ({ ...event, occurredAt: new Date(event.occurredAt.getTime() + 1) }),
  actorType: (event) => ({ ...event, actorType: event.actorType === 'system' ? 'admin' : 'system' }),
  actorId: (event) => ({ ...event, actorId: changed(event.actorId) }),
  actorDisplay: (event) => ({ ...event, actorDisplay: changed(event.actorDisplay) }),
  action: (event) => ({ ...event, action: changed(event.action) }),
  targetType: (event) => ({ ...event, targetType: changed(event.targetType) }),
  targetId: (event) => ({ ...event, targetId: changed(event.targetId) }),
  outcome: (event) => ({ ...event, outcome: event.outcome === 'success' ? 'failure' : 'success' }),
  requestId: (event) => ({ ...event, requestId: changed(event.requestId) }),
  ip: (event) => ({ ...event, ip: changed(event.ip) }),
  userAgent: (event) => ({ ...event, userAgent: changed(event.userAgent) }),
  details: (event) => ({ ...event, details: { was: event.details ?? null } }),
  prevHash: (event) => ({ ...event, prevHash: sha256(event.prevHash) }),
  hash: (event) => ({ ...event, hash: sha256(event.hash) }),
  hashVersion: (event) => ({
    ...event,
    hashVersion: event.hashVersion === HASH_VERSION_V1 ? HASH_VERSION_V2 : HASH_VERSION_V1,
  }),
};

describe('audit chain: properties over random event sequences', () => {
  it('every chain the gateway writes verifies, whatever its content and mix of hash versions', async () => {
    await fc.assert(
      fc.asyncProperty(chainOf(0), async (events) => {
        expect(await verify(events)).toEqual({ ok: true, checked: events.length });
      }),
      { numRuns: 60 },
    );
  });

  it('a change to any one column of any one event is found at that event', async () => {
    const tampering = chainOf(1).chain((events) =>
      fc.tuple(
        fc.constant(events),
        fc.nat({ max: events.length - 1 }),
        fc.constantFrom(...Object.keys(TAMPERS)),
      ),
    );
    await fc.assert(
      fc.asyncProperty(tampering, async ([events, index, column]) => {
        const copy = [...events];
        copy[index] = TAMPERS[column]!(events[index]!);
        const verdict = await verify(copy, headOf(events));
        expect(verdict).toMatchObject({ ok: false, checked: index + 1, firstBrokenEventId: copy[index]!.id });
      }),
      { numRuns: 150 },
    );
  });

  it('swapping two events is found, whether or not their positions are renumbered', async () => {
    const swapping = chainOf(2).chain((events) =>
      fc.tuple(fc.constant(events), fc.nat({ max: events.length - 2 }), fc.boolean()),
    );
    await fc.assert(
      fc.asyncProperty(swapping, async ([events, index, renumber]) => {
        const copy = [...events];
        [copy[index], copy[index + 1]] = [copy[index + 1]!, copy[index]!];
        if (renumber) {
          copy[index] = { ...copy[index]!, seq: BigInt(index + 1) };
          copy[index + 1] = { ...copy[index + 1]!, seq: BigInt(index + 2) };
        }
        const verdict = await verify(copy, headOf(events));
        expect(verdict).toMatchObject({ ok: false, checked: index + 1, firstBrokenEventId: copy[index]!.id });
      }),
      { numRuns: 80 },
    );
  });

  it('removing any one event is found, the newest one included (by the chain head)', async () => {
    const removing = chainOf(1).chain((events) =>
      fc.tuple(fc.constant(events), fc.nat({ max: events.length - 1 }), fc.boolean()),
    );
    await fc.assert(
      fc.asyncProperty(removing, async ([events, index, renumber]) => {
        const copy = events.filter((_, position) => position !== index);
        const relinked = renumber
          ? copy.map((event, position) => ({ ...event, seq: BigInt(position + 1) }))
          : copy;
        const verdict = await verify(relinked, headOf(events));
        expect(verdict.ok).toBe(false);
        if (index === events.length - 1) {
          expect(verdict.checked).toBe(events.length - 1);
          expect(verdict.reason).toContain("the chain's head");
        } else {
          expect(verdict).toMatchObject({ checked: index + 1, firstBrokenEventId: events[index + 1]!.id });
        }
      }),
      { numRuns: 80 },
    );
  });

  it('an event copied into another chain does not verify there', async () => {
    await fc.assert(
      fc.asyncProperty(chainOf(1), async (events) => {
        const moved = events.map((event) => ({ ...event, chainId: 'chain-2' }));
        expect(await verify(moved, headOf(events))).toMatchObject({ ok: false, checked: 1 });
      }),
      { numRuns: 30 },
    );
  });
});

describe('audit chain: the two hash formulas', () => {
  const unhashed = content.map((event) => ({
    ...event,
    chainId: 'chain-1',
    seq: 3n,
    prevHash: sha256('previous'),
  }));

  it('version 2 links sha256(prevHash:seq:sha256(content)) and its content leaves out the position', () => {
    fc.assert(
      fc.property(unhashed, (event) => {
        const digest = sha256(eventContentV2(event));
        expect(eventHashV2(event)).toBe(sha256(`${event.prevHash}:3:${digest}`));
        expect(eventHashV2(event)).toBe(chainLinkV2(event.prevHash, event.seq, digest));
        expect(eventContentV2({ ...event })).toBe(
          eventContentV2({ ...event, seq: 9n, prevHash: GENESIS_HASH } as typeof event),
        );
        expect(JSON.parse(eventContentV2(event))).toMatchObject({ v: HASH_VERSION_V2, id: event.id });
      }),
      { numRuns: 50 },
    );
  });

  it('version 1 covers the position too, and the two versions never give one hash', () => {
    fc.assert(
      fc.property(unhashed, (event) => {
        expect(eventHash(event)).toMatch(/^[0-9a-f]{64}$/);
        expect(eventHash(event)).not.toBe(eventHash({ ...event, seq: 4n }));
        expect(eventHash(event)).not.toBe(eventHash({ ...event, prevHash: GENESIS_HASH }));
        expect(eventHash(event)).not.toBe(eventHashV2(event));
      }),
      { numRuns: 50 },
    );
  });

  it('canonical JSON ignores key order at every depth and drops undefined members, as jsonb does', () => {
    const shuffle = (value: unknown, keys: number): unknown => {
      if (Array.isArray(value)) return value.map((item) => shuffle(item, keys));
      if (value === null || typeof value !== 'object') return value;
      const entries = Object.entries(value as Record<string, unknown>);
      const rotated = entries
        .slice(keys % Math.max(1, entries.length))
        .concat(entries.slice(0, keys % Math.max(1, entries.length)));
      return Object.fromEntries(rotated.reverse().map(([key, item]) => [key, shuffle(item, keys)]));
    };
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.nat(), (value, keys) => {
        expect(canonicalJson(shuffle(value, keys))).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 100 },
    );
    expect(canonicalJson({ b: 1, a: undefined, c: [{ z: 1, y: null }] })).toBe(
      '{"b":1,"c":[{"y":null,"z":1}]}',
    );
  });
});
