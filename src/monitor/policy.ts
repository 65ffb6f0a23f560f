import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { MONITOR_DETECTORS } from './detectors/index.js';
import type { MonitorDetector } from './rule.js';

/** The policy file shipped with Chokepoint (policies/transaction-monitoring.json). */
export const DEFAULT_POLICY_PATH = fileURLToPath(new URL('../../policies/transaction-monitoring.json', import.meta.url));

const Score = z.number().min(0).max(100);

const PolicySchema = z
  .strictObject({
    name: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a semantic version such as 1.0.0'),
    description: z.string().optional(),
    thresholds: z
      .strictObject({ alert: Score, high: Score, critical: Score })
      .refine((t) => t.alert <= t.high && t.high <= t.critical, { message: 'expected alert <= high <= critical' }),
    scoring: z.strictObject({
      /**
       * A subject's score is the summed weight of its strongest typology plus this share of the
       * other typologies' weights: weak signals of unrelated typologies corroborate, but less.
       */
      otherTypologyFactor: z.number().min(0).max(1),
    }),
    /** Also alert the holders (FtM Person/Company) of alerted accounts, when the store knows them. */
    alertAccountHolders: z.boolean(),
    /** SAR key term → typologies whose alerts carry it. */
    sarKeyTerms: z.record(z.string().min(1), z.array(z.string().min(1))),
    detectors: z.record(
      z.string(),
      z.strictObject({ enabled: z.boolean(), params: z.record(z.string(), z.unknown()).default({}) }),
    ),
    /** Rule id → weight (0-100) added to a subject's score when the rule fires on it. */
    weights: z.record(z.string(), Score),
  })
  .superRefine((policy, ctx) => {
    const known = new Map(MONITOR_DETECTORS.map((d) => [d.id, d]));
    for (const id of Object.keys(policy.detectors)) {
      if (!known.has(id))
        ctx.addIssue({
          code: 'custom',
          path: ['detectors', id],
          message: `unknown detector "${id}"; known: ${[...known.keys()].join(', ')}`,
        });
    }
    const rules = new Set<string>();
    for (const d of MONITOR_DETECTORS) {
      const entry = policy.detectors[d.id];
      if (entry === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['detectors'],
          message: `detector "${d.id}" is not configured (set enabled: false to turn it off)`,
        });
        continue;
      }
      const parsed = d.params.safeParse(entry.params);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          ctx.addIssue({
            code: 'custom',
            path: ['detectors', d.id, 'params', ...issue.path.map(String)],
            message: issue.message,
          });
      }
      for (const rule of Object.keys(d.rules)) {
        rules.add(rule);
        if (entry.enabled && policy.weights[rule] === undefined)
          ctx.addIssue({ code: 'custom', path: ['weights', rule], message: `missing weight for rule "${rule}"` });
      }
    }
    for (const rule of Object.keys(policy.weights))
      if (!rules.has(rule)) ctx.addIssue({ code: 'custom', path: ['weights', rule], message: `unknown rule "${rule}"` });
  });

export type PolicyDocument = z.infer<typeof PolicySchema>;

/** A validated policy with its content hash, which every alert carries so a result can be reproduced. */
export interface Policy extends PolicyDocument {
  readonly sha256: string;
}

export class PolicyError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly string[],
  ) {
    super(`invalid monitoring policy ${source}:\n  ${issues.join('\n  ')}`);
    this.name = 'PolicyError';
  }
}

export function parsePolicy(text: string, source: string): Policy {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new PolicyError(source, [`not valid JSON: ${(err as Error).message}`]);
  }
  const parsed = PolicySchema.safeParse(raw);
  if (!parsed.success)
    throw new PolicyError(
      source,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  return { ...parsed.data, sha256: createHash('sha256').update(text).digest('hex') };
}

export async function loadPolicy(path: string = DEFAULT_POLICY_PATH): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new PolicyError(path, [`cannot read: ${(err as Error).message}`]);
  }
  return parsePolicy(text, path);
}

/** The enabled detectors with their parameters, in run order. */
export function enabledDetectors(policy: Policy): { detector: MonitorDetector; params: unknown }[] {
  return MONITOR_DETECTORS.filter((d) => policy.detectors[d.id]?.enabled === true).map((d) => ({
    detector: d,
    params: policy.detectors[d.id]?.params ?? {},
  }));
}

/** The SAR key terms that apply to a set of typologies. */
export function keyTermsFor(policy: Policy, typologies: Iterable<string>): string[] {
  const set = new Set(typologies);
  return Object.entries(policy.sarKeyTerms)
    .filter(([, list]) => list.some((t) => set.has(t)))
    .map(([term]) => term);
}
