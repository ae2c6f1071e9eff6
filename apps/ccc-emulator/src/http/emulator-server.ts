import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ADMIN_PREFIX, handleAdmin } from '../admin/admin-routes';
import { AGENT_SDK_PREFIX, handleAgentSdk, sdkUrlFor } from '../agent-sdk/agent-sdk-routes';
import type { EmulatorState } from '../state/emulator-state';
import { handleTcccCall } from '../tccc/tccc-endpoint';
import type { EmulatorLog } from './emulator-log';
import { sendJson } from './http-io';

// The HTTP server: routes by path (never by header) to the TCCC endpoint (POST /), the agent SDK
// routes and the admin API, and tracks every socket so stop() can end hanging ones at once.

export interface EmulatorServerOptions {
  state: EmulatorState;
  log: EmulatorLog;
  port: number;
  host: string;
  /** Base of SdkURLs; when absent, the URL the server listens on. */
  publicUrl?: string;
}

export interface EmulatorServer {
  url: string;
  port: number;
  publicUrl: string;
  stop(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startEmulatorServer(options: EmulatorServerOptions): Promise<EmulatorServer> {
  const { state, log } = options;
  const sockets = new Set<Socket>();
  const shutdown = new AbortController();
  let publicUrl = '';

  const dispatch = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const path = url.pathname;
    if (path === '/' && req.method === 'POST') {
      await handleTcccCall(
        { state, log, sdkUrlFor: (token) => sdkUrlFor(publicUrl, token), shutdown: shutdown.signal },
        req,
        res,
        url,
      );
    } else if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
      sendJson(res, 200, {
        name: '@seatgate/ccc-emulator',
        tccc: 'POST / (TC3-HMAC-SHA256, ccc 2020-02-10)',
        admin: `${ADMIN_PREFIX}/state`,
        agentSdk: `${AGENT_SDK_PREFIX}latest/tccc-sdk.js?token=...`,
      });
    } else if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) {
      await handleAdmin({ state, log }, req, res, url);
    } else if (path.startsWith(AGENT_SDK_PREFIX)) {
      await handleAgentSdk({ state, log, publicUrl }, req, res, url);
    } else {
      sendJson(res, 404, {
        error: { code: 'not_found', message: `nothing at ${req.method ?? 'GET'} ${path}` },
      });
    }
  };

  const server = createServer((req, res) => {
    dispatch(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      log.write({ kind: 'lifecycle', event: 'error', message });
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message } });
      else res.destroy();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('emulator server has no TCP address');
  const url = `http://${urlHost(options.host)}:${address.port}`;
  publicUrl = (options.publicUrl ?? url).replace(/\/+$/, '');
  log.write({ kind: 'lifecycle', event: 'listening', url });

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      shutdown.abort();
      server.close(() => {
        log.write({ kind: 'lifecycle', event: 'stopped' });
        resolve();
      });
      for (const socket of sockets) socket.destroy();
    });
    return stopping;
  };

  return { url, port: address.port, publicUrl, stop };
}
