// What the console reads of durable jobs: the tenant's jobs with progress and counts per outcome,
// one job, and its lines as a CSV download. Access is checked first; another tenant's job is not found.
import { Injectable } from '@nestjs/common';
import {
  JOB_ROW_CSV_COLUMNS,
  JOB_ROW_OUTCOMES,
  type JobRowFilter,
  type JobRowOutcome,
  type JobRowsQuery,
  type JobRowView,
  type JobView,
  type Page,
} from '@seatgate/contracts';
import type { RequestContext } from '../../common/context/request-context';
import type { CsvDownload } from '../../common/csv/csv-download';
import { TenantsService } from '../tenants/tenants.service';
import { jobErrors } from './jobs.errors';
import { JobsRepository, type JobRecord, type JobRowRecord } from './jobs.repository';

const LIST_LIMIT = 100;

function toJobView(job: JobRecord, finished: Map<string, number> | undefined): JobView {
  const counts = Object.fromEntries(
    JOB_ROW_OUTCOMES.map((outcome) => [outcome, finished?.get(outcome) ?? 0]),
  ) as Record<JobRowOutcome, number>;
  const done = JOB_ROW_OUTCOMES.reduce((sum, outcome) => sum + counts[outcome], 0);
  return {
    id: job.id,
    tenantId: job.tenantId,
    appId: job.appId,
    kind: job.kind,
    status: job.status,
    startedBy: { type: job.actor.type, id: job.actor.id, display: job.actor.display },
    total: job.total,
    counts: { ...counts, pending: job.total - done },
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** A line's business user and seat, from the input it was started with and what the job made of it. */
function lineIdentity(input: Record<string, unknown>): { businessUserId: string; seatUserId: string | null } {
  return {
    businessUserId: typeof input.businessUserId === 'string' ? input.businessUserId : '',
    seatUserId: typeof input.seatUserId === 'string' ? input.seatUserId : null,
  };
}

function toRowView(row: JobRowRecord): JobRowView {
  return {
    idx: row.idx,
    ...lineIdentity(row.input),
    outcome: row.outcome,
    code: row.code,
    message: row.message,
  };
}

@Injectable()
export class JobsService {
  constructor(
    private readonly jobs: JobsRepository,
    private readonly tenants: TenantsService,
  ) {}

  async list(ctx: RequestContext, tenantId: string): Promise<JobView[]> {
    await this.tenants.require(ctx, tenantId, 'read');
    const jobs = await this.jobs.list(tenantId, LIST_LIMIT);
    const counts = await this.jobs.counts(jobs.map((job) => job.id));
    return jobs.map((job) => toJobView(job, counts.get(job.id)));
  }

  async get(ctx: RequestContext, tenantId: string, jobId: string): Promise<JobView> {
    await this.tenants.require(ctx, tenantId, 'read');
    const job = await this.jobs.find(tenantId, jobId);
    if (!job) throw jobErrors.notFound();
    return toJobView(job, (await this.jobs.counts([job.id])).get(job.id));
  }

  /** A page of the job's lines (idx from 0), only those with `outcome` when given. */
  async rows(
    ctx: RequestContext,
    tenantId: string,
    jobId: string,
    query: JobRowsQuery,
  ): Promise<Page<JobRowView>> {
    await this.tenants.require(ctx, tenantId, 'read');
    const job = await this.jobs.find(tenantId, jobId);
    if (!job) throw jobErrors.notFound();
    const { rows, total } = await this.jobs.page(
      job.id,
      query.outcome,
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    return { items: rows.map(toRowView), total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * Every line with its outcome (only those with `outcome` when given), as CSV (line numbers from
   * 1, as in the file it came from); the .xlsx download has the same table.
   */
  async rowsCsv(
    ctx: RequestContext,
    tenantId: string,
    jobId: string,
    outcome?: JobRowFilter,
  ): Promise<CsvDownload> {
    await this.tenants.require(ctx, tenantId, 'read');
    const job = await this.jobs.find(tenantId, jobId);
    if (!job) throw jobErrors.notFound();
    const rows = this.jobs.allRows(job.id, outcome);
    return {
      filename: `job-${job.kind}-${job.id}${outcome ? `-${outcome}` : ''}.csv`,
      columns: JOB_ROW_CSV_COLUMNS,
      rows: (async function* () {
        for await (const row of rows) {
          const { businessUserId, seatUserId } = lineIdentity(row.input);
          yield [row.idx + 1, businessUserId, seatUserId, row.outcome, row.code, row.message];
        }
      })(),
    };
  }
}
