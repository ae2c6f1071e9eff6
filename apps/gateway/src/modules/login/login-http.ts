// The HTTP face of the two hot routes, POST /api/v1/login and GET /api/v1/tickets/:ticket, as plain
// Express routes mounted ahead of Nest's router (app.factory.ts). Every Express middleware still
// runs before them (request scope, drain, metrics, trust proxy, security headers, JSON body, and the
// request log, mounted with them); what they skip is Nest's per-request machinery (router proxy,
// guard and pipe consumers, interceptors), which cost more CPU than everything else a login does.
// Their refusals go through Nest's exception filter like every other route's (next(error)), and
// their OpenAPI entries are added to the document here. The other business routes (explain,
// /loginTCCC) stay Nest routes with BusinessJwtGuard; both use BusinessAuthenticator.
import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { businessLoginRequestSchema, type BusinessLoginResponse } from '@seatgate/contracts';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { requestMeta } from '../../common/context/request-meta';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { AppConfig } from '../../config/app-config';
import { BusinessAuthenticator } from './business-authenticator';
import { KnownOrigins } from './login-cors';
import { LoginService } from './login.service';
import { originOf } from './origin-policy';

export const LOGIN_PATH = '/api/v1/login';
export const TICKET_PATH = '/api/v1/tickets/:ticket';

type Handler = (req: Request, res: Response, next: NextFunction) => void;

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
  readonly login: Handler = (req, res, next) => {
    const origin = originOf(req.headers);
    this.known
      .corsHeaders(origin, false)
      .then(async (cors) => {
        res.set(cors);
        const ctx = await this.authenticator.authenticate(req.headers.authorization, requestMeta(req));
        const { sdkAppId } = this.body.transform(req.body);
        // never from the request (Host, X-Forwarded-*): a caller must not choose where a URL points
        const issued = await this.logins.issue(ctx, sdkAppId, this.config.publicUrl, origin);
        res.set(issued.headers);
        res.setHeader('Cache-Control', 'no-store');
        const answer: BusinessLoginResponse = {
          loginUrl: issued.loginUrl,
          expiresAt: issued.expiresAt,
          loginId: issued.loginId,
        };
        res.status(201).json(answer);
      })
      .catch(next);
  };

  /** Redeems a one-time login URL: 302 to TCCC's SdkURL the first time, a coded refusal after. */
  readonly redeem: Handler = (req, res, next) => {
    const origin = originOf(req.headers);
    this.known
      .corsHeaders(origin, false)
      .then(async (cors) => {
        res.set(cors);
        const sdkUrl = await this.logins.redeem(String(req.params.ticket), requestMeta(req), origin);
        res.setHeader('Cache-Control', 'no-store');
        res.setHeader('Referrer-Policy', 'no-referrer');
        res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
        res.redirect(302, sdkUrl);
      })
      .catch(next);
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
        responses: { '201': { description: '{ loginUrl, expiresAt, loginId }' } },
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
