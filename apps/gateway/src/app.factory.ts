// Builds the HTTP application: the same for `npm start`, the demo and the integration tests.
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { json, type Application, type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { storage, Store } from 'nestjs-pino/storage';
import type { DestinationStream } from 'pino';
import { pinoHttp, type Options } from 'pino-http';
import { AppModule, type AppModuleOptions } from './app.module';
import { DomainError } from './common/errors/domain.error';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { requestScopeMiddleware } from './common/lifecycle/last-resort';
import { RequestLifecycle } from './common/lifecycle/request-lifecycle';
import { loggerParams } from './common/logging/logger-options';
import { AppConfig, expressTrustProxy } from './config/app-config';
import { LOGIN_PATH, LoginHttp, TICKET_PATH } from './modules/login/login-http';
import { MetricsService } from './modules/metrics/metrics.service';

/** The built console (apps/console/dist), served at / with its client-side routes, when present. */
export const CONSOLE_DIR = resolve(__dirname, '../../console/dist');
const NOT_CONSOLE = /^\/(api|health|loginTCCC|metrics)(\/|$)/;

/** Static files of the console, and a fallback that answers its client-side routes with index.html. */
function serveConsole(
  app: INestApplication,
  dir = CONSOLE_DIR,
): ((req: Request, res: Response) => boolean) | undefined {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return undefined;
  const files = express.Router();
  files.use(
    '/assets',
    express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false }),
  );
  files.use(express.static(dir, { index: false }));
  // the API never serves files: no fs.stat on a login, a redemption or a health check
  app.use((req: Request, res: Response, next: NextFunction) =>
    NOT_CONSOLE.test(req.path) ? next() : files(req, res, next),
  );
  // used only where no route matched, so it never shadows one
  return (req, res) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_CONSOLE.test(req.path)) return false;
    res.setHeader('Cache-Control', 'no-cache');
    res.status(200).sendFile(index);
    return true;
  };
}

/** Counts every answer by route pattern (never the raw path: ids and tickets would explode it). */
function httpMetrics(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    res.once('finish', () => {
      const pattern = (req.route as { path?: unknown } | undefined)?.path;
      const route =
        typeof pattern === 'string'
          ? `${req.baseUrl}${pattern}`
          : res.statusCode === 404
            ? 'unmatched'
            : 'static';
      metrics.httpRequest(req.method, route, res.statusCode, (performance.now() - started) / 1000);
    });
    next();
  };
}

/**
 * Helmet's headers depend on its options only, never on the request: they are read once from a
 * run of its middleware and then set by one loop (eleven middleware calls less per request).
 */
export function fixedHeaders(
  middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void,
): (req: Request, res: Response, next: NextFunction) => void {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers.push([name, String(value)]);
    },
    removeHeader() {},
    getHeader() {
      return undefined;
    },
  };
  let ran = false;
  middleware({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error;
    ran = true;
  });
  if (!ran) throw new Error('helmet did not run synchronously');
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/** X-Forwarded-Proto is http or https or nothing: any other scheme is dropped before Express reads it. */
function forwardedProtoGuard(req: Request, _res: Response, next: NextFunction): void {
  const proto = req.headers['x-forwarded-proto'];
  if (proto !== undefined) {
    const first = (Array.isArray(proto) ? proto.join(',') : proto).split(',')[0]?.trim().toLowerCase();
    if (first !== 'http' && first !== 'https') delete req.headers['x-forwarded-proto'];
  }
  next();
}

/**
 * The two hot routes of the business login as Express routes ahead of Nest's router (see
 * login-http.ts), each with the request log every Nest route gets (same options, same stream).
 */
function mountLoginRoutes(app: INestApplication, config: AppConfig, options: AppModuleOptions): void {
  const { pinoHttp: params } = loggerParams(config.logLevel, options.logStream);
  const requestLog = Array.isArray(params)
    ? pinoHttp(...(params as [Options, DestinationStream]))
    : pinoHttp(params as Options);
  // as nestjs-pino's own middleware does: log lines written while the request runs carry its id
  const bindLog = (req: Request, _res: Response, next: NextFunction) => storage.run(new Store(req.log), next);
  const http = app.get(LoginHttp);
  const express = app.getHttpAdapter().getInstance() as Application;
  express.post(LOGIN_PATH, requestLog, bindLog, http.login);
  express.get(TICKET_PATH, requestLog, bindLog, http.redeem);
}

export async function createApp(
  config: AppConfig,
  options: AppModuleOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.use(requestScopeMiddleware);
  app.use(app.get(RequestLifecycle).middleware);
  app.use(httpMetrics(app.get(MetricsService)));
  // only the hops SEATGATE_TRUST_PROXY names: req.ip is the address the nearest trusted proxy saw
  app.set('trust proxy', expressTrustProxy(config.trustProxy));
  app.use(forwardedProtoGuard);
  app.disable('x-powered-by');
  app.use(
    fixedHeaders(
      helmet({
        contentSecurityPolicy: {
          directives: {
            // antd writes its styles inline; scripts stay 'self' only
            styleSrc: ["'self'", "'unsafe-inline'"],
            // plain-http installs (the demo, a private network) must not be upgraded to https
            upgradeInsecureRequests: config.cookieSecure ? [] : null,
          },
        },
      }),
    ),
  );
  // only the session refresh reads a cookie
  app.use('/api/auth', cookieParser());
  // body-parser's own errors lose their kind on the way to Nest's filters; name them here
  const parseJson = json({ limit: config.bodyLimit });
  app.use((req: Request, res: Response, next: NextFunction) =>
    parseJson(req, res, (error?: unknown) => {
      const type = (error as { type?: unknown } | undefined)?.type;
      if (type === 'entity.parse.failed')
        return next(new DomainError('invalid_json', 'the request body is not valid JSON'));
      if (type === 'entity.too.large')
        return next(
          new DomainError('payload_too_large', `the request body is larger than ${config.bodyLimit}`),
        );
      return next(error);
    }),
  );
  mountLoginRoutes(app, config, options);
  app.useGlobalFilters(
    new AllExceptionsFilter({ routeNotFound: serveConsole(app), metrics: app.get(MetricsService) }),
  );
  // SIGTERM and SIGINT are main.ts's: it drains requests before closing the app

  const spec = new DocumentBuilder()
    .setTitle('Seatgate')
    .setDescription('Multi-tenant login gateway for the Tencent Cloud Contact Center agent workstation')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, spec);
  LoginHttp.document(document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
