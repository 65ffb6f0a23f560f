import type { KnowledgeInput } from '../schema.js';

/** Pill presses and their tooling: correct HS headings, known misdeclarations, and the words sellers use. */
export const EQUIPMENT: KnowledgeInput['equipment'] = [
  {
    id: 'tablet-press',
    label: 'tablet (pill) press',
    hs: [
      { code: '8479.89', scope: 'HS2022', confidence: 'verified', sources: ['hs-2022', 'cbp-ny-h89507'] },
      { code: '8479.90', scope: 'HS2022', confidence: 'inferred', sources: ['hs-2022'] },
    ],
    misdeclaredAs: [
      { code: '8438.80', scope: 'HS2022', confidence: 'inferred', sources: ['hs-2022'] },
      { code: '8422.30', scope: 'HS2022', confidence: 'inferred', sources: ['cbp-ny-h89507'] },
    ],
    keywords: [
      {
        lang: 'en',
        values: [
          'tablet press',
          'pill press',
          'rotary tablet press',
          'single punch tablet press',
          'tablet machine',
          'pill maker',
          'tablet pressing machine',
          'TDP-5',
          'TDP-0',
          'TDP-1.5',
          'ZP-9',
        ],
        sources: ['cbp-artemis-2023', 'dea-form-452'],
      },
      { lang: 'zh', values: ['压片机', '旋转式压片机', '单冲压片机'], sources: ['team-translations'] },
      {
        lang: 'es',
        values: ['prensa de tabletas', 'tableteadora', 'prensa de pastillas', 'máquina de pastillas'],
        sources: ['team-translations'],
      },
    ],
    sources: ['cbp-ny-h89507', 'dea-form-452'],
  },
  {
    id: 'punch-die',
    label: 'tablet punch and die set',
    hs: [{ code: '8207.30', scope: 'HS2022', confidence: 'inferred', sources: ['hs-2022', 'cbp-artemis-2023'] }],
    misdeclaredAs: [{ code: '8438.80', scope: 'HS2022', confidence: 'inferred', sources: ['hs-2022'] }],
    keywords: [
      {
        lang: 'en',
        values: [
          'punch and die',
          'punch die set',
          'tablet die',
          'tablet punch',
          'pill die',
          'logo die',
          'die mold',
          'embossed punch',
        ],
        sources: ['cbp-artemis-2023'],
      },
      { lang: 'zh', values: ['冲模', '压片模具', '冲头'], sources: ['team-translations'] },
      { lang: 'es', values: ['troquel', 'punzones y matrices', 'matriz para tabletas'], sources: ['team-translations'] },
    ],
    sources: ['cbp-artemis-2023'],
  },
];
