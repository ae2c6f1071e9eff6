// Liveness (the process answers) and readiness (the database answers and has exactly the
// migrations this build knows).
import { Controller, Get, HttpCode, HttpException } from '@nestjs/common';
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
  @HttpCode(200)
  async ready() {
    let applied: string[];
    try {
      applied = await this.health.appliedMigrations();
    } catch {
      throw new HttpException({ status: 'unavailable', database: 'unreachable or not migrated' }, 503);
    }
    const pending = this.expected.filter((name) => !applied.includes(name));
    const unknown = applied.filter((name) => !this.expected.includes(name));
    if (pending.length > 0 || unknown.length > 0) {
      throw new HttpException(
        { status: 'unavailable', database: 'ok', migrations: { pending, unknown } },
        503,
      );
    }
    return { status: 'ok', database: 'ok', migrations: applied.length };
  }
}
