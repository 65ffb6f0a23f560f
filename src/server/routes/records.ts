import type { FastifyInstance } from 'fastify';
import { listAlertQueue } from '../../cases/index.js';
import type { SqlValue } from '../db/index.js';
import type { ServerContext } from '../context.js';
import { notFound } from '../errors.js';
import { DATE_OR_TIME, ID_PARAMS, PAGE_QUERY, page } from '../schemas.js';

const COUNTRY = { type: 'string', pattern: '^[A-Za-z]{2}$' } as const;

/** Columns of a shipment list row (the detail view has them all). */
const SHIPMENT_COLUMNS =
  'id, arrival_date, mode, origin_country, shipper_name, consignee_name, consignee_country, description, hs_code, declared_value_usd, gross_weight_kg, dataset';
const TRANSACTION_COLUMNS =
  'id, ts, debtor_account, debtor_name, debtor_country, creditor_account, creditor_name, creditor_country, amount, currency, amount_usd, channel, dataset';

const escapeLike = (s: string): string => `%${s.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** Rows to camelCase keys, the API's casing. */
function camel(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), v]));
}

export function recordRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{
    Querystring: {
      from?: string;
      to?: string;
      origin?: string;
      consigneeCountry?: string;
      hsCode?: string;
      party?: string;
      sort: string;
      limit: number;
      offset: number;
    };
  }>(
    '/api/shipments',
    {
      schema: {
        tags: ['records'],
        summary: 'Shipments, filtered and sorted',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: DATE_OR_TIME,
            to: DATE_OR_TIME,
            origin: COUNTRY,
            consigneeCountry: COUNTRY,
            hsCode: { type: 'string', pattern: '^[0-9.]{2,14}$', description: 'HS code prefix' },
            party: { type: 'string', minLength: 2, maxLength: 200, description: 'words of the shipper or consignee name' },
            sort: { type: 'string', enum: ['arrivalDate', '-arrivalDate', 'value', '-value', 'id'], default: '-arrivalDate' },
            ...PAGE_QUERY,
          },
        },
      },
      config: { minRole: 'viewer' },
    },
    async (request) => {
      const q = request.query;
      const where: string[] = [];
      const params: SqlValue[] = [];
      const add = (condition: string, ...values: SqlValue[]): void => {
        where.push(condition);
        params.push(...values);
      };
      if (q.from !== undefined) add('arrival_date >= ?', q.from.slice(0, 10));
      if (q.to !== undefined) add('arrival_date <= ?', q.to.slice(0, 10));
      if (q.origin !== undefined) add('origin_country = ?', q.origin.toUpperCase());
      if (q.consigneeCountry !== undefined) add('consignee_country = ?', q.consigneeCountry.toUpperCase());
      if (q.hsCode !== undefined) add(`hs_code LIKE ? ESCAPE '\\'`, `${q.hsCode.replace(/\./g, '')}%`);
      if (q.party !== undefined)
        add(
          `(LOWER(shipper_name) LIKE ? ESCAPE '\\' OR LOWER(consignee_name) LIKE ? ESCAPE '\\')`,
          escapeLike(q.party),
          escapeLike(q.party),
        );
      const order =
        {
          arrivalDate: 'arrival_date ASC, id ASC',
          '-arrivalDate': 'arrival_date DESC, id ASC',
          value: 'declared_value_usd ASC, id ASC',
          '-value': 'declared_value_usd DESC, id ASC',
          id: 'id ASC',
        }[q.sort] ?? 'id ASC';
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = await ctx.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM shipments ${clause}`, params);
      const rows = await ctx.sql.all<Record<string, unknown>>(
        `SELECT ${SHIPMENT_COLUMNS} FROM shipments ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`,
        [...params, q.limit, q.offset],
      );
      return page(rows.map(camel), Number(total?.n ?? 0), q.limit, q.offset);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/shipments/:id',
    { schema: { tags: ['records'], summary: 'A shipment with its alerts', params: ID_PARAMS }, config: { minRole: 'viewer' } },
    async (request) => {
      const shipment = await ctx.store.getShipment(request.params.id);
      if (shipment === undefined) throw notFound(`shipment ${request.params.id}`);
      const alerts = await listAlertQueue(ctx.sql, request.principal!, {
        subjectKind: 'shipment',
        subjectId: request.params.id,
        sort: '-score',
        limit: 100,
        offset: 0,
      });
      return { shipment, alerts: alerts.items };
    },
  );

  app.get<{
    Querystring: {
      from?: string;
      to?: string;
      account?: string;
      currency?: string;
      minAmount?: number;
      sort: string;
      limit: number;
      offset: number;
    };
  }>(
    '/api/transactions',
    {
      schema: {
        tags: ['records'],
        summary: 'Transactions, filtered and sorted',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: DATE_OR_TIME,
            to: DATE_OR_TIME,
            account: { type: 'string', minLength: 1, maxLength: 100, description: 'debtor or creditor account' },
            currency: { type: 'string', pattern: '^[A-Za-z]{3}$' },
            minAmount: { type: 'number', minimum: 0 },
            sort: { type: 'string', enum: ['ts', '-ts', 'amount', '-amount'], default: '-ts' },
            ...PAGE_QUERY,
          },
        },
      },
      config: { minRole: 'viewer' },
    },
    async (request) => {
      const q = request.query;
      const where: string[] = [];
      const params: SqlValue[] = [];
      const add = (condition: string, ...values: SqlValue[]): void => {
        where.push(condition);
        params.push(...values);
      };
      if (q.from !== undefined) add('ts >= ?', Date.parse(q.from));
      if (q.to !== undefined) add('ts <= ?', Date.parse(q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to));
      if (q.account !== undefined) add('(debtor_account = ? OR creditor_account = ?)', q.account, q.account);
      if (q.currency !== undefined) add('currency = ?', q.currency.toUpperCase());
      if (q.minAmount !== undefined) add('amount >= ?', q.minAmount);
      const order =
        { ts: 'ts ASC, id ASC', '-ts': 'ts DESC, id ASC', amount: 'amount ASC, id ASC', '-amount': 'amount DESC, id ASC' }[
          q.sort
        ] ?? 'id ASC';
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = await ctx.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM transactions ${clause}`, params);
      const rows = await ctx.sql.all<Record<string, unknown>>(
        `SELECT ${TRANSACTION_COLUMNS} FROM transactions ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`,
        [...params, q.limit, q.offset],
      );
      return page(
        rows.map((r) => ({ ...camel(r), ts: new Date(Number(r['ts'])).toISOString() })),
        Number(total?.n ?? 0),
        q.limit,
        q.offset,
      );
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/transactions/:id',
    { schema: { tags: ['records'], summary: 'A transaction with its alerts', params: ID_PARAMS }, config: { minRole: 'viewer' } },
    async (request) => {
      const transaction = await ctx.store.getTransaction(request.params.id);
      if (transaction === undefined) throw notFound(`transaction ${request.params.id}`);
      const alerts = await listAlertQueue(ctx.sql, request.principal!, {
        subjectKind: 'transaction',
        subjectId: request.params.id,
        sort: '-score',
        limit: 100,
        offset: 0,
      });
      return { transaction, alerts: alerts.items };
    },
  );

  app.get<{ Querystring: { limit: number } }>(
    '/api/routes',
    {
      schema: {
        tags: ['records'],
        summary: 'Shipments grouped by route: origin → transit countries → destination, busiest first',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 200 } },
        },
      },
      config: { minRole: 'viewer' },
    },
    async (request) => {
      // Aggregated in the database: the map needs every shipment's route, not pages of rows.
      const rows = await ctx.sql.all<{
        origin: string | null;
        transit: string | null;
        destination: string | null;
        n: number;
        usd: number | null;
      }>(
        `SELECT origin_country AS origin, transit_countries AS transit, consignee_country AS destination,
                COUNT(*) AS n, SUM(declared_value_usd) AS usd
           FROM shipments GROUP BY origin_country, transit_countries, consignee_country
           ORDER BY n DESC, origin, transit, destination LIMIT ?`,
        [request.query.limit],
      );
      const total = await ctx.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM shipments');
      return {
        shipments: Number(total?.n ?? 0),
        routes: rows.map((r) => ({
          origin: r.origin,
          // Stored as the store's list encoding (';'-separated), as the records are.
          transit: r.transit === null || r.transit === '' ? [] : r.transit.split(';'),
          destination: r.destination,
          count: Number(r.n),
          valueUsd: Number(r.usd ?? 0),
        })),
      };
    },
  );
}
