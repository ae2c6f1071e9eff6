// The tenant admin's side of SCIM: the tokens (created, shown once, listed, revoked; several may be
// live at once so that a rotation overlaps) and the SCIM page's status (endpoint, settings with
// their defaults, the app new users go to, users, last sync). The settings themselves are tenant
// settings (`scim`), changed through the tenant API.
import { Injectable } from '@nestjs/common';
import {
  resolveScimSettings,
  type ScimStatusView,
  type ScimTokenCreate,
  type ScimTokenCreated,
  type ScimTokenList,
  type ScimTokenView,
} from '@seatgate/contracts';
import { adminEvent } from '../../common/context/audit-actor';
import type { RequestContext } from '../../common/context/request-context';
import { domainError } from '../../common/errors/domain.error';
import { AppConfig } from '../../config/app-config';
import { UnitOfWork } from '../../database/unit-of-work';
import { AppDirectory } from '../apps/app-directory';
import { AuditService } from '../audit/audit.service';
import { tenantSettings } from '../tenants/tenant-settings';
import { TenantsService } from '../tenants/tenants.service';
import { ScimRepository, type ScimTokenRecord } from './scim.repository';
import { newScimToken } from './scim-token';

const toView = (token: ScimTokenRecord): ScimTokenView => ({
  id: token.id,
  label: token.label,
  hint: token.hint,
  createdAt: token.createdAt.toISOString(),
  createdBy: token.createdBy,
  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  revokedAt: token.revokedAt?.toISOString() ?? null,
});

const tokenNotFound = () => domainError('scim_token_not_found', 'SCIM token not found');

@Injectable()
export class ScimAdminService {
  constructor(
    private readonly tenants: TenantsService,
    private readonly apps: AppDirectory,
    private readonly repository: ScimRepository,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
    private readonly config: AppConfig,
  ) {}

  async status(ctx: RequestContext, tenantId: string): Promise<ScimStatusView> {
    const tenant = await this.tenants.require(ctx, tenantId, 'read');
    const settings = resolveScimSettings(tenantSettings(tenant).scim);
    const apps = await this.apps.allOf(tenantId);
    const app = settings.appId
      ? apps.find((candidate) => candidate.id === settings.appId)
      : apps.find((candidate) => candidate.status === 'enabled');
    const [users, activeTokens, state] = await Promise.all([
      this.repository.countUsers(tenantId),
      this.repository.countLiveTokens(tenantId),
      this.repository.stateOf(tenantId),
    ]);
    return {
      endpoint: `${this.config.publicUrl}/scim/v2`,
      settings,
      effectiveAppId: app?.id ?? null,
      users,
      activeTokens,
      lastRequestAt: state?.lastRequestAt?.toISOString() ?? null,
      lastChangeAt: state?.lastChangeAt?.toISOString() ?? null,
    };
  }

  async tokens(ctx: RequestContext, tenantId: string): Promise<ScimTokenList> {
    await this.tenants.require(ctx, tenantId, 'read');
    return { items: (await this.repository.tokensOf(tenantId)).map(toView) };
  }

  async createToken(
    ctx: RequestContext,
    tenantId: string,
    input: ScimTokenCreate,
  ): Promise<ScimTokenCreated> {
    await this.tenants.require(ctx, tenantId, 'write');
    const { token, hash, hint } = newScimToken();
    const created = await this.uow.run(async () => {
      const record = await this.repository.createToken({
        tenantId,
        label: input.label,
        tokenHash: hash,
        hint,
        createdBy: ctx.actor.email,
      });
      await this.audit.append(
        adminEvent(ctx, {
          tenantId,
          action: 'scim.token_created',
          target: { type: 'scim_token', id: record.id },
          details: { label: record.label, hint },
        }),
      );
      return record;
    });
    return { ...toView(created), token };
  }

  async revokeToken(ctx: RequestContext, tenantId: string, tokenId: string): Promise<void> {
    await this.tenants.require(ctx, tenantId, 'write');
    await this.uow.run(async () => {
      const token = await this.repository.findToken(tenantId, tokenId);
      if (!token) throw tokenNotFound();
      if (!(await this.repository.revokeToken(tenantId, tokenId))) return;
      await this.audit.append(
        adminEvent(ctx, {
          tenantId,
          action: 'scim.token_revoked',
          target: { type: 'scim_token', id: tokenId },
          details: { label: token.label, hint: token.hint },
        }),
      );
    });
  }
}
