// HttpError and the one error handler that renders every failure as { error: { code, message } }.
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not-found', `${what} not found`);

/** Webhook URLs carry a secret; logs get the route, never the token. */
export function redactUrl(url: string): string {
  return url.replace(/\/hooks\/[^/?#]+/, '/hooks/[token]');
}

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** Known errors keep their status; anything else is a 500 whose details go only to the log. */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof HttpError) {
      res.status(error.status).set(error.headers).json(errorBody(error.code, error.message));
      return;
    }
    // body-parser style errors (invalid JSON on the admin API, too large) carry a 4xx status.
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (status >= 400 && status < 500) {
      const code = status === 413 ? 'payload-too-large' : 'bad-request';
      res.status(status).json(errorBody(code, status === 413 ? 'Request body too large' : 'Malformed request body'));
      return;
    }
    logger.error({ err: error, method: req.method, url: redactUrl(req.originalUrl) }, 'unhandled error');
    res.status(500).json(errorBody('internal', 'Internal server error'));
  };
}
