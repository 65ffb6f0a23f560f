import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspaceDb, type Sql } from '../server/db/index.js';
import { createScratchDatabase } from '../test-support/postgres.js';
import { canonicalJson } from './canonical.js';
import { ChainVerifier, GENESIS_HASH, chainHash, eventOf, type AuditEvent } from './chain.js';
import { recordAudit, verifyAudit } from './audit-log.js';

describe('canonical JSON', () => {
  it('gives the same text whatever the key order, and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 'x' })).toBe('{"a":"x","b":1}');
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/NaN/);
  });
});

describe('hash chain (pure)', () => {
  const event = (seq: number, detail: Record<string, unknown> = {}): AuditEvent => ({
    seq,
    at: `2026-01-0${seq}T00:00:00.000Z`,
    actor: 'u1',
    action: 'case.update',
    targetKind: 'case',
    targetId: 'c1',
    team: null,
    detail,
  });
  const chain = (n: number) => {
    let prev = GENESIS_HASH;
    return Array.from({ length: n }, (_, i) => {
      const e = event(i + 1, { step: i });
      const hash = chainHash(prev, e);
      const row = { ...e, prevHash: prev, hash };
      prev = hash;
      return row;
    });
  };

  it('accepts an intact chain', () => {
    const v = new ChainVerifier();
    expect(chain(5).map((r) => v.check(r))).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(v.checked).toBe(5);
  });

  it('finds an edited, a deleted and a re-hashed row', () => {
    const edited = chain(4);
    edited[2] = { ...edited[2]!, detail: { step: 99 } };
    const v1 = new ChainVerifier();
    expect(edited.map((r) => v1.check(r)).find((b) => b !== undefined)).toMatchObject({ seq: 3, reason: 'hash' });

    const deleted = chain(4).filter((r) => r.seq !== 2);
    const v2 = new ChainVerifier();
    expect(deleted.map((r) => v2.check(r)).find((b) => b !== undefined)).toMatchObject({ seq: 3, reason: 'sequence' });

    // Editing a row and recomputing its own hash still breaks the next row's link.
    const rehashed = chain(4);
    const prevHash = rehashed[1]!.prevHash;
    const forged = { ...eventOf(rehashed[1]!), detail: { step: 42 } };
    rehashed[1] = { ...forged, prevHash, hash: chainHash(prevHash, forged) };
    const v3 = new ChainVerifier();
    expect(rehashed.map((r) => v3.check(r)).find((b) => b !== undefined)).toMatchObject({ seq: 3, reason: 'previous-hash' });
  });
});

describe.each(['sqlite', 'postgres'] as const)('audit log on %s', (kind) => {
  let sql: Sql;
  let cleanup: () => Promise<void>;
  afterEach(async () => {
    await sql.close();
    await cleanup();
  });

  async function open(): Promise<void> {
    if (kind === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'chokepoint-audit-'));
      sql = await openWorkspaceDb(join(dir, 'audit.db'));
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const db = await createScratchDatabase();
      sql = await openWorkspaceDb(db.url);
      cleanup = db.drop;
    }
  }

  it('appends concurrently into one unbroken line and reports the first tampered row', async () => {
    await open();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        recordAudit(sql, {
          actor: `u${i % 3}`,
          action: 'case.note',
          targetKind: 'case',
          targetId: `c${i % 5}`,
          team: i % 2 ? 'alpha' : null,
          detail: { i, text: 'ünïcødé "quoted"' },
        }),
      ),
    );
    expect(await verifyAudit(sql)).toMatchObject({ ok: true, checked: 40 });
    await sql.run('UPDATE audit_log SET detail = \'{"i":0,"text":"changed"}\' WHERE seq = 17');
    expect(await verifyAudit(sql)).toMatchObject({ ok: false, checked: 16, firstBreak: { seq: 17, reason: 'hash' } });
  });

  it('notices a deleted row', async () => {
    await open();
    for (let i = 0; i < 5; i++)
      await recordAudit(sql, { actor: 'u', action: 'case.read', targetKind: 'case', targetId: 'c', team: null, detail: { i } });
    await sql.run('DELETE FROM audit_log WHERE seq = 3');
    expect(await verifyAudit(sql)).toMatchObject({ ok: false, firstBreak: { seq: 4, reason: 'sequence', expected: 3 } });
  });
});
