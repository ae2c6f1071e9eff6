import { useMutation } from '@tanstack/react-query';
import { api } from '../client';
import { usagePath } from './queries';
import type { UsageParams } from './types';

/** The period's usage as CSV (UTF-8 with a BOM, one row per figure), streamed by the gateway. */
export function useExportUsage(tenantId: string) {
  return useMutation({
    mutationFn: (params: UsageParams) =>
      api.download(`${usagePath(tenantId)}/export`, { ...params }, 'usage.csv'),
  });
}
