import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The resolution policy: which headers name which field, where the comparison levels are cut,
 * how much blocking may read, how EM is trained and what guards the clustering. One zod schema;
 * the parsed policy is stamped `id@version#hash` so a clustering can be reproduced.
 */
export const FIELDS = ['name', 'address', 'date', 'identifier', 'country', 'phone', 'email'] as const;
export type Field = (typeof FIELDS)[number];

const headerWords = z.array(z.string().min(1)).min(1);
const probability = z.number().gt(0).lt(1);

export const resolutionPolicySchema = z.strictObject({
  id: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a semantic version'),
  description: z.string(),
  /** A pair is linked when its posterior match probability is at least this. */
  threshold: probability,
  /** Header synonyms per field; compared after folding case, spaces, dashes and underscores. */
  fields: z.strictObject({
    id: headerWords,
    name: headerWords,
    address: headerWords,
    date: headerWords,
    identifier: headerWords,
    country: headerWords,
    phone: headerWords,
    email: headerWords,
    schema: headerWords,
  }),
  levels: z.strictObject({
    /** Name score (the screening matcher's, 0..1) from which two different spellings are "close". */
    nameClose: z.number().min(0).max(1),
    /** ... and from which they are "partial" (a shared surname, a dropped word). */
    namePartial: z.number().min(0).max(1),
    /** Share of address words in common (Jaccard) from which addresses are "close". */
    addressClose: z.number().min(0).max(1),
    /** Phone numbers are compared on their last N digits (country prefixes come and go). */
    phoneDigits: z.number().int().min(5).max(15),
    /** Dates in different years up to this far apart, or with day and month swapped, are "close". */
    dateYearTolerance: z.number().int().min(0).max(5),
  }),
  addressWords: z.record(z.string().regex(/^[a-z0-9]+$/), z.string().regex(/^[a-z0-9]+$/)),
  blocking: z.strictObject({
    /** Keys shared by more records than this are skipped: they would pair everyone with everyone. */
    maxKeyFrequency: z.number().int().min(2),
    /** Postings read per record at most, rarest keys first. */
    postingBudget: z.number().int().min(10),
    /** Candidates kept per record, by weighted shared keys. */
    maxCandidates: z.number().int().min(1).max(1000),
    /** Weighted shared-key score a candidate needs to be compared at all. */
    minKeyScore: z.number().min(0),
    bucketBits: z.number().int().min(10).max(26),
  }),
  training: z.strictObject({
    /** Random record pairs drawn to estimate u (almost all are non-matches). */
    randomPairs: z.number().int().min(100),
    maxIterations: z.number().int().min(1),
    tolerance: z.number().positive(),
    seed: z.number().int(),
    /** Starting share of matches among candidate pairs. */
    initialPrior: probability,
    /**
     * Ceiling on the learnt share of matches: on a small file EM can decide every candidate pair
     * matches, and a prior near 1 would then link pairs whatever their fields say.
     */
    maxPrior: probability,
    /**
     * Weight, in pairs, of the starting m and u (fellegi-sunter.ts): a small file is pulled toward
     * them, a large one is decided by its own data.
     */
    pseudoPairs: z.number().min(0),
  }),
  clustering: z.strictObject({
    /** No cluster grows past this many records through automatic links (analyst merges may). */
    maxClusterSize: z.number().int().min(2),
    /** A pair across two clusters at or below this weight (bits) vetoes their merge. */
    conflictWeight: z.number(),
    /** Mean weight (bits) of the pairs across two clusters needed to merge them. */
    minMeanCrossWeight: z.number(),
    /** Pairs across two clusters compared at most when checking a merge. */
    maxCrossPairs: z.number().int().min(1),
  }),
});

export type ResolutionPolicyData = z.output<typeof resolutionPolicySchema>;

export interface ResolutionPolicy {
  readonly data: ResolutionPolicyData;
  readonly stamp: string;
}

export class ResolutionPolicyError extends Error {
  readonly code = 'CHOKEPOINT_ERR_RESOLUTION_POLICY_INVALID';
  constructor(
    readonly origin: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(`invalid resolution policy (${origin}):\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'ResolutionPolicyError';
  }
}

/** Folds a header the way synonyms are written: lower case, runs of space, "_", "-", "." to one space. */
export function foldHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.]+/g, ' ')
    .trim();
}

function crossChecks(p: ResolutionPolicyData): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const owner = new Map<string, string>();
  for (const [field, words] of Object.entries(p.fields))
    for (const w of words) {
      const key = foldHeader(w);
      const other = owner.get(key);
      if (other !== undefined && other !== field)
        issues.push({ path: `fields.${field}`, message: `header "${w}" already names field "${other}"` });
      owner.set(key, field);
    }
  if (p.levels.namePartial > p.levels.nameClose)
    issues.push({ path: 'levels.namePartial', message: 'must not exceed levels.nameClose' });
  return issues;
}

export function parseResolutionPolicy(raw: unknown, origin = 'policy'): ResolutionPolicy {
  const parsed = resolutionPolicySchema.safeParse(raw);
  if (!parsed.success)
    throw new ResolutionPolicyError(
      origin,
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })),
    );
  const issues = crossChecks(parsed.data);
  if (issues.length > 0) throw new ResolutionPolicyError(origin, issues);
  const hash = createHash('sha256').update(JSON.stringify(parsed.data)).digest('hex').slice(0, 12);
  return { data: parsed.data, stamp: `${parsed.data.id}@${parsed.data.version}#${hash}` };
}

export const DEFAULT_RESOLUTION_POLICY_FILE = fileURLToPath(new URL('../../policies/resolution.json', import.meta.url));

export function loadResolutionPolicy(path: string = DEFAULT_RESOLUTION_POLICY_FILE): ResolutionPolicy {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ResolutionPolicyError(path, [{ path: '(file)', message: (err as Error).message }]);
  }
  return parseResolutionPolicy(raw, path);
}
