// The business login, in one slice: business-token authentication (key resolver, claims, the
// authenticator and its Nest guard), the origin policy and CORS, the login and redemption flow with
// its one denial recorder, its repository, and the HTTP face of its two hot routes (login-http.ts).
import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CacheModule } from '../cache/cache.module';
import { KeysModule } from '../keys/keys.module';
import { SeatDirectoryModule } from '../seats/seat-directory.module';
import { TenantsModule } from '../tenants/tenants.module';
import { LimitsModule } from '../limits/limits.module';
import { MetricsModule } from '../metrics/metrics.module';
import { TcccModule } from '../tccc/tccc.module';
import { BusinessAuthenticator } from './business-authenticator';
import { BusinessJwtGuard } from './business-jwt.guard';
import { BusinessKeyResolver } from './business-key.resolver';
import { KnownOrigins, LoginCorsMiddleware } from './login-cors';
import { LoginDenials } from './login-denials';
import { LoginHttp } from './login-http';
import { LoginController } from './login.controller';
import { LoginRepository } from './login.repository';
import { LoginService } from './login.service';

@Module({
  imports: [
    KeysModule,
    AuditModule,
    CacheModule,
    LimitsModule,
    MetricsModule,
    SeatDirectoryModule,
    TenantsModule,
    TcccModule,
  ],
  controllers: [LoginController],
  providers: [
    LoginRepository,
    LoginService,
    LoginDenials,
    BusinessKeyResolver,
    BusinessAuthenticator,
    BusinessJwtGuard,
    KnownOrigins,
    LoginCorsMiddleware,
    LoginHttp,
  ],
  exports: [BusinessJwtGuard, BusinessAuthenticator, LoginHttp],
})
export class LoginModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // every browser-facing path, including unknown ones (a wrong gateway path must answer a
    // readable 404, not a CORS failure); never the admin API
    consumer
      .apply(LoginCorsMiddleware)
      .exclude(
        'api/admin/*path',
        'api/auth/*path',
        'api/docs',
        'api/docs/*path',
        'api/docs-json',
        'health/*path',
      )
      .forRoutes('*path');
  }
}
