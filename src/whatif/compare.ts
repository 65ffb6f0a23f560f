import type { Evaluation } from '../evaluate/index.js';

/** One lever setting evaluated on one seed. */
export interface WhatIfRun {
  readonly value: string;
  readonly seed: number;
  readonly evaluation: Evaluation;
}

/** One lever setting summarised over its seeds (means, and the range where seeds disagree). */
export interface WhatIfRow {
  readonly lever: string;
  readonly value: string;
  readonly seeds: number;
  readonly alerts: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly f1Min: number;
  readonly f1Max: number;
  readonly schemesPlanted: number;
  readonly schemesFound: number;
  readonly kgPlanted: number;
  readonly kgCaught: number;
  readonly usdPlanted: number;
  readonly usdCaught: number;
}

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** Summarises runs per lever value, in the order the values were given. */
export function compareRuns(lever: string, values: readonly string[], runs: readonly WhatIfRun[]): WhatIfRow[] {
  return values.map((value) => {
    const mine = runs.filter((r) => r.value === value);
    const sum = (f: (e: Evaluation) => number): number => mean(mine.map((r) => f(r.evaluation)));
    const typologies = (f: (t: Evaluation['byTypology'][number]) => number) => (e: Evaluation) =>
      e.byTypology.reduce((s, t) => s + f(t), 0);
    const f1s = mine.map((r) => r.evaluation.overall.f1);
    return {
      lever,
      value,
      seeds: mine.length,
      alerts: sum((e) => e.alerts),
      precision: sum((e) => e.overall.precision),
      recall: sum((e) => e.overall.recall),
      f1: mean(f1s),
      f1Min: f1s.length ? Math.min(...f1s) : 0,
      f1Max: f1s.length ? Math.max(...f1s) : 0,
      schemesPlanted: sum(typologies((t) => t.schemes)),
      schemesFound: sum(typologies((t) => t.schemesFound)),
      kgPlanted: sum(typologies((t) => t.kgPlanted)),
      kgCaught: sum(typologies((t) => t.kgCaught)),
      usdPlanted: sum(typologies((t) => t.usdPlanted)),
      usdCaught: sum(typologies((t) => t.usdCaught)),
    };
  });
}

export const WHATIF_COLUMNS: readonly (keyof WhatIfRow)[] = [
  'lever',
  'value',
  'seeds',
  'alerts',
  'precision',
  'recall',
  'f1',
  'f1Min',
  'f1Max',
  'schemesPlanted',
  'schemesFound',
  'kgPlanted',
  'kgCaught',
  'usdPlanted',
  'usdCaught',
];

export function formatComparison(rows: readonly WhatIfRow[]): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const int = (x: number): string => Math.round(x).toLocaleString('en-US');
  const header = `${'value'.padEnd(16)} ${'alerts'.padStart(8)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'F1'.padStart(7)} ${'F1 range'.padStart(15)} ${'schemes found'.padStart(14)} ${'kg caught'.padStart(20)} ${'USD caught'.padStart(24)}`;
  const lines = rows.map(
    (r) =>
      `${r.value.padEnd(16)} ${int(r.alerts).padStart(8)} ${pct(r.precision).padStart(9)} ${pct(r.recall).padStart(7)} ${pct(r.f1).padStart(7)} ${`${pct(r.f1Min)}-${pct(r.f1Max)}`.padStart(15)} ` +
      `${`${r.schemesFound.toFixed(1)}/${r.schemesPlanted.toFixed(1)}`.padStart(14)} ${`${int(r.kgCaught)}/${int(r.kgPlanted)}`.padStart(20)} ${`${int(r.usdCaught)}/${int(r.usdPlanted)}`.padStart(24)}`,
  );
  return [`lever ${rows[0]?.lever ?? ''}`, header, ...lines].join('\n');
}
