import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseNetworkPolicy } from '../graph/index.js';
import { parsePolicy as parseMonitoringPolicy } from '../monitor/index.js';
import { parseResolutionPolicy } from '../resolve/index.js';
import { parseMatchingPolicy } from '../screening/index.js';
import { parsePolicy as parseTradePolicy } from '../trade/index.js';

export const DEFAULT_POLICIES_DIR = fileURLToPath(new URL('../../policies/', import.meta.url));

/**
 * Each shipped policy file with the validator of the capability that loads it: the server
 * never has its own idea of what a policy may hold.
 */
const VALIDATORS: Readonly<Record<string, (text: string, origin: string) => unknown>> = {
  'trade-screening.json': (text, origin) => parseTradePolicy(JSON.parse(text), origin),
  'transaction-monitoring.json': (text, origin) => parseMonitoringPolicy(text, origin),
  'network.json': (text, origin) => parseNetworkPolicy(JSON.parse(text), origin),
  'name-matching.json': (text, origin) => parseMatchingPolicy(JSON.parse(text), origin),
  'resolution.json': (text, origin) => parseResolutionPolicy(JSON.parse(text), origin),
};

export interface PolicySummary {
  readonly name: string;
  readonly id: string | null;
  readonly version: string | null;
  readonly sha256: string;
  readonly bytes: number;
  readonly validator: boolean;
}

export type Validation = { readonly valid: true } | { readonly valid: false; readonly message: string };

export function validatePolicy(name: string, text: string): Validation {
  const validate = VALIDATORS[name];
  if (validate === undefined)
    return { valid: false, message: `no validator for policy file ${name} (known: ${Object.keys(VALIDATORS).join(', ')})` };
  try {
    validate(text, name);
    return { valid: true };
  } catch (err) {
    return { valid: false, message: err instanceof Error ? err.message : String(err) };
  }
}

function summary(name: string, text: string): PolicySummary {
  let head: { id?: unknown; version?: unknown } = {};
  try {
    head = JSON.parse(text) as typeof head;
  } catch {
    // An unparsable file is still listed; validating it says why.
  }
  return {
    name,
    id: typeof head.id === 'string' ? head.id : null,
    version: typeof head.version === 'string' ? head.version : null,
    sha256: createHash('sha256').update(text).digest('hex'),
    bytes: Buffer.byteLength(text),
    validator: name in VALIDATORS,
  };
}

export function listPolicies(dir: string): PolicySummary[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => summary(f, readFileSync(join(dir, f), 'utf8')));
}

/** A policy file by name; names are matched against the listing, never joined blindly into a path. */
export function readPolicy(
  dir: string,
  name: string,
): { summary: PolicySummary; content: unknown; validation: Validation } | undefined {
  const known = readdirSync(dir).filter((f) => f.endsWith('.json'));
  if (!known.includes(name)) return undefined;
  const text = readFileSync(join(dir, name), 'utf8');
  let content: unknown = null;
  try {
    content = JSON.parse(text);
  } catch {
    content = null;
  }
  return { summary: summary(name, text), content, validation: validatePolicy(name, text) };
}
