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
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '@seatgate/contracts';
import type { Request, Response } from 'express';
import { DomainError } from '../errors/domain.error';

const HTTP_FALLBACK: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/** Errors thrown by pg, the Prisma adapter or ioredis (the limits store) when their server cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const record = current as { code?: unknown; message?: unknown; cause?: unknown; name?: unknown };
    const code = typeof record.code === 'string' ? record.code : '';
    const message = typeof record.message === 'string' ? record.message : '';
    if (
      ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', 'P1001', 'P1017'].includes(code)
    )
      return true;
    if (
      /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|DatabaseNotReachable|Can't reach database|Connection is closed|Stream isn't writeable|Command timed out/i.test(
        message,
      )
    ) {
      return true;
    }
    current = record.cause;
  }
  return false;
}

export interface ExceptionFilterOptions {
  /** answers a request no route matched (the console's client-side routes); true if it did */
  routeNotFound?: (req: Request, res: Response) => boolean;
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly options: ExceptionFilterOptions = {}) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const requestId = String(request.id ?? '');
    if (
      exception instanceof NotFoundException &&
      !response.headersSent &&
      this.options.routeNotFound?.(request, response)
    )
      return;
    const { status, body, headers } = this.toBody(exception, requestId);
    if (status >= 500 && body.code !== 'database_unavailable') {
      this.logger.error({ err: exception, requestId }, 'unhandled error');
    }
    if (response.headersSent) return;
    for (const [name, value] of Object.entries(headers ?? {})) response.setHeader(name, value);
    response.status(status).json(body);
  }

  private toBody(
    exception: unknown,
    requestId: string,
  ): { status: number; body: ErrorBody; headers?: Record<string, string> } {
    if (exception instanceof DomainError) {
      const body: ErrorBody = { code: exception.code, message: exception.message, requestId };
      if (exception.details !== undefined) body.details = exception.details;
      return { status: ERROR_STATUS[exception.code], body, headers: exception.headers };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = HTTP_FALLBACK[status] ?? (status >= 500 ? 'internal_error' : 'validation_failed');
      return { status, body: { code, message: this.httpMessage(exception), requestId } };
    }
    // other body-parser refusals (unsupported charset or encoding) arrive as plain errors with a status
    const typed = exception as { status?: unknown };
    if (typeof typed?.status === 'number' && typed.status >= 400 && typed.status < 500) {
      const code = HTTP_FALLBACK[typed.status] ?? 'validation_failed';
      return { status: typed.status, body: { code, message: 'the request could not be read', requestId } };
    }
    if (isDatabaseUnavailable(exception)) {
      return {
        status: 503,
        body: {
          code: 'database_unavailable',
          message: 'the database is unavailable; try again shortly',
          requestId,
        },
        headers: { 'Retry-After': '5' },
      };
    }
    return { status: 500, body: { code: 'internal_error', message: 'internal error', requestId } };
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
