// Master keys (platform admins and the operator CLI): which key wraps each stored envelope, and
// rotation under the primary key. The rows it re-wraps belong to the apps and keys modules, which
// do the re-wrapping (AppsService.rewrapAllCredentials, KeysService.rewrapAllSecrets).
import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { AuditModule } from '../audit/audit.module';
import { KeysModule } from '../keys/keys.module';
import { MasterKeysController } from './master-keys.controller';
import { MasterKeysRepository } from './master-keys.repository';
import { MasterKeysService } from './master-keys.service';

@Module({
  imports: [AppsModule, KeysModule, AuditModule],
  controllers: [MasterKeysController],
  providers: [MasterKeysRepository, MasterKeysService],
  exports: [MasterKeysService],
})
export class MasterKeysModule {}
