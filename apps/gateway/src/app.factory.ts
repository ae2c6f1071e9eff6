// Builds the HTTP application: the same for `npm start`, the demo and the integration tests.
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { json, type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module';
import { DomainError } from './common/errors/domain.error';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { requestScopeMiddleware } from './common/lifecycle/last-resort';
import { RequestLifecycle } from './common/lifecycle/request-lifecycle';
import { AppConfig, expressTrustProxy } from './config/app-config';
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

/** X-Forwarded-Proto is http or https or nothing: any other scheme is dropped before Express reads it. */
function forwardedProtoGuard(req: Request, _res: Response, next: NextFunction): void {
  const proto = req.headers['x-forwarded-proto'];
  if (proto !== undefined) {
    const first = (Array.isArray(proto) ? proto.join(',') : proto).split(',')[0]?.trim().toLowerCase();
    if (first !== 'http' && first !== 'https') delete req.headers['x-forwarded-proto'];
  }
  next();
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
  app.use(cookieParser());
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
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
