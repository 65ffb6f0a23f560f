/** JSON Schema fragments shared by routes (Fastify compiles them with ajv and the OpenAPI document shows them). */
export const PAGE_QUERY = {
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 50, description: 'items per page' },
  offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0, description: 'items to skip' },
} as const;

export const ID = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9][A-Za-z0-9._:@-]*$' } as const;
export const ID_PARAMS = { type: 'object', required: ['id'], properties: { id: ID }, additionalProperties: false } as const;
export const DATE_OR_TIME = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})?)?$' } as const;

/** A page of items with where the next one starts. */
export function pageOf(items: { $ref: string } | Record<string, unknown>) {
  return {
    type: 'object',
    required: ['items', 'total', 'limit', 'offset'],
    properties: {
      items: { type: 'array', items },
      total: { type: 'integer' },
      limit: { type: 'integer' },
      offset: { type: 'integer' },
      nextOffset: { type: ['integer', 'null'] },
    },
  } as const;
}

export function page<T>(items: readonly T[], total: number, limit: number, offset: number) {
  return { items, total, limit, offset, nextOffset: offset + items.length < total ? offset + items.length : null };
}

export const errorResponses = {
  400: { $ref: 'Error#' },
  401: { $ref: 'Error#' },
  403: { $ref: 'Error#' },
  404: { $ref: 'Error#' },
} as const;

/** The content type of a response a route serialized itself (cached answers are kept as JSON text). */
export const JSON_TYPE = 'application/json; charset=utf-8';
