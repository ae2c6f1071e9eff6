export type { AdminRole, LoginRequest, LoginResponse, MeView } from '@seatgate/contracts';
