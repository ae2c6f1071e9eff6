// Every failure of a SCIM route in SCIM's error schema, as application/scim+json: SCIM's own
// refusals, Seatgate's domain errors (status kept, code in the detail), framework refusals by
// their status, anything else a bare 500 (logged with the request id, never its details).
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../../common/errors/domain.error';
import { ScimError, scimErrorBody, toScimError } from './scim.errors';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Scim');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    let error: ScimError;
    if (exception instanceof ScimError || exception instanceof DomainError) error = toScimError(exception);
    else if (exception instanceof HttpException)
      error = new ScimError(
        exception.getStatus(),
        exception.getStatus() === 404 ? 'no such SCIM endpoint' : 'the request was refused',
        exception.getStatus() === 400 ? 'invalidSyntax' : undefined,
      );
    else {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
      error = toScimError(exception);
    }
    if (error.retryAfterSeconds !== undefined)
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
    if (error.status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="scim"');
    response.status(error.status).setHeader('Content-Type', SCIM_CONTENT_TYPE);
    response.send(JSON.stringify(scimErrorBody(error)));
  }
}
