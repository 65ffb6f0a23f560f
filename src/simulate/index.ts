import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { csvLine } from '../export/index.js';
import { SHIPMENT_COLUMNS, TRANSACTION_COLUMNS, type Transaction } from '../model/index.js';
import { backgroundShipment } from './background-shipments.js';
import { backgroundTransaction } from './background-transactions.js';
import { dailyCounts, dateOf, dayStartMs } from './calendar.js';
import { worldEntities } from './entities.js';
import type { Levers } from './levers.js';
import { lineWriter } from './line-writer.js';
import { applyOverrides, SimulationInputError } from './overrides.js';
import { PACS008_SAMPLE_LIMIT, rowAsTransaction } from './pacs008-sample.js';
import { planWorld } from './plan.js';
import { withSchemeParties } from './scheme-entities.js';
import type { ShipmentRow, TransactionRow } from './records.js';
import { streamRng } from './rng.js';
import { SCALES, isScaleName, type ScaleName } from './scale.js';
import { SCENARIOS, scenarioByName } from './scenarios.js';
import { TRUTH_COLUMNS } from './truth.js';
import { EXTRA_FILES, writePacs008, writeWatchlist } from './write-extras.js';
import { truthLine, writeDay } from './write-day.js';
import { buildWorld } from './world.js';

export { DEFAULT_LEVERS, LEVER_DOCS, LeversSchema, lowValueThreshold, type Levers } from './levers.js';
export { LeverError, SimulationInputError, applyOverrides, validateLevers } from './overrides.js';
export { SCALES, SCALE_NAMES, isScaleName, type Scale, type ScaleName } from './scale.js';
export { SCENARIOS, scenarioByName, type Scenario } from './scenarios.js';
export { TRUTH_COLUMNS, TRUTH_KINDS, type TruthKind, type TruthRow } from './truth.js';

/** Bumped whenever the same seed would produce different files. */
export const SIMULATOR_VERSION = '0.2.0';

export const SIMULATED_FILES = {
  shipments: 'shipments.csv',
  transactions: 'transactions.csv',
  entities: 'entities.ftm.json',
  truth: 'truth.csv',
  scenario: 'scenario.json',
  ...EXTRA_FILES,
} as const;

export interface SimulateOptions {
  readonly outDir: string;
  readonly seed: number;
  readonly scale: ScaleName;
  /** Scenario name (default "baseline"). */
  readonly scenario?: string;
  /** `lever=value` assignments applied over the scenario's levers. */
  readonly overrides?: readonly string[];
}

export interface SimulationSummary {
  readonly version: string;
  readonly seed: number;
  readonly scale: ScaleName;
  readonly scenario: string;
  readonly startDate: string;
  readonly days: number;
  readonly outDir: string;
  /** Records per written file (header lines excluded). */
  readonly counts: {
    readonly shipments: number;
    readonly transactions: number;
    readonly entities: number;
    readonly truth: number;
    /** Designations in watchlist.csv. */
    readonly watchlist: number;
    /** Wires in the pacs.008 sample message. */
    readonly pacs008: number;
  };
  readonly illicit: { readonly shipments: number; readonly transactions: number };
  /** Planted schemes per typology. */
  readonly schemes: Readonly<Record<string, number>>;
  readonly levers: Levers;
  readonly seconds: number;
}

/**
 * Simulates a world and streams it to `outDir`: shipments.csv, transactions.csv,
 * entities.ftm.json, truth.csv and scenario.json. Same options and version, same bytes.
 */
export async function simulate(options: SimulateOptions): Promise<SimulationSummary> {
  const started = performance.now();
  const { outDir, seed } = options;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new SimulationInputError(`seed must be an integer from 0 to 4294967295, got ${seed}`);
  if (!isScaleName(options.scale)) throw new SimulationInputError(`unknown scale "${String(options.scale)}"`);
  const scale = SCALES[options.scale];
  const scenarioName = options.scenario ?? 'baseline';
  const scenario = scenarioByName(scenarioName);
  if (scenario === undefined)
    throw new SimulationInputError(`unknown scenario "${scenarioName}" (known: ${SCENARIOS.map((s) => s.name).join(', ')})`);
  const levers = applyOverrides(scenario.levers, options.overrides ?? []);
  const world = buildWorld(seed, scale);
  const plan = planWorld({ seed, startDate: scenario.startDate, days: scale.days, levers, world }, scale);

  await mkdir(outDir, { recursive: true });
  const shipments = lineWriter(join(outDir, SIMULATED_FILES.shipments));
  const transactions = lineWriter(join(outDir, SIMULATED_FILES.transactions));
  const truth = lineWriter(join(outDir, SIMULATED_FILES.truth));
  const entities = lineWriter(join(outDir, SIMULATED_FILES.entities));
  const writers = [shipments, transactions, truth, entities];
  const pacs008Sample: Transaction[] = [];
  const illicit = { shipments: 0, transactions: 0 };
  try {
    await shipments.write(csvLine(SHIPMENT_COLUMNS));
    await transactions.write(csvLine(TRANSACTION_COLUMNS));
    await truth.write(csvLine(TRUTH_COLUMNS));

    const sampler = streamRng(seed, 'pacs008-sample');
    const sampleRate = Math.min(1, PACS008_SAMPLE_LIMIT / (0.08 * scale.transactions));
    const sample = (id: string, row: TransactionRow): void => {
      if (row.channel === 'wire' && pacs008Sample.length < PACS008_SAMPLE_LIMIT && sampler.chance(sampleRate)) {
        pacs008Sample.push(rowAsTransaction(id, row));
      }
    };
    let shipmentSeq = 0;
    let transactionSeq = 0;
    const shipmentCounts = dailyCounts(scale.shipments, scenario.startDate, scale.days);
    const transactionCounts = dailyCounts(scale.transactions, scenario.startDate, scale.days);
    for (let day = 0; day < scale.days; day++) {
      const date = dateOf(scenario.startDate, day);
      const shipRng = streamRng(seed, 'background-shipments', day);
      const bgShipment = { seed, levers, world, date };
      illicit.shipments += await writeDay<ShipmentRow>({
        count: shipmentCounts[day] ?? 0,
        planted: plan.shipmentsByDay.get(day) ?? [],
        positions: streamRng(seed, 'positions-shipments', day),
        background: () => backgroundShipment(bgShipment, shipRng),
        write: (id, row) => shipments.write(csvLine(SHIPMENT_COLUMNS.map((c) => (c === 'shipment_id' ? id : row[c])))),
        nextId: () => `SHP-${String(++shipmentSeq).padStart(8, '0')}`,
        truth,
        kind: 'shipment',
      });
      const txRng = streamRng(seed, 'background-transactions', day);
      const bgTx = {
        world,
        dayMs: dayStartMs(scenario.startDate, day),
        friday: new Date(`${date}T00:00:00Z`).getUTCDay() === 5,
      };
      illicit.transactions += await writeDay<TransactionRow>({
        count: transactionCounts[day] ?? 0,
        planted: plan.transactionsByDay.get(day) ?? [],
        positions: streamRng(seed, 'positions-transactions', day),
        background: () => backgroundTransaction(bgTx, txRng),
        write: (id, row) => {
          sample(id, row);
          return transactions.write(csvLine(TRANSACTION_COLUMNS.map((c) => (c === 'transaction_id' ? id : row[c]))));
        },
        nextId: () => `TX-${String(++transactionSeq).padStart(8, '0')}`,
        truth,
        kind: 'transaction',
      });
    }
    for (const t of plan.truth) await truth.write(truthLine(t));
    const population = Object.values(world.population).reduce((a, b) => a + b, 0);
    const allEntities = withSchemeParties(
      worldEntities(world, levers.beneficialOwnershipTransparency),
      plan.parties,
      streamRng(seed, 'scheme-entity-order'),
      population,
    );
    for (const entity of allEntities) {
      await entities.write(`${JSON.stringify({ id: entity.id, schema: entity.schema, properties: entity.properties })}\n`);
    }
    await Promise.all(writers.map((w) => w.close()));
  } catch (err) {
    for (const w of writers) w.abort();
    throw err;
  }

  const designations = await writeWatchlist(outDir, world);
  await writePacs008(outDir, {
    transactions: pacs008Sample,
    seed,
    createdAt: `${dateOf(scenario.startDate, scale.days)}T00:00:00Z`,
  });

  const scenarioFile = {
    simulatorVersion: SIMULATOR_VERSION,
    seed,
    scale: scale.name,
    scaleParameters: scale,
    scenario: scenario.name,
    description: scenario.description,
    startDate: scenario.startDate,
    days: scale.days,
    overrides: options.overrides ?? [],
    levers,
  };
  await writeFile(join(outDir, SIMULATED_FILES.scenario), `${JSON.stringify(scenarioFile, null, 2)}\n`);
  return {
    version: SIMULATOR_VERSION,
    seed,
    scale: scale.name,
    scenario: scenario.name,
    startDate: scenario.startDate,
    days: scale.days,
    outDir,
    counts: {
      shipments: shipments.lines() - 1,
      transactions: transactions.lines() - 1,
      entities: entities.lines(),
      truth: truth.lines() - 1,
      watchlist: designations,
      pacs008: pacs008Sample.length,
    },
    illicit,
    schemes: plan.schemes,
    levers,
    seconds: (performance.now() - started) / 1000,
  };
}
