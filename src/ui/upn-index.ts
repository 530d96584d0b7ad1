/**
Serial → UPN, remembered from earlier events so a `finished` row can show its user. Immutable
but cheap: an insert copies only the last chunk, and a new index shares every full chunk with
the old one, so 10,000 tokens do not mean 10,000 copies of a 10,000-entry map.
*/
export type UpnIndex = {
  readonly full: ReadonlyArray<ReadonlyMap<string, string | null>>;
  readonly tail: ReadonlyMap<string, string | null>;
};

const chunkSize = 512;

export const emptyUpnIndex: UpnIndex = { full: [], tail: new Map() };

/** The UPN last recorded for the serial; undefined if the serial was never seen. */
export function lookupUpn(index: UpnIndex, serialNumber: string): string | null | undefined {
  if (index.tail.has(serialNumber)) return index.tail.get(serialNumber);
  for (let i = index.full.length - 1; i >= 0; i--) {
    const chunk = index.full[i];
    if (chunk?.has(serialNumber) === true) return chunk.get(serialNumber);
  }
  return undefined;
}

export function withUpn(index: UpnIndex, serialNumber: string, upn: string | null): UpnIndex {
  if (lookupUpn(index, serialNumber) === upn) return index;
  const tail = new Map(index.tail).set(serialNumber, upn);
  return tail.size >= chunkSize
    ? { full: [...index.full, tail], tail: new Map() }
    : { full: index.full, tail };
}
