import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorLog } from '../http/emulator-log';
import type { AgentPush } from '../state/presence';
import type { EmulatorState } from '../state/emulator-state';

// GET /tccc-agent-sdk/events?sessionId= — the agent script's connection, as a Server-Sent Events
// stream. While it is open the seat counts as a connected "Web" client (DescribeStaffStatusMetrics
// ClientInfo); when the page goes away the browser closes it, which is how a closed tab is noticed
// without relying on an unload handler. The emulator pushes status changes made elsewhere
// (SetStaffStatus, the admin API) and ForceMemberOffline's `kickedOut` down it.

export const EVENTS_PATH = '/tccc-agent-sdk/events';

export function openEventStream(
  deps: { state: EmulatorState; log: EmulatorLog; cors: Record<string, string> },
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  const sessionId = url.searchParams.get('sessionId') ?? '';
  const session = sessionId === '' ? undefined : deps.state.tokens.session(sessionId);
  if (session === undefined) {
    // Not 200, so EventSource gives up instead of reconnecting: the session ended (forced offline,
    // emulator reset) or never existed.
    res.writeHead(404, { ...deps.cors, 'Content-Type': 'text/plain' });
    res.end('unknown session');
    return;
  }
  res.writeHead(200, {
    ...deps.cors,
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  // Sends the headers now: the script waits for the stream to open before it fires `ready`.
  res.write(': connected\n\n');
  const logEvent = (event: 'connected' | 'disconnected'): void =>
    deps.log.write({
      kind: 'agent-sdk',
      event,
      sdkAppId: session.sdkAppId,
      seat: session.seat,
      outcome: 'ok',
    });
  const release = deps.state.presence.connect({
    sessionId,
    sdkAppId: session.sdkAppId,
    seat: session.seat,
    push(message: AgentPush) {
      if (!res.writableEnded) res.write(`event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`);
    },
    close() {
      if (!res.writableEnded) res.end();
    },
  });
  logEvent('connected');
  req.on('close', () => {
    release();
    logEvent('disconnected');
  });
}
