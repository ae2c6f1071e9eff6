// Admin sign-in and sessions (admin_sessions, admin_refresh_rotations): the admin JWT strategy,
// login, refresh, logout, me. Reads accounts through the users module's AdminUserDirectory.
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '../../config/app-config';
import { AuditModule } from '../audit/audit.module';
import { LimitsModule } from '../limits/limits.module';
import { UsersModule } from '../users/users.module';
import { AdminJwtStrategy } from './admin-jwt.strategy';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { ADMIN_TOKEN_AUDIENCE, AuthService } from './auth.service';

@Module({
  imports: [
    PassportModule,
    UsersModule,
    AuditModule,
    LimitsModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.adminJwtSecret,
        signOptions: {
          algorithm: 'HS256',
          expiresIn: config.adminAccessTtlSeconds,
          audience: ADMIN_TOKEN_AUDIENCE,
          issuer: 'seatgate',
        },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, AuthRepository, AdminJwtStrategy],
})
export class AuthModule {}
