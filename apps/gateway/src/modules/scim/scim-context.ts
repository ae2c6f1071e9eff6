// Who calls the SCIM API: one of a tenant's SCIM tokens (ScimAuthGuard found it), with the tenant,
// its SCIM settings and the request; @ScimCtx() hands it to a route, and refuses where the guard
// did not run.
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ResolvedScimSettings } from '@seatgate/contracts';
import type { Request } from 'express';
import type { RequestMeta } from '../../common/context/request-context';
import type { AuditActor } from '../audit/audit.types';
import type { Tenant } from '../tenants/tenants.service';

export interface ScimContext extends RequestMeta {
  tokenId: string;
  tokenLabel: string;
  tenant: Tenant;
  settings: ResolvedScimSettings;
  /** the base URL of the SCIM API, for `location` */
  base: string;
}

export type ScimRequest = Request & { scim?: ScimContext };

/** The audit's actor for a SCIM call: the token, by id (its label as the display). */
export const scimActor = (ctx: ScimContext): AuditActor => ({
  type: 'scim_token',
  id: ctx.tokenId,
  display: ctx.tokenLabel,
});

export const ScimCtx = createParamDecorator((_: unknown, host: ExecutionContext): ScimContext => {
  const request = host.switchToHttp().getRequest<ScimRequest>();
  if (!request.scim) throw new Error('@ScimCtx() used on a route without ScimAuthGuard');
  return request.scim;
});
