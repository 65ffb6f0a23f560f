import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/** The files of one OFAC legacy CSV publication: the primary list and its side files. */
export interface OfacFileSet {
  /** `sdn.csv`, `cons_prim.csv`, or any file in the SDN layout (e.g. a simulator's watchlist.csv). */
  readonly primary: string;
  readonly alt?: string;
  readonly add?: string;
  readonly comments?: string;
}

/** Side-file names by primary file name; other primaries use "<name>-alt.csv" and so on. */
const SIDE_FILES: Readonly<Record<string, readonly [string, string, string]>> = {
  'sdn.csv': ['alt.csv', 'add.csv', 'sdn_comments.csv'],
  'cons_prim.csv': ['cons_alt.csv', 'cons_add.csv', 'cons_comments.csv'],
};

/** A file of the folder by name, case-insensitively (Treasury serves SDN.CSV). */
function find(dir: string, name: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const hit = readdirSync(dir).find((f) => f.toLowerCase() === name.toLowerCase());
  return hit === undefined ? undefined : join(dir, hit);
}

/** The side files of a primary list file that exist beside it. */
export function fileSetOf(primary: string): OfacFileSet {
  const dir = dirname(primary);
  const name = basename(primary).toLowerCase();
  const stem = basename(primary, extname(primary));
  const [alt, add, comments] = SIDE_FILES[name] ?? [`${stem}-alt.csv`, `${stem}-add.csv`, `${stem}-comments.csv`];
  const set: { primary: string; alt?: string; add?: string; comments?: string } = { primary };
  const a = find(dir, alt);
  const d = find(dir, add);
  const c = find(dir, comments);
  if (a !== undefined) set.alt = a;
  if (d !== undefined) set.add = d;
  if (c !== undefined) set.comments = c;
  return set;
}

/** The OFAC publications in a folder: the SDN list, the consolidated (non-SDN) list, or both. */
export function fileSetsInFolder(dir: string): OfacFileSet[] {
  return Object.keys(SIDE_FILES)
    .map((primary) => find(dir, primary))
    .filter((p): p is string => p !== undefined && statSync(p).isFile())
    .map(fileSetOf);
}

/** Whether a file name is an OFAC side file (never read as a primary list). */
export function isSideFile(path: string): boolean {
  const name = basename(path).toLowerCase();
  return Object.values(SIDE_FILES).some((s) => s.includes(name)) || /-(alt|add|comments)\.csv$/.test(name);
}
