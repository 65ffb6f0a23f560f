import { z } from 'zod';
import { SHIPMENT_MODES, normaliseCountry, type ShipmentMode } from '../model/index.js';
import { PRECURSOR_KEYS, type PrecursorKey } from './catalog.js';

/**
 * Policy levers: the parameters a policy analyst varies in the what-if laboratory. One zod schema
 * is the single definition; the TypeScript type is inferred from it. Every lever has a documented
 * default and the source of its figure in LEVER_DOCS.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD');

/** A value that changes on dates: each step applies from its date until the next step. */
const ScheduleSchema = z
  .array(z.object({ from: isoDate, usd: z.number().min(0) }))
  .min(1)
  .refine((steps) => steps.every((s, i) => i === 0 || (steps[i - 1] as { from: string }).from < s.from), {
    message: 'steps must be in increasing date order',
  });
export type Schedule = z.infer<typeof ScheduleSchema>;

const share = z.number().min(0).max(1);

export const LeversSchema = z.strictObject({
  /** Low-value (de minimis) threshold in USD by origin country ("default" for all others). */
  lowValueThresholdUsd: z
    .record(z.string(), ScheduleSchema)
    .refine((r) => 'default' in r, { message: 'needs a "default" schedule' })
    .refine((r) => Object.keys(r).every((k) => k === 'default' || normaliseCountry(k) === k), {
      message: 'keys must be "default" or ISO 3166-1 alpha-2 codes in capitals',
    }),
  /** Share of shipments physically inspected, by transport mode. */
  inspectionRate: z.strictObject(Object.fromEntries(SHIPMENT_MODES.map((m) => [m, share])) as Record<ShipmentMode, typeof share>),
  /** Alerts an investigation team reviews per day (the alert budget). */
  investigatorAlertsPerDay: z.number().int().min(0),
  /** Share of companies whose beneficial owners are disclosed (FtM Ownership links written). */
  beneficialOwnershipTransparency: share,
  /** Strength of penalties on money transmitters, 0 (none) to 1 (severe): how rarely they serve launderers. */
  moneyTransmitterPenalty: share,
  /** Date from which the PRC controls each precursor's export (null: not controlled). */
  prcControlFrom: z.strictObject(
    Object.fromEntries(PRECURSOR_KEYS.map((k) => [k, isoDate.nullable()])) as Record<
      PrecursorKey,
      ReturnType<typeof isoDate.nullable>
    >,
  ),
  /** Tariff-and-inspection pressure on PRC pharmaceutical imports, 0-1: share of PRC pharma trade diverted elsewhere. */
  prcPharmaTariff: share,
});
export type Levers = z.infer<typeof LeversSchema>;

const US_DE_MINIMIS_800_FROM = '2016-03-10';

export const DEFAULT_LEVERS: Levers = {
  lowValueThresholdUsd: {
    default: [
      { from: US_DE_MINIMIS_800_FROM, usd: 800 },
      { from: '2025-08-29', usd: 0 },
    ],
    CN: [
      { from: US_DE_MINIMIS_800_FROM, usd: 800 },
      { from: '2025-05-02', usd: 0 },
    ],
    HK: [
      { from: US_DE_MINIMIS_800_FROM, usd: 800 },
      { from: '2025-05-02', usd: 0 },
    ],
  },
  inspectionRate: { postal: 0.005, express: 0.01, air_cargo: 0.02, ocean: 0.03, truck: 0.05, rail: 0.03 },
  investigatorAlertsPerDay: 50,
  beneficialOwnershipTransparency: 0.3,
  moneyTransmitterPenalty: 0.5,
  prcControlFrom: {
    npp: '2018-09-01',
    anpp: '2018-09-01',
    '4-ap': '2024-09-01',
    'boc-4-ap': '2024-09-01',
    'boc-4-piperidone': null,
  },
  prcPharmaTariff: 0,
};

/** Documentation of each lever: meaning and the source of its default. */
export const LEVER_DOCS: Readonly<Record<string, { readonly meaning: string; readonly source: string }>> = {
  lowValueThresholdUsd: {
    meaning: 'US Section 321 low-value (de minimis) threshold by origin country and date; 0 = suspended',
    source:
      'domain.md §3: $800 per person per day (was $200 until 2016); suspended for CN/HK from 2025-05-02 and for all countries from 2025-08-29',
  },
  inspectionRate: {
    meaning: 'share of shipments physically inspected, by mode; higher makes schemes split into smaller parcels',
    source: 'assumption (no primary figure in domain.md): low single-digit percentages, parcels lowest',
  },
  investigatorAlertsPerDay: {
    meaning: 'alerts an investigation team reviews per day (evaluation budget, top-k per day)',
    source: 'assumption: one team of about 5 analysts at about 10 alerts each per day',
  },
  beneficialOwnershipTransparency: {
    meaning: 'share of companies whose beneficial owners are disclosed in the entity data',
    source: 'assumption; paper recommendation on beneficial-ownership transparency (domain.md §1 shell companies)',
  },
  prcControlFrom: {
    meaning: 'date from which the PRC controls each precursor (null: not controlled); suppliers favour uncontrolled ones',
    source:
      'domain.md §2: PRC controls NPP and ANPP from 2018 (month assumed), 4-AP, 1-boc-4-AP and norfentanyl as Category II from 2024-09-01; 1-boc-4-piperidone pending',
  },
  prcPharmaTariff: {
    meaning: 'tariffs and inspection on PRC pharmaceutical imports (0-1): share of PRC pharma trade diverted to other origins',
    source: 'assumption; issue 3 lever list (paper recommendation on PRC pharmaceutical imports), default 0 = status quo',
  },
  moneyTransmitterPenalty: {
    meaning: 'penalty strength on money transmitters (0-1): higher pushes precursor payments off remittance channels',
    source: 'assumption; FIN-2019-A006 red flags on low-dollar transfers to individuals in China (domain.md §4)',
  },
};

/** The threshold in force for an origin country on a date (the first step's value before it starts). */
export function lowValueThreshold(levers: Levers, country: string, date: string): number {
  const schedule = levers.lowValueThresholdUsd[country] ?? levers.lowValueThresholdUsd['default'];
  if (schedule === undefined || schedule.length === 0) return 0;
  let usd = (schedule[0] as { usd: number }).usd;
  for (const step of schedule) if (step.from <= date) usd = step.usd;
  return usd;
}

/** Whether the PRC controls a precursor's export on a date. */
export function prcControlled(levers: Levers, key: PrecursorKey, date: string): boolean {
  const from = levers.prcControlFrom[key];
  return from !== null && from <= date;
}
