export type { AdminRole, LoginRequest, LoginResponse, MeView, PasswordChange } from '@seatgate/contracts';
