import { describe, expect, it } from 'vitest';
import { checkTransition, type CaseStatus } from './workflow.js';
import type { Role } from '../auth/index.js';

describe('case workflow', () => {
  const cases: [CaseStatus, CaseStatus, Role, boolean][] = [
    ['open', 'investigating', 'analyst', true],
    ['open', 'closed', 'analyst', true],
    ['open', 'referred', 'supervisor', false],
    ['open', 'investigating', 'viewer', false],
    ['investigating', 'referred', 'analyst', false],
    ['investigating', 'referred', 'supervisor', true],
    ['investigating', 'closed', 'analyst', true],
    ['referred', 'closed', 'analyst', false],
    ['referred', 'closed', 'supervisor', true],
    ['referred', 'open', 'admin', false],
    ['closed', 'investigating', 'analyst', false],
    ['closed', 'investigating', 'supervisor', true],
    ['closed', 'open', 'admin', false],
    ['closed', 'closed', 'viewer', true],
  ];
  it.each(cases)('%s -> %s as %s: %s', (from, to, role, ok) => {
    const check = checkTransition(from, to, role);
    expect(check.ok).toBe(ok);
    if (!check.ok) expect(check.reason).toMatch(from === 'open' && to === 'referred' ? /cannot go from open to referred/ : /./);
  });
});
