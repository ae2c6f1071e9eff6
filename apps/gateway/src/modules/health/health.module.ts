// Liveness and readiness (database reachable, every migration this build needs applied). Reads
// only _prisma_migrations.
import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthRepository } from './health.repository';

@Module({ controllers: [HealthController], providers: [HealthRepository] })
export class HealthModule {}
