/**
The closest of `candidates` to what was typed, for "did you mean …?" after a typo: the one
candidate the input is a prefix of, else the nearest by edit distance when it is close enough
(at most 2 edits, and fewer than half the word). Null when nothing is a convincing guess.
*/
export function didYouMean(typed: string, candidates: readonly string[]): string | null {
  const prefixed = candidates.filter((c) => c.startsWith(typed) && c !== typed);
  if (prefixed.length === 1) return prefixed[0]!;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(typed, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  const limit = Math.min(2, Math.floor((typed.replace(/^-+/u, "").length - 1) / 2));
  return bestDistance > 0 && bestDistance <= limit ? best : null;
}

/** Levenshtein distance with adjacent transpositions (`--jsno` is one edit from `--json`). */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}
