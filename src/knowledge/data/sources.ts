import type { KnowledgeInput } from '../schema.js';

/** Every citation the knowledge file uses, once; facts refer to these by id. */
export const SOURCES: KnowledgeInput['sources'] = [
  {
    id: 'dea-npp-2007',
    kind: 'regulation',
    citation: 'DEA interim rule, 72 FR 20039 (2007-04-23), NPP designated List I; final rule 73 FR 43355 (2008-07-25)',
  },
  {
    id: 'dea-anpp-2010',
    kind: 'regulation',
    citation: 'DEA final rule, 75 FR 37295 (2010-06-29), ANPP in Schedule II as an immediate precursor, effective 2010-08-30',
  },
  {
    id: 'dea-4ap-2020',
    kind: 'regulation',
    citation:
      'DEA final rule, 85 FR 20822 (2020-04-15), benzylfentanyl and 4-anilinopiperidine (with its amides, carbamates and salts) List I, effective 2020-05-15',
  },
  {
    id: 'dea-norfentanyl-2020',
    kind: 'regulation',
    citation:
      'DEA final rule, 85 FR 21320 (2020-04-17), norfentanyl in Schedule II as an immediate precursor, effective 2020-05-18',
  },
  {
    id: 'dea-boc4ap-2022',
    kind: 'regulation',
    citation:
      'DEA final rule, 87 FR 67550 (2022-11-09), specific listing of 1-boc-4-AP (a carbamate of 4-AP, List I since 2020-05-15)',
  },
  {
    id: 'dea-4ap-halides-2023',
    kind: 'regulation',
    citation: 'DEA final rule, 88 FR 74358 (FR Doc. 2023-23927), halides of 4-AP in List I, effective 2023-11-30',
  },
  {
    id: 'dea-4piperidone-2023',
    kind: 'regulation',
    citation:
      'DEA final rule, 88 FR 21902 (2023-04-12), 4-piperidone (its acetals, amides, carbamates, salts) List I, code 8330, no threshold, effective 2023-05-12',
  },
  {
    id: 'dea-boc4piperidone-2025',
    kind: 'regulation',
    citation:
      'DEA final rule, FR Doc. 2025-19349, specific listing of 1-boc-4-piperidone (CAS 79099-07-3) in List I, effective 2025-10-02',
  },
  { id: 'cfr-1310-02', kind: 'regulation', citation: '21 CFR 1310.02(a), List I chemicals (propionic anhydride, code 8328)' },
  {
    id: 'dea-frs-2018',
    kind: 'regulation',
    citation: 'DEA temporary scheduling order, 83 FR 5188 (2018-02-06), fentanyl-related substances in Schedule I',
  },
  {
    id: 'halt-2025',
    kind: 'regulation',
    citation: 'HALT Fentanyl Act, P.L. 119-26, signed 2025-07-16: fentanyl-related substances permanently in Schedule I',
  },
  { id: 'csa-schedule-ii', kind: 'regulation', citation: '21 CFR 1308.12(c), Schedule II opiates (fentanyl)' },
  {
    id: 'cnd-2017',
    kind: 'treaty-body',
    citation: 'CND 60th session (March 2017) decisions adding NPP and ANPP to Table I of the 1988 Convention',
  },
  {
    id: 'incb-2022',
    kind: 'treaty-body',
    citation:
      'INCB press release 2022-02-07 (recommendation, 133rd session); CND 65th session (March 2022) added 4-AP, 1-boc-4-AP and norfentanyl to Table I',
  },
  {
    id: 'incb-2024',
    kind: 'treaty-body',
    citation:
      'INCB news 2024-12-03: CND March 2024 decisions adding 4-piperidone and 1-boc-4-piperidone to Table I in force 2024-12-03',
  },
  { id: 'un-1961', kind: 'treaty-body', citation: 'Single Convention on Narcotic Drugs, 1961, Schedule I (fentanyl)' },
  {
    id: 'prc-2018',
    kind: 'secondary',
    citation: 'HKTDC note: NPP and ANPP regulated as precursor chemicals in mainland China since 2018-02-01',
  },
  {
    id: 'prc-2019',
    kind: 'regulation',
    citation: 'PRC MPS, NHC and NMPA announcement 2019-04-01: class-wide control of fentanyl-related substances from 2019-05-01',
  },
  {
    id: 'prc-2024',
    kind: 'regulation',
    citation:
      'PRC MPS et al. announcement 2024-08-02: 4-AP, 1-boc-4-AP and norfentanyl in Category II precursor chemicals from 2024-09-01 (customs code 2933399073)',
  },
  {
    id: 'prc-white-paper-2025',
    kind: 'regulation',
    citation:
      'PRC SCIO white paper "Controlling Fentanyl-Related Substances" (2025-03-04): listing of 4-piperidone and 1-boc-4-piperidone under way',
  },
  { id: 'prc-narcotics-list', kind: 'regulation', citation: 'PRC catalogue of narcotic drugs (麻醉药品品种目录): fentanyl' },
  {
    id: 'hs-2022',
    kind: 'nomenclature',
    citation: 'WCO Harmonized System 2022 via UN Comtrade (datasets/harmonized-system, commit 905e5a0f, ODC-PDDL)',
  },
  {
    id: 'cbp-ny-h89507',
    kind: 'regulation',
    citation: 'CBP ruling NY H89507 (2002): tablet presses in HTS 8479.89.9897; 8422.30 rejected',
  },
  {
    id: 'cbp-artemis-2023',
    kind: 'secondary',
    citation: 'CBP JFK release 2023-09-28 (Operation Artemis): seizures of pill-press punch and die sets',
  },
  {
    id: 'dea-form-452',
    kind: 'regulation',
    citation:
      '21 CFR 1310.05(b): DEA Form 452 and a DEA transaction identifier before importing a tablet press or encapsulating machine',
  },
  {
    id: 'ofac-2023-04-14',
    kind: 'secondary',
    citation: 'OFAC 2023-04-14 designation: a broker bought 25 kg N-BOC-4-piperidone for the Sinaloa Cartel',
  },
  {
    id: 'cnn-2023-cas79099',
    kind: 'secondary',
    citation: 'CNN 2023 investigation: sellers offered "CAS79099 powder" (1-boc-4-piperidone) as a substitute',
  },
  {
    id: 'iupac-names',
    kind: 'editorial',
    citation: 'Chokepoint team: systematic and IUPAC-style names written from the structures (IUPAC 2013 recommendations)',
  },
  {
    id: 'team-translations',
    kind: 'editorial',
    citation: 'Chokepoint team: Chinese and Spanish chemical names as used in trade listings, from the systematic names',
  },
  {
    id: 'smiles-structures',
    kind: 'editorial',
    citation:
      'Chokepoint team: SMILES drawn from the named structures, cross-checked against ../shared/data/chem reference facts',
  },
  {
    id: 'watch-reagent',
    kind: 'editorial',
    citation:
      'Chokepoint team: reagent used in documented fentanyl routes (Siegfried, Gupta, benzylfentanyl); not controlled, watched',
  },
  {
    id: 'leather-trade',
    kind: 'editorial',
    citation:
      'Chokepoint team: "aniline leather" and "aniline dye" are trade terms for leather finishes and dyes, not aniline shipments',
  },
];
