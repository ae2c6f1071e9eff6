// The jobs and job_rows tables, which only the jobs module queries. A job is created with its rows
// and its steps (pg-boss jobs, inserted through `enqueue` on the same connection) in one
// transaction on a pool client, so that a job never exists without the steps that carry it out.
// Row outcomes and the job's end join the caller's unit of work.
import { Injectable } from '@nestjs/common';
import type { JobKind, JobRowFilter, JobRowOutcome } from '@seatgate/contracts';
import type { PoolClient } from 'pg';
import { PgPool } from '../../database/pg-pool';
import { Database } from '../../prisma/database';
import type { AuditActor } from '../audit/audit.types';

export interface JobRecord {
  id: string;
  tenantId: string;
  appId: string | null;
  kind: JobKind;
  status: 'running' | 'succeeded' | 'failed';
  total: number;
  actor: AuditActor;
  params: Record<string, unknown>;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface JobRowRecord {
  idx: number;
  input: Record<string, unknown>;
  outcome: JobRowOutcome | null;
  code: string | null;
  message: string | null;
  attempts: number;
}

export interface RowOutcome {
  idx: number;
  outcome: JobRowOutcome;
  code?: string | null;
  message?: string | null;
}

export interface NewJob {
  id: string;
  tenantId: string;
  appId: string | null;
  kind: JobKind;
  actor: AuditActor;
  params: Record<string, unknown>;
  rows: Record<string, unknown>[];
}

const JOB_COLUMNS = `id, tenant_id AS "tenantId", app_id AS "appId", kind, status::text AS status, total, actor,
  params, created_at AS "createdAt", finished_at AS "finishedAt"`;

/** $2: a JobRowFilter or null (every line); 'pending' is a line without an outcome yet. */
const FILTER_SQL = `($2::text IS NULL OR outcome = $2::text OR ($2::text = 'pending' AND outcome IS NULL))`;

@Injectable()
export class JobsRepository {
  constructor(
    private readonly db: Database,
    private readonly pool: PgPool,
  ) {}

  /** Stores the job and its rows, then `enqueue` (on the same connection) in one transaction. */
  async create(job: NewJob, enqueue: (client: PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO jobs (id, tenant_id, app_id, kind, total, actor, params) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [job.id, job.tenantId, job.appId, job.kind, job.rows.length, job.actor, job.params],
      );
      for (let start = 0; start < job.rows.length; start += 10_000) {
        const chunk = job.rows.slice(start, start + 10_000);
        await client.query(
          `INSERT INTO job_rows (job_id, idx, input)
           SELECT $1, $2::int + ordinality::int - 1, value FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY`,
          [job.id, start, JSON.stringify(chunk)],
        );
      }
      await enqueue(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async find(tenantId: string, jobId: string): Promise<JobRecord | null> {
    const rows = await this.db.client.$queryRawUnsafe<JobRecord[]>(
      `SELECT ${JOB_COLUMNS} FROM jobs WHERE tenant_id = $1::uuid AND id = $2::uuid`,
      tenantId,
      jobId,
    );
    return rows[0] ?? null;
  }

  /** The running job of this kind for this app, if any. */
  async running(tenantId: string, appId: string, kind: JobKind): Promise<string | null> {
    const rows = await this.db.client.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id FROM jobs WHERE tenant_id = $1::uuid AND app_id = $2::uuid AND kind = $3 AND status = 'running' LIMIT 1`,
      tenantId,
      appId,
      kind,
    );
    return rows[0]?.id ?? null;
  }

  /** The tenant's jobs, newest first. */
  list(tenantId: string, take: number): Promise<JobRecord[]> {
    return this.db.client.$queryRawUnsafe<JobRecord[]>(
      `SELECT ${JOB_COLUMNS} FROM jobs WHERE tenant_id = $1::uuid ORDER BY created_at DESC, id DESC LIMIT $2`,
      tenantId,
      take,
    );
  }

  /** Finished lines per outcome, for these jobs. */
  async counts(jobIds: string[]): Promise<Map<string, Map<string, number>>> {
    const rows = await this.db.client.$queryRawUnsafe<{ jobId: string; outcome: string; count: number }[]>(
      `SELECT job_id AS "jobId", outcome, count(*)::int AS count FROM job_rows
       WHERE job_id = ANY($1::uuid[]) AND outcome IS NOT NULL GROUP BY job_id, outcome`,
      jobIds,
    );
    const counts = new Map<string, Map<string, number>>();
    for (const row of rows) {
      const perJob = counts.get(row.jobId) ?? new Map<string, number>();
      perJob.set(row.outcome, row.count);
      counts.set(row.jobId, perJob);
    }
    return counts;
  }

  /** Lines [from, to) of a job, in order. */
  rows(jobId: string, from: number, to: number): Promise<JobRowRecord[]> {
    return this.db.client.$queryRawUnsafe<JobRowRecord[]>(
      `SELECT idx, input, outcome, code, message, attempts FROM job_rows
       WHERE job_id = $1::uuid AND idx >= $2 AND idx < $3 ORDER BY idx`,
      jobId,
      from,
      to,
    );
  }

  /**
   * Counts one more try of these pending lines and answers them with the tries made before this
   * one: a line tried before may have reached TCCC in a step whose replica died before recording.
   */
  markAttempted(jobId: string, idxs: number[]): Promise<{ idx: number; before: number }[]> {
    return this.db.client.$queryRawUnsafe<{ idx: number; before: number }[]>(
      `UPDATE job_rows SET attempts = attempts + 1
       WHERE job_id = $1::uuid AND idx = ANY($2::int[]) AND outcome IS NULL
       RETURNING idx, attempts - 1 AS before`,
      jobId,
      idxs,
    );
  }

  /** Records these lines' outcomes, each only while still pending; answers how many it recorded. */
  finishRows(jobId: string, outcomes: RowOutcome[]): Promise<number> {
    if (outcomes.length === 0) return Promise.resolve(0);
    return this.db.client.$executeRawUnsafe(
      `UPDATE job_rows r SET outcome = o.outcome, code = o.code, message = o.message, finished_at = now()
       FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS o(idx, outcome, code, message)
       WHERE r.job_id = $1::uuid AND r.idx = o.idx AND r.outcome IS NULL`,
      jobId,
      outcomes.map((row) => row.idx),
      outcomes.map((row) => row.outcome),
      outcomes.map((row) => row.code ?? null),
      outcomes.map((row) => row.message ?? null),
    );
  }

  /**
   * Ends the job when no line is pending, once: the first caller to see it so gets the record
   * (status succeeded, or failed when any line failed), every later one null.
   */
  async finishIfDone(jobId: string): Promise<JobRecord | null> {
    const rows = await this.db.client.$queryRawUnsafe<JobRecord[]>(
      `UPDATE jobs SET finished_at = now(),
         status = CASE WHEN EXISTS (SELECT 1 FROM job_rows WHERE job_id = $1::uuid AND outcome = 'failed')
                       THEN 'failed'::"JobStatus" ELSE 'succeeded'::"JobStatus" END
       WHERE id = $1::uuid AND status = 'running'
         AND NOT EXISTS (SELECT 1 FROM job_rows WHERE job_id = $1::uuid AND outcome IS NULL)
       RETURNING ${JOB_COLUMNS}`,
      jobId,
    );
    return rows[0] ?? null;
  }

  /**
   * A page of a job's lines in order, only those with this outcome (or still pending) when
   * filtered, and how many lines the filter matches; one statement.
   */
  async page(
    jobId: string,
    filter: JobRowFilter | undefined,
    offset: number,
    take: number,
  ): Promise<{ rows: JobRowRecord[]; total: number }> {
    const rows = await this.db.client.$queryRawUnsafe<(JobRowRecord & { total: number })[]>(
      `SELECT idx, input, outcome, code, message, attempts, count(*) OVER ()::int AS total FROM job_rows
       WHERE job_id = $1::uuid AND ${FILTER_SQL}
       ORDER BY idx OFFSET $3 LIMIT $4`,
      jobId,
      filter ?? null,
      offset,
      take,
    );
    if (rows.length === 0 && offset > 0) {
      // past the last page: the count still answers
      const counted = await this.db.client.$queryRawUnsafe<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM job_rows WHERE job_id = $1::uuid AND ${FILTER_SQL}`,
        jobId,
        filter ?? null,
      );
      return { rows: [], total: counted[0]?.total ?? 0 };
    }
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  /** Every line of a job (with this outcome, when filtered) in batches, for the download. */
  async *allRows(jobId: string, filter?: JobRowFilter, batch = 1000): AsyncGenerator<JobRowRecord> {
    for (let after = -1; ;) {
      const rows = await this.db.client.$queryRawUnsafe<JobRowRecord[]>(
        `SELECT idx, input, outcome, code, message, attempts FROM job_rows
         WHERE job_id = $1::uuid AND ${FILTER_SQL} AND idx > $3 ORDER BY idx LIMIT $4`,
        jobId,
        filter ?? null,
        after,
        batch,
      );
      yield* rows;
      if (rows.length < batch) return;
      after = rows[rows.length - 1]!.idx;
    }
  }
}
