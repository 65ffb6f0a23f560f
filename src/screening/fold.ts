import anyAscii from 'any-ascii';
import { pinyin } from 'pinyin-pro';

const HAN_RUN = /\p{Script=Han}+/gu;
const HAS_HAN = /\p{Script=Han}/u;
const ASCII_ONLY = /^[\x20-\x7e]*$/;

export interface FoldOptions {
  /** Read the first Han character as a surname (单 is Shan, not Dan): for people's names. */
  readonly surnameFirst?: boolean;
}

/**
 * Han characters to toneless pinyin, one token per syllable. Latin spellings join syllables into
 * words ("Zhejiang", "Xiaoming") in ways a character cannot tell; the aligner joins adjacent
 * syllables back when they meet such a word, so splitting here loses nothing.
 */
function hanToPinyin(run: string, surnameFirst: boolean): string {
  const syllables = pinyin(run, { toneType: 'none', type: 'array', surname: surnameFirst ? 'head' : 'off' });
  return ` ${syllables.join(' ')} `;
}

/**
 * A name as lower-case ASCII words: Unicode NFKC (full-width letters, ligatures), Han by pinyin
 * and every other script by any-ascii, case folded. Dots and apostrophes vanish inside words so
 * abbreviations keep one spelling ("S.A." and "SA"; "Mu'ammar" and "Muammar"); every other
 * punctuation mark separates words; "&" reads as "and".
 */
export function foldWords(text: string, options: FoldOptions = {}): string[] {
  let s = text.normalize('NFKC');
  if (HAS_HAN.test(s)) s = s.replace(HAN_RUN, (run) => hanToPinyin(run, options.surnameFirst === true));
  if (!ASCII_ONLY.test(s)) s = anyAscii(s);
  s = s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.'`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return s.length === 0 ? [] : s.split(' ');
}
