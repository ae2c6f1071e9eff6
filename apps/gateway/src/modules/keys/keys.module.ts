// Signing keys (admin API) and business-user authentication (the `business-jwt` passport
// strategy). Modules with business routes import KeysModule and use @BusinessRoute(), whose
// BusinessJwtGuard is exported here; the strategy registers itself with passport when created.
// Owns signing_keys; KeysService.rewrapAllSecrets is master-key rotation's pass over HS256 secrets.
import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { BusinessJwtGuard } from '../../common/guards/business-jwt.guard';
import { AuditModule } from '../audit/audit.module';
import { CacheModule } from '../cache/cache.module';
import { LimitsModule } from '../limits/limits.module';
import { MetricsModule } from '../metrics/metrics.module';
import { TenantsModule } from '../tenants/tenants.module';
import { BusinessJwtStrategy } from './business-jwt.strategy';
import { BusinessKeyResolver } from './business-key.resolver';
import { JwksFetcher } from './jwks.fetcher';
import { KeysController } from './keys.controller';
import { KeysRepository } from './keys.repository';
import { KeysService } from './keys.service';

@Module({
  imports: [PassportModule, TenantsModule, AuditModule, CacheModule, LimitsModule, MetricsModule],
  controllers: [KeysController],
  providers: [
    KeysRepository,
    KeysService,
    JwksFetcher,
    BusinessKeyResolver,
    BusinessJwtStrategy,
    BusinessJwtGuard,
  ],
  exports: [BusinessJwtGuard, BusinessKeyResolver, KeysService],
})
export class KeysModule {}
