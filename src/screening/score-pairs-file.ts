import { csvLine } from '../export/index.js';
import { SourceError, type Rejection } from '../ingest/index.js';
import { AtomicWriter, readCsv } from './csv-io.js';
import { explainMatch } from './explain.js';
import type { Matcher } from './matcher.js';
import { QUERY_SCHEMATA } from './subject.js';

export interface ScorePairsSummary {
  readonly file: string;
  readonly out: string;
  readonly policy: string;
  readonly threshold: number;
  readonly pairs: number;
  readonly matches: number;
  readonly rejected: readonly Rejection[];
  readonly seconds: number;
}

const REQUIRED = ['schema', 'name1', 'name2'] as const;

/**
 * Scores labelled pairs: every input row is written back with its columns, plus `score`, `match`
 * (true|false at the policy's threshold) and `explanation`. A row that cannot be scored keeps its
 * place with empty score columns and is reported with line and field.
 */
export async function scorePairsFile(
  file: string,
  options: { readonly matcher: Matcher; readonly out: string },
): Promise<ScorePairsSummary> {
  const started = performance.now();
  const { matcher } = options;
  const writer = new AtomicWriter(options.out);
  const rejected: Rejection[] = [];
  let pairs = 0;
  let matches = 0;
  try {
    let header: readonly string[] | undefined;
    let at: Record<(typeof REQUIRED)[number], number> | undefined;
    for await (const { line, fields } of readCsv(file)) {
      if (header === undefined || at === undefined) {
        header = fields.map((f) => f.trim());
        const missing = REQUIRED.filter((c) => !header?.includes(c));
        if (missing.length > 0) throw new SourceError(file, line, `missing required column(s): ${missing.join(', ')}`);
        at = { schema: header.indexOf('schema'), name1: header.indexOf('name1'), name2: header.indexOf('name2') };
        await writer.write(csvLine([...header, 'score', 'match', 'explanation']));
        continue;
      }
      const kept = header.map((_, i) => fields[i] ?? '');
      const schema = (fields[at.schema] ?? '').trim();
      const name1 = (fields[at.name1] ?? '').trim();
      const name2 = (fields[at.name2] ?? '').trim();
      const problem = !(QUERY_SCHEMATA as readonly string[]).includes(schema)
        ? { field: 'schema', reason: `"${schema}" is not one of ${QUERY_SCHEMATA.join(', ')}` }
        : name1.length === 0
          ? { field: 'name1', reason: 'empty' }
          : name2.length === 0
            ? { field: 'name2', reason: 'empty' }
            : undefined;
      if (problem !== undefined) {
        rejected.push({ file, line, ...problem });
        await writer.write(csvLine([...kept, '', '', `not scored: ${problem.field} ${problem.reason}`]));
        continue;
      }
      const result = matcher.scoreNames(schema, name1, name2);
      pairs++;
      if (result.match) matches++;
      await writer.write(csvLine([...kept, result.score.toFixed(4), String(result.match), explainMatch(result)]));
    }
    if (header === undefined) throw new SourceError(file, 1, 'empty file: expected a header with schema, name1, name2');
    await writer.commit();
  } catch (err) {
    await writer.abort();
    throw err;
  }
  return {
    file,
    out: options.out,
    policy: matcher.policy.stamp,
    threshold: matcher.threshold,
    pairs,
    matches,
    rejected,
    seconds: (performance.now() - started) / 1000,
  };
}
