/**
 * The layout of a row's record: the batch table's columns of one transaction, interned, in one
 * 64-byte cache line. Each account's ring keeps the records of its latest rows (the window's
 * chunks keep only a few columns), so a decision reads a hub's rows as one sequential block.
 */

/** Bytes per record: one cache line. */
export const RECORD_BYTES = 64;
/** Float64 slots of a record (index `r * F64_STRIDE + field`). */
export const F64_STRIDE = RECORD_BYTES / 8;
export const TIME = 0;
export const AMOUNT = 1;
export const AMOUNT_USD = 2;
/** The row's own sequence number, so a copy of the record names its row. */
export const SEQ = 3;
/** Int32 slots (index `r * I32_STRIDE + field`), after five floats (the last one free). */
export const I32_STRIDE = RECORD_BYTES / 4;
export const DEBTOR = 10;
export const CREDITOR = 11;
export const DEBTOR_NAME = 12;
export const CREDITOR_NAME = 13;
/** Uint16 slots (index `r * U16_STRIDE + field`), the last eight bytes. */
export const U16_STRIDE = RECORD_BYTES / 2;
export const CURRENCY = 28;
export const CHANNEL = 29;
export const DEBTOR_COUNTRY = 30;
export const CREDITOR_COUNTRY = 31;

/** `capacity` records in one buffer, seen as floats, int32s and uint16s (the slots above). */
export class Records {
  readonly f64: Float64Array;
  readonly i32: Int32Array;
  readonly u16: Uint16Array;

  constructor(readonly capacity: number) {
    const buffer = new ArrayBuffer(capacity * RECORD_BYTES);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.u16 = new Uint16Array(buffer);
  }
}

/**
 * Copies record `from` of `source` to record `to` of `target`, as int32s: copying as floats could
 * let the engine rewrite an int32 pair that reads as a NaN.
 */
export function copyRecord(source: Int32Array, from: number, target: Int32Array, to: number): void {
  const x = from * I32_STRIDE;
  const y = to * I32_STRIDE;
  for (let k = 0; k < I32_STRIDE; k++) target[y + k] = source[x + k] as number;
}
