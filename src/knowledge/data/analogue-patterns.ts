import type { KnowledgeInput } from '../schema.js';

/**
 * Substructure screens. They say "possible": a match is a reason to look, never a legal determination.
 * The SMARTS are the tested ones of ../shared/data/chem (same outcomes in RDKit and openchemlib).
 */
export const ANALOGUE_PATTERNS: KnowledgeInput['analoguePatterns'] = [
  {
    id: 'frs-scaffold',
    smarts: '[CX3](=O)[NX3]([a])[CX4]1[CX4][CX4][NX3]([CX4][CX4][*;R])[CX4][CX4]1',
    role: 'class',
    classId: 'fentanyl-related-substances',
    label:
      'possible fentanyl-related substance: N-acyl-N-aryl-piperidin-4-amine with a two-carbon linker from the ring nitrogen to a ring',
    confidence: 0.7,
    sources: ['dea-frs-2018', 'halt-2025', 'prc-2019'],
  },
  {
    id: 'core-4ap',
    smarts: '[a][NX3][CX4]1[CX4][CX4][NX3][CX4][CX4]1',
    role: 'class',
    classId: '4-ap-derivatives',
    label: 'possible 4-anilinopiperidine derivative (the core of 4-AP, ANPP, norfentanyl, 1-boc-4-AP and the fentanyls)',
    confidence: 0.6,
    sources: ['dea-4ap-2020', 'dea-4ap-halides-2023'],
  },
  {
    id: 'piperidin-4-one',
    smarts: 'O=[CX3]1[CX4][CX4][NX3][CX4][CX4]1',
    role: 'class',
    classId: '4-piperidone-derivatives',
    label: 'possible 4-piperidone derivative (NPP, 1-boc-4-piperidone, 1-benzyl-4-piperidone share it)',
    confidence: 0.5,
    sources: ['dea-4piperidone-2023'],
  },
  {
    id: 'n-phenethyl-ring-n',
    smarts: '[NX3;R]([CH2][CH2]c1ccccc1)',
    role: 'feature',
    label: 'phenethyl group on a ring nitrogen',
    confidence: 0.3,
    sources: ['smiles-structures'],
  },
  {
    id: 'boc-carbamate',
    smarts: 'CC(C)(C)OC(=O)[NX3]',
    role: 'feature',
    label: 'Boc-protected nitrogen (a protected intermediate)',
    confidence: 0.3,
    sources: ['smiles-structures'],
  },
];
