// Writes audit events inside the caller's transaction (so a change and its event commit or fail
// together), and answers the audit API: list, CSV export, chain verification.
import { Injectable } from '@nestjs/common';
import type {
  AuditAction,
  AuditEventView,
  AuditListQuery,
  AuditVerifyResult,
  CursorPage,
} from '@seatgate/contracts';
import type { RequestContext } from '../../common/context/request-context';
import type { CsvCell, CsvDownload } from '../../common/csv/csv-download';
import { assertTenantRead, readableTenantIds } from '../../common/context/tenant-access';
import { decodeCursor, keysetBatches, keysetPage, type KeysetCursor } from '../../common/pagination/cursor';
import { TenantDirectory } from '../tenants/tenant-directory';
import { PLATFORM_CHAIN, verifyChain, type ChainedEvent } from './audit-chain';
import { AuditRepository, type AuditDayCount, type AuditFilter, type LastLogin } from './audit.repository';
import type { AuditRecord } from './audit.types';
import { auditContent, auditEventContent } from './audit-append.sql';

export type { AuditDayCount, LastLogin } from './audit.repository';

export { scrubDetails } from './audit-details';

const position = (event: ChainedEvent): KeysetCursor => ({ at: event.occurredAt, id: event.id });

/** An event with its tenant's name today (null: a platform event, or a tenant since deleted). */
type NamedEvent = ChainedEvent & { tenantName: string | null };

export function toAuditView(event: NamedEvent): AuditEventView {
  return {
    id: event.id,
    seq: Number(event.seq),
    tenantId: event.tenantId,
    tenantName: event.tenantName,
    occurredAt: event.occurredAt.toISOString(),
    actor: { type: event.actorType, id: event.actorId, display: event.actorDisplay },
    action: event.action,
    target: { type: event.targetType, id: event.targetId },
    outcome: event.outcome,
    requestId: event.requestId,
    ip: event.ip,
    userAgent: event.userAgent,
    details: event.details,
  };
}

@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly tenants: TenantDirectory,
  ) {}

  /**
   * Appends to the event's chain inside the caller's unit of work (UnitOfWork.run), so that a
   * change and its event commit or fail together; the chain's head stays locked until then.
   */
  async append(input: AuditRecord): Promise<void> {
    await this.audit.append(auditEventContent(input));
  }

  /** Opens the audit chain of a new tenant, in the unit of work that creates it. */
  openChain(tenantId: string): Promise<void> {
    return this.audit.openChain(tenantId);
  }

  /** The fallback for a chain older than chain heads created with their tenant. */
  openChainAlone(chainId: string): Promise<void> {
    return this.audit.openChainAlone(chainId);
  }

  /**
   * For events that stand alone (a denied sign-in or login): one statement, which throws when the
   * event cannot be written, so that the caller fails closed.
   */
  async record(input: AuditRecord): Promise<void> {
    const content = auditContent(input);
    if (await this.audit.appendAlone(content)) return;
    // a chain older than chain heads created with their tenant
    await this.openChainAlone(input.tenantId ?? PLATFORM_CHAIN);
    if (!(await this.audit.appendAlone(content)))
      throw new Error(`audit: chain ${input.tenantId ?? PLATFORM_CHAIN} has no head`);
  }

  /**
   * The last `login.issued` event of each of these business users in the tenant (for the sessions
   * view, which has checked the caller's access): the partial index audit_events_last_login.
   */
  lastLogins(tenantId: string, businessUserIds: string[]): Promise<LastLogin[]> {
    return businessUserIds.length === 0
      ? Promise.resolve([])
      : this.audit.lastLogins(tenantId, businessUserIds);
  }

  /**
   * A tenant's events with these actions since `from`, counted per day of `timeZone` (an IANA name
   * the caller validated), action and reason (for the overview, which has checked the caller's
   * access to the tenant).
   */
  countsPerDay(
    tenantId: string,
    from: Date,
    actions: readonly AuditAction[],
    timeZone = 'UTC',
  ): Promise<AuditDayCount[]> {
    return this.audit.countsPerDay(tenantId, from, actions, timeZone);
  }

  /** Whether the tenant's trail ever recorded one of these actions (for the overview's checklist). */
  hasAny(tenantId: string, actions: readonly AuditAction[]): Promise<boolean> {
    return this.audit.hasAny(tenantId, actions);
  }

  private filter(
    ctx: RequestContext,
    query: Pick<AuditListQuery, 'tenantId' | 'actor' | 'action' | 'exactAction' | 'outcome' | 'from' | 'to'>,
  ): AuditFilter {
    if (query.tenantId) assertTenantRead(ctx, query.tenantId);
    return {
      tenantIds: readableTenantIds(ctx.actor),
      tenantId: query.tenantId,
      actor: query.actor,
      actionPrefix: query.action,
      action: query.exactAction,
      outcome: query.outcome,
      from: query.from,
      to: query.to,
    };
  }

  /** A page (or an export's batch) of events with their tenants' names: one lookup per page. */
  private async page(filter: AuditFilter, after: KeysetCursor | null, take: number): Promise<NamedEvent[]> {
    const rows = await this.audit.list(filter, after, take);
    const tenantIds = rows.flatMap((row) => (row.tenantId ? [row.tenantId] : []));
    const names = await this.tenants.namesOf(tenantIds);
    return rows.map((row) => ({
      ...row,
      tenantName: row.tenantId ? (names.get(row.tenantId) ?? null) : null,
    }));
  }

  async list(ctx: RequestContext, query: AuditListQuery): Promise<CursorPage<AuditEventView>> {
    const filter = this.filter(ctx, query);
    const rows = await this.page(filter, decodeCursor(query.cursor), query.limit + 1);
    return keysetPage(rows, query.limit, position, toAuditView);
  }

  export(ctx: RequestContext, query: AuditListQuery): CsvDownload {
    const filter = this.filter(ctx, query);
    const page = (after: KeysetCursor | null, take: number) => this.page(filter, after, take);
    async function* rows(): AsyncGenerator<CsvCell[]> {
      for await (const event of keysetBatches(page, 1000, position)) {
        yield [
          event.occurredAt.toISOString(),
          event.tenantId ?? '',
          event.tenantName ?? '',
          event.actorType,
          event.actorId ?? '',
          event.actorDisplay ?? '',
          event.action,
          event.targetType ?? '',
          event.targetId ?? '',
          event.outcome,
          event.requestId ?? '',
          event.ip ?? '',
          event.userAgent ?? '',
          JSON.stringify(event.details),
          event.id,
          event.hash,
        ];
      }
    }
    const header = [
      'occurredAt',
      'tenantId',
      'tenantName',
      'actorType',
      'actorId',
      'actor',
      'action',
      'targetType',
      'targetId',
      'outcome',
      'requestId',
      'ip',
      'userAgent',
      'details',
      'id',
      'hash',
    ];
    return { filename: 'audit.csv', columns: header, rows: rows() };
  }

  async verify(ctx: RequestContext, tenantId: string | undefined): Promise<AuditVerifyResult> {
    let chains: string[];
    if (tenantId) {
      assertTenantRead(ctx, tenantId);
      chains = [tenantId];
    } else {
      const readable = readableTenantIds(ctx.actor);
      chains = await this.audit.chainIds(readable);
    }
    return this.verifyChains(chains);
  }

  /** Verifies chains one by one; stops at the first broken one. */
  async verifyChains(chainIds: string[]): Promise<AuditVerifyResult> {
    let checked = 0;
    for (const chainId of chainIds) {
      const verdict = await verifyChain(this.audit.chain(chainId), await this.audit.head(chainId));
      checked += verdict.checked;
      if (!verdict.ok)
        return { ok: false, checked, firstBrokenEventId: verdict.firstBrokenEventId, reason: verdict.reason };
    }
    return { ok: true, checked };
  }

  allChainIds(): Promise<string[]> {
    return this.audit.chainIds(null);
  }
}
