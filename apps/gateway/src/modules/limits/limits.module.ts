// Rate limits: login attempts per business user, tenant and client IP (LoginLimiter), and the
// upstream TCCC quota per Tencent Cloud account (UpstreamQuota), held in Redis or PostgreSQL so
// that they bind every gateway process together.
import { Global, Module } from '@nestjs/common';
import { LoginLimiter } from './login-limiter';
import { RateLimitStore } from './rate-limit.store';
import { UpstreamQuota } from './upstream-quota';

@Global()
@Module({
  providers: [RateLimitStore, LoginLimiter, UpstreamQuota],
  exports: [LoginLimiter, UpstreamQuota],
})
export class LimitsModule {}
