import { EmulatorClock } from './clock';
import { Directory } from './directory';
import { Presence, type AgentPush } from './presence';

// Presence on its own: a directory with one seat, a clock the test moves, and fake streams.

const APP = 1400000001;
const SEAT = 'a@x.example';
// 2026-01-01 12:00:00 China Standard Time (04:00 UTC).
const NOON_CST_MS = Date.UTC(2026, 0, 1, 4, 0, 0);

function setup(): { presence: Presence; clock: EmulatorClock; directory: Directory } {
  const clock = new EmulatorClock(() => NOON_CST_MS);
  const directory = new Directory(() => clock.nowSeconds());
  directory.addSeed({
    accounts: [{ secretId: 'id', secretKey: 'k', apps: [{ sdkAppId: APP, staff: [{ mail: SEAT }] }] }],
  });
  return { presence: new Presence(directory, clock), clock, directory };
}

function stream(sessionId: string): {
  pushed: AgentPush[];
  closed: () => boolean;
  connection: Parameters<Presence['connect']>[0];
} {
  const pushed: AgentPush[] = [];
  let closed = false;
  return {
    pushed,
    closed: () => closed,
    connection: {
      sessionId,
      sdkAppId: APP,
      seat: SEAT,
      push: (message) => pushed.push(message),
      close: () => {
        closed = true;
      },
    },
  };
}

describe('Presence', () => {
  it('keeps a reconnected stream when the older one of the same session closes late', () => {
    const { presence, directory } = setup();
    const first = stream('s1');
    const releaseFirst = presence.connect(first.connection);
    presence.changeStatus(APP, SEAT, 'free', { sessionId: 's1' });
    const second = stream('s1');
    presence.connect(second.connection);
    expect(first.closed()).toBe(true);
    releaseFirst();
    expect(presence.clientsOf(APP, SEAT)).toEqual([{ clientType: 'Web', isConnected: true }]);
    expect(directory.staffOf(APP, SEAT)?.status).toBe('free');
  });

  it('pushes status changes to the seat’s other workstations only, and makes the seat offline when the last one leaves', () => {
    const { presence, directory } = setup();
    const a = stream('a');
    const b = stream('b');
    const releaseA = presence.connect(a.connection);
    const releaseB = presence.connect(b.connection);
    presence.changeStatus(APP, SEAT, 'free', { sessionId: 'a' });
    expect(a.pushed).toEqual([]);
    expect(b.pushed).toEqual([{ event: 'status', data: { status: 'free', reason: '' } }]);
    releaseA();
    expect(directory.staffOf(APP, SEAT)?.status).toBe('free');
    releaseB();
    expect(directory.staffOf(APP, SEAT)?.status).toBe('offline');
    expect(presence.history(APP, SEAT, 0, Number.MAX_SAFE_INTEGER).map((entry) => entry.reason)).toEqual([
      '',
      'disconnected',
    ]);
  });

  it('counts the day’s durations from midnight China Standard Time', () => {
    const { presence, clock } = setup();
    // Online at 23:00 the day before, resting from 11:00: 11 h free today, then 1 h rest.
    clock.setOffset(-13 * 3600 * 1000);
    presence.changeStatus(APP, SEAT, 'free');
    clock.setOffset(-3600 * 1000);
    presence.changeStatus(APP, SEAT, 'rest', { reason: 'lunch' });
    clock.setOffset(0);
    expect(presence.summary(APP, SEAT)).toEqual({
      reason: 'lunch',
      lastOnlineTimestamp: NOON_CST_MS / 1000 - 13 * 3600,
      lastStatusTimestamp: NOON_CST_MS / 1000 - 3600,
      durations: { online: 12 * 3600, free: 11 * 3600, rest: 3600 },
    });
  });

  it('forces a seat offline: its streams hear kickedOut and close, and the mark stays until restored', () => {
    const { presence, directory } = setup();
    const a = stream('a');
    presence.connect(a.connection);
    presence.changeStatus(APP, SEAT, 'busy', { sessionId: 'a' });
    presence.forceOffline(APP, SEAT);
    expect(a.pushed.map((message) => message.event)).toEqual(['kickedOut']);
    expect(a.closed()).toBe(true);
    expect(presence.clientsOf(APP, SEAT)).toEqual([]);
    expect(directory.staffOf(APP, SEAT)?.status).toBe('offline');
    expect(presence.isForcedOffline(APP, SEAT)).toBe(true);
    presence.restore(APP, SEAT);
    expect(presence.isForcedOffline(APP, SEAT)).toBe(false);
  });
});
