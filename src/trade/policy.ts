import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { normaliseCountry } from '../model/index.js';
import { JURISDICTIONS } from '../knowledge/index.js';
import { RULE_IDS, type RuleId } from './rule-ids.js';

/**
 * The trade-screening policy: rule weights, score cut-offs, country groups, low-value thresholds
 * by date and the split-shipment windows. One zod schema is the single definition; the type is
 * inferred from it, and `parsePolicy` adds the checks a schema cannot express (every rule the
 * code implements has a weight, group names resolve, schedules in date order).
 */
const isoDate = z.iso.date();
const country = z.string().refine((c) => normaliseCountry(c) === c, 'an ISO 3166-1 alpha-2 code in capitals');
const digits = (min: number, max: number) => z.string().regex(new RegExp(`^\\d{${min},${max}}$`), `${min} to ${max} digits`);
const words = z.array(z.string().min(1)).min(1);

/** A value that changes on dates (the simulator's lever shape): each step applies from its date on. */
const scheduleSchema = z
  .array(z.strictObject({ from: isoDate, usd: z.number().min(0) }))
  .min(1)
  .refine(
    (steps) => steps.every((s, i) => i === 0 || (steps[i - 1]?.from ?? '') < s.from),
    'steps must be in increasing date order',
  );

const ruleSchema = z.strictObject({
  id: z.string(),
  /** Points the rule adds to the score when it fires; negative weights mitigate. */
  weight: z.number().min(-100).max(100),
  description: z.string().min(10),
});

const splitKeySchema = z.strictObject({
  /** Count only parcels whose goods look like chemicals (a shipper ships many parcels of its trade goods). */
  chemicalOnly: z.boolean(),
});

export const policySchema = z.strictObject({
  id: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a semantic version'),
  description: z.string(),
  score: z.strictObject({
    combination: z.literal('capped-sum'),
    /** A shipment is flagged (becomes an alert) at this score or above. */
    alertThreshold: z.number().min(0).max(100),
    levels: z.strictObject({
      medium: z.number().min(0).max(100),
      high: z.number().min(0).max(100),
      critical: z.number().min(0).max(100),
    }),
  }),
  rules: z.array(ruleSchema).min(1),
  controlJurisdictions: z.array(z.enum(JURISDICTIONS)).min(1),
  countryGroups: z.record(z.string(), z.strictObject({ description: z.string(), countries: z.array(country) })),
  /** Keyed by "default", a country group name or a country code; a country's own key wins over its group's. */
  lowValueThresholdUsd: z.record(z.string(), scheduleSchema),
  goods: z.strictObject({
    chemicalHsChapters: z.array(digits(2, 2)).min(1),
    catchAllHs: z.array(digits(6, 10)),
    nppHs: digits(6, 10),
    vagueWords: words,
    chemicalWords: words,
    companyMarkers: words,
    residentialAddressMarkers: words,
    valueBands: z.array(
      z.strictObject({
        hsChapters: z.array(digits(2, 2)).min(1),
        minUsdPerKg: z.number().min(0),
        maxUsdPerKg: z.number().positive(),
        note: z.string().optional(),
      }),
    ),
    heavyParcel: z.strictObject({
      minKg: z.number().positive(),
      maxUsdPerKg: z.number().positive(),
      note: z.string().optional(),
    }),
  }),
  shipperCluster: z.strictObject({
    contacts: z.array(z.enum(['address', 'phone', 'email'])),
    newShipperWarmupDays: z.number().int().min(0),
    newShipperDays: z.number().int().min(1),
    evidenceCap: z.number().int().min(1).max(100),
  }),
  split: z.strictObject({
    keys: z.strictObject({
      consignee: splitKeySchema,
      consigneeAddress: splitKeySchema,
      finalRecipient: splitKeySchema,
      shipperCluster: splitKeySchema,
    }),
    day: z.strictObject({ minParcels: z.number().int().min(2), minSimilarShare: z.number().min(0).max(1) }),
    week: z.strictObject({
      minParcels: z.number().int().min(2),
      minKg: z.number().positive(),
      minSimilarShare: z.number().min(0).max(1),
    }),
    evidenceCap: z.number().int().min(1).max(1000),
  }),
  requiredFields: z.array(z.enum(['description', 'declaredValueUsd', 'grossWeightKg', 'arrivalDate', 'originCountry', 'hsCode'])),
});

export type PolicyInput = z.input<typeof policySchema>;
type PolicyData = z.output<typeof policySchema>;
export type SplitKeyKind = keyof PolicyData['split']['keys'];

/** A validated policy with its lookups resolved once. */
export interface TradePolicy {
  readonly data: PolicyData;
  /** `id@version#sha256-prefix`: stamped on results so a score can be reproduced. */
  readonly stamp: string;
  readonly weights: Readonly<Record<RuleId, number>>;
  readonly descriptions: Readonly<Record<RuleId, string>>;
  /** Country → the names of the groups it belongs to. */
  groupsOf(country: string | null): readonly string[];
  inGroup(country: string | null, group: string): boolean;
}

export class PolicyError extends Error {
  readonly code = 'CHOKEPOINT_ERR_POLICY_INVALID';
  constructor(
    readonly origin: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(`invalid trade-screening policy (${origin}):\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'PolicyError';
  }
}

function pathOf(path: readonly PropertyKey[]): string {
  return (
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '') || '(root)'
  );
}

/** What the schema cannot see: rule ids against the code's, group references, cut-off order. */
function crossChecks(p: PolicyData): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const known = new Set<string>(RULE_IDS);
  const seen = new Set<string>();
  p.rules.forEach((r, i) => {
    if (!known.has(r.id))
      issues.push({ path: `rules[${i}].id`, message: `unknown rule "${r.id}" (known: ${RULE_IDS.join(', ')})` });
    if (seen.has(r.id)) issues.push({ path: `rules[${i}].id`, message: `duplicate rule "${r.id}"` });
    seen.add(r.id);
  });
  for (const id of RULE_IDS) if (!seen.has(id)) issues.push({ path: 'rules', message: `missing a weight for rule "${id}"` });
  for (const key of Object.keys(p.lowValueThresholdUsd)) {
    if (key !== 'default' && !(key in p.countryGroups) && normaliseCountry(key) !== key)
      issues.push({ path: `lowValueThresholdUsd.${key}`, message: 'must be "default", a country group or an ISO country code' });
  }
  if (!('default' in p.lowValueThresholdUsd))
    issues.push({ path: 'lowValueThresholdUsd.default', message: 'a "default" schedule is required' });
  for (const group of ['originOfConcern', 'transit', 'mexico', 'screeningCountry'])
    if (!(group in p.countryGroups)) issues.push({ path: `countryGroups.${group}`, message: 'required group is missing' });
  const { medium, high, critical } = p.score.levels;
  if (!(medium <= high && high <= critical))
    issues.push({ path: 'score.levels', message: 'cut-offs must rise: medium <= high <= critical' });
  return issues;
}

/** Validates a policy (parsed JSON) and resolves its lookups; throws PolicyError naming each bad field. */
export function parsePolicy(raw: unknown, origin = 'policy'): TradePolicy {
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success)
    throw new PolicyError(
      origin,
      parsed.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message })),
    );
  const data = parsed.data;
  const issues = crossChecks(data);
  if (issues.length > 0) throw new PolicyError(origin, issues);
  const weights = Object.fromEntries(data.rules.map((r) => [r.id, r.weight])) as Record<RuleId, number>;
  const descriptions = Object.fromEntries(data.rules.map((r) => [r.id, r.description])) as Record<RuleId, string>;
  const groups = new Map<string, string[]>();
  for (const [name, g] of Object.entries(data.countryGroups))
    for (const c of g.countries) groups.set(c, [...(groups.get(c) ?? []), name]);
  const hash = createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 12);
  return {
    data,
    stamp: `${data.id}@${data.version}#${hash}`,
    weights,
    descriptions,
    groupsOf: (c) => (c === null ? [] : (groups.get(c) ?? [])),
    inGroup: (c, group) => c !== null && (groups.get(c)?.includes(group) ?? false),
  };
}

/** The policy shipped with the package (`policies/trade-screening.json`). */
export const DEFAULT_POLICY_FILE = fileURLToPath(new URL('../../policies/trade-screening.json', import.meta.url));

/** Reads and validates a policy file (default: the bundled one); errors name the file and field. */
export function loadPolicy(path: string = DEFAULT_POLICY_FILE): TradePolicy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new PolicyError(path, [{ path: '(file)', message: (err as Error).message }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new PolicyError(path, [{ path: '(file)', message: `not valid JSON: ${(err as Error).message}` }]);
  }
  return parsePolicy(raw, path);
}
