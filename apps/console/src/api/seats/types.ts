export type {
  CursorPage,
  SeatCreate,
  SeatImportResult,
  SeatImportRowError,
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
  limit: number;
}
