import type { SeatSortKey } from '@seatgate/contracts';

export type {
  CursorPage,
  SeatBulk,
  SeatBulkResult,
  SeatCreate,
  SeatImportResult,
  SeatImportRowError,
  SeatPage,
  SeatSortKey,
  SeatUpdate,
  SeatView,
} from '@seatgate/contracts';

export interface SeatFilters {
  q?: string;
  appId?: string;
  status?: 'enabled' | 'disabled';
}

export interface SeatListParams extends SeatFilters {
  cursor?: string;
  /** 1-based page (offset pagination: a page jump) */
  page?: number;
  limit: number;
  sort?: SeatSortKey;
  order?: 'asc' | 'desc';
}
