// Prometheus metrics: one registry per app, counters fed by the login, limits and TCCC code, and
// /metrics on the main port behind a bearer token (or on an internal port, see main.ts).
import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MetricsModule {}
