import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  businessLoginExplainQuery,
  businessLoginRequestSchema,
  type BusinessLoginRequest,
  type BusinessLoginResponse,
  type LoginTcccResponse,
} from '@seatgate/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { BusinessContext } from '../../common/context/business-context';
import { BusinessCtx, BusinessRoute } from '../../common/decorators/business-route.decorator';
import { Meta } from '../../common/decorators/admin-route.decorator';
import type { RequestMeta } from '../../common/context/request-context';
import { ApiZodBody, ApiZodQuery } from '../../common/validation/api-zod.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { AppConfig } from '../../config/app-config';
import { LoginService } from './login.service';

const origin = (req: Request) => (typeof req.headers.origin === 'string' ? req.headers.origin : undefined);

@ApiTags('business login')
@Controller()
export class LoginController {
  constructor(
    private readonly logins: LoginService,
    private readonly config: AppConfig,
  ) {}

  /** Never from the request (Host, X-Forwarded-*): a caller must not choose where a login URL points. */
  private baseUrl(): string {
    return this.config.publicUrl;
  }

  @Post('api/v1/login')
  @BusinessRoute('Issue a one-time TCCC login URL for the calling business user')
  @ApiZodBody(businessLoginRequestSchema)
  async login(
    @BusinessCtx() ctx: BusinessContext,
    @Body(new ZodPipe(businessLoginRequestSchema)) body: BusinessLoginRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BusinessLoginResponse> {
    const issued = await this.logins.issue(ctx, body.sdkAppId, this.baseUrl(), origin(req));
    for (const [name, value] of Object.entries(issued.headers)) res.setHeader(name, value);
    res.setHeader('Cache-Control', 'no-store');
    return { loginUrl: issued.loginUrl, expiresAt: issued.expiresAt, loginId: issued.loginId };
  }

  @Get('api/v1/login/explain')
  @BusinessRoute('What a login would do now (no TCCC call, no limit consumed)')
  @ApiZodQuery(businessLoginExplainQuery)
  explain(
    @BusinessCtx() ctx: BusinessContext,
    @Query(new ZodPipe(businessLoginExplainQuery)) query: z.infer<typeof businessLoginExplainQuery>,
  ) {
    return this.logins.explain(ctx, query.sdkAppId);
  }

  @Get('api/v1/tickets/:ticket')
  async redeem(
    @Param('ticket') ticket: string,
    @Meta() meta: RequestMeta,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const sdkUrl = await this.logins.redeem(ticket, meta, origin(req));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.redirect(302, sdkUrl);
  }

  // Tencent's guide: the page fetches /loginTCCC and injects the returned SdkURL as a script.
  @Get('loginTCCC')
  @BusinessRoute('Tencent guide compatible: { SdkURL } (a one-time Seatgate login URL)')
  async loginTcccGet(
    @BusinessCtx() ctx: BusinessContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginTcccResponse> {
    const issued = await this.logins.issue(ctx, undefined, this.baseUrl(), origin(req));
    for (const [name, value] of Object.entries(issued.headers)) res.setHeader(name, value);
    res.setHeader('Cache-Control', 'no-store');
    return { SdkURL: issued.loginUrl };
  }

  @Post('loginTCCC')
  @HttpCode(200)
  @BusinessRoute('Tencent guide compatible: { SdkURL } (a one-time Seatgate login URL)')
  loginTcccPost(
    @BusinessCtx() ctx: BusinessContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginTcccResponse> {
    return this.loginTcccGet(ctx, req, res);
  }
}
