/**
UTF-16 saved without a BOM: text in Latin letters has a zero in every other byte (the high byte
of each character) and almost none in between. Decoding then checks the rest.
*/
export function utf16WithoutBom(head: Buffer): "utf-16le" | "utf-16be" | undefined {
  const pairs = Math.min(head.length >> 1, 2048);
  if (pairs < 8) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs; i += 1) {
    if (head[2 * i] === 0) even += 1;
    if (head[2 * i + 1] === 0) odd += 1;
  }
  if (odd >= pairs * 0.9 && even === 0) return "utf-16le";
  if (even >= pairs * 0.9 && odd === 0) return "utf-16be";
  return undefined;
}
