import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AuthError } from '../auth/index.js';
import { CaseError } from '../cases/index.js';

/** The one error shape every endpoint returns. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details: Readonly<Record<string, unknown>> };
}

export const ERROR_SCHEMA = {
  $id: 'Error',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', description: 'stable machine-readable code, e.g. VALIDATION, NOT_FOUND, CONFLICT' },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
    },
  },
} as const;

/** A refusal a handler raises on purpose, with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string): ApiError => new ApiError(404, 'NOT_FOUND', `no ${what}`);

const CASE_STATUS: Readonly<Record<CaseError['code'], number>> = { NOT_FOUND: 404, CONFLICT: 409, INVALID: 422, FORBIDDEN: 403 };
const AUTH_STATUS: Readonly<Record<AuthError['code'], number>> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 422,
  UNAUTHENTICATED: 401,
  LOCKED: 423,
};

/** Any thrown value to a status and the error body; unexpected errors say nothing of their internals. */
export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  const body = (status: number, code: string, message: string, details: Readonly<Record<string, unknown>> = {}) => ({
    status,
    body: { error: { code, message, details } },
  });
  if (err instanceof ApiError) return body(err.status, err.code, err.message, err.details);
  if (err instanceof CaseError) return body(CASE_STATUS[err.code], err.code, err.message, err.details ?? {});
  if (err instanceof AuthError) return body(AUTH_STATUS[err.code], err.code, err.message);
  const fe = err as Partial<FastifyError> & {
    validation?: readonly { instancePath?: string; message?: string; params?: unknown; keyword?: string }[];
  };
  if (fe.validation !== undefined) {
    const problems = fe.validation.map((v) => ({
      field: `${fe.validationContext ?? 'request'}${v.instancePath ?? ''}`,
      rule: v.keyword,
      message: v.message,
      params: v.params,
    }));
    return body(
      400,
      'VALIDATION',
      `invalid ${fe.validationContext ?? 'request'}: ${problems.map((p) => `${p.field} ${p.message ?? ''}`.trim()).join('; ')}`,
      { problems },
    );
  }
  if (fe.code === 'FST_CSRF_MISSING_SECRET' || fe.code === 'FST_CSRF_INVALID_TOKEN')
    return body(403, 'CSRF', 'missing or invalid CSRF token: send the token from GET /api/auth/csrf in the x-csrf-token header');
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code =
      fe.statusCode === 429
        ? 'RATE_LIMITED'
        : fe.statusCode === 415
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : fe.statusCode === 413
            ? 'TOO_LARGE'
            : 'BAD_REQUEST';
    return body(fe.statusCode, code, fe.message ?? 'bad request');
  }
  return body(500, 'INTERNAL', 'internal error (logged on the server)');
}

export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toErrorBody(err);
  if (status >= 500) request.log.error({ err }, 'request failed');
  void reply.status(status).send(body);
}
