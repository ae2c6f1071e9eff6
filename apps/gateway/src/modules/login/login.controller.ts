import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { businessLoginExplainQuery, type LoginTcccResponse } from '@seatgate/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { BusinessContext } from '../../common/context/business-context';
import { ApiZodQuery } from '../../common/validation/api-zod.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { AppConfig } from '../../config/app-config';
import { BusinessCtx, BusinessRoute } from './business-route.decorator';
import { LoginService } from './login.service';
import { originOf } from './origin-policy';

// POST /api/v1/login and GET /api/v1/tickets/:ticket are Express routes: see login-http.ts.
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

  @Get('api/v1/login/explain')
  @BusinessRoute('What a login would do now (no TCCC call, no limit consumed)')
  @ApiZodQuery(businessLoginExplainQuery)
  explain(
    @BusinessCtx() ctx: BusinessContext,
    @Query(new ZodPipe(businessLoginExplainQuery)) query: z.infer<typeof businessLoginExplainQuery>,
  ) {
    return this.logins.explain(ctx, query.sdkAppId);
  }

  // Tencent's guide: the page fetches /loginTCCC and injects the returned SdkURL as a script.
  @Get('loginTCCC')
  @BusinessRoute('Tencent guide compatible: { SdkURL } (a one-time Seatgate login URL)')
  async loginTcccGet(
    @BusinessCtx() ctx: BusinessContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginTcccResponse> {
    const issued = await this.logins.issue(ctx, undefined, this.baseUrl(), originOf(req.headers));
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
