import type { Span } from './cas.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { loadKnowledge } from './knowledge-base.js';
import { buildNameIndex, matchNames, type NameIndex } from './name-index.js';
import { tokenize } from './tokenize.js';

/** Pill presses and dies named in a description, with the keyword that named them. */
export interface EquipmentHit {
  equipmentId: string;
  span: Span;
  text: string;
  keyword: string;
  lang: string;
}

const indexes = new WeakMap<KnowledgeBase, NameIndex>();
function indexFor(knowledge: KnowledgeBase): NameIndex {
  let index = indexes.get(knowledge);
  if (index === undefined) {
    const names = knowledge.data.equipment.flatMap((e) =>
      e.keywords.flatMap((k) => k.values.map((name) => ({ targetId: e.id, kind: 'keyword', lang: k.lang, name, confidence: 1 }))),
    );
    indexes.set(knowledge, (index = buildNameIndex(names)));
  }
  return index;
}

/** Keyword matches only (no typo tolerance: press keywords are short and common words). */
export function identifyEquipment(text: string, knowledge: KnowledgeBase = loadKnowledge()): EquipmentHit[] {
  const tokens = tokenize(text);
  return matchNames(tokens, indexFor(knowledge), { typos: false, accept: () => true }).flatMap((m) => {
    const span = { start: tokens[m.firstToken]?.start ?? 0, end: tokens[m.lastToken]?.end ?? 0 };
    return m.names.flatMap((n) =>
      n.targetId === null
        ? []
        : [{ equipmentId: n.targetId, span, text: text.slice(span.start, span.end), keyword: n.name, lang: n.lang }],
    );
  });
}

/** What an HS code says about presses: their correct heading, or one they are known to be hidden under. */
export function equipmentForHsCode(
  code: string,
  knowledge: KnowledgeBase = loadKnowledge(),
): { equipmentId: string; relation: 'classified' | 'misdeclared' }[] {
  // Accept "847989", "8479.89" and longer national lines ("8479.89.9897").
  const digits = code.replace(/\D/g, '');
  const matches = (hs: string): boolean => digits.startsWith(hs.replace(/\D/g, ''));
  return knowledge.data.equipment.flatMap((e) => [
    ...(e.hs.some((h) => matches(h.code)) ? [{ equipmentId: e.id, relation: 'classified' as const }] : []),
    ...(e.misdeclaredAs.some((h) => matches(h.code)) ? [{ equipmentId: e.id, relation: 'misdeclared' as const }] : []),
  ]);
}
