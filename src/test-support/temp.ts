import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A scratch directory removed by `cleanup`; tests write their input files into it. */
export function tempDir(prefix = 'chokepoint-'): {
  dir: string;
  file(name: string, content: string | Buffer): string;
  cleanup(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Where the real public test data lives (never copied into the repository): `$CHOKEPOINT_SHARED_DATA`,
 * else `../shared/data` beside the checkout, as on the developers' and CI machines.
 */
function sharedData(): string {
  const candidates = [
    process.env['CHOKEPOINT_SHARED_DATA'],
    fileURLToPath(new URL('../../../shared/data/', import.meta.url)),
    '/work/shared/data/',
  ].filter((c): c is string => c !== undefined);
  const found = candidates.find((c) => existsSync(c));
  if (found === undefined)
    throw new Error(`shared test data not found; looked in ${candidates.join(', ')} (set CHOKEPOINT_SHARED_DATA)`);
  return found;
}

export const SHARED_DATA = sharedData();
