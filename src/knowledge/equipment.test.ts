import { describe, expect, test } from 'vitest';
import { equipmentForHsCode, identifyEquipment } from './equipment.js';

describe('identifyEquipment', () => {
  test.each([
    ['TDP-5 tablet press, 220V', 'tablet-press', 'tablet press'],
    ['single punch Tablet-Press machine', 'tablet-press', 'single punch tablet press'], // the longest keyword wins,
    ['旋转式压片机 1台', 'tablet-press', '旋转式压片机'],
    ['prensa de tabletas manual', 'tablet-press', 'prensa de tabletas'],
    ['custom logo die mold set', 'punch-die', 'logo die'],
    ['troquel para caramelos', 'punch-die', 'troquel'],
  ])('%s', (text, equipmentId, keyword) => {
    expect(identifyEquipment(text)).toContainEqual(expect.objectContaining({ equipmentId, keyword }));
  });

  test.each(['press release printing', 'garlic press kitchen', 'die-cast model car'])('nothing in "%s"', (text) => {
    expect(identifyEquipment(text)).toEqual([]);
  });
});

describe('equipmentForHsCode', () => {
  test.each([
    ['8479.89', [{ equipmentId: 'tablet-press', relation: 'classified' }]],
    ['847989', [{ equipmentId: 'tablet-press', relation: 'classified' }]],
    ['8479.89.9897', [{ equipmentId: 'tablet-press', relation: 'classified' }]],
    ['8207.30', [{ equipmentId: 'punch-die', relation: 'classified' }]],
    [
      '8438.80',
      [
        { equipmentId: 'tablet-press', relation: 'misdeclared' },
        { equipmentId: 'punch-die', relation: 'misdeclared' },
      ],
    ],
    ['6109.10', []],
  ])('%s', (code, expected) => {
    expect(equipmentForHsCode(code)).toEqual(expected);
  });
});
