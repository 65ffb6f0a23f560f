import type { KnowledgeInput } from '../schema.js';
import { ANALOGUE_PATTERNS } from './analogue-patterns.js';
import { CHEMICALS, FALSE_FRIENDS } from './chemicals.js';
import { EQUIPMENT } from './equipment.js';
import { SOURCES } from './sources.js';

/** The bundled knowledge file. Bump `version` whenever a fact changes, so results can cite it. */
export const BUNDLED_KNOWLEDGE: KnowledgeInput = {
  version: '1.0.0',
  compiled: '2026-11-28',
  sources: SOURCES,
  chemicals: CHEMICALS,
  analoguePatterns: ANALOGUE_PATTERNS,
  equipment: EQUIPMENT,
  falseFriends: FALSE_FRIENDS,
};
