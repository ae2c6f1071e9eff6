// Signing keys (admin API) and business-user authentication (the `business-jwt` passport
// strategy). Modules with business routes import KeysModule and use @BusinessRoute(), whose
// BusinessJwtGuard is exported here; the strategy registers itself with passport when created.
// KeysRepository is exported for master-key rotation (modules/master-keys).
import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { BusinessJwtGuard } from '../../common/guards/business-jwt.guard';
import { TenantsModule } from '../tenants/tenants.module';
import { BusinessJwtStrategy } from './business-jwt.strategy';
import { BusinessKeyResolver } from './business-key.resolver';
import { JwksFetcher } from './jwks.fetcher';
import { KeysController } from './keys.controller';
import { KeysRepository } from './keys.repository';
import { KeysService } from './keys.service';

@Module({
  imports: [PassportModule, TenantsModule],
  controllers: [KeysController],
  providers: [
    KeysRepository,
    KeysService,
    JwksFetcher,
    BusinessKeyResolver,
    BusinessJwtStrategy,
    BusinessJwtGuard,
  ],
  exports: [BusinessJwtGuard, BusinessKeyResolver, KeysRepository],
})
export class KeysModule {}
