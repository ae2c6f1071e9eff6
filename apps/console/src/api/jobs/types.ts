export type {
  JobKind,
  JobRowFilter,
  JobRowOutcome,
  JobRowView,
  JobStarter,
  JobStatus,
  JobView,
  Page,
} from '@seatgate/contracts';
export { JOB_ROW_FILTERS, JOB_ROW_OUTCOMES } from '@seatgate/contracts';

export interface JobLinesParams {
  page: number;
  pageSize: number;
  outcome?: import('@seatgate/contracts').JobRowFilter;
}
