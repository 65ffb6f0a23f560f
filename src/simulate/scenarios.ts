import { DEFAULT_LEVERS, type Levers } from './levers.js';

/**
 * Named scenarios as data: the simulated period and the levers. The threshold schedules carry
 * their own dates, so a scenario mostly chooses *when* the world runs; a what-if on a lever
 * overrides the schedule with `--set`.
 */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** First simulated day (ISO date). */
  readonly startDate: string;
  readonly levers: Levers;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'baseline',
    description: 'autumn 2024: $800 low-value threshold for every origin (as in the Minsu Fang case period)',
    startDate: '2024-09-02',
    levers: DEFAULT_LEVERS,
  },
  {
    name: 'cn-hk-suspended',
    description: 'summer 2025: low-value entry suspended for CN/HK (2025-05-02) but still $800 for other origins',
    startDate: '2025-06-02',
    levers: DEFAULT_LEVERS,
  },
  {
    name: 'de-minimis-suspended',
    description: 'autumn 2025: low-value entry suspended for all origins (2025-08-29)',
    startDate: '2025-09-08',
    levers: DEFAULT_LEVERS,
  },
  {
    name: 'high-inspection',
    description: 'baseline with ten times the inspection rate on postal and express parcels',
    startDate: '2024-09-02',
    levers: { ...DEFAULT_LEVERS, inspectionRate: { ...DEFAULT_LEVERS.inspectionRate, postal: 0.05, express: 0.1 } },
  },
];

export function scenarioByName(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
