// The background presence poller: every SEATGATE_PRESENCE_POLL_SECONDS one replica asks TCCC
// (DescribeStaffStatusMetrics, batched per app, in the upstream quota's background lane so that
// logins come first) for every mapped seat's status and keeps the changes in presence_events, so
// that the history and the usage figures do not depend on an admin having the Sessions tab open.
//
// One replica at a time: the poller holds a PostgreSQL session-level advisory lock on a connection
// of its own for as long as it lives (leader election); the others try again every interval and
// take over when that connection ends (the replica stopped or died). A round starts only after the
// previous one ended, so a slow TCCC never piles rounds up.
//
// The agent script's connection changes (a workstation loaded, a tab closed) are not pushed to
// Seatgate by TCCC or by the emulator (TCCC's data push carries call records and recordings only):
// they reach Seatgate through this polling, as ClientInfo and the offline status the emulator sets
// when a seat's last workstation closes.
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../../config/app-config';
import { SessionsService } from './sessions.service';

/** The poller's advisory lock (the migrator's is 72_707_301, the job queue's 72_707_302). */
export const PRESENCE_POLL_LOCK_KEY = 72_707_303;

@Injectable()
export class PresencePoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PresencePoller');
  private lock: Client | null = null;
  private leader = false;
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private stopped = false;
  /** rounds this process ran as the leader (for tests and metrics) */
  rounds = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly sessions: SessionsService,
  ) {}

  get isLeader(): boolean {
    return this.leader;
  }

  onApplicationBootstrap(): void {
    if (this.config.presencePollSeconds === 0) return;
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.round?.catch(() => undefined);
    // ending the session releases the lock: another replica takes over at its next try
    await this.lock?.end().catch(() => undefined);
    this.lock = null;
    this.leader = false;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.tick().finally(() => {
        this.round = null;
        this.schedule(this.config.presencePollSeconds * 1000);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      if (!(await this.lead())) return;
      const { apps, failed } = await this.sessions.pollAll();
      this.rounds += 1;
      if (failed > 0) this.logger.warn({ apps, failed }, 'presence poll: TCCC failed for some apps');
    } catch (error) {
      this.logger.warn({ err: error }, 'presence poll failed');
    }
  }

  /** Takes (or keeps) the leader's lock; false while another replica holds it. */
  private async lead(): Promise<boolean> {
    if (this.leader && this.lock) return true;
    if (!this.lock) {
      const lock = new Client({
        connectionString: this.config.databaseUrl,
        application_name: 'seatgate-presence',
      });
      lock.on('error', () => {
        // the connection broke: the lock went with it; the next round tries again
        this.leader = false;
        if (this.lock === lock) this.lock = null;
      });
      await lock.connect();
      this.lock = lock;
    }
    const answer = await this.lock.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      PRESENCE_POLL_LOCK_KEY,
    ]);
    this.leader = answer.rows[0]?.locked === true;
    return this.leader;
  }
}
