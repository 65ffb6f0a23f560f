import { z } from 'zod';
import { casCheckDigitError } from './cas.js';

/**
 * The knowledge file's shape, defined once: TypeScript types are inferred from these schemas, and
 * `parseKnowledge` applies them (plus cross-reference checks) to bundled and external files alike.
 */

const sourceId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a source id (lower-case, digits, hyphens)');
const sources = z.array(sourceId).min(1, 'every fact needs at least one source');
const isoDate = z.iso.date();

export const JURISDICTIONS = ['UN', 'US', 'PRC'] as const;
export const jurisdictionSchema = z.enum(JURISDICTIONS);
export type Jurisdiction = z.infer<typeof jurisdictionSchema>;

export const sourceSchema = z.object({
  id: sourceId,
  /** regulation: a legal text; treaty-body: UN/INCB/CND; secondary: reporting about a legal text;
   *  nomenclature: names and codes from a nomenclature; editorial: our own work (names, translations). */
  kind: z.enum(['regulation', 'treaty-body', 'secondary', 'nomenclature', 'editorial']),
  citation: z.string().min(10),
  url: z.url().optional(),
});

export const NAME_KINDS = ['preferred', 'iupac', 'synonym', 'abbreviation', 'slang', 'translation'] as const;
export const nameKindSchema = z.enum(NAME_KINDS);
export type NameKind = z.infer<typeof nameKindSchema>;

export const nameGroupSchema = z.object({
  kind: nameKindSchema,
  /** BCP 47 language tag of the names (en, zh, es). */
  lang: z.enum(['en', 'zh', 'es']),
  values: z.array(z.string().min(2)).min(1),
  /** Overrides the default confidence of the kind, e.g. for an abbreviation that names two chemicals. */
  confidence: z.number().min(0).max(1).optional(),
  note: z.string().optional(),
  sources,
});

export const casSchema = z
  .object({
    number: z.string().regex(/^\d{2,7}-\d{2}-\d$/, 'a CAS registry number (NNNNNNN-NN-N)'),
    form: z.string().min(2),
    /** unverified: taken from a secondary compilation and not yet confirmed against a registry. */
    verified: z.boolean(),
    sources,
  })
  .superRefine((cas, ctx) => {
    const error = casCheckDigitError(cas.number);
    if (error !== null) ctx.addIssue({ code: 'custom', path: ['number'], message: error });
  });

export const hsSchema = z.object({
  /** HS 2022 subheading as NNNN.NN, or a national tariff line with its country. */
  code: z.string().regex(/^\d{4}\.\d{2}(\d{2,4})?$|^\d{8,10}$/, 'an HS code (NNNN.NN) or national line'),
  scope: z.enum(['HS2022', 'CN-national']),
  confidence: z.enum(['verified', 'inferred']),
  sources,
});

export const CONTROL_STATUSES = [
  'un-1988-table-i',
  'un-1961-schedule-i',
  'us-list-i',
  'us-schedule-i',
  'us-schedule-ii',
  'prc-precursor',
  'prc-category-ii',
  'prc-narcotic',
  'prc-class',
  /** announced or under way but not in force: never counted as controlled. */
  'pending',
] as const;

export const controlSchema = z.object({
  jurisdiction: jurisdictionSchema,
  status: z.enum(CONTROL_STATUSES),
  /** named: listed by name; derivative: covered as a salt, amide, carbamate... of a listed chemical; class: structural class. */
  listing: z.enum(['named', 'derivative', 'class']),
  /** First day in force; null when in force long before any data we screen and the day is not recorded. */
  from: isoDate.nullable(),
  until: isoDate.optional(),
  /** approximate: `from` is an earliest bound (e.g. the decision date), not the confirmed entry into force. */
  dateConfidence: z.enum(['confirmed', 'approximate', 'not-recorded']),
  basis: z.string().min(5),
  sources,
});

export const chemicalSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  kind: z.enum(['chemical', 'class']),
  role: z.enum(['controlled-precursor', 'watch-reagent', 'controlled-drug', 'analogue-class']),
  names: z.array(nameGroupSchema).min(1),
  cas: z.array(casSchema),
  /** Registry-number fragments used as sales slang ("CAS 79099"), documented in a source. */
  casSlang: z.array(z.object({ value: z.string().regex(/^\d{4,7}$/), sources })).default([]),
  smiles: z.array(z.object({ value: z.string().min(1), form: z.string(), sources })),
  hs: z.array(hsSchema),
  controls: z.array(controlSchema),
  note: z.string().optional(),
});

export const analoguePatternSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  smarts: z.string().min(3),
  /** class: a hit on an unknown structure makes a hit on `classId`; feature: explains, never a hit alone. */
  role: z.enum(['class', 'feature']),
  classId: z.string().optional(),
  label: z.string().min(5),
  confidence: z.number().min(0).max(1),
  sources,
});

export const equipmentSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  label: z.string(),
  hs: z.array(hsSchema),
  /** misdeclaration: codes the goods are known to be hidden under, not their correct classification. */
  misdeclaredAs: z.array(hsSchema).default([]),
  keywords: z.array(z.object({ lang: z.enum(['en', 'zh', 'es']), values: z.array(z.string().min(2)).min(1), sources })),
  sources,
});

export const knowledgeSchema = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a semantic version'),
  compiled: isoDate,
  sources: z.array(sourceSchema).min(1),
  chemicals: z.array(chemicalSchema).min(1),
  analoguePatterns: z.array(analoguePatternSchema),
  equipment: z.array(equipmentSchema),
  /** Phrases that contain a chemical's name but mean something else ("aniline leather"). */
  falseFriends: z.array(z.object({ values: z.array(z.string().min(2)).min(1), reason: z.string(), sources })),
});

export type KnowledgeInput = z.input<typeof knowledgeSchema>;
export type Knowledge = z.output<typeof knowledgeSchema>;
export type Chemical = z.output<typeof chemicalSchema>;
export type Control = z.output<typeof controlSchema>;
export type ControlStatusName = Control['status'];
export type AnaloguePattern = z.output<typeof analoguePatternSchema>;
export type Equipment = z.output<typeof equipmentSchema>;
export type Source = z.output<typeof sourceSchema>;
