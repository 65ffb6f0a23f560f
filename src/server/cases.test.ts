import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, makeWorld, type World } from './test-world.js';

describe.each(['sqlite', 'postgres'] as const)('cases, triage and compartments on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld(kind);
  });
  afterAll(async () => world.close());

  it('escalates an alert into a new case and walks the workflow with notes, evidence and a timeline', async () => {
    const escalated = await as(world, 'carl', 'POST', '/api/alerts/alert-1/escalate', {
      case: { title: 'Hubei precursor parcels', priority: 'high' },
    });
    expect(escalated.statusCode).toBe(200);
    const caseId: string = escalated.json().case.id;
    expect(escalated.json().alert).toMatchObject({ status: 'escalated', caseId });

    const note = await as(world, 'carl', 'POST', `/api/cases/${caseId}/notes`, { body: 'Shipper matches a known broker.' });
    expect(note.statusCode).toBe(201);
    expect(
      (
        await as(world, 'carl', 'POST', `/api/cases/${caseId}/evidence`, {
          kind: 'shipment',
          ref: 'shp-2',
          note: 'same consignee',
        })
      ).statusCode,
    ).toBe(201);
    expect((await as(world, 'carl', 'POST', `/api/cases/${caseId}/evidence`, { kind: 'shipment', ref: 'nope' })).statusCode).toBe(
      422,
    );
    expect((await as(world, 'carl', 'POST', `/api/cases/${caseId}/entities`, { entityId: 'company-hubei' })).statusCode).toBe(
      201,
    );

    const start = await as(world, 'carl', 'PATCH', `/api/cases/${caseId}`, { version: 1, status: 'investigating' });
    expect(start.json()).toMatchObject({ status: 'investigating', version: 2 });
    // An analyst may not refer; a supervisor may.
    const refuse = await as(world, 'carl', 'PATCH', `/api/cases/${caseId}`, { version: 2, status: 'referred' });
    expect(refuse.statusCode).toBe(403);
    const refer = await as(world, 'super', 'PATCH', `/api/cases/${caseId}`, { version: 2, status: 'referred' });
    expect(refer.json()).toMatchObject({ status: 'referred', version: 3 });
    // referred -> open is not a move.
    expect((await as(world, 'super', 'PATCH', `/api/cases/${caseId}`, { version: 3, status: 'open' })).statusCode).toBe(422);

    const file = (await as(world, 'vic', 'GET', `/api/cases/${caseId}`)).json();
    expect(file.notes).toHaveLength(1);
    expect(file.evidence.map((e: { kind: string; ref: string }) => `${e.kind}:${e.ref}`)).toEqual([
      'alert:alert-1',
      'shipment:shp-2',
    ]);
    expect(file.entities.map((e: { entityId: string }) => e.entityId)).toEqual(['company-hubei']);
    expect(file.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'create',
      'escalate',
      'note',
      'evidence',
      'entity',
      'status',
      'status',
    ]);

    const exported = await as(world, 'carl', 'GET', `/api/cases/${caseId}/export`);
    expect(exported.headers['content-disposition']).toContain(`case-${caseId}.json`);
    expect(exported.json()).toMatchObject({ format: 'chokepoint-case', case: { id: caseId } });
    expect((await as(world, 'vic', 'GET', `/api/cases/${caseId}/export`)).statusCode).toBe(403);
  });

  it('refuses a stale version with 409 and the current version in details', async () => {
    const created = (await as(world, 'carl', 'POST', '/api/cases', { title: 'Locking' })).json();
    const first = await as(world, 'carl', 'PATCH', `/api/cases/${created.id}`, { version: 1, title: 'Locking A' });
    expect(first.statusCode).toBe(200);
    const second = await as(world, 'carl', 'PATCH', `/api/cases/${created.id}`, { version: 1, title: 'Locking B' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'CONFLICT', details: { currentVersion: 2 } });
    expect((await as(world, 'carl', 'GET', `/api/cases/${created.id}`)).json().case.title).toBe('Locking A');
  });

  it('dismisses with a reason, assigns, and keeps triage apart from the detector row', async () => {
    expect((await as(world, 'carl', 'POST', '/api/alerts/alert-2/dismiss', {})).statusCode).toBe(400);
    const dismissed = await as(world, 'carl', 'POST', '/api/alerts/alert-2/dismiss', { reason: 'known importer, licensed' });
    expect(dismissed.json().alert).toMatchObject({ status: 'dismissed', reason: 'known importer, licensed' });
    expect(
      (await as(world, 'vic', 'GET', '/api/alerts?status=dismissed')).json().items.map((a: { id: string }) => a.id),
    ).toContain('alert-2');
    // Assigning to someone else needs a supervisor.
    expect((await as(world, 'carl', 'POST', '/api/alerts/alert-3/assign', { assigneeId: world.ids['ana'] })).statusCode).toBe(
      403,
    );
    const assigned = await as(world, 'super', 'POST', '/api/alerts/alert-3/assign', { assigneeId: world.ids['ana'] });
    expect(assigned.json().alert).toMatchObject({ status: 'assigned', assigneeId: world.ids['ana'] });
    expect((await world.store.listAlerts({})).find((a) => a.id === 'alert-2')?.status).toBe('open');
  });

  it('hides a restricted case from everyone outside its team: lists, reads, writes, exports, alerts, entities', async () => {
    const secret = await as(world, 'ana', 'POST', '/api/cases', {
      title: 'Operation Quiet Harbour',
      team: 'alpha',
      entityIds: ['person-ivan'],
      alertIds: ['alert-4'],
    });
    expect(secret.statusCode).toBe(201);
    const id: string = secret.json().id;
    // Members see it.
    expect((await as(world, 'super', 'GET', `/api/cases/${id}`)).statusCode).toBe(200);
    expect((await as(world, 'ana', 'GET', '/api/cases?q=quiet')).json().total).toBe(1);
    // Everyone else, admin included, gets 404 on every path and never sees it listed.
    for (const user of ['admin', 'bea', 'carl', 'vic']) {
      for (const [method, url, body] of [
        ['GET', `/api/cases/${id}`, undefined],
        ['GET', `/api/cases/${id}/timeline`, undefined],
        ['GET', `/api/cases/${id}/export`, undefined],
        ['PATCH', `/api/cases/${id}`, { version: 1, title: 'x y z' }],
        ['POST', `/api/cases/${id}/notes`, { body: 'hello' }],
        ['POST', `/api/cases/${id}/evidence`, { kind: 'url', ref: 'https://example.org' }],
        ['POST', `/api/cases/${id}/entities`, { entityId: 'company-hubei' }],
      ] as const) {
        const res = await as(world, user, method, url, body);
        if (user === 'vic' && method !== 'GET') expect(res.statusCode).toBe(403);
        else if (user === 'vic' && url.endsWith('/export')) expect(res.statusCode).toBe(403);
        else expect(res.statusCode, `${user} ${method} ${url}`).toBe(404);
      }
      expect((await as(world, user, 'GET', '/api/cases?q=quiet')).json().total).toBe(0);
      expect((await as(world, user, 'GET', '/api/cases?team=alpha')).json().items).toEqual([]);
      expect((await as(world, user, 'GET', '/api/alerts/alert-4')).json().caseId).toBeNull();
      expect((await as(world, user, 'GET', '/api/entities/person-ivan')).json().cases).toEqual([]);
    }
    expect((await as(world, 'ana', 'GET', '/api/alerts/alert-4')).json().caseId).toBe(id);
    expect((await as(world, 'ana', 'GET', '/api/entities/person-ivan')).json().cases.map((c: { id: string }) => c.id)).toEqual([
      id,
    ]);
    // Escalating into a hidden case is refused as if it did not exist.
    expect((await as(world, 'carl', 'POST', '/api/alerts/alert-1/escalate', { caseId: id })).statusCode).toBe(422);
    // A user cannot restrict a case to a team they are not in.
    expect((await as(world, 'carl', 'POST', '/api/cases', { title: 'Not mine', team: 'alpha' })).statusCode).toBe(403);
  });

  it('audits changes and reads of restricted cases in a verifiable chain', async () => {
    const audit = (await as(world, 'admin', 'GET', '/api/audit?limit=500')).json().items as {
      action: string;
      team: string | null;
    }[];
    const actions = new Set(audit.map((r) => r.action));
    for (const a of ['case.create', 'case.status', 'case.note', 'alert.dismiss', 'alert.assign', 'user.add'])
      expect(actions).toContain(a);
    // The admin is not in team alpha: its rows are left out for them.
    expect(audit.some((r) => r.team === 'alpha')).toBe(false);
    const rows = await world.sql.all<{ action: string; team: string | null }>(
      "SELECT action, team FROM audit_log WHERE team = 'alpha'",
    );
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['case.create', 'case.read']));
    expect((await as(world, 'admin', 'GET', '/api/audit/verify')).json()).toMatchObject({ ok: true });
  });
});
