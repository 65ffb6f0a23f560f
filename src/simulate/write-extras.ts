import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { altLines, pacs008Message, sdnLine } from '../export/index.js';
import type { Transaction } from '../model/index.js';
import { watchlistEntries } from './watchlist.js';
import type { World } from './world.js';

/** The small side files: the watchlist in OFAC's sdn.csv/alt.csv layout and a pacs.008 sample. */
export const EXTRA_FILES = {
  watchlist: 'watchlist.csv',
  watchlistAliases: 'watchlist-alt.csv',
  pacs008: 'payments.pacs008.xml',
} as const;

/** Writes watchlist.csv and watchlist-alt.csv; returns the number of designations. */
export async function writeWatchlist(outDir: string, world: World): Promise<number> {
  const designations = watchlistEntries(world);
  await writeFile(join(outDir, EXTRA_FILES.watchlist), designations.map(sdnLine).join(''));
  let altNum = 30_000;
  const aliasLines = designations.map((e) => {
    const lines = altLines(e, altNum);
    altNum += e.aliases?.length ?? 0;
    return lines;
  });
  await writeFile(join(outDir, EXTRA_FILES.watchlistAliases), aliasLines.join(''));
  return designations.length;
}

/** Writes the sampled wires as one ISO 20022 pacs.008 message (creation time fixed: reproducible). */
export async function writePacs008(
  outDir: string,
  options: { readonly transactions: readonly Transaction[]; readonly seed: number; readonly createdAt: string },
): Promise<void> {
  await writeFile(
    join(outDir, EXTRA_FILES.pacs008),
    pacs008Message(options.transactions, { messageId: `CHOKEPOINT-SIM-${options.seed}`, createdAt: options.createdAt }),
  );
}
