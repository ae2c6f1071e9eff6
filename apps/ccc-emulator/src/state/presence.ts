import type { EmulatorClock } from './clock';
import type { Directory, StaffView } from './directory';

// Who is online and how: every status change of a seat (with its history, for
// DescribeStaffStatusHistory and the day's durations of DescribeStaffStatusMetrics), the agent
// script connections that make a seat a connected "Web" client, and the forced-offline mark of
// ForceMemberOffline. Every status change goes through changeStatus(), so history, DeleteStaff's
// view (the staff's status in the directory) and the open workstations never disagree.

/** The statuses of StaffStatusMetrics.Status. */
export const STAFF_STATUSES = ['free', 'busy', 'rest', 'notReady', 'afterCallWork', 'offline'] as const;

export interface StatusHistoryEntry {
  /** Increasing per emulator, so a cursor stays valid while newer entries arrive. */
  seq: number;
  /** Unix seconds. */
  timestamp: number;
  status: string;
  reason: string;
  sessionId: string;
}

export interface ClientInfoView {
  clientType: 'Web';
  isConnected: boolean;
}

/** What the emulator pushes to an open agent script (its event stream). */
export type AgentPush =
  | { event: 'status'; data: { status: string; reason: string } }
  | { event: 'kickedOut'; data: { reason: 'ForceMemberOffline'; message: string } };

export interface AgentConnection {
  sessionId: string;
  sdkAppId: number;
  seat: string;
  push(message: AgentPush): void;
  /** Ends the stream from the server side. */
  close(): void;
}

interface SeatPresence {
  history: StatusHistoryEntry[];
  reason: string;
  lastOnlineTimestamp: number | null;
  lastStatusTimestamp: number | null;
  forcedOffline: boolean;
}

interface ConnectionRecord extends AgentConnection {
  /** Agent.offline() signs the workstation out while the page stays open. */
  signedIn: boolean;
}

const HISTORY_DAYS = 180;
const MAX_HISTORY_PER_SEAT = 10_000;
const DAY_SECONDS = 86_400;
// Unconfirmed: TCCC's "today" (当天) for the day's durations; the emulator uses China Standard Time.
const DAY_OFFSET_SECONDS = 8 * 3600;

function seatKey(sdkAppId: number, mail: string): string {
  return `${sdkAppId}\u0000${mail}`;
}

export class Presence {
  private readonly seats = new Map<string, SeatPresence>();
  private readonly connections = new Map<string, ConnectionRecord>();
  private seq = 0;

  constructor(
    private readonly directory: Directory,
    private readonly clock: EmulatorClock,
  ) {}

  /**
   * Sets a seat's status and records it. Open workstations of the seat hear about it (a status
   * set by SetStaffStatus or the admin API reaches the page as statusChanged).
   */
  changeStatus(
    sdkAppId: number,
    mail: string,
    status: string,
    options: { reason?: string; sessionId?: string } = {},
  ): StaffView {
    const previous = this.directory.staffOf(sdkAppId, mail)?.status;
    // Throws (not_found) before anything changes when the seat does not exist.
    const staff = this.directory.setStaffStatus(sdkAppId, mail, status);
    const seat = this.seat(sdkAppId, mail);
    const now = this.clock.nowSeconds();
    const reason = options.reason ?? '';
    seat.reason = reason;
    seat.lastStatusTimestamp = now;
    if (status !== 'offline' && previous === 'offline') seat.lastOnlineTimestamp = now;
    this.seq += 1;
    seat.history.push({ seq: this.seq, timestamp: now, status, reason, sessionId: options.sessionId ?? '' });
    this.prune(seat, now);
    // The workstation that reported the change already knows it.
    for (const connection of this.connectionsOf(sdkAppId, mail)) {
      if (connection.sessionId !== options.sessionId)
        connection.push({ event: 'status', data: { status, reason } });
    }
    return staff;
  }

  /**
   * An agent script opened its event stream: the seat now has a connected Web client. Returns the
   * release to call when the stream closes (tab closed, reload, SDK re-initialised); it only
   * removes this very stream, so a reconnect of the same session that arrived first is kept.
   */
  connect(connection: AgentConnection): () => void {
    const record: ConnectionRecord = { ...connection, signedIn: true };
    this.connections.get(connection.sessionId)?.close();
    this.connections.set(connection.sessionId, record);
    return () => {
      if (this.connections.get(connection.sessionId) !== record) return;
      this.connections.delete(connection.sessionId);
      this.offlineWhenNoClient(connection.sdkAppId, connection.seat, connection.sessionId, 'disconnected');
    };
  }

  /** Agent.offline() (false) / Agent.online() (true) from the script of this session. */
  setSignedIn(sessionId: string, signedIn: boolean): void {
    const connection = this.connections.get(sessionId);
    if (connection !== undefined) connection.signedIn = signedIn;
  }

  isConnected(sessionId: string): boolean {
    return this.connections.has(sessionId);
  }

  /** ClientInfo of DescribeStaffStatusMetrics: one Web entry per open, signed-in workstation. */
  clientsOf(sdkAppId: number, mail: string): ClientInfoView[] {
    return this.connectionsOf(sdkAppId, mail)
      .filter((connection) => connection.signedIn)
      .map(() => ({ clientType: 'Web', isConnected: true }));
  }

  /** ForceMemberOffline: the open workstations are told and closed, and the seat goes offline. */
  forceOffline(sdkAppId: number, mail: string): void {
    this.seat(sdkAppId, mail).forcedOffline = true;
    for (const connection of this.connectionsOf(sdkAppId, mail)) {
      this.connections.delete(connection.sessionId);
      connection.push({
        event: 'kickedOut',
        data: {
          reason: 'ForceMemberOffline',
          message: 'An administrator forced this seat offline (ForceMemberOffline).',
        },
      });
      connection.close();
    }
    if (this.directory.staffOf(sdkAppId, mail)?.status !== 'offline')
      this.changeStatus(sdkAppId, mail, 'offline', { reason: 'ForceMemberOffline' });
  }

  restore(sdkAppId: number, mail: string): void {
    this.seat(sdkAppId, mail).forcedOffline = false;
  }

  isForcedOffline(sdkAppId: number, mail: string): boolean {
    return this.seats.get(seatKey(sdkAppId, mail))?.forcedOffline ?? false;
  }

  /** The seat's recorded changes with from ≤ timestamp ≤ to, oldest first, after `afterSeq`. */
  history(sdkAppId: number, mail: string, from: number, to: number, afterSeq = 0): StatusHistoryEntry[] {
    const seat = this.seats.get(seatKey(sdkAppId, mail));
    if (seat === undefined) return [];
    return seat.history
      .filter((entry) => entry.seq > afterSeq && entry.timestamp >= from && entry.timestamp <= to)
      .map((entry) => ({ ...entry }));
  }

  summary(
    sdkAppId: number,
    mail: string,
  ): {
    reason: string;
    lastOnlineTimestamp: number | null;
    lastStatusTimestamp: number | null;
    durations: Record<string, number>;
  } {
    const seat = this.seats.get(seatKey(sdkAppId, mail));
    return {
      reason: seat?.reason ?? '',
      lastOnlineTimestamp: seat?.lastOnlineTimestamp ?? null,
      lastStatusTimestamp: seat?.lastStatusTimestamp ?? null,
      durations: seat === undefined ? {} : this.todaysDurations(seat),
    };
  }

  /**
   * The seat (or, without a mail, every seat of the app) was deleted: its history, forced-offline
   * mark and open streams go with it, so a seat created again later under the same mail starts
   * afresh. Unconfirmed: what TCCC keeps for a deleted and re-created account.
   */
  forget(sdkAppId: number, mail?: string): void {
    for (const [sessionId, connection] of this.connections) {
      if (connection.sdkAppId !== sdkAppId || (mail !== undefined && connection.seat !== mail)) continue;
      this.connections.delete(sessionId);
      connection.close();
    }
    for (const key of [...this.seats.keys()]) {
      if (mail === undefined ? key.startsWith(`${sdkAppId}\u0000`) : key === seatKey(sdkAppId, mail))
        this.seats.delete(key);
    }
  }

  /** Forgets everything and closes every open stream (reset / clear). */
  clear(): void {
    for (const connection of this.connections.values()) connection.close();
    this.connections.clear();
    this.seats.clear();
  }

  private offlineWhenNoClient(sdkAppId: number, mail: string, sessionId: string, reason: string): void {
    if (this.connectionsOf(sdkAppId, mail).length > 0) return;
    const staff = this.directory.staffOf(sdkAppId, mail);
    // Unconfirmed: TCCC notices a closed workstation through its own heartbeat; the emulator
    // makes the seat offline as soon as its last workstation's stream closes.
    if (staff !== undefined && staff.status !== 'offline')
      this.changeStatus(sdkAppId, mail, 'offline', { reason, sessionId });
  }

  private connectionsOf(sdkAppId: number, mail: string): ConnectionRecord[] {
    return [...this.connections.values()].filter(
      (connection) => connection.sdkAppId === sdkAppId && connection.seat === mail,
    );
  }

  private seat(sdkAppId: number, mail: string): SeatPresence {
    const key = seatKey(sdkAppId, mail);
    let seat = this.seats.get(key);
    if (seat === undefined) {
      seat = {
        history: [],
        reason: '',
        lastOnlineTimestamp: null,
        lastStatusTimestamp: null,
        forcedOffline: false,
      };
      this.seats.set(key, seat);
    }
    return seat;
  }

  private prune(seat: SeatPresence, now: number): void {
    const oldest = now - HISTORY_DAYS * DAY_SECONDS;
    while (seat.history.length > 0 && (seat.history[0]?.timestamp ?? now) < oldest) seat.history.shift();
    if (seat.history.length > MAX_HISTORY_PER_SEAT)
      seat.history.splice(0, seat.history.length - MAX_HISTORY_PER_SEAT);
  }

  /** Seconds spent in each status since the start of today, and OnlineDuration (all but offline). */
  private todaysDurations(seat: SeatPresence): Record<string, number> {
    const now = this.clock.nowSeconds();
    const dayStart = Math.floor((now + DAY_OFFSET_SECONDS) / DAY_SECONDS) * DAY_SECONDS - DAY_OFFSET_SECONDS;
    const durations: Record<string, number> = { online: 0 };
    seat.history.forEach((entry, index) => {
      const next = seat.history[index + 1];
      const start = Math.max(entry.timestamp, dayStart);
      const end = next === undefined ? now : next.timestamp;
      if (end <= start) return;
      durations[entry.status] = (durations[entry.status] ?? 0) + (end - start);
      if (entry.status !== 'offline') durations['online'] = (durations['online'] ?? 0) + (end - start);
    });
    return durations;
  }
}
