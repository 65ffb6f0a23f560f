import { SHIPMENT_MODES, normaliseCountry } from '../model/index.js';
import { PRECURSOR_KEYS } from './catalog.js';
import { LeversSchema, type Levers, type Schedule } from './levers.js';

/** Bad simulation input (unknown scenario, bad lever): the CLI reports it as a usage error. */
export class SimulationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationInputError';
  }
}

/** A bad `--set lever=value`: the message names the lever and what it accepts. */
export class LeverError extends SimulationInputError {
  constructor(message: string) {
    super(message);
    this.name = 'LeverError';
  }
}

const LEVER_PATHS = [
  'lowValueThresholdUsd.<CC|default>',
  ...SHIPMENT_MODES.map((m) => `inspectionRate.${m}`),
  'investigatorAlertsPerDay',
  'beneficialOwnershipTransparency',
  'moneyTransmitterPenalty',
  ...PRECURSOR_KEYS.map((k) => `prcControlFrom.${k}`),
  'prcPharmaTariff',
];

function number(lever: string, raw: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new LeverError(`lever ${lever} expects a number, got "${raw}"`);
  return n;
}

/** "800" (constant) or "800@2016-03-10;0@2025-05-02" (steps from dates). */
function schedule(lever: string, raw: string): Schedule {
  if (!raw.includes('@')) return [{ from: '0000-01-01', usd: number(lever, raw) }];
  return raw.split(';').map((step) => {
    const [usd = '', from = ''] = step.split('@');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from.trim())) throw new LeverError(`lever ${lever}: "${step}" is not USD@YYYY-MM-DD`);
    return { from: from.trim(), usd: number(lever, usd) };
  });
}

function applyOne(levers: Levers, assignment: string): Levers {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new LeverError(`--set expects lever=value, got "${assignment}"`);
  const lever = assignment.slice(0, eq).trim();
  const raw = assignment.slice(eq + 1).trim();
  const [head, sub, ...rest] = lever.split('.');
  if (rest.length > 0) throw new LeverError(`unknown lever "${lever}" (known: ${LEVER_PATHS.join(', ')})`);
  if (head === 'lowValueThresholdUsd' && sub !== undefined) {
    const key = sub === 'default' ? sub : normaliseCountry(sub);
    if (key === undefined) throw new LeverError(`lever ${lever}: "${sub}" is not "default" or an ISO 3166-1 alpha-2 code`);
    return { ...levers, lowValueThresholdUsd: { ...levers.lowValueThresholdUsd, [key]: schedule(lever, raw) } };
  }
  if (head === 'inspectionRate' && sub !== undefined && (SHIPMENT_MODES as readonly string[]).includes(sub)) {
    return { ...levers, inspectionRate: { ...levers.inspectionRate, [sub]: number(lever, raw) } };
  }
  if (head === 'prcControlFrom' && sub !== undefined && (PRECURSOR_KEYS as readonly string[]).includes(sub)) {
    if (raw !== 'none' && !/^\d{4}-\d{2}-\d{2}$/.test(raw))
      throw new LeverError(`lever ${lever} expects YYYY-MM-DD or none, got "${raw}"`);
    return { ...levers, prcControlFrom: { ...levers.prcControlFrom, [sub]: raw === 'none' ? null : raw } };
  }
  if (
    sub === undefined &&
    (head === 'investigatorAlertsPerDay' ||
      head === 'beneficialOwnershipTransparency' ||
      head === 'moneyTransmitterPenalty' ||
      head === 'prcPharmaTariff')
  ) {
    return { ...levers, [head]: number(lever, raw) };
  }
  throw new LeverError(`unknown lever "${lever}" (known: ${LEVER_PATHS.join(', ')})`);
}

/** Validates levers, naming the first offending lever path. */
export function validateLevers(raw: unknown): Levers {
  const parsed = LeversSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  throw new LeverError(`lever ${path || '(levers)'}: ${issue?.message ?? 'invalid'}`);
}

/** Applies `lever=value` assignments in order, then validates the result. */
export function applyOverrides(levers: Levers, assignments: readonly string[]): Levers {
  return validateLevers(assignments.reduce(applyOne, levers));
}
