// CSV export of a tenant's seat mappings, streamed in keyset batches.
import { Injectable } from '@nestjs/common';
import { SEAT_EXPORT_COLUMNS, type SeatListQuery } from '@seatgate/contracts';
import type { RequestContext } from '../../common/context/request-context';
import type { CsvCell, CsvDownload } from '../../common/csv/csv-download';
import { keysetBatches } from '../../common/pagination/cursor';
import { TenantsService } from '../tenants/tenants.service';
import { seatPosition } from './seat-view';
import { SeatsRepository } from './seats.repository';

/** Rows per query while exporting. */
export const EXPORT_BATCH = 2000;

@Injectable()
export class SeatExportService {
  constructor(
    private readonly seats: SeatsRepository,
    private readonly tenants: TenantsService,
  ) {}

  async export(ctx: RequestContext, tenantId: string, query: SeatListQuery): Promise<CsvDownload> {
    await this.tenants.require(ctx, tenantId, 'read');
    const batches = keysetBatches(
      (after, take) => this.seats.list(tenantId, query, after, take),
      EXPORT_BATCH,
      seatPosition,
    );
    async function* rows(): AsyncGenerator<CsvCell[]> {
      for await (const seat of batches) {
        yield [
          seat.businessUserId,
          Number(seat.app.sdkAppId),
          seat.seatUserId,
          seat.displayName ?? '',
          seat.status,
          // provision: empty, so that the file imports back as mappings (the seats exist)
          '',
          seat.staffNumber ?? '',
          seat.phone ?? '',
          seat.role ?? '',
          seat.skillGroups.join(';'),
        ];
      }
    }
    return {
      filename: 'seats.csv',
      columns: SEAT_EXPORT_COLUMNS,
      rows: rows(),
    };
  }
}
