import { useMutation, useQueryClient } from '@tanstack/react-query';
import { appKeys } from '../apps/keys';
import { api } from '../client';
import { tenantKeys } from '../tenants/keys';
import { seatKeys } from './keys';
import type {
  SeatBulk,
  SeatBulkResult,
  SeatCreate,
  SeatFilters,
  SeatImportResult,
  SeatUpdate,
  SeatView,
} from './types';

const base = (tenantId: string) => `/api/admin/tenants/${tenantId}/seats`;

function useInvalidateSeats(tenantId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: seatKeys.all(tenantId) }),
      queryClient.invalidateQueries({ queryKey: tenantKeys.detail(tenantId) }),
      // the TCCC seats view marks staff mapped or not
      queryClient.invalidateQueries({ queryKey: [...appKeys.all(tenantId), 'staff'] }),
    ]);
}

export function useCreateSeat(tenantId: string) {
  const invalidate = useInvalidateSeats(tenantId);
  return useMutation({
    mutationFn: (input: SeatCreate) => api.post<SeatView>(base(tenantId), input),
    onSuccess: invalidate,
  });
}

export function useUpdateSeat(tenantId: string) {
  const invalidate = useInvalidateSeats(tenantId);
  return useMutation({
    mutationFn: ({ seatId, input }: { seatId: string; input: SeatUpdate }) =>
      api.patch<SeatView>(`${base(tenantId)}/${seatId}`, input),
    onSuccess: invalidate,
  });
}

export function useDeleteSeat(tenantId: string) {
  const invalidate = useInvalidateSeats(tenantId);
  return useMutation({
    mutationFn: (seatId: string) => api.delete(`${base(tenantId)}/${seatId}`),
    onSuccess: invalidate,
  });
}

/** Disable, enable or delete selected mappings, or all matching a filter, in one transaction. */
export function useBulkSeats(tenantId: string) {
  const invalidate = useInvalidateSeats(tenantId);
  return useMutation({
    mutationFn: (input: SeatBulk) => api.post<SeatBulkResult>(`${base(tenantId)}/bulk`, input),
    onSuccess: invalidate,
  });
}

/**
 * CSV import. With dryRun the gateway checks every row and writes nothing; a bad file fails with
 * 422 import_rejected, details.errors [{ line, reason }] and, as codes with params, details.problems
 * [{ line, field?, code, params? }] — unless skipInvalid: then the valid rows are imported (or, with
 * dryRun, counted) and the bad ones come back as `skipped` and `problems`.
 */
export function useImportSeats(tenantId: string) {
  const invalidate = useInvalidateSeats(tenantId);
  return useMutation({
    mutationFn: ({
      csv,
      dryRun,
      skipInvalid = false,
    }: {
      csv: string;
      dryRun: boolean;
      skipInvalid?: boolean;
    }) =>
      api.upload<SeatImportResult>(`${base(tenantId)}/import`, csv, 'text/csv; charset=utf-8', {
        dryRun: dryRun ? 'true' : 'false',
        skipInvalid: skipInvalid ? 'true' : 'false',
      }),
    onSuccess: (_result, { dryRun }) => (dryRun ? undefined : invalidate()),
  });
}

/** The mappings matching the filters, as a CSV (UTF-8 with BOM) or an Excel workbook. */
export function useExportSeats(tenantId: string) {
  return useMutation({
    mutationFn: ({ filters, format }: { filters: SeatFilters; format: 'csv' | 'xlsx' }) =>
      format === 'xlsx'
        ? api.download(`${base(tenantId)}/export/xlsx`, { ...filters }, 'seats.xlsx')
        : api.download(`${base(tenantId)}/export`, { ...filters }, 'seats.csv'),
  });
}
