// The TCCC API client (staff lists, SDK login URLs): per-account upstream quota, circuit breaker
// and metrics around tencentcloud-sdk-nodejs. Owns no table.
import { Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module';
import { LimitsModule } from '../limits/limits.module';
import { MetricsModule } from '../metrics/metrics.module';
import { TcccService } from './tccc.service';

@Module({
  imports: [CacheModule, LimitsModule, MetricsModule],
  providers: [TcccService],
  exports: [TcccService],
})
export class TcccModule {}
