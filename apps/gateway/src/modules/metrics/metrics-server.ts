// /metrics on an internal port of its own (SEATGATE_METRICS_PORT), so the public port never
// serves it and no token is needed: bind it where only the scraper can reach.
import { createServer, type Server } from 'node:http';
import type { MetricsService } from './metrics.service';

export function serveMetrics(metrics: MetricsService, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ code: 'not_found', message: 'only GET /metrics is served here', requestId: '' }),
      );
      return;
    }
    metrics.render().then(
      (text) => {
        res.writeHead(200, { 'Content-Type': metrics.contentType(), 'Cache-Control': 'no-store' });
        res.end(text);
      },
      () => {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ code: 'internal_error', message: 'metrics unavailable', requestId: '' }));
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
