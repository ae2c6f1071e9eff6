// Who must act when a tenant is suspended or resumed, without the tenants module depending on them:
// the sessions module signs a suspended tenant's online seats out and restores them on resume
// (durable jobs). Listeners run after the status change has committed, in registration order; a
// listener's failure reaches the admin who changed the status, who can repeat it (each listener is
// idempotent: suspending a suspended tenant runs them again).
import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/context/request-context';

export type TenantStatusListener = (
  ctx: RequestContext,
  tenantId: string,
  status: 'active' | 'suspended',
) => Promise<void>;

@Injectable()
export class TenantStatusEvents {
  private readonly listeners: TenantStatusListener[] = [];

  listen(listener: TenantStatusListener): void {
    this.listeners.push(listener);
  }

  async changed(ctx: RequestContext, tenantId: string, status: 'active' | 'suspended'): Promise<void> {
    for (const listener of this.listeners) await listener(ctx, tenantId, status);
  }
}
