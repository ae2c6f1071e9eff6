// The HTTP face of the two hot routes, POST /api/v1/login and GET /api/v1/tickets/:ticket. Node's
// request listener answers them before Express (common/http/hot-routes.ts: the same steps as any
// route, the request scope, drain, metrics, client IP, request log, security headers and JSON body,
// without Express's router and Nest's per-request machinery, which cost more CPU than everything
// else a login does); a request not in their plain shape reaches the same handlers as Express
// routes. Refusals are answered by the app's exception filter either way, and their OpenAPI entries
// are added to the document here. The other business routes (explain, /loginTCCC) stay Nest routes
// with BusinessJwtGuard; all of them use BusinessAuthenticator.
import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { businessLoginRequestSchema, type BusinessLoginResponse } from '@seatgate/contracts';
import { z } from 'zod';
import { requestMeta } from '../../common/context/request-meta';
import type { HotRoute } from '../../common/http/hot-routes';
import { setHeaders } from '../../common/http/send';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { AppConfig } from '../../config/app-config';
import { BusinessAuthenticator } from './business-authenticator';
import { KnownOrigins } from './login-cors';
import { LoginService } from './login.service';
import { originOf } from './origin-policy';

export const LOGIN_PATH = '/api/v1/login';
export const TICKET_PATH = '/api/v1/tickets/:ticket';

const TICKET_URL = /^\/api\/v1\/tickets\/([A-Za-z0-9_-]{1,128})$/;

@Injectable()
export class LoginHttp {
  private readonly body = new ZodPipe(businessLoginRequestSchema);

  constructor(
    private readonly logins: LoginService,
    private readonly authenticator: BusinessAuthenticator,
    private readonly known: KnownOrigins,
    private readonly config: AppConfig,
  ) {}

  /** Issues a one-time TCCC login URL for the calling business user. */
  readonly login: HotRoute = {
    method: 'POST',
    pattern: LOGIN_PATH,
    json: true,
    match: (url) => (url === LOGIN_PATH ? {} : null),
    handle: async (req, res) => {
      const origin = originOf(req.headers);
      setHeaders(res, await this.known.corsHeaders(origin, false));
      const ctx = await this.authenticator.authenticate(req.headers.authorization, requestMeta(req));
      const { sdkAppId } = this.body.transform(req.body);
      // never from the request (Host, X-Forwarded-*): a caller must not choose where a URL points
      const issued = await this.logins.issue(ctx, sdkAppId, this.config.publicUrl, origin);
      const json: BusinessLoginResponse = {
        loginUrl: issued.loginUrl,
        expiresAt: issued.expiresAt,
        loginId: issued.loginId,
        multiTab: issued.multiTab,
      };
      return { status: 201, headers: { ...issued.headers, 'Cache-Control': 'no-store' }, json };
    },
  };

  /** Redeems a one-time login URL: 302 to TCCC's SdkURL the first time, a coded refusal after. */
  readonly redeem: HotRoute = {
    method: 'GET',
    pattern: TICKET_PATH,
    json: false,
    match: (url) => {
      const ticket = TICKET_URL.exec(url)?.[1];
      return ticket ? { ticket } : null;
    },
    handle: async (req, res) => {
      const origin = originOf(req.headers);
      setHeaders(res, await this.known.corsHeaders(origin, false));
      const sdkUrl = await this.logins.redeem(String(req.params.ticket), requestMeta(req), origin);
      return {
        status: 302,
        location: sdkUrl,
        headers: {
          'Cache-Control': 'no-store',
          'Referrer-Policy': 'no-referrer',
          'Cross-Origin-Resource-Policy': 'cross-origin',
        },
      };
    },
  };

  /** Their entries in the OpenAPI document, as Nest would have written them. */
  static document(document: OpenAPIObject): void {
    const body = z.toJSONSchema(businessLoginRequestSchema, { io: 'input', unrepresentable: 'any' });
    delete (body as { $schema?: unknown }).$schema;
    document.paths[LOGIN_PATH] = {
      ...document.paths[LOGIN_PATH],
      post: {
        operationId: 'LoginHttp_login',
        summary: 'Issue a one-time TCCC login URL for the calling business user',
        tags: ['business login'],
        security: [{ bearer: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: body as object } } },
        responses: {
          '201': {
            description:
              "{ loginUrl, expiresAt, loginId, multiTab }: multiTab is the tenant's policy for a second tab",
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['loginUrl', 'expiresAt', 'loginId', 'multiTab'],
                  properties: {
                    loginUrl: { type: 'string', format: 'uri' },
                    expiresAt: { type: 'string', format: 'date-time' },
                    loginId: { type: 'string', format: 'uuid' },
                    multiTab: { type: 'string', enum: ['refuse', 'ask', 'takeOver'] },
                  },
                },
              },
            },
          },
          '403': { description: 'seat_signed_out (details.reason), seat_not_mapped, tenant_suspended, …' },
        },
      },
    };
    document.paths['/api/v1/tickets/{ticket}'] = {
      get: {
        operationId: 'LoginHttp_redeem',
        summary: "Redeem a one-time login URL: 302 to TCCC's SdkURL, once",
        tags: ['business login'],
        parameters: [{ name: 'ticket', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '302': { description: "TCCC's one-time SdkURL" } },
      },
    };
  }
}
