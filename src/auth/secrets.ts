import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** A new random secret (session id, API token), 256 bits, URL-safe. */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * Session ids and API tokens are high-entropy random values, so a plain SHA-256 is enough to
 * keep them unusable from a copy of the database (no salt or slow hash is needed, unlike passwords).
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const MIN_PASSWORD_LENGTH = 12;

/** argon2id with the library's defaults (19 MiB, 2 passes), per OWASP's minimum. */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new RangeError(`password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash to verify against when the user does not exist, so a failed login takes as long for an
 * unknown name as for a wrong password and does not reveal which names exist.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hash(newSecret());
  return decoy;
}
