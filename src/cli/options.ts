import { Option } from 'commander';
import { resolveDbLocation } from '../store/index.js';
import { UsageError } from './errors.js';

export const dbOption = (): Option =>
  new Option('--db <location>', 'SQLite file or postgres:// URL (default: $CHOKEPOINT_DB or ./chokepoint.db)');

export const jsonOption = (): Option => new Option('--json', 'print machine-readable JSON on stdout');

export function dbLocation(flag: string | undefined): string {
  return resolveDbLocation(flag);
}

/** Collects repeated `--map source=target` values into a header rename map. */
export function collectMap(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) throw new UsageError(`--map expects source=target, got "${value}"`);
  return { ...previous, [value.slice(0, eq).trim()]: value.slice(eq + 1).trim() };
}

export function positiveInt(name: string, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0 || n > max)
      throw new UsageError(
        `${name} expects a positive integer${max === Number.MAX_SAFE_INTEGER ? '' : ` up to ${max}`}, got "${value}"`,
      );
    return n;
  };
}

/** A count that may be zero (e.g. `--answer-cache 0` turns a cache off), at most `max`. */
export function nonNegativeInt(name: string, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > max)
      throw new UsageError(
        `${name} expects a whole number ${max === Number.MAX_SAFE_INTEGER ? 'of 0 or more' : `up to ${max}`}, got "${value}"`,
      );
    return n;
  };
}
