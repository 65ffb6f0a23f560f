import { hash } from 'node:crypto';

/**
 * Deterministic record ids: the sha1 of the parts joined by a separator that cannot occur in
 * text fields. Re-ingesting the same content therefore yields the same ids, which is what makes
 * ingestion idempotent. sha1 is used for its speed and because FtM ids are sha1 hex too; it is
 * not a security boundary here. The parts are joined first and hashed in one one-shot call:
 * on bulk loads this is a hot path, and a Hash object per call costs more than the digest.
 */
export function contentId(...parts: readonly (string | number | null | undefined)[]): string {
  let text = '';
  for (const part of parts) text += `${part === null || part === undefined ? '\u0000' : part}\u001f`;
  return hash('sha1', text, 'hex');
}
