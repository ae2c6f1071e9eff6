// Where a request came from (request id, client IP, user agent), as audit events and logs record
// it; read the same way by admin and business routes.
import type { IncomingMessage } from 'node:http';
import type { RequestMeta } from './request-context';

export function requestMeta(request: IncomingMessage & { id?: unknown; ip?: string }): RequestMeta {
  const userAgent = request.headers['user-agent'];
  return {
    requestId: String(request.id ?? ''),
    ip: request.ip ?? null,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null,
  };
}
