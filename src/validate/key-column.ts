/**
One key per row (a serial number, a seed, a UPN), kept as a 64-bit hash — two independent
32-bit halves in typed arrays, 8 bytes a row — so that a million rows can be checked for repeats
without holding their text. Rows are only appended while the file streams (sequential writes,
cheap); repeats are found once at the end: a bit-set filter keeps the rows whose first half
may repeat, and a stable radix sort on that half groups them.

Two keys count as equal when both halves match. For different keys that happens with
probability about 2^-64 per pair, below one in ten million for a million-row file: a trade made
so that validate streams in bounded memory (docs/seed-files.md). ASCII letters are compared
case-insensitively when `foldCase` is set.
*/
export class KeyColumn {
  /** First hash half by row; 0 means the row has no key (a real 0 is stored as 1). */
  #h1: Int32Array = new Int32Array(1024);
  #h2: Int32Array = new Int32Array(1024);
  #rows = 0;
  readonly #fold: number;
  readonly #classes: Uint8Array | undefined;

  /** `charClasses`: 256 bit-flag entries, one per Latin-1 code, for `set` to AND over a key's characters. */
  constructor(options: { foldCase: boolean; charClasses?: Uint8Array }) {
    // Clearing bit 0x20 upper-cases ASCII letters; it is applied to letters only.
    this.#fold = options.foldCase ? 0x20 : 0;
    this.#classes = options.charClasses;
  }

  /**
  Record the key of `row` (rows come in increasing order; a row may have no key; setting a row
  again replaces its key). Returns the AND of `charClasses` over the key's characters (0 for
  one beyond Latin-1; 0xff for an empty key or a column without classes).
  */
  set(row: number, key: string): number {
    const fold = this.#fold;
    const classes = this.#classes;
    let all = 0xff;
    const length = key.length;
    let a = 0x811c9dc5 ^ length;
    let b = 0x9747b28c;
    let i = 0;
    // Four Latin-1 characters a step (one 32-bit word); anything wider goes one at a time.
    for (; i + 3 < length; i += 4) {
      let c0 = key.charCodeAt(i);
      let c1 = key.charCodeAt(i + 1);
      let c2 = key.charCodeAt(i + 2);
      let c3 = key.charCodeAt(i + 3);
      if ((c0 | c1 | c2 | c3) > 0xff) break;
      if (classes !== undefined) all &= classes[c0]! & classes[c1]! & classes[c2]! & classes[c3]!;
      if (fold !== 0) {
        if (c0 - 97 >= 0 && c0 - 97 < 26) c0 ^= fold;
        if (c1 - 97 >= 0 && c1 - 97 < 26) c1 ^= fold;
        if (c2 - 97 >= 0 && c2 - 97 < 26) c2 ^= fold;
        if (c3 - 97 >= 0 && c3 - 97 < 26) c3 ^= fold;
      }
      const word = c0 | (c1 << 8) | (c2 << 16) | (c3 << 24);
      a = Math.imul(a ^ word, 0x01000193);
      b = Math.imul(b ^ word, 0x5bd1e995);
      b ^= b >>> 13;
    }
    for (; i < length; i++) {
      let c = key.charCodeAt(i);
      if (classes !== undefined) all &= c <= 0xff ? classes[c]! : 0;
      if (c >= 97 && c <= 122) c ^= fold;
      a = Math.imul(a ^ (c | 0x10000), 0x01000193);
      b = Math.imul(b ^ (c | 0x10000), 0x5bd1e995);
      b ^= b >>> 13;
    }
    if (row >= this.#h1.length) this.#grow(row);
    this.#h1[row] = fmix(a) || 1;
    this.#h2[row] = fmix(b ^ length);
    this.#rows = row + 1;
    return all;
  }

  /** Forget the key of `row` (one already set, or none): the row takes part in no repeat. */
  clear(row: number): void {
    if (row < this.#rows) this.#h1[row] = 0;
  }

  /** Every set of two or more rows with the same key, each in row order. */
  repeats(): number[][] {
    const h1 = this.#h1;
    const h2 = this.#h2;
    const order = sortedByHash(h1, maybeRepeated(h1, this.#rows));
    const groups: number[][] = [];
    for (let i = 0; i < order.length;) {
      let j = i + 1;
      while (j < order.length && h1[order[j]!] === h1[order[i]!]) j++;
      if (j - i > 1) {
        // Rows sharing the first half: split them by the second (almost always one group).
        const byH2 = new Map<number, number[]>();
        for (let k = i; k < j; k++) {
          const row = order[k]!;
          const rows = byH2.get(h2[row]!);
          if (rows === undefined) byH2.set(h2[row]!, [row]);
          else rows.push(row);
        }
        for (const rows of byH2.values()) if (rows.length > 1) groups.push(rows);
      }
      i = j;
    }
    return groups;
  }

  #grow(row: number): void {
    const size = Math.max(this.#h1.length * 2, row + 1);
    const h1 = new Int32Array(size);
    h1.set(this.#h1);
    const h2 = new Int32Array(size);
    h2.set(this.#h2);
    [this.#h1, this.#h2] = [h1, h2];
  }
}

/**
The rows whose first hash half may be shared with another row, in row order: a filter of two
bit sets (seen once, seen again) indexed by the half's low bits, with 8 bits a row so that few
unique keys land in a shared slot. Most keys of a file are unique; this lets the radix sort run
on the few candidates instead of on every row (it took about 10 ms of a 100,000-row file).
*/
function maybeRepeated(h1: Int32Array, rows: number): Int32Array {
  let bits = 1 << 16;
  while (bits < rows * 8) bits *= 2;
  const mask = bits - 1;
  const seen = new Int32Array(bits >>> 5);
  const again = new Int32Array(bits >>> 5);
  let n = 0;
  for (let row = 0; row < rows; row++) {
    const h = h1[row]!;
    if (h === 0) continue;
    const word = (h & mask) >>> 5;
    const bit = 1 << (h & 31);
    if ((seen[word]! & bit) === 0) seen[word]! |= bit;
    else if ((again[word]! & bit) === 0) {
      again[word]! |= bit;
      n += 2; // this row and the first in the slot
    } else n++;
  }
  // Sized exactly: typed arrays are external memory, whose growth brings V8's major GC forward.
  const rowsOut = new Int32Array(n);
  if (n === 0) return rowsOut;
  let count = 0;
  for (let row = 0; row < rows; row++) {
    const h = h1[row]!;
    if (h !== 0 && (again[(h & mask) >>> 5]! & (1 << (h & 31))) !== 0) rowsOut[count++] = row;
  }
  return rowsOut;
}

/** The given rows, stably sorted by first hash half: LSD radix sort, four 8-bit digits. */
function sortedByHash(h1: Int32Array, rows: Int32Array): Int32Array {
  let order: Int32Array = rows;
  const n = rows.length;
  let spare: Int32Array = new Int32Array(n);
  const counts = new Int32Array(256 * 4);
  for (let i = 0; i < n; i++) {
    const h = h1[order[i]!]!;
    counts[h & 0xff]!++;
    counts[256 + ((h >>> 8) & 0xff)]!++;
    counts[512 + ((h >>> 16) & 0xff)]!++;
    counts[768 + (h >>> 24)]!++;
  }
  for (let digit = 0; digit < 4; digit++) {
    const base = digit * 256;
    const shift = digit * 8;
    let sum = 0;
    for (let d = 0; d < 256; d++) {
      const count = counts[base + d]!;
      counts[base + d] = sum;
      sum += count;
    }
    for (let i = 0; i < n; i++) {
      const row = order[i]!;
      spare[counts[base + ((h1[row]! >>> shift) & 0xff)]!++] = row;
    }
    [order, spare] = [spare, order];
  }
  return order;
}

/** MurmurHash3's finaliser: spreads every input bit over the whole word. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
