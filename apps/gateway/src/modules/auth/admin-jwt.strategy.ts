import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../config/app-config';
import type { AdminActor } from '../../common/context/request-context';
import { ADMIN_TOKEN_AUDIENCE, AuthService, type AdminTokenPayload } from './auth.service';

@Injectable()
export class AdminJwtStrategy extends PassportStrategy(Strategy, 'admin-jwt') {
  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.adminJwtSecret,
      algorithms: ['HS256'],
      audience: ADMIN_TOKEN_AUDIENCE,
      issuer: 'seatgate',
      ignoreExpiration: false,
    });
  }

  async validate(payload: AdminTokenPayload): Promise<AdminActor | false> {
    return (await this.auth.actorForToken(payload)) ?? false;
  }
}
