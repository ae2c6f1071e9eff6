// Runs durable jobs on pg-boss (PostgreSQL, schema "pgboss"): a job is cut into steps of a few
// lines each; every step is a pg-boss job that any replica's worker claims once (SKIP LOCKED); a
// step that fails is retried, and one whose replica died is failed by pg-boss's maintenance when
// it expires and then retried elsewhere. A step's handler is idempotent per line (a line finished
// is never redone), so a step run twice changes nothing twice. Why pg-boss rather than
// graphile-worker: both keep jobs in PostgreSQL; pg-boss 10 runs on Node 20 (graphile-worker 0.17+
// and pg-boss 11+ need Node 22), has three small dependencies and no install scripts, and needs
// no CLI or config files.
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { JobKind } from '@seatgate/contracts';
import PgBoss from 'pg-boss';
import { Client, type PoolClient } from 'pg';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { UnitOfWork } from '../../database/unit-of-work';
import {
  JobsRepository,
  type JobRecord,
  type JobRowRecord,
  type NewJob,
  type RowOutcome,
} from './jobs.repository';

export type { JobRecord, JobRowRecord, RowOutcome } from './jobs.repository';

const STEP_QUEUE = 'seatgate-job-step';
/** serializes the step queue's creation across replicas (the migrator's lock is 72_707_301) */
const QUEUE_LOCK_KEY = 72_707_302;

interface StepData {
  jobId: string;
  tenantId: string;
  from: number;
  to: number;
}

export interface StepRun {
  job: JobRecord;
  /** the step's lines still pending (finished ones are never handed out again) */
  rows: JobRowRecord[];
  /** the last try: a handler that cannot finish a line now must fail it rather than throw */
  lastTry: boolean;
}

export interface JobKindHandler {
  /** lines per step (one TCCC batch: 10 for CreateStaff) */
  stepSize: number;
  /** how often a step that throws is tried again, and how long apart (default SEATGATE_JOBS_STEP_RETRY_*) */
  retry?: { limit: number; delaySeconds: number };
  run(step: StepRun): Promise<void>;
  /** once per job, after its last line finished (on whichever replica finished it) */
  finished(job: JobRecord): Promise<void>;
}

@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('JobRunner');
  private readonly handlers = new Map<JobKind, JobKindHandler>();
  private boss: PgBoss | null = null;
  private readonly workerIds: string[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobsRepository,
    private readonly uow: UnitOfWork,
  ) {}

  /** Registered by the module that owns the kind's work (seats: provision, offboard). */
  register(kind: JobKind, handler: JobKindHandler): void {
    this.handlers.set(kind, handler);
  }

  async onApplicationBootstrap(): Promise<void> {
    const { jobs } = this.config;
    const boss = new PgBoss({
      connectionString: this.config.databaseUrl,
      max: 2,
      application_name: 'seatgate-jobs',
      schedule: false,
      supervise: true,
      maintenanceIntervalSeconds: jobs.maintenanceSeconds,
    });
    boss.on('error', (error: Error) => this.logger.warn({ err: error }, 'job queue error'));
    await boss.start();
    await this.createStepQueue(boss);
    this.boss = boss;
    if (!jobs.work) return;
    for (let i = 0; i < jobs.concurrency; i += 1) {
      let workerId = '';
      workerId = await boss.work<StepData>(
        STEP_QUEUE,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: jobs.pollSeconds },
        async ([step]) => {
          if (!step) return;
          try {
            await this.runStep(step);
          } finally {
            // pg-boss 10 waits a polling interval after every fetch, even one that found a step:
            // told it was notified, it fetches the next step at once (and waits only when idle)
            boss.notifyWorker(workerId);
          }
        },
      );
      this.workerIds.push(workerId);
    }
  }

  async onModuleDestroy(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    if (!boss) return;
    // graceful: steps in flight finish (a restart hands nothing over); after the timeout they are
    // left to expire and be retried by another replica
    await boss.stop({ graceful: true, wait: true, close: true, timeout: this.config.jobs.stopTimeoutMs });
  }

  /**
   * Stores the job, its lines and one step per `stepSize` lines in one transaction; any replica's
   * worker may then run the steps. Answers the job's id.
   */
  async start(job: Omit<NewJob, 'id'>): Promise<string> {
    const boss = this.requireBoss();
    const handler = this.handlers.get(job.kind);
    if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
    const id = randomUUID();
    const steps: PgBoss.JobInsert<StepData>[] = [];
    for (let from = 0; from < job.rows.length; from += handler.stepSize) {
      steps.push({
        name: STEP_QUEUE,
        data: {
          jobId: id,
          tenantId: job.tenantId,
          from,
          to: Math.min(from + handler.stepSize, job.rows.length),
        },
        retryLimit: handler.retry?.limit ?? this.config.jobs.stepRetryLimit,
        retryDelay: handler.retry?.delaySeconds ?? this.config.jobs.stepRetrySeconds,
        expireInSeconds: this.config.jobs.stepExpireSeconds,
      });
    }
    await this.jobs.create({ ...job, id }, async (client: PoolClient) => {
      for (let start = 0; start < steps.length; start += 1000) {
        await boss.insert(steps.slice(start, start + 1000), {
          db: { executeSql: (text, values) => client.query(text, values) },
        });
      }
    });
    for (const workerId of this.workerIds) boss.notifyWorker(workerId);
    return id;
  }

  /** The job of this kind still running for this app (one reconcile at a time per app). */
  runningJob(tenantId: string, appId: string, kind: JobKind): Promise<string | null> {
    return this.jobs.running(tenantId, appId, kind);
  }

  /** Counts a try of these pending lines; answers each with the tries made before (see JobsRepository). */
  markAttempted(jobId: string, idxs: number[]): Promise<{ idx: number; before: number }[]> {
    return this.jobs.markAttempted(jobId, idxs);
  }

  /** Records lines' outcomes (each once); joins the caller's unit of work. */
  finishRows(jobId: string, outcomes: RowOutcome[]): Promise<number> {
    return this.jobs.finishRows(jobId, outcomes);
  }

  /**
   * pg-boss's create_queue inserts the queue and attaches its partition table; two replicas
   * starting together on a new database deadlock in it (40P01). One at a time, under an advisory
   * lock held on a connection of its own; the second finds the queue there and changes nothing.
   */
  private async createStepQueue(boss: PgBoss): Promise<void> {
    const { jobs } = this.config;
    const lock = new Client({ connectionString: this.config.databaseUrl, application_name: 'seatgate-jobs' });
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [QUEUE_LOCK_KEY]);
      await boss.createQueue(STEP_QUEUE, {
        name: STEP_QUEUE,
        retryLimit: jobs.stepRetryLimit,
        retryDelay: jobs.stepRetrySeconds,
        expireInSeconds: jobs.stepExpireSeconds,
      });
    } finally {
      // ending the session releases the lock, also when createQueue threw
      await lock.end();
    }
  }

  private requireBoss(): PgBoss {
    if (!this.boss) throw new Error('the job queue is not running');
    return this.boss;
  }

  private async runStep(step: PgBoss.JobWithMetadata<StepData>): Promise<void> {
    const { jobId, tenantId, from, to } = step.data;
    const job = await this.jobs.find(tenantId, jobId);
    if (!job || job.status !== 'running') return; // deleted with its tenant, or already over
    const handler = this.handlers.get(job.kind);
    if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
    const rows = (await this.jobs.rows(jobId, from, to)).filter((row) => row.outcome === null);
    if (rows.length > 0) {
      await handler.run({ job, rows, lastTry: step.retryCount >= step.retryLimit });
    }
    // the job ends once, with its audit event, on whichever replica finished its last line
    await this.uow.run(async () => {
      const finished = await this.jobs.finishIfDone(jobId);
      if (finished) await handler.finished(finished);
    });
  }
}
