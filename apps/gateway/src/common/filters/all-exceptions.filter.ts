// One error shape for every failure: { code, message, details?, requestId }. Known errors keep
// their code; anything unexpected is logged with its stack and answered as a bare 500.
import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { ERROR_STATUS, fallbackCode, withIssueCodes, type ErrorBody } from '@seatgate/contracts';
import type { Request, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricsService } from '../../modules/metrics/metrics.service';
import { DomainError, isDomainError } from '../errors/domain.error';
import { sendJson } from '../http/send';
import { errorHeaders } from './error-headers';

/** How long a client should wait before retrying while the database is unreachable. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

// SQLSTATEs and driver codes meaning "no usable connection": shutdown (57P01/57P02), starting up
// (57P03), connection exceptions (class 08), too many connections (53300), Prisma's unreachable,
// timed-out and closed-connection codes, and the socket errors beneath them. A dry pool shows up
// as pg's connect timeout for a plain query, and as Prisma's P2028 for a transaction that could not
// get a connection in time (or ran out of time waiting behind others); both are matched by message
// because P2028 also covers misuse of a transaction, which is a bug and stays a 500.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'P1001',
  'P1002',
  'P1017',
  'P2024',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|DatabaseNotReachable|Can't reach database|Connection is closed|Stream isn't writeable|Command timed out|encountered a connection error and is not queryable|Unable to start a transaction in the given time|cannot be executed on an expired transaction|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|Code: `(57P0[123]|08[0-9A-Z]{3}|53300)`/i;

/**
 * Errors thrown by pg, the Prisma adapter or ioredis (the limits store) when their server cannot
 * be reached. Prisma wraps the driver's error, so its `cause` and `meta` are searched too.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    for (const key of ['code', 'originalCode']) {
      const code = record[key];
      if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)))
        return true;
    }
    if (typeof record.message === 'string' && UNAVAILABLE_MESSAGE.test(record.message)) return true;
    queue.push(record.cause, record.meta, record.driverAdapterError);
  }
  return false;
}

export interface ExceptionFilterOptions {
  /** answers a request no route matched (the console's client-side routes); true if it did */
  routeNotFound?: (req: Request, res: Response) => boolean;
  /** counts every unexpected error (a 500) */
  metrics?: MetricsService;
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly options: ExceptionFilterOptions = {}) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    if (
      exception instanceof NotFoundException &&
      !response.headersSent &&
      this.options.routeNotFound?.(request, response)
    )
      return;
    this.answer(exception, request, response);
  }

  /** Answers a failed request; the plain hot routes (hot-routes.ts) call it directly. */
  answer(exception: unknown, request: IncomingMessage & { id?: unknown }, response: ServerResponse): void {
    const requestId = String(request.id ?? '');
    const { status, body, headers } = this.toBody(exception, requestId);
    if (status >= 500 && body.code !== 'database_unavailable') {
      this.logger.error({ err: exception, requestId }, 'unhandled error');
      this.options.metrics?.unexpectedError('request');
    }
    if (response.headersSent) return;
    for (const [name, value] of Object.entries(headers ?? {})) response.setHeader(name, value);
    sendJson(response, status, body);
  }

  private toBody(
    exception: unknown,
    requestId: string,
  ): { status: number; body: ErrorBody; headers?: Record<string, string> } {
    if (exception instanceof DomainError) return this.domainBody(exception, requestId);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return {
        status,
        body: { code: fallbackCode(status), message: this.httpMessage(exception), requestId },
      };
    }
    // other body-parser refusals (unsupported charset or encoding) arrive as plain errors with a status
    const typed = exception as { status?: unknown };
    if (typeof typed?.status === 'number' && typed.status >= 400 && typed.status < 500) {
      const code = fallbackCode(typed.status);
      return { status: typed.status, body: { code, message: 'the request could not be read', requestId } };
    }
    if (isDatabaseUnavailable(exception)) {
      const unavailable = new DomainError(
        'database_unavailable',
        'the database is unavailable; try again shortly',
        { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
      );
      return this.domainBody(unavailable, requestId);
    }
    return { status: 500, body: { code: 'internal_error', message: 'internal error', requestId } };
  }

  /** Status from the contracts' table, headers from the code and its typed details. */
  private domainBody(
    error: DomainError,
    requestId: string,
  ): { status: number; body: ErrorBody; headers: Record<string, string> } {
    const body: ErrorBody = { code: error.code, message: error.message, requestId };
    if (error.details !== undefined) body.details = error.details;
    // every issue answers with a code the console words; one raised with prose only gets its rule's
    if (isDomainError(error, 'validation_failed') && error.details)
      body.details = { ...error.details, issues: withIssueCodes(error.details.issues) };
    const headers = errorHeaders(error);
    return { status: ERROR_STATUS[error.code], body, headers };
  }

  private httpMessage(exception: HttpException): string {
    const response = exception.getResponse();
    if (typeof response === 'string') return response;
    const message = (response as { message?: unknown }).message;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.map(String).join('; ');
    return exception.message;
  }
}
