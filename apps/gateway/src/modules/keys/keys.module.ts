// Signing keys: the admin API that registers, rotates and revokes tenants' business-token keys.
// Owns signing_keys. Business-user authentication with them is the login slice's (modules/login),
// which reads them through SigningKeyLookup and JwksFetcher; KeysService.rewrapAllSecrets is
// master-key rotation's pass over HS256 secrets.
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TenantsModule } from '../tenants/tenants.module';
import { JwksFetcher } from './jwks.fetcher';
import { KeysController } from './keys.controller';
import { KeysRepository } from './keys.repository';
import { KeysService } from './keys.service';
import { SigningKeyLookup } from './signing-key-lookup';

@Module({
  imports: [TenantsModule, AuditModule],
  controllers: [KeysController],
  providers: [KeysRepository, KeysService, JwksFetcher, SigningKeyLookup],
  exports: [JwksFetcher, SigningKeyLookup, KeysService],
})
export class KeysModule {}
