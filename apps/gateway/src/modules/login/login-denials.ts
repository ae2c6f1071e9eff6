// The one recorder of refused business logins: the audit event `login.denied` (in the tenant's
// chain when the tenant is known, else the platform's) and the refusal metric, together. Refusals
// whose audit event is written by the statement that refused them (a redemption) only count here.
import { Injectable } from '@nestjs/common';
import type { ErrorCode } from '@seatgate/contracts';
import type { RequestMeta } from '../../common/context/request-context';
import { AuditService } from '../audit/audit.service';
import type { AuditActor } from '../audit/audit.types';
import { MetricsService } from '../metrics/metrics.service';

export interface LoginDenial {
  tenantId: string | null;
  /** the business user, once a verified token named one */
  businessUserId: string | null;
  /** the signing key the token named, when the refusal is about the token */
  keyId?: string | null;
  meta: RequestMeta;
  code: ErrorCode;
  details: Record<string, unknown>;
}

@Injectable()
export class LoginDenials {
  constructor(
    private readonly audit: AuditService,
    private readonly metrics: MetricsService,
  ) {}

  async record(denial: LoginDenial): Promise<void> {
    const actor: AuditActor = denial.businessUserId
      ? { type: 'business_user', id: denial.businessUserId, display: denial.businessUserId }
      : { type: 'anonymous', id: null, display: null };
    await this.audit.record({
      tenantId: denial.tenantId,
      actor,
      action: 'login.denied',
      target: denial.keyId ? { type: 'signing_key', id: denial.keyId } : undefined,
      outcome: 'denied',
      meta: denial.meta,
      details: { reason: denial.code, ...denial.details },
    });
    this.metrics.loginDenied(denial.tenantId, denial.code);
  }

  /** A refusal audited elsewhere (by its own statement), or not audited (throttled floods). */
  count(tenantId: string | null, code: ErrorCode): void {
    this.metrics.loginDenied(tenantId, code);
  }
}
