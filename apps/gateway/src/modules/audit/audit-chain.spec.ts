import fc from 'fast-check';
import {
  GENESIS_HASH,
  HASH_VERSION_V1,
  HASH_VERSION_V2,
  eventHash,
  eventHashV2,
  verifyChain,
  type ChainedEvent,
} from './audit-chain';

function unhashed(seq: bigint, prevHash: string, details: unknown = { n: Number(seq) }) {
  return {
    id: `00000000-0000-4000-8000-${seq.toString().padStart(12, '0')}`,
    chainId: 'c1',
    seq,
    tenantId: null,
    occurredAt: new Date(1_800_000_000_000 + Number(seq)),
    actorType: 'system',
    actorId: null,
    actorDisplay: null,
    action: 'test.event',
    targetType: null,
    targetId: null,
    outcome: 'success',
    requestId: null,
    ip: null,
    userAgent: 'ua',
    details,
    prevHash,
  };
}

/** A chain whose events use the given versions in order. */
function chain(versions: number[]): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prev = GENESIS_HASH;
  versions.forEach((version, index) => {
    const event = unhashed(BigInt(index + 1), prev);
    const hash = version === HASH_VERSION_V1 ? eventHash(event) : eventHashV2(event);
    events.push({ ...event, hash, hashVersion: version });
    prev = hash;
  });
  return events;
}

async function* iterate(events: ChainedEvent[]): AsyncGenerator<ChainedEvent> {
  for (const event of events) yield event;
}

const headOf = (events: ChainedEvent[]) => {
  const last = events[events.length - 1];
  return last ? { seq: last.seq, hash: last.hash } : null;
};

describe('audit chain, hash versions 1 and 2', () => {
  it('verifies chains that mix both versions in any order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(HASH_VERSION_V1, HASH_VERSION_V2), { minLength: 1, maxLength: 12 }),
        async (versions) => {
          const events = chain(versions);
          expect(await verifyChain(iterate(events), headOf(events))).toEqual({
            ok: true,
            checked: versions.length,
          });
        },
      ),
    );
  });

  it('finds a changed field, a changed position or a changed version in a version-2 event', async () => {
    const events = chain([HASH_VERSION_V1, HASH_VERSION_V2, HASH_VERSION_V2]);
    const tampered: Array<(event: ChainedEvent) => ChainedEvent> = [
      (event) => ({ ...event, actorDisplay: 'someone else' }),
      (event) => ({ ...event, details: { n: 99 } }),
      (event) => ({ ...event, hashVersion: HASH_VERSION_V1 }),
      (event) => ({ ...event, hashVersion: 3 }),
      (event) => ({ ...event, occurredAt: new Date(event.occurredAt.getTime() + 1) }),
    ];
    for (const change of tampered) {
      const copy = events.map((event, index) => (index === 1 ? change(event) : event));
      const verdict = await verifyChain(iterate(copy), headOf(copy));
      expect(verdict).toMatchObject({ ok: false, firstBrokenEventId: events[1]!.id });
    }
  });

  it('binds the chain position: the same content at another link has another hash', () => {
    const event = unhashed(2n, 'a'.repeat(64));
    expect(eventHashV2(event)).not.toBe(eventHashV2({ ...event, seq: 3n }));
    expect(eventHashV2(event)).not.toBe(eventHashV2({ ...event, prevHash: 'b'.repeat(64) }));
  });
});
