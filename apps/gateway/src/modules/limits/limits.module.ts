// Rate limits: login attempts per business user, tenant and client IP (LoginLimiter), the
// upstream TCCC quota per Tencent Cloud account (UpstreamQuota) and admin sign-in throttling
// (SignInThrottle), SCIM requests per tenant (ScimThrottle), held in Redis or PostgreSQL so that they bind every gateway process together;
// and failed business authentications per client IP (BusinessAuthFailures), held in memory so
// that refusing a flood costs no I/O.
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { BusinessAuthFailures } from './business-auth-failures';
import { LoginLimiter } from './login-limiter';
import { RateLimitStore } from './rate-limit.store';
import { ScimThrottle } from './scim-throttle';
import { SignInThrottle } from './sign-in-throttle';
import { UpstreamQuota } from './upstream-quota';

@Module({
  imports: [AuditModule],
  providers: [
    RateLimitStore,
    LoginLimiter,
    UpstreamQuota,
    SignInThrottle,
    BusinessAuthFailures,
    ScimThrottle,
  ],
  exports: [LoginLimiter, UpstreamQuota, SignInThrottle, BusinessAuthFailures, ScimThrottle],
})
export class LimitsModule {}
