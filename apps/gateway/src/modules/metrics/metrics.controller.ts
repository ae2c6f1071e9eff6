// GET /metrics on the main port, for scrapers that hold SEATGATE_METRICS_TOKEN. When metrics have
// their own internal port, or no token is configured, the route answers like any unknown path.
import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { metricsErrors } from './metrics.errors';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from './metrics.service';

const digest = (value: string) => createHash('sha256').update(value).digest();

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: Response) {
    const { token, port } = this.config.metrics;
    if (token === null || port !== null) throw metricsErrors.noRoute();
    const presented = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
    // compare digests: equal lengths, and the time taken says nothing about the token
    if (!timingSafeEqual(digest(presented), digest(token))) {
      throw metricsErrors.tokenInvalid();
    }
    res.setHeader('Content-Type', this.metrics.contentType());
    res.setHeader('Cache-Control', 'no-store');
    res.send(await this.metrics.render());
  }
}
