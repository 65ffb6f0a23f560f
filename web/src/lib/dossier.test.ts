import { describe, expect, it } from 'vitest';
import type { Alert } from '../types.js';
import { dossierHtml, type ExportedCase } from './dossier.js';

const FILE: ExportedCase = {
  format: 'chokepoint-case',
  formatVersion: 1,
  exportedAt: '2026-03-01T10:00:00.000Z',
  exportedBy: 'u-1',
  case: {
    id: 'c-1',
    title: 'Parcels <script>alert(1)</script> & co',
    description: '',
    status: 'investigating',
    priority: 'high',
    assigneeId: 'u-1',
    team: null,
    createdBy: 'u-1',
    createdAt: '2026-02-01T00:00:00.000Z',
    updatedAt: '2026-02-02T00:00:00.000Z',
    version: 3,
  },
  notes: [{ id: 'n-1', authorId: 'u-2', body: 'He said "<b>no</b>"', createdAt: '2026-02-03T00:00:00.000Z' }],
  evidence: [
    { id: 'e-1', kind: 'alert', ref: 'a-1', note: '', addedBy: 'u-1', addedAt: '2026-02-01T00:00:00.000Z' },
    {
      id: 'e-2',
      kind: 'url',
      ref: 'https://example.org/x?a=1&b=2',
      note: 'press',
      addedBy: 'u-1',
      addedAt: '2026-02-01T00:00:00.000Z',
    },
  ],
  entities: [{ entityId: 'ent-9', role: 'subject', addedBy: 'u-1', addedAt: '2026-02-01T00:00:00.000Z' }],
  timeline: [],
};

const ALERT: Alert = {
  id: 'a-1',
  detectorId: 'trade-screening',
  subjectKind: 'shipment',
  subjectId: 's-1',
  score: 88,
  level: 'high',
  reasons: [
    { ruleId: 'light', weight: 5, text: 'new shipper', evidence: [] },
    { ruleId: 'heavy', weight: 70, text: 'shipper on a list', evidence: ['ofac-1'] },
  ],
  createdAt: '2026-01-31T00:00:00.000Z',
  status: 'escalated',
  assigneeId: null,
  reason: null,
  caseId: 'c-1',
  triagedBy: null,
  triagedAt: null,
};

describe('the case dossier', () => {
  const html = dossierHtml(FILE, { names: { 'u-1': 'ana', 'ent-9': 'Hubei Example Chemical' }, alerts: [ALERT] });

  it('escapes every value from the case, so nothing in it becomes markup', () => {
    expect(html).toContain('Parcels &lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(html).toContain('He said &quot;&lt;b&gt;no&lt;/b&gt;&quot;');
    expect(html).toContain('https://example.org/x?a=1&amp;b=2');
    expect(html).not.toMatch(/<script|<b>|src=|href=/i);
  });

  it('prints names for known ids and the ids themselves otherwise', () => {
    expect(html).toContain('Exported 2026-03-01T10:00:00.000Z by ana');
    expect(html).toContain('Hubei Example Chemical (ent-9)');
    expect(html).toContain('<strong>u-2</strong>');
  });

  it('includes the evidence alerts with their reasons, heaviest first', () => {
    expect(html).toContain('Alerts in evidence (1)');
    expect(html.indexOf('heavy')).toBeLessThan(html.indexOf('light'));
    expect(html).toContain('evidence: ofac-1');
  });

  it('says None for empty sections', () => {
    const empty = dossierHtml({ ...FILE, notes: [], evidence: [], entities: [] });
    expect(empty.match(/<p class="none">None\.<\/p>/g)?.length).toBe(6); // description, entities, evidence, alerts, notes, timeline
  });
});
