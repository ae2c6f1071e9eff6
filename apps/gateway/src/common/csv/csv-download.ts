// Streams a CSV download to the client. The first rows are read before a byte is sent, so a query
// that fails at once is an ordinary JSON error; a failure after that destroys the connection, so
// the client sees a broken download (no terminating chunk), never a complete-looking file. Every
// cell goes through the formula neutralisation (OWASP CSV Injection). Files open with a UTF-8 BOM.
import { Injectable, Logger } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import type { Request, Response } from 'express';
import { pipeline, Readable } from 'node:stream';
import { MetricsService } from '../../modules/metrics/metrics.service';
import { neutraliseFormula, QUOTED_CELL } from './formula-cells';

export type CsvCell = string | number | null;

export interface CsvDownload {
  filename: string;
  columns: readonly string[];
  rows: AsyncIterable<CsvCell[]>;
}

function cells(row: CsvCell[]): string[] {
  return row.map((cell) => neutraliseFormula(cell === null ? '' : String(cell)));
}

function isClientGone(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE';
}

@Injectable()
export class CsvDownloads {
  private readonly logger = new Logger('CsvDownload');

  constructor(private readonly metrics: MetricsService) {}

  /** Reads the first row (its errors reject, before anything is written), then streams the rest. */
  async send(req: Request, res: Response, download: CsvDownload): Promise<void> {
    const iterator = download.rows[Symbol.asyncIterator]();
    const first = await iterator.next();
    async function* all(): AsyncGenerator<string[]> {
      if (first.done) return;
      yield cells(first.value);
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield cells(next.value);
      }
    }
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${download.filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    await new Promise<void>((resolve) => {
      pipeline(
        Readable.from(all()),
        // a UTF-8 BOM first: without it Excel (Chinese Excel above all) reads the file as ANSI/GBK
        stringify({ bom: true, header: true, columns: [...download.columns], quoted_match: QUOTED_CELL }),
        res,
        (error) => {
          if (error) this.brokenMidway(req, res, error);
          resolve();
        },
      );
    });
  }

  private brokenMidway(req: Request, res: Response, error: unknown): void {
    // destroy, never end: a chunked response without its last chunk is a failed download
    res.destroy();
    req.destroy();
    const requestId = String((req as Request & { id?: unknown }).id ?? '');
    if (isClientGone(error)) {
      this.logger.warn({ requestId }, 'the client left during a CSV download');
      return;
    }
    this.logger.error({ err: error, requestId }, 'CSV download failed midway; connection closed');
    this.metrics.unexpectedError('download');
  }
}
