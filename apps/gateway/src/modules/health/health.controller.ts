// Liveness (the process answers) and readiness (the database answers and has every migration this
// build needs). Newer migrations than this build knows are reported but do not fail readiness, so a
// rolling upgrade can migrate first without taking the running gateways out of rotation.
import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiTags } from '@nestjs/swagger';
import { readMigrations } from '../../database/migrator';
import { HealthRepository } from './health.repository';

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly expected = readMigrations().map((migration) => migration.name);

  constructor(private readonly health: HealthRepository) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response) {
    let applied: string[];
    try {
      applied = await this.health.appliedMigrations();
    } catch {
      res.status(503);
      return { status: 'unavailable', database: 'unreachable or not migrated' };
    }
    const pending = this.expected.filter((name) => !applied.includes(name));
    const unknown = applied.filter((name) => !this.expected.includes(name));
    if (pending.length > 0) {
      res.status(503);
      return { status: 'unavailable', database: 'ok', migrations: { pending, unknown } };
    }
    return {
      status: 'ok',
      database: 'ok',
      migrations: applied.length,
      ...(unknown.length > 0 ? { newerMigrations: unknown } : {}),
    };
  }
}
