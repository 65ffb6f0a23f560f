import type { z } from 'zod';
import { BUNDLED_KNOWLEDGE } from './data/index.js';
import { knowledgeSchema, type Chemical, type Knowledge } from './schema.js';

/** A knowledge file that failed validation; `issues` name each field by its path. */
export class KnowledgeError extends Error {
  readonly code = 'CHOKEPOINT_ERR_KNOWLEDGE_INVALID';
  constructor(
    readonly origin: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(`invalid knowledge file (${origin}):\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'KnowledgeError';
  }
}

/** A validated knowledge file with the lookups every consumer needs. */
export interface KnowledgeBase {
  readonly data: Knowledge;
  readonly version: string;
  chemical(id: string): Chemical | undefined;
}

function pathOf(path: readonly PropertyKey[]): string {
  return (
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '') || '(root)'
  );
}

/** References the schema cannot see: source ids, duplicate ids, pattern classes, date order. */
function crossReferenceIssues(k: Knowledge): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const sourceIds = new Set(k.sources.map((s) => s.id));
  const check = (value: unknown, path: (string | number)[]): void => {
    if (Array.isArray(value)) value.forEach((v, i) => check(v, [...path, i]));
    else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === 'sources' && Array.isArray(v)) {
          v.forEach((id, i) => {
            if (typeof id === 'string' && !sourceIds.has(id))
              issues.push({ path: pathOf([...path, key, i]), message: `unknown source id "${id}"` });
          });
        } else check(v, [...path, key]);
      }
    }
  };
  check(
    { chemicals: k.chemicals, analoguePatterns: k.analoguePatterns, equipment: k.equipment, falseFriends: k.falseFriends },
    [],
  );
  const seen = new Set<string>();
  k.chemicals.forEach((c, i) => {
    if (seen.has(c.id)) issues.push({ path: `chemicals[${i}].id`, message: `duplicate chemical id "${c.id}"` });
    seen.add(c.id);
    c.controls.forEach((ctl, j) => {
      if (ctl.until !== undefined && ctl.from !== null && ctl.until <= ctl.from)
        issues.push({ path: `chemicals[${i}].controls[${j}].until`, message: 'must be after from' });
    });
  });
  k.analoguePatterns.forEach((p, i) => {
    if (p.role === 'class' && p.classId === undefined)
      issues.push({ path: `analoguePatterns[${i}].classId`, message: 'a class pattern needs a classId' });
    else if (p.classId !== undefined && k.chemicals.find((c) => c.id === p.classId)?.kind !== 'class')
      issues.push({ path: `analoguePatterns[${i}].classId`, message: `"${p.classId}" is not a class in chemicals` });
  });
  return issues;
}

/** Validate a knowledge file (bundled or external) and build its lookups; throws KnowledgeError. */
export function parseKnowledge(raw: unknown, origin = 'knowledge'): KnowledgeBase {
  const parsed = knowledgeSchema.safeParse(raw);
  if (!parsed.success) {
    throw new KnowledgeError(
      origin,
      (parsed.error as z.ZodError).issues.map((i) => ({ path: pathOf(i.path), message: i.message })),
    );
  }
  const issues = crossReferenceIssues(parsed.data);
  if (issues.length > 0) throw new KnowledgeError(origin, issues);
  const byId = new Map(parsed.data.chemicals.map((c) => [c.id, c]));
  return { data: parsed.data, version: parsed.data.version, chemical: (id) => byId.get(id) };
}

let bundled: KnowledgeBase | undefined;

/** The bundled knowledge, validated on first use (not on import) and then shared: it is immutable. */
export function loadKnowledge(): KnowledgeBase {
  bundled ??= parseKnowledge(BUNDLED_KNOWLEDGE, 'bundled knowledge');
  return bundled;
}
