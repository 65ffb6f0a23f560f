/** Trade-screening knowledge: precursors, analogue patterns, pill-press codes, and finding them in text. */
export { casCheckDigit, casCheckDigitError, findCasMentions, type CasMention, type Span } from './cas.js';
export { loadChemistry, type Chemistry, type ChemistryOptions, type StructureCheck } from './chemistry.js';
export { controlStatus, type ControlStatus } from './control-status.js';
export type { ChemicalHit, DataQualityIssue, HitEvidence, Identification } from './hit.js';
export { identifyChemicals, type IdentifyOptions } from './identify.js';
export { KnowledgeError, loadKnowledge, parseKnowledge, type KnowledgeBase } from './knowledge-base.js';
export {
  JURISDICTIONS,
  knowledgeSchema,
  type AnaloguePattern,
  type Chemical,
  type Control,
  type ControlStatusName,
  type Equipment,
  type Jurisdiction,
  type Knowledge,
  type KnowledgeInput,
  type NameKind,
  type Source,
} from './schema.js';
export { equipmentForHsCode, identifyEquipment, type EquipmentHit } from './equipment.js';
