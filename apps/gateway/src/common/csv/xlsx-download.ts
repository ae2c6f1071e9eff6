// The same table downloads as csv-download.ts, as an Excel workbook (.xlsx, one sheet), written with
// exceljs's streaming WorkbookWriter: rows go out as they are read, never held whole. Like the CSV,
// the first row is read before a byte is sent (a query failing at once is an ordinary JSON error),
// and a failure midway destroys the connection so no complete-looking file arrives. Cells are
// written as typed values (text stays text): an .xlsx cell is a formula only when written as one,
// so no formula neutralisation is needed, and an exported file imports back unchanged.
import { Injectable, Logger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Request, Response } from 'express';
import { MetricsService } from '../../modules/metrics/metrics.service';
import type { CsvDownload } from './csv-download';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@Injectable()
export class XlsxDownloads {
  private readonly logger = new Logger('XlsxDownload');

  constructor(private readonly metrics: MetricsService) {}

  /** `download` as a workbook named like it, with .xlsx for .csv. */
  async send(req: Request, res: Response, download: CsvDownload, sheetName: string): Promise<void> {
    const iterator = download.rows[Symbol.asyncIterator]();
    const first = await iterator.next();
    const filename = download.filename.replace(/\.csv$/, '') + '.xlsx';
    res.status(200);
    res.setHeader('Content-Type', XLSX_CONTENT_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    const finished = new Promise<void>((resolve) => {
      res.on('finish', resolve);
      res.on('close', resolve);
    });
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: res,
      useSharedStrings: false,
      useStyles: false,
    });
    try {
      const sheet = workbook.addWorksheet(sheetName);
      sheet.addRow([...download.columns]).commit();
      if (!first.done) {
        sheet.addRow(first.value).commit();
        for (;;) {
          if (res.destroyed)
            throw Object.assign(new Error('client gone'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
          const next = await iterator.next();
          if (next.done) break;
          sheet.addRow(next.value).commit();
        }
      }
      sheet.commit();
      await workbook.commit();
      await finished;
    } catch (error) {
      this.brokenMidway(req, res, error);
    }
  }

  private brokenMidway(req: Request, res: Response, error: unknown): void {
    res.destroy();
    req.destroy();
    const requestId = String((req as Request & { id?: unknown }).id ?? '');
    if ((error as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE') {
      this.logger.warn({ requestId }, 'the client left during an .xlsx download');
      return;
    }
    this.logger.error({ err: error, requestId }, '.xlsx download failed midway; connection closed');
    this.metrics.unexpectedError('download');
  }
}
