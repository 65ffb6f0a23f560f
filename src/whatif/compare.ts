import type { Evaluation } from '../evaluate/index.js';

/** One lever setting evaluated on one seed. */
export interface WhatIfRun {
  readonly value: string;
  readonly seed: number;
  readonly evaluation: Evaluation;
  /** The same alerts cut to the investigators' capacity (top `perDay` per day), when the world has one. */
  readonly budget?: { readonly perDay: number; readonly evaluation: Evaluation };
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
  /** Alerts reviewed per day (mean over seeds; 0 when the worlds set no capacity). */
  readonly alertsPerDay: number;
  /** Recall, schemes found, kg and USD caught within that capacity. */
  readonly budgetRecall: number;
  readonly budgetSchemesFound: number;
  readonly budgetKgCaught: number;
  readonly budgetUsdCaught: number;
}

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** Summarises runs per lever value, in the order the values were given. */
export function compareRuns(lever: string, values: readonly string[], runs: readonly WhatIfRun[]): WhatIfRow[] {
  return values.map((value) => {
    const mine = runs.filter((r) => r.value === value);
    const sum = (f: (e: Evaluation) => number): number => mean(mine.map((r) => f(r.evaluation)));
    const budgets = mine.flatMap((r) => (r.budget === undefined ? [] : [r.budget]));
    const sumBudgeted = (f: (e: Evaluation) => number): number => mean(budgets.map((b) => f(b.evaluation)));
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
      alertsPerDay: mean(budgets.map((b) => b.perDay)),
      budgetRecall: sumBudgeted((e) => e.overall.recall),
      budgetSchemesFound: sumBudgeted(typologies((t) => t.schemesFound)),
      budgetKgCaught: sumBudgeted(typologies((t) => t.kgCaught)),
      budgetUsdCaught: sumBudgeted(typologies((t) => t.usdCaught)),
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
  'alertsPerDay',
  'budgetRecall',
  'budgetSchemesFound',
  'budgetKgCaught',
  'budgetUsdCaught',
];

export function formatComparison(rows: readonly WhatIfRow[]): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const int = (x: number): string => Math.round(x).toLocaleString('en-US');
  const ratio = (a: string, b: string): string => `${a}/${b}`;
  const columns: readonly [string, number, (r: WhatIfRow) => string][] = [
    ['alerts', 8, (r) => int(r.alerts)],
    ['precision', 9, (r) => pct(r.precision)],
    ['recall', 7, (r) => pct(r.recall)],
    ['F1', 7, (r) => pct(r.f1)],
    ['F1 range', 13, (r) => `${pct(r.f1Min)}-${pct(r.f1Max)}`],
    ['schemes found', 13, (r) => ratio(r.schemesFound.toFixed(1), r.schemesPlanted.toFixed(1))],
    ['kg caught', 15, (r) => ratio(int(r.kgCaught), int(r.kgPlanted))],
    ['USD caught', 21, (r) => ratio(int(r.usdCaught), int(r.usdPlanted))],
    ['per day', 7, (r) => int(r.alertsPerDay)],
    ['recall@day', 10, (r) => pct(r.budgetRecall)],
    ['schemes@day', 11, (r) => r.budgetSchemesFound.toFixed(1)],
    ['kg@day', 9, (r) => int(r.budgetKgCaught)],
  ];
  const line = (first: string, cells: readonly string[]): string =>
    [first.padEnd(16), ...cells.map((c, i) => c.padStart(columns[i]![1]))].join(' ');
  return [
    `lever ${rows[0]?.lever ?? ''}  (@day: within the investigators' alerts per day)`,
    line(
      'value',
      columns.map(([name]) => name),
    ),
    ...rows.map((r) =>
      line(
        r.value,
        columns.map(([, , cell]) => cell(r)),
      ),
    ),
  ].join('\n');
}
