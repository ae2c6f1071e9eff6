// SCIM's authentication: `Authorization: Bearer <token>`, one of the tenant's live SCIM tokens
// (looked up by its SHA-256 and marked used in one statement), on a tenant that is active and has
// SCIM turned on.
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { resolveScimSettings } from '@seatgate/contracts';
import { requestMeta } from '../../common/context/request-meta';
import { AppConfig } from '../../config/app-config';
import { tenantSettings } from '../tenants/tenant-settings';
import { TenantsService } from '../tenants/tenants.service';
import type { ScimRequest } from './scim-context';
import { scimErrors } from './scim.errors';
import { ScimRepository } from './scim.repository';
import { hashScimToken, looksLikeScimToken } from './scim-token';

@Injectable()
export class ScimAuthGuard implements CanActivate {
  constructor(
    private readonly repository: ScimRepository,
    private readonly tenants: TenantsService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ScimRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1] || !looksLikeScimToken(match[1])) throw scimErrors.unauthorized();
    const token = await this.repository.useToken(hashScimToken(match[1]));
    if (!token) throw scimErrors.unauthorized();
    const tenant = await this.tenants.lookup(token.tenantId);
    if (!tenant) throw scimErrors.unauthorized();
    if (tenant.status !== 'active') throw scimErrors.suspended();
    const settings = resolveScimSettings(tenantSettings(tenant).scim);
    if (!settings.enabled) throw scimErrors.disabled();
    request.scim = {
      ...requestMeta(request),
      tokenId: token.id,
      tokenLabel: token.label,
      tenant,
      settings,
      base: `${this.config.publicUrl}/scim/v2`,
    };
    return true;
  }
}
