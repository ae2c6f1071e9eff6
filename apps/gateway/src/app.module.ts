import { CacheModule } from './modules/cache/cache.module';
import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { RequestLifecycle } from './common/lifecycle/request-lifecycle';
import { loggerParams } from './common/logging/logger-options';
import { AppConfig } from './config/app-config';
import { AppsModule } from './modules/apps/apps.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { HealthModule } from './modules/health/health.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { KeysModule } from './modules/keys/keys.module';
import { LimitsModule } from './modules/limits/limits.module';
import { LoginModule } from './modules/login/login.module';
import { MasterKeysModule } from './modules/master-keys/master-keys.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { OverviewModule } from './modules/overview/overview.module';
import { SeatsModule } from './modules/seats/seats.module';
import { SessionsModule } from './modules/sessions/sessions.module';
import { ScimModule } from './modules/scim/scim.module';
import { SkillGroupsModule } from './modules/skill-groups/skill-groups.module';
import { TcccModule } from './modules/tccc/tccc.module';
import { TenantsModule } from './modules/tenants/tenants.module';
import { UsersModule } from './modules/users/users.module';
import { PrismaModule } from './prisma/prisma.module';

export interface AppModuleOptions {
  /** where JSON log lines go (tests capture them); stdout by default */
  logStream?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // Validated once in AppConfig.fromEnv; exposed through @nestjs/config as well.
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ seatgate: config })] }),
        LoggerModule.forRoot(loggerParams(config.logLevel, options.logStream)),
        {
          module: AppModule,
          global: true,
          providers: [{ provide: AppConfig, useValue: config }, RequestLifecycle],
          exports: [AppConfig, RequestLifecycle],
        },
        MetricsModule,
        PrismaModule,
        CacheModule,
        AuditModule,
        UsersModule,
        AuthModule,
        TenantsModule,
        AppsModule,
        SeatsModule,
        JobsModule,
        OverviewModule,
        SessionsModule,
        SkillGroupsModule,
        ScimModule,
        KeysModule,
        MasterKeysModule,
        LimitsModule,
        TcccModule,
        LoginModule,
        HealthModule,
      ],
    };
  }
}
