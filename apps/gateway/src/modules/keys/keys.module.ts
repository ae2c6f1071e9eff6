// Signing keys: the admin API that registers, rotates and revokes tenants' business-token keys.
// Business-user authentication with them is the login slice's (modules/login). KeysRepository and
// JwksFetcher are exported for it and for master-key rotation (modules/master-keys).
import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { JwksFetcher } from './jwks.fetcher';
import { KeysController } from './keys.controller';
import { KeysRepository } from './keys.repository';
import { KeysService } from './keys.service';

@Module({
  imports: [TenantsModule],
  controllers: [KeysController],
  providers: [KeysRepository, KeysService, JwksFetcher],
  exports: [JwksFetcher, KeysRepository],
})
export class KeysModule {}
