import { createHash } from 'node:crypto';

/**
 * Deterministic record ids: the sha1 of the parts joined by a separator that cannot occur in
 * text fields. Re-ingesting the same content therefore yields the same ids, which is what makes
 * ingestion idempotent. sha1 is used for its speed and because FtM ids are sha1 hex too; it is
 * not a security boundary here.
 */
export function contentId(...parts: readonly (string | number | null | undefined)[]): string {
  const hash = createHash('sha1');
  for (const part of parts) {
    hash.update(part === null || part === undefined ? '\u0000' : String(part));
    hash.update('\u001f');
  }
  return hash.digest('hex');
}
