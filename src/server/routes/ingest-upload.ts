import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { FORMATS } from '../../ingest/index.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';
import { JobConflict, type IngestParams } from '../jobs.js';
import { conflict, jobRunner, startAudited } from './jobs.js';

/** The upload's media types: the file's bytes as they are, read as a stream, never parsed here. */
const UPLOAD_TYPES = [
  'application/octet-stream',
  'text/csv',
  'text/plain',
  'application/x-ndjson',
  'application/xml',
  'text/xml',
];
const DEFAULT_LIMIT_BYTES = 2 * 1024 ** 3;

class TooLarge extends Error {}

/** Passes bytes through until `limit`, then fails: an upload never fills the disk past it. */
function byteLimit(limit: number, counted: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counted.bytes += chunk.length;
      if (counted.bytes > limit) done(new TooLarge());
      else done(null, chunk);
    },
  });
}

/**
 * `POST /api/jobs/ingest`: the request body is one file (shipments or transactions CSV, AMLSim,
 * AMLworld, ISO 20022 XML, FtM JSON lines), streamed to a private folder and ingested by
 * `chokepoint ingest` in a background job, exactly as on the command line; the folder is removed
 * when the job ends. The body is never buffered in memory nor parsed by the server.
 */
export function ingestUploadRoute(app: FastifyInstance, ctx: ServerContext): void {
  const limit = ctx.uploadLimitBytes ?? DEFAULT_LIMIT_BYTES;
  void app.register(async (scope) => {
    // Scoped to this route: elsewhere these media types stay refused (415).
    scope.addContentTypeParser(UPLOAD_TYPES, (_request, payload, done) => done(null, payload));
    scope.post<{ Querystring: { name: string; format?: string; dataset?: string } }>(
      '/api/jobs/ingest',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Upload one file and ingest it into the store in a background process (supervisor)',
          description:
            `The body is the file itself (${UPLOAD_TYPES.join(', ')}), at most ${limit} bytes. ` +
            'Progress (bytes and rows read), rejected lines and the summary appear in GET /api/jobs/{id}.',
          querystring: {
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: {
              // A bare file name: it names the file in provenance and can never point elsewhere.
              name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$' },
              format: { type: 'string', enum: FORMATS.map((f) => f.id) },
              dataset: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
            },
          },
        },
        config: { minRole: 'supervisor' },
      },
      async (request, reply) => {
        const jobs = jobRunner(ctx);
        const body = request.body as Readable | undefined;
        if (body === undefined || typeof (body as Partial<Readable>).pipe !== 'function')
          throw new ApiError(
            415,
            'UNSUPPORTED_MEDIA_TYPE',
            `send the file as the body, with Content-Type ${UPLOAD_TYPES.join(', ')}`,
          );
        // Refused before the upload, not after it (start() still decides, atomically).
        const running = await jobs.running();
        if (running !== undefined) throw conflict(new JobConflict(running));
        const root = ctx.uploadDir ?? join(tmpdir(), 'chokepoint-uploads');
        mkdirSync(root, { recursive: true, mode: 0o700 });
        const dir = mkdtempSync(join(root, 'job-'));
        const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
        const file = join(dir, request.query.name);
        const counted = { bytes: 0 };
        try {
          await pipeline(body, byteLimit(limit, counted), createWriteStream(file, { mode: 0o600 }));
        } catch (err) {
          cleanup();
          if (err instanceof TooLarge) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `the file is larger than ${limit} bytes`);
          throw err;
        }
        const { name, format, dataset } = request.query;
        const params: IngestParams = {
          name,
          bytes: counted.bytes,
          ...(format === undefined ? {} : { format }),
          ...(dataset === undefined ? {} : { dataset }),
        };
        const job = await startAudited(ctx, request, () => jobs.startIngest(request.principal!.userId, params, file, cleanup), {
          ...params,
        });
        return reply.status(202).send(job);
      },
    );
  });
}
