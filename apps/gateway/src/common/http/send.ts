// Writing an answer with Node's own response methods, so that the same code serves Express routes
// and the plain hot routes (hot-routes.ts), which never see Express's response helpers.
import type { ServerResponse } from 'node:http';

/** A JSON answer: status, the body serialized once, its length and type. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}

/** Sets each header of a record (Express's res.set with an object, for a plain response). */
export function setHeaders(res: ServerResponse, headers: Readonly<Record<string, string>>): void {
  for (const name in headers) res.setHeader(name, headers[name]!);
}
