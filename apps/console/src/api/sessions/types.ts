export type {
  PresenceHistory,
  SeatSignOut,
  SessionList,
  SessionListQuery,
  SessionView,
  StaffStatus,
} from '@seatgate/contracts';
export { SESSIONS_PAGE_SIZE, STAFF_STATUSES } from '@seatgate/contracts';
