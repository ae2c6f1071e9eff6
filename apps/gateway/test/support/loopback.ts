// Sign-in requests from chosen client addresses: the app listens on 127.0.0.1 and each request
// binds its socket to another address of 127.0.0.0/8, so the gateway sees distinct clients through
// the socket itself, with no proxy header to trust.
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp } from './app';

export interface SignInAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { code?: string; details?: unknown; [key: string]: unknown };
}

export interface Loopback {
  signIn(from: string, email: string, password: string): Promise<SignInAnswer>;
  /** the app's server closes with the app */
  close(): Promise<void>;
}

export async function listenOnLoopback(t: TestApp): Promise<Loopback> {
  const server = t.app.getHttpServer() as Server;
  if (!server.listening) {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
  }
  const { port } = server.address() as AddressInfo;
  const post = (from: string, path: string, payload: unknown) =>
    new Promise<SignInAnswer>((resolve, reject) => {
      const body = JSON.stringify(payload);
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          localAddress: from,
          agent: false,
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: text ? (JSON.parse(text) as SignInAnswer['body']) : {},
            });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return {
    signIn: (from, email, password) => post(from, '/api/auth/login', { email, password }),
    close: async () => undefined,
  };
}
