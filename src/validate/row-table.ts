import { fitsBase32, fitsHex } from "./seed-text.js";

const hasSeedBit = 4;
const bytesBit = 8;
const errorBit = 16;
const hashInferredBit = 32;
const hashCellEmptyBit = 64;
const sha256Bit = 128;

/**
The compact per-row state that verdicts deferred to the end of the file need: the line, the
seed's length and which encodings its characters allow, and a few flags — 7 bytes a row in typed
arrays, so a million rows cost 7 MB and no seed text is kept.
*/
export class RowTable {
  #lines = new Uint32Array(1024);
  #seedLengths = new Uint16Array(1024);
  #flags = new Uint8Array(1024);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(line: number): number {
    if (this.#length === this.#lines.length) this.#grow();
    const row = this.#length++;
    this.#lines[row] = line;
    return row;
  }

  setSeed(row: number, length: number, cls: number, bytes: boolean): void {
    this.#seedLengths[row] = Math.min(length, 0xffff);
    this.#flags[row]! |= hasSeedBit | (cls & (fitsBase32 | fitsHex)) | (bytes ? bytesBit : 0);
  }

  markError(row: number): void {
    this.#flags[row]! |= errorBit;
  }

  markHashInferred(row: number, cellEmpty: boolean): void {
    this.#flags[row]! |= hashInferredBit | (cellEmpty ? hashCellEmptyBit : 0);
  }

  markSha256(row: number): void {
    this.#flags[row]! |= sha256Bit;
  }

  line(row: number): number {
    return this.#lines[row]!;
  }

  seedLength(row: number): number {
    return this.#seedLengths[row]!;
  }

  seedClass(row: number): number {
    return this.#flags[row]! & (fitsBase32 | fitsHex);
  }

  hasSeed(row: number): boolean {
    return (this.#flags[row]! & hasSeedBit) !== 0;
  }

  isBytes(row: number): boolean {
    return (this.#flags[row]! & bytesBit) !== 0;
  }

  hasError(row: number): boolean {
    return (this.#flags[row]! & errorBit) !== 0;
  }

  hashInferred(row: number): boolean {
    return (this.#flags[row]! & hashInferredBit) !== 0;
  }

  hashCellEmpty(row: number): boolean {
    return (this.#flags[row]! & hashCellEmptyBit) !== 0;
  }

  isSha256(row: number): boolean {
    return (this.#flags[row]! & sha256Bit) !== 0;
  }

  errorCount(): number {
    const flags = this.#flags;
    let n = 0;
    for (let row = 0; row < this.#length; row++) if (flags[row]! & errorBit) n++;
    return n;
  }

  /** How many text seeds fit each encoding (decoded PSKC bytes fit any). */
  encodingCounts(): { seeds: number; base32: number; hex: number } {
    let seeds = 0;
    let base32 = 0;
    let hex = 0;
    const all = this.#flags;
    for (let row = 0; row < this.#length; row++) {
      const flags = all[row]!;
      if ((flags & hasSeedBit) === 0 || (flags & bytesBit) !== 0) continue;
      seeds++;
      if (flags & fitsBase32) base32++;
      if (flags & fitsHex) hex++;
    }
    return { seeds, base32, hex };
  }

  #grow(): void {
    const size = this.#lines.length * 2;
    const lines = new Uint32Array(size);
    lines.set(this.#lines);
    const seedLengths = new Uint16Array(size);
    seedLengths.set(this.#seedLengths);
    const flags = new Uint8Array(size);
    flags.set(this.#flags);
    [this.#lines, this.#seedLengths, this.#flags] = [lines, seedLengths, flags];
  }
}
