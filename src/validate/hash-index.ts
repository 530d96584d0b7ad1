/**
Finds repeated keys (serial numbers, seeds, UPNs) across a million rows without holding their
text: each key becomes a 64-bit hash (two independent 32-bit halves). The first half goes into
an open-addressing table of 4-byte slots (small, so probes mostly hit the CPU cache); the second
half is kept per row and read only when first halves match. Two keys count as equal when both
halves match; for different keys that happens with probability about 2^-64 per pair (below 1 in
10^7 for a million-row file), a trade made so that validate streams (docs/seed-files.md). ASCII
letters are compared case-insensitively when `foldCase` is set.
*/
export class HashIndex {
  /** First hash halves; 0 marks an empty slot (a real 0 is stored as 1). */
  #slots: Int32Array;
  /** Row of the key in each slot. */
  #slotRows: Int32Array;
  /** Second hash half of every row's key, by row. */
  #rowHashes: Int32Array = new Int32Array(1024);
  #size = 0;
  readonly #fold: number;

  /** `expectedKeys` sizes the table up front so that a big file does not pay for regrowing it. */
  constructor(options: { foldCase: boolean; expectedKeys?: number }) {
    // Clearing bit 0x20 upper-cases ASCII letters; it is applied to letters only.
    this.#fold = options.foldCase ? 0x20 : 0;
    const wanted = Math.min(Math.max(options.expectedKeys ?? 0, 1024), 1 << 24) * 2;
    const capacity = 2 ** Math.ceil(Math.log2(wanted));
    this.#slots = new Int32Array(capacity);
    this.#slotRows = new Int32Array(capacity);
  }

  /** Record `key` for `row`; returns the first row that had the same key, or -1 when it is new. */
  firstRow(key: string, row: number): number {
    const fold = this.#fold;
    const length = key.length;
    let a = 0x811c9dc5 ^ length;
    let b = 0x9747b28c;
    // Two characters a step: half the multiplications of a per-character loop.
    for (let i = 0; i < length; i += 2) {
      let c = key.charCodeAt(i);
      let d = i + 1 < length ? key.charCodeAt(i + 1) : 0;
      if (c >= 97 && c <= 122) c ^= fold;
      if (d >= 97 && d <= 122) d ^= fold;
      const pair = c | (d << 16);
      a = Math.imul(a ^ pair, 0x01000193);
      b = Math.imul(b ^ pair, 0x5bd1e995);
      b ^= b >>> 13;
    }
    a = fmix(a) || 1;
    b = fmix(b ^ length);
    if (row >= this.#rowHashes.length) this.#rowHashes = grown(this.#rowHashes, row);
    this.#rowHashes[row] = b;
    const slots = this.#slots;
    const mask = slots.length - 1;
    let i = a & mask;
    for (;;) {
      const stored = slots[i]!;
      if (stored === 0) {
        slots[i] = a;
        this.#slotRows[i] = row;
        if (++this.#size * 2 > slots.length) this.#grow();
        return -1;
      }
      if (stored === a) {
        const other = this.#slotRows[i]!;
        if (this.#rowHashes[other] === b) return other;
      }
      i = (i + 1) & mask;
    }
  }

  #grow(): void {
    const [slots, rows] = [this.#slots, this.#slotRows];
    this.#slots = new Int32Array(slots.length * 2);
    this.#slotRows = new Int32Array(slots.length * 2);
    const mask = this.#slots.length - 1;
    for (let at = 0; at < slots.length; at++) {
      const a = slots[at]!;
      if (a === 0) continue;
      let i = a & mask;
      while (this.#slots[i] !== 0) i = (i + 1) & mask;
      this.#slots[i] = a;
      this.#slotRows[i] = rows[at]!;
    }
  }
}

function grown(array: Int32Array, index: number): Int32Array {
  const bigger = new Int32Array(Math.max(array.length * 2, index + 1));
  bigger.set(array);
  return bigger;
}

/** MurmurHash3's finaliser: spreads every input bit over the whole word. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
