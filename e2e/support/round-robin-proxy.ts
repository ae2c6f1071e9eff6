// A small reverse proxy for the scale-out tests, standing in for nginx in docker-compose.yml: each
// request goes to the next gateway in turn (a gateway that refuses the connection is skipped, as
// nginx's proxy_next_upstream does), with X-Forwarded-For/-Proto set, and the answer is relayed as is.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';

export interface RoundRobinProxy {
  url: string;
  /** how many requests each target answered, by target URL */
  served: Map<string, number>;
  setTargets(targets: string[]): void;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(initial: string[]): Promise<RoundRobinProxy> {
  let targets = [...initial];
  let next = 0;
  const served = new Map<string, number>();

  const forward = (req: IncomingMessage, body: Buffer, target: string) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const url = new URL(req.url ?? '/', target);
      const upstream = request(
        url,
        {
          method: req.method,
          headers: {
            ...req.headers,
            host: url.host,
            'x-forwarded-for': [req.headers['x-forwarded-for'], req.socket.remoteAddress]
              .filter(Boolean)
              .join(', '),
            'x-forwarded-proto': 'http',
          },
        },
        resolve,
      );
      upstream.once('error', reject);
      upstream.end(body);
    });

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      for (let attempt = 0; attempt < targets.length; attempt += 1) {
        const target = targets[next++ % targets.length]!;
        try {
          const answer = await forward(req, body, target);
          served.set(target, (served.get(target) ?? 0) + 1);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        } catch {
          // connection refused: try the next gateway
        }
      }
      res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 'bad_gateway', message: 'no gateway answered' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    setTargets(list) {
      targets = [...list];
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
