// Rate limits: login attempts per business user, tenant and client IP (LoginLimiter), and the
// upstream TCCC quota per Tencent Cloud account (UpstreamQuota), admin sign-in throttling
// (SignInThrottle), held in Redis or PostgreSQL so that they bind every gateway process together.
import { Global, Module } from '@nestjs/common';
import { LoginLimiter } from './login-limiter';
import { RateLimitStore } from './rate-limit.store';
import { SignInThrottle } from './sign-in-throttle';
import { UpstreamQuota } from './upstream-quota';

@Global()
@Module({
  providers: [RateLimitStore, LoginLimiter, UpstreamQuota, SignInThrottle],
  exports: [LoginLimiter, UpstreamQuota, SignInThrottle],
})
export class LimitsModule {}
