import type { MultiTabPolicy } from './tenants';
import { z } from 'zod';

/** POST /api/v1/login: the body may name the app when the user has seats in several. */
export const businessLoginRequestSchema = z
  .object({ sdkAppId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional() })
  .strict();
export type BusinessLoginRequest = z.infer<typeof businessLoginRequestSchema>;

export const businessLoginExplainQuery = z.object({ sdkAppId: z.coerce.number().int().min(1).optional() });

export interface BusinessLoginResponse {
  /** a one-time Seatgate URL: the first GET redirects to TCCC's SdkURL */
  loginUrl: string;
  expiresAt: string;
  loginId: string;
  /** the tenant's policy for a second tab of the same browser profile (the loader applies it) */
  multiTab: MultiTabPolicy;
}

/** The shape Tencent's guide expects from its /loginTCCC route. */
export interface LoginTcccResponse {
  SdkURL: string;
}
