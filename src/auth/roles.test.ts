import { describe, expect, it } from 'vitest';
import { roleAtLeast, ROLES } from './roles.js';
import { hashPassword, hashSecret, verifyPassword } from './secrets.js';

describe('roles', () => {
  it('orders viewer < analyst < supervisor < admin', () => {
    for (const [i, a] of ROLES.entries()) for (const [j, b] of ROLES.entries()) expect(roleAtLeast(a, b)).toBe(i >= j);
  });
});

describe('secrets', () => {
  it('hashes passwords with argon2id and salts each one', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^\$argon2id\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(a, 'correct horse batterY')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
    await expect(hashPassword('short')).rejects.toThrow(/at least 12/);
  });
  it('hashes tokens deterministically', () => {
    expect(hashSecret('abc')).toBe(hashSecret('abc'));
    expect(hashSecret('abc')).not.toBe(hashSecret('abd'));
  });
});
