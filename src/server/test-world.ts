import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { addUser, createApiToken, type Role } from '../auth/index.js';
import type { Entity } from '../model/index.js';
import { openStore, type Store } from '../store/index.js';
import { makeAlert, makeShipment, makeTransaction, PROVENANCE } from '../test-support/fixtures.js';
import { createScratchDatabase } from '../test-support/postgres.js';
import { buildServer } from './build-server.js';
import type { ServerOptions } from './context.js';
import { openWorkspaceDb, type Sql } from './db/index.js';

export const PASSWORD = 'correct horse battery staple';

/** The cast of every server test: one user per role, and teams for the compartment checks. */
export const USERS: readonly { name: string; role: Role; teams: string[] }[] = [
  { name: 'admin', role: 'admin', teams: [] },
  { name: 'super', role: 'supervisor', teams: ['alpha'] },
  { name: 'ana', role: 'analyst', teams: ['alpha'] },
  { name: 'bea', role: 'analyst', teams: ['bravo'] },
  { name: 'carl', role: 'analyst', teams: [] },
  { name: 'vic', role: 'viewer', teams: [] },
];

const entity = (id: string, schema: string, properties: Record<string, string[]>): Entity => ({ id, schema, properties });

export const ENTITIES: readonly Entity[] = [
  entity('person-ivan', 'Person', { name: ['Ivan Petrov'], nationality: ['ru'], birthDate: ['1970-01-02'] }),
  entity('company-hubei', 'Company', { name: ['Hubei Example Chemical Co., Ltd.'], country: ['cn'] }),
  entity('own-1', 'Ownership', { owner: ['person-ivan'], asset: ['company-hubei'] }),
];

export const LISTED: readonly Entity[] = [
  entity('ofac-1', 'Company', {
    name: ['Zhang Wei Chemical Trading Company'],
    country: ['cn'],
    program: ['ILLICIT-DRUGS-EO14059'],
  }),
  entity('ofac-2', 'Person', { name: ['Juan Carlos Mendoza Ruiz'], nationality: ['mx'], birthDate: ['1975-05-05'] }),
];

export interface World {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly sql: Sql;
  readonly location: string;
  /** API token secrets by user name. */
  readonly tokens: Readonly<Record<string, string>>;
  /** User ids by name. */
  readonly ids: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

async function seedStore(store: Store): Promise<void> {
  await store.writeBatch({
    entities: ENTITIES.map((e) => ({ entity: e, provenance: PROVENANCE })),
    shipments: [
      { shipment: makeShipment(), provenance: PROVENANCE },
      {
        shipment: makeShipment({
          id: 'shp-2',
          arrivalDate: '2026-03-05',
          originCountry: 'IN',
          declaredValueUsd: 900,
          shipperName: 'Mumbai Pharma',
        }),
        provenance: PROVENANCE,
      },
    ],
    transactions: [
      { transaction: makeTransaction(), provenance: PROVENANCE },
      {
        transaction: makeTransaction({ id: 'tx-2', amount: 120, amountUsd: 120, timestamp: Date.UTC(2026, 2, 3) }),
        provenance: PROVENANCE,
      },
    ],
  });
  await store.writeAlerts([
    makeAlert(),
    makeAlert({ id: 'alert-2', subjectId: 'shp-2', score: 45, level: 'medium', createdAt: '2026-03-06T00:00:00.000Z' }),
    makeAlert({
      id: 'alert-3',
      detectorId: 'monitor.structuring',
      subjectKind: 'transaction',
      subjectId: 'tx-1',
      score: 92,
      level: 'critical',
    }),
    makeAlert({ id: 'alert-4', subjectKind: 'entity', subjectId: 'person-ivan', score: 80, level: 'high' }),
  ]);
  async function* listed() {
    let line = 1;
    for (const e of LISTED) yield { entity: e, file: 'sdn.csv', line: line++ };
  }
  await store.replaceDataset({ name: 'us_ofac_sdn', format: 'ftm', source: 'test', records: listed() });
}

/**
 * A seeded server on a fresh SQLite file or a fresh PostgreSQL database: users of every role
 * (each with an API token), entities, shipments, transactions, alerts and a watchlist.
 */
export async function makeWorld(kind: 'sqlite' | 'postgres', options: Partial<ServerOptions> = {}): Promise<World> {
  let location: string;
  let drop: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'chokepoint-server-'));
    location = join(dir, 'server.db');
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const scratch = await createScratchDatabase();
    location = scratch.url;
    drop = scratch.drop;
  }
  const store = await openStore(location);
  const sql = await openWorkspaceDb(location);
  await seedStore(store);
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  for (const u of USERS) {
    const user = await addUser(sql, { name: u.name, password: PASSWORD, role: u.role, teams: u.teams }, 'test');
    ids[u.name] = user.id;
    tokens[u.name] = (await createApiToken(sql, user.id, `${u.name}-token`, 'test')).secret;
  }
  const app = await buildServer({
    store,
    sql,
    logger: false,
    cookieSecret: 'test-secret-test-secret-test-secret',
    dbLocation: location,
    ...options,
  });
  return {
    app,
    store,
    sql,
    location,
    tokens,
    ids,
    async close() {
      await app.close();
      await sql.close();
      await store.close();
      await drop();
    },
  };
}

/** Calls the API as a user through their bearer token. */
export async function as(
  world: World,
  user: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return world.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${world.tokens[user]}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}
