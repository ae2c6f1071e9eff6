import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { AppsController } from './apps.controller';
import { AppsRepository } from './apps.repository';
import { AppsService } from './apps.service';

@Module({
  imports: [TenantsModule],
  controllers: [AppsController],
  providers: [AppsRepository, AppsService],
  exports: [AppsService, AppsRepository],
})
export class AppsModule {}
