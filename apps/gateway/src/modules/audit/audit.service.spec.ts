import { adminContext, newTestService } from '../../../test/support/unit';
import { eventHashV2, GENESIS_HASH, HASH_VERSION_V2, type ChainedEvent } from './audit-chain';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

function chainOf(chainId: string, length: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq += 1) {
    const event = {
      id: `${chainId}-event-${seq}`,
      chainId,
      seq: BigInt(seq),
      tenantId: chainId === 'platform' ? null : chainId,
      occurredAt: new Date(Date.UTC(2026, 0, seq)),
      actorType: 'system',
      actorId: null,
      actorDisplay: null,
      action: 'seat.created',
      targetType: null,
      targetId: null,
      outcome: 'success',
      requestId: null,
      ip: null,
      userAgent: null,
      details: { n: seq },
      prevHash,
    };
    const hash = eventHashV2(event);
    events.push({ ...event, hash, hashVersion: HASH_VERSION_V2 });
    prevHash = hash;
  }
  return events;
}

async function* iterate(events: ChainedEvent[]): AsyncGenerator<ChainedEvent> {
  for (const event of events) yield event;
}

function setup(chains: Record<string, ChainedEvent[]>) {
  const { sut, mock } = newTestService(AuditService);
  const audit = mock(AuditRepository);
  audit.chain.mockImplementation((chainId) => iterate(chains[chainId] ?? []));
  audit.head.mockImplementation(async (chainId) => {
    const last = chains[chainId]?.at(-1);
    return last ? { seq: last.seq, hash: last.hash } : null;
  });
  return { sut, audit };
}

describe('AuditService.verify (unit, strict stubs)', () => {
  it("verifies the caller's readable chains one by one and adds up the events checked", async () => {
    const { sut, audit } = setup({ 'tenant-a': chainOf('tenant-a', 3), 'tenant-c': chainOf('tenant-c', 2) });
    audit.chainIds.mockResolvedValue(['tenant-a', 'tenant-c']);

    const result = await sut.verify(adminContext({ tenantIds: ['tenant-a', 'tenant-c'] }), undefined);

    expect(result).toEqual({ ok: true, checked: 5 });
    expect(audit.chainIds).toHaveBeenCalledWith(['tenant-a', 'tenant-c']);
  });

  it('a platform admin verifies every chain (no list of ids)', async () => {
    const { sut, audit } = setup({ platform: chainOf('platform', 1) });
    audit.chainIds.mockResolvedValue(['platform']);
    await expect(sut.verify(adminContext({ role: 'platform_admin' }), undefined)).resolves.toEqual({
      ok: true,
      checked: 1,
    });
    expect(audit.chainIds).toHaveBeenCalledWith(null);
  });

  it('stops at the first broken chain and names its first broken event', async () => {
    const broken = chainOf('tenant-a', 4);
    broken[2] = { ...broken[2]!, details: { n: 'edited' } };
    const { sut, audit } = setup({ 'tenant-a': broken, 'tenant-c': chainOf('tenant-c', 2) });
    audit.chainIds.mockResolvedValue(['tenant-c', 'tenant-a', 'tenant-z']);

    const result = await sut.verify(adminContext({ role: 'platform_admin' }), undefined);

    expect(result).toEqual({
      ok: false,
      checked: 2 + 3,
      firstBrokenEventId: 'tenant-a-event-3',
      reason: 'content does not match its hash',
    });
    // the chain after the broken one is not read
    expect(audit.chain).not.toHaveBeenCalledWith('tenant-z');
  });

  it("another tenant's chain is tenant_not_found, and nothing is read", async () => {
    const { sut, audit } = setup({});
    await expect(sut.verify(adminContext({ tenantIds: ['tenant-a'] }), 'tenant-b')).rejects.toMatchObject({
      code: 'tenant_not_found',
    });
    expect(audit.chain).not.toHaveBeenCalled();
  });

  it('one named chain: its events only, and a head ahead of them (deleted newest events) is found', async () => {
    const events = chainOf('tenant-a', 3);
    const { sut, audit } = setup({ 'tenant-a': events.slice(0, 2) });
    audit.head.mockResolvedValue({ seq: 3n, hash: events[2]!.hash });
    await expect(sut.verify(adminContext(), 'tenant-a')).resolves.toMatchObject({
      ok: false,
      checked: 2,
      reason: "the chain's head is link 3 but the newest event found is link 2",
    });
  });
});
