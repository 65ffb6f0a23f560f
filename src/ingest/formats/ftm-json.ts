import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { checkEntity } from '../../model/index.js';
import { badText } from '../text-check.js';
import { firstLine, type FormatReader, type ReadContext, type ReadItem } from '../reader.js';

/**
 * FollowTheMoney entity streams: one JSON entity per line (OpenSanctions, Aleph). Every
 * entity is checked against the FtM model; links (Ownership, Directorship, Family, Sanction)
 * are entities whose properties name other entities' ids.
 */
export const ftmJson: FormatReader = {
  id: 'ftm',
  description: 'FollowTheMoney entities, one JSON object per line',
  primary: 'entities',
  sniff: (sample) => {
    const first = firstLine(sample).trim();
    return first.startsWith('{') && /"schema"\s*:\s*"/.test(first);
  },
  async *read(input: Readable, context: ReadContext): AsyncIterable<ReadItem> {
    const file = context.sourceFile;
    const lines = createInterface({ input, crlfDelay: Infinity });
    let line = 0;
    for await (const raw of lines) {
      line++;
      const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim().length === 0) continue;
      const reject = (field: string, reason: string): ReadItem => ({
        kind: 'rejected',
        rejection: { file, line, field, reason },
      });
      const encodingProblem = badText(text);
      if (encodingProblem !== undefined) {
        yield reject('(line)', encodingProblem);
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        yield reject('(line)', `not valid JSON: ${(err as Error).message}`);
        continue;
      }
      const checked = checkEntity(parsed);
      if (!checked.ok) {
        yield reject(checked.field, checked.reason);
        continue;
      }
      yield {
        kind: 'entity',
        record: {
          entity: checked.entity,
          provenance: { dataset: context.dataset, sourceFile: file, sourceLine: line, runId: context.runId },
        },
      };
    }
  },
};
