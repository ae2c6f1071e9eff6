import express from 'express';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MetricsService } from '../../modules/metrics/metrics.service';
import { CsvDownloads, type CsvCell } from './csv-download';

async function* failingAfter(rows: number, error: Error): AsyncGenerator<CsvCell[]> {
  for (let index = 0; index < rows; index += 1) yield [`user-${index}`, index, '=HYPERLINK("x")'];
  throw error;
}

/**
 * The raw HTTP exchange: whether the body arrived whole (terminating chunk) or broke. The body is
 * read as a CSV reader would, without the UTF-8 BOM a download opens with.
 */
function download(url: string): Promise<{ status: number; body: string; complete: boolean }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (raw += chunk));
      const body = () => raw.replace(/^\uFEFF/, '');
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: body(), complete: res.complete }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body: body(), complete: false }));
      res.on('aborted', () => resolve({ status: res.statusCode ?? 0, body: body(), complete: false }));
    }).on('error', reject);
  });
}

async function serve(rows: () => AsyncIterable<CsvCell[]>) {
  const metrics = new MetricsService();
  const csv = new CsvDownloads(metrics);
  const app = express();
  app.get('/', (req, res) => {
    csv
      .send(req, res, { filename: 'x.csv', columns: ['user', 'n', 'note'], rows: rows() })
      .catch(() => res.status(500).json({ code: 'internal_error' }));
  });
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, metrics, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

describe('CSV downloads', () => {
  it('a failure before the first row is an ordinary error the caller answers as JSON', async () => {
    const { server, url, metrics } = await serve(() => failingAfter(0, new Error('query failed')));
    try {
      const response = await download(url);
      expect(response).toEqual({ status: 500, body: '{"code":"internal_error"}', complete: true });
      expect(await metrics.render()).not.toMatch(/seatgate_unexpected_errors_total\{source="download"\}/);
    } finally {
      server.close();
    }
  });

  it('a failure midway breaks the download: no terminating chunk, and it is counted', async () => {
    const { server, url, metrics } = await serve(() => failingAfter(5000, new Error('second batch failed')));
    try {
      const response = await download(url);
      expect(response.status).toBe(200);
      expect(response.body.startsWith('user,n,note\n')).toBe(true);
      expect(response.complete).toBe(false);
      expect(await metrics.render()).toMatch(/seatgate_unexpected_errors_total\{source="download"\} 1/);
    } finally {
      server.close();
    }
  });

  it('writes formula cells as quoted text behind a single quote', async () => {
    const { server, url } = await serve(async function* () {
      yield ['-1', 2, '@cmd'];
      yield ['plain', 3, null];
    });
    try {
      const response = await download(url);
      expect(response).toMatchObject({ status: 200, complete: true });
      expect(response.body).toBe(`user,n,note\n"'-1",2,"'@cmd"\nplain,3,\n`);
    } finally {
      server.close();
    }
  });

  it('opens the file with a UTF-8 BOM, so Excel reads Chinese names right', async () => {
    const { server, url } = await serve(async function* () {
      yield ['张三', 1, '客服'];
    });
    try {
      const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.subarray(3).toString('utf8')).toBe('user,n,note\n张三,1,客服\n');
    } finally {
      server.close();
    }
  });
});
