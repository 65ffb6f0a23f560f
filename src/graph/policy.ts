import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EDGE_TYPES, type EdgeType } from './graph.js';

/**
 * The network policy (`policies/network.json`): resolution, placeholder accounts, seed weights,
 * chokepoint weights and each network alert's thresholds. One zod schema defines it; the type is
 * inferred; alerts carry the policy's name, version and hash.
 */
const weight = z.number().min(0).max(100);
const rule = <T extends z.ZodRawShape>(extra: T) => z.strictObject({ enabled: z.boolean(), weight, ...extra });

export const NetworkPolicySchema = z.strictObject({
  name: z.string().min(1),
  version: z.string().min(1),
  description: z.string(),
  resolution: z.enum(['identity', 'exact', 'resolved']),
  pseudoAccounts: z.array(z.string().min(1)),
  seeds: z.strictObject({ designated: z.number().min(0), flagged: z.number().min(0), flaggedRecordParty: z.number().min(0) }),
  /** How much risk each edge type carries in personalised PageRank (0: not followed). */
  exposureTypeWeights: z.strictObject(
    Object.fromEntries(EDGE_TYPES.map((t) => [t, z.number().min(0).max(10)])) as Record<EdgeType, z.ZodNumber>,
  ),
  chokepoints: z.strictObject({
    weights: z.strictObject({
      betweenness: z.number().min(0),
      throughput: z.number().min(0),
      articulation: z.number().min(0),
      cut: z.number().min(0),
    }),
    exposedNodes: z.int().min(0),
    /** Flows between two parties the risky flow already touches count as risky (one step). */
    memberFlows: z.boolean().default(false),
    maxSources: z.int().min(1),
  }),
  fiftyPercentThreshold: z.number().gt(0).max(1),
  rules: z.strictObject({
    'near-designated': rule({
      maxHops: z.int().min(1).max(6),
      hopPenalty: z.number().min(0).max(100),
      maxAlerts: z.int().min(0),
    }),
    'fifty-percent': rule({}),
    'front-cluster': rule({
      minCompanies: z.int().min(2),
      maxCompanies: z.int().min(2),
      minSharedContacts: z.int().min(1),
      riskyMemberBonus: z.number().min(0).max(100),
      /** Alert only clusters with a designated or flagged member (background companies share addresses too). */
      requireRiskyMember: z.boolean(),
    }),
    chokepoint: rule({ top: z.int().min(0) }),
    'chokepoint-rise': rule({
      /** How many top chokepoints to watch. */
      top: z.int().min(0),
      windowDays: z.int().min(1).max(366),
      /** Recent risky flow at least this many times the window before (new flow counts as a rise). */
      minRatio: z.number().min(1),
      minUsd: z.number().min(0),
    }),
    complicity: rule({}),
  }),
  levels: z.strictObject({ medium: weight, high: weight, critical: weight }),
});

export type NetworkPolicyData = z.infer<typeof NetworkPolicySchema>;

export interface NetworkPolicy {
  readonly data: NetworkPolicyData;
  /** name@version#hash: stamped on every alert so a result can be reproduced. */
  readonly stamp: string;
  readonly sha256: string;
}

export class NetworkPolicyError extends Error {
  constructor(file: string, problems: readonly string[]) {
    super(`${file}: invalid network policy:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'NetworkPolicyError';
  }
}

export const DEFAULT_NETWORK_POLICY_FILE = fileURLToPath(new URL('../../policies/network.json', import.meta.url));

export function parseNetworkPolicy(raw: unknown, file = '(policy)'): NetworkPolicy {
  const parsed = NetworkPolicySchema.safeParse(raw);
  if (!parsed.success)
    throw new NetworkPolicyError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  const sha256 = createHash('sha256').update(JSON.stringify(parsed.data)).digest('hex');
  return { data: parsed.data, sha256, stamp: `${parsed.data.name}@${parsed.data.version}#${sha256.slice(0, 12)}` };
}

/** Reads and validates a policy file (default: the bundled one); errors name the file and field. */
export function loadNetworkPolicy(file: string = DEFAULT_NETWORK_POLICY_FILE): NetworkPolicy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new NetworkPolicyError(file, [`(file): ${(err as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new NetworkPolicyError(file, [`(file): not valid JSON: ${(err as Error).message}`]);
  }
  return parseNetworkPolicy(raw, file);
}
