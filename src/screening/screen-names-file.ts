import { csvLine } from '../export/index.js';
import { SourceError, type Rejection } from '../ingest/index.js';
import { AtomicWriter, readCsv } from './csv-io.js';
import { explainMatch } from './explain.js';
import { parseQueryRow } from './query-row.js';
import type { Screener } from './screener.js';

export const SCREEN_NAMES_HEADER = [
  'query_id',
  'query_name',
  'match_id',
  'match_name',
  'dataset',
  'score',
  'explanation',
] as const;

export interface ScreenNamesSummary {
  readonly file: string;
  readonly out: string;
  readonly threshold: number;
  readonly policy: string;
  readonly listed: number;
  readonly queries: number;
  readonly queriesWithMatches: number;
  readonly matches: number;
  readonly rejected: readonly Rejection[];
  readonly seconds: number;
}

/**
 * Screens every row of a names CSV against the screener's lists and writes one row per match at
 * or above the threshold. A bad row (no name, unknown schema, bad date) is reported with its line
 * and field and the run goes on.
 */
export async function screenNamesFile(
  file: string,
  options: { readonly screener: Screener; readonly out: string; readonly threshold: number },
): Promise<ScreenNamesSummary> {
  const started = performance.now();
  const writer = new AtomicWriter(options.out);
  const rejected: Rejection[] = [];
  let queries = 0;
  let queriesWithMatches = 0;
  let matches = 0;
  try {
    await writer.write(csvLine(SCREEN_NAMES_HEADER));
    let header: Map<string, number> | undefined;
    for await (const { line, fields } of readCsv(file)) {
      if (header === undefined) {
        header = new Map(fields.map((f, i) => [f.trim(), i]));
        if (!header.has('name'))
          throw new SourceError(file, line, `missing required column "name" (header: ${fields.join(',')})`);
        continue;
      }
      const columns = header;
      const row = parseQueryRow(
        (c) => {
          const i = columns.get(c);
          return i === undefined ? undefined : fields[i];
        },
        file,
        line,
      );
      if (!row.ok) {
        rejected.push(row.rejection);
        continue;
      }
      queries++;
      const hits = options.screener.screen(row.subject, options.threshold);
      if (hits.length > 0) queriesWithMatches++;
      for (const hit of hits) {
        matches++;
        await writer.write(
          csvLine([
            row.subject.id,
            row.subject.names[0],
            hit.entityId,
            hit.result.name.candidateName,
            hit.dataset,
            hit.result.score.toFixed(4),
            explainMatch(hit.result),
          ]),
        );
      }
    }
    if (header === undefined) throw new SourceError(file, 1, 'empty file: expected a header with a "name" column');
    await writer.commit();
  } catch (err) {
    await writer.abort();
    throw err;
  }
  return {
    file,
    out: options.out,
    threshold: options.threshold,
    policy: options.screener.matcher.policy.stamp,
    listed: options.screener.size,
    queries,
    queriesWithMatches,
    matches,
    rejected,
    seconds: (performance.now() - started) / 1000,
  };
}
