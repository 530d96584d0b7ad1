/** "1 row", "3 rows": a count with its noun, for every output. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
