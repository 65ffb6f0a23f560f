import { foldWords } from '../screening/index.js';

export type AddressAgreement = 'agrees' | 'differs' | 'unknown';

/** The numbers of an address (house, room, postcode): what two spellings of one address keep. */
function numbers(address: string): Set<string> {
  return new Set(foldWords(address).filter((w) => /\d/.test(w)));
}

/**
 * Whether a party's address is one of a listed entity's addresses. Street names are spelled and
 * abbreviated many ways, numbers are not: two shared numbers (house and postcode, room and
 * house) is the same address, none shared is another. Too few numbers to tell: unknown.
 */
export function addressAgreement(party: string | null | undefined, listed: readonly string[]): AddressAgreement {
  if (party === null || party === undefined || listed.length === 0) return 'unknown';
  const mine = numbers(party);
  if (mine.size < 2) return 'unknown';
  let comparable = false;
  for (const address of listed) {
    const theirs = numbers(address);
    if (theirs.size < 2) continue;
    comparable = true;
    let shared = 0;
    for (const n of mine) if (theirs.has(n)) shared++;
    if (shared >= 2) return 'agrees';
  }
  return comparable ? 'differs' : 'unknown';
}
