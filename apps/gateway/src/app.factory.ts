// Builds the HTTP application: the same for `npm start`, the demo and the integration tests.
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { SCIM_CONTENT_TYPE } from './modules/scim/scim-exception.filter';
import { SCIM_ERROR_SCHEMA } from './modules/scim/scim.errors';
import express, { json, type Application, type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { storage, Store } from 'nestjs-pino/storage';
import { pino, type DestinationStream } from 'pino';
import { pinoHttp, type Options } from 'pino-http';
import { AppModule, type AppModuleOptions } from './app.module';
import { DomainError } from './common/errors/domain.error';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { expressRoute, hotRoutes } from './common/http/hot-routes';
import { requestScopeMiddleware } from './common/lifecycle/last-resort';
import { RequestLifecycle } from './common/lifecycle/request-lifecycle';
import { lazyChildren } from './common/logging/lazy-children';
import { loggerParams } from './common/logging/logger-options';
import { AppConfig, expressTrustProxy } from './config/app-config';
import { LOGIN_PATH, LoginHttp, TICKET_PATH } from './modules/login/login-http';
import { loginErrors } from './modules/login/login.errors';
import { MetricsService } from './modules/metrics/metrics.service';

/** The built console (apps/console/dist), served at / with its client-side routes, when present. */
export const CONSOLE_DIR = resolve(__dirname, '../../console/dist');
const NOT_CONSOLE = /^\/(api|health|loginTCCC|metrics|scim)(\/|$)/;

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

/** A SCIM request body that body-parser refused, in SCIM's error schema. */
function scimBodyRefused(res: Response, error: unknown, limit: string): void {
  const type = (error as { type?: unknown } | undefined)?.type;
  const tooLarge = type === 'entity.too.large';
  res.status(tooLarge ? 413 : 400).setHeader('Content-Type', SCIM_CONTENT_TYPE);
  res.send(
    JSON.stringify({
      schemas: [SCIM_ERROR_SCHEMA],
      status: tooLarge ? '413' : '400',
      ...(tooLarge ? {} : { scimType: 'invalidSyntax' }),
      detail: tooLarge ? `the request body is larger than ${limit}` : 'the request body is not valid JSON',
    }),
  );
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
): [string, string][] {
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
  return headers;
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
 * The two hot routes of the business login (login-http.ts): answered by the server's request
 * listener before Express when they come in their plain shape (common/http/hot-routes.ts), and
 * mounted as Express routes for every other shape; each with the request log every Nest route gets
 * (same options, same stream).
 */
function mountLoginRoutes(
  app: INestApplication,
  config: AppConfig,
  options: AppModuleOptions,
  steps: { headers: [string, string][]; filter: AllExceptionsFilter },
): void {
  const { pinoHttp: params } = loggerParams(config.logLevel, options.logStream);
  const [logOptions, stream] = (Array.isArray(params) ? params : [params]) as [Options, DestinationStream?];
  const requestLog = pinoHttp({ ...logOptions, logger: lazyChildren(pino(logOptions, stream)) });
  // as nestjs-pino's own middleware does: log lines written while the request runs carry its id
  const bindLog = (req: Request, _res: Response, next: NextFunction) => storage.run(new Store(req.log), next);
  const http = app.get(LoginHttp);
  const express = app.getHttpAdapter().getInstance() as Application;
  express.post(LOGIN_PATH, requestLog, bindLog, expressRoute(http.login));
  // Express answers a HEAD with the GET route: a link preview or a mail scanner's HEAD would redeem
  // the login URL unseen, and the agent's own page load would then find it used
  express.head(TICKET_PATH, requestLog, bindLog, (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Allow', 'GET');
    next(loginErrors.headNotRedeemed());
  });
  express.get(TICKET_PATH, requestLog, bindLog, expressRoute(http.redeem));

  const hot = hotRoutes([http.login, http.redeem], {
    lifecycle: app.get(RequestLifecycle),
    metrics: app.get(MetricsService),
    filter: steps.filter,
    requestLog: (req, res) => requestLog(req, res),
    headers: steps.headers,
    trustProxy: express.get('trust proxy fn') as (address: string, hop: number) => boolean,
    body: { limit: config.bodyLimit, limitBytes: config.bodyLimitBytes },
  });
  const server = app.getHttpServer() as Server;
  const [expressListener] = server.listeners('request') as ((
    req: IncomingMessage,
    res: ServerResponse,
  ) => void)[];
  if (!expressListener)
    throw new Error('the HTTP server has no request listener to put the hot routes before');
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!hot(req, res)) expressListener(req, res);
  });
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
  const securityHeaders = fixedHeaders(
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
  );
  app.use((_req: Request, res: Response, next: NextFunction) => {
    for (const [name, value] of securityHeaders) res.setHeader(name, value);
    next();
  });
  // only the session refresh reads a cookie
  app.use('/api/auth', cookieParser());
  // body-parser's own errors lose their kind on the way to Nest's filters; name them here
  // SCIM clients send application/scim+json (RFC 7644 §3.1); its refusals answer in SCIM's shape
  const parseScimJson = json({
    limit: config.bodyLimit,
    type: ['application/json', 'application/scim+json'],
  });
  app.use('/scim', (req: Request, res: Response, next: NextFunction) =>
    parseScimJson(req, res, (error?: unknown) =>
      error ? scimBodyRefused(res, error, config.bodyLimit) : next(),
    ),
  );
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
  const filter = new AllExceptionsFilter({
    routeNotFound: serveConsole(app),
    metrics: app.get(MetricsService),
  });
  mountLoginRoutes(app, config, options, { headers: securityHeaders, filter });
  app.useGlobalFilters(filter);
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
  keepIdleConnections(app.getHttpServer() as Server);
  return app;
}

/**
 * A reverse proxy or load balancer keeps idle connections to the gateway for reuse (nginx's
 * upstream `keepalive`, 60 s; AWS ALB, 60 s). If the gateway closes one first (Node's default is
 * 5 s), a request the proxy sends on it as it closes fails, and a POST is not retried: the user
 * gets a 502. So the gateway keeps idle connections longer than any proxy in front of it.
 */
export const HTTP_KEEP_ALIVE_MS = 75_000;

function keepIdleConnections(server: Server): void {
  server.keepAliveTimeout = HTTP_KEEP_ALIVE_MS;
  // must exceed keepAliveTimeout, or a reused connection's next request can be cut off
  server.headersTimeout = HTTP_KEEP_ALIVE_MS + 1_000;
}
