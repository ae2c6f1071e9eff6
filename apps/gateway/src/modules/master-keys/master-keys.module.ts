// Master keys (platform admins and the operator CLI): which key wraps each stored envelope, and
// rotation under the primary key. The rows it re-wraps belong to the apps and keys modules.
import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module';
import { KeysModule } from '../keys/keys.module';
import { MasterKeysController } from './master-keys.controller';
import { MasterKeysRepository } from './master-keys.repository';
import { MasterKeysService } from './master-keys.service';

@Module({
  imports: [AppsModule, KeysModule],
  controllers: [MasterKeysController],
  providers: [MasterKeysRepository, MasterKeysService],
  exports: [MasterKeysService],
})
export class MasterKeysModule {}
