import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  loginSchema,
  passwordChangeSchema,
  type LoginRequest,
  type LoginResponse,
  type PasswordChange,
} from '@seatgate/contracts';
import type { Request, Response } from 'express';
import { AppConfig } from '../../config/app-config';
import type { RequestContext, RequestMeta } from '../../common/context/request-context';
import { ZodBody } from '../../common/validation/zod-request.decorator';
import { AdminRoute, Ctx, Meta } from '../../common/decorators/admin-route.decorator';
import { AuthService, type IssuedSession } from './auth.service';

export const REFRESH_COOKIE = 'sg_refresh';
const COOKIE_PATH = '/api/auth';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  private respond(res: Response, issued: IssuedSession): LoginResponse {
    res.cookie(REFRESH_COOKIE, issued.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: COOKIE_PATH,
      expires: issued.refreshExpiresAt,
    });
    res.setHeader('Cache-Control', 'no-store');
    return {
      accessToken: issued.accessToken,
      expiresIn: issued.expiresIn,
      passwordChangeRequired: issued.passwordChangeRequired,
    };
  }

  @Post('login')
  @HttpCode(200)
  async login(
    @ZodBody(loginSchema) body: LoginRequest,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    return this.respond(res, await this.auth.login(body, meta));
  }

  @Post('refresh')
  @HttpCode(200)
  async refresh(
    @Req() req: Request,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    const cookies = (req as Request & { cookies?: Record<string, string> }).cookies ?? {};
    return this.respond(res, await this.auth.refresh(cookies[REFRESH_COOKIE], meta));
  }

  @Post('logout')
  @HttpCode(204)
  @AdminRoute({ role: 'auditor', summary: 'End this session', beforePasswordChange: true })
  async logout(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(ctx);
    res.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
  }

  @Get('me')
  @AdminRoute({ role: 'auditor', summary: 'Who am I', beforePasswordChange: true })
  me(@Ctx() ctx: RequestContext) {
    return this.auth.me(ctx);
  }

  /** The admin's own password; every other session ends, this one continues in a new session. */
  @Post('password')
  @HttpCode(200)
  @AdminRoute({ role: 'auditor', summary: 'Change my password', beforePasswordChange: true })
  async changePassword(
    @Ctx() ctx: RequestContext,
    @ZodBody(passwordChangeSchema) body: PasswordChange,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    return this.respond(res, await this.auth.changeOwnPassword(ctx, body));
  }
}
